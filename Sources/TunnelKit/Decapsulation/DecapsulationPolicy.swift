/// What to do with an inner packet whose TTL or hop limit is 0.
public enum InnerTTLZeroPolicy: Hashable, Sendable {
    /// Report ``DecapsulationError/innerTTLZero(offset:)``: a router forwarding the
    /// inner packet would drop it.
    case drop
    /// Accept it: a host delivering the inner packet locally may.
    case allow
}

/// The choices a decapsulator makes that the standards leave to the operator.
public struct DecapsulationPolicy: Hashable, Sendable {
    /// UDP destination ports that carry Foo-over-UDP (reported as unsupported).
    public var fooOverUDPPorts: [UInt16]
    /// UDP destination ports that carry GUE (reported as unsupported).
    public var genericUDPEncapsulationPorts: [UInt16]
    /// Inner TTL 0: drop or allow.
    public var innerTTLZero: InnerTTLZeroPolicy
    /// How many IP-in-IP levels to remove; a packet nested deeper is an error. The default
    /// of 1 makes any nesting an error (see "Haunted by Legacy", 2025).
    public var maximumDepth: Int
    /// When set, outer sources outside these prefixes are ``DecapsulationError/spoofedOuterSource(_:)``.
    public var allowedOuterSources: [IPPrefix]?
    /// When set, inner destinations outside these prefixes (the VIPs) are
    /// ``DecapsulationError/unexpectedInnerDestination(_:)``.
    public var allowedInnerDestinations: [IPPrefix]?
    /// The longest IPv6 extension-header chain walked before the packet is refused.
    public var maximumExtensionHeaders: Int
    /// The MTU of the link the outer packets travel, for the TCP MSS warning.
    public var pathMTU: Int

    /// The defaults: FOU on 5555, GUE on 6080, drop inner TTL 0, depth 1, no allow-lists,
    /// at most 8 extension headers, a 1500-byte path MTU.
    public init(
        fooOverUDPPorts: [UInt16] = [5555],
        genericUDPEncapsulationPorts: [UInt16] = [6080],
        innerTTLZero: InnerTTLZeroPolicy = .drop,
        maximumDepth: Int = 1,
        allowedOuterSources: [IPPrefix]? = nil,
        allowedInnerDestinations: [IPPrefix]? = nil,
        maximumExtensionHeaders: Int = 8,
        pathMTU: Int = 1500
    ) {
        self.fooOverUDPPorts = fooOverUDPPorts
        self.genericUDPEncapsulationPorts = genericUDPEncapsulationPorts
        self.innerTTLZero = innerTTLZero
        self.maximumDepth = maximumDepth
        self.allowedOuterSources = allowedOuterSources
        self.allowedInnerDestinations = allowedInnerDestinations
        self.maximumExtensionHeaders = maximumExtensionHeaders
        self.pathMTU = pathMTU
    }
}
