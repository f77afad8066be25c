/// How the outer source address is chosen.
public enum OuterSourcePolicy: Hashable, Sendable {
    /// Always this address.
    case fixed(IPAddress)
    /// The prefix's network bits, with the host bits taken from a hash of the inner flow
    /// (as Katran does), so that ECMP and RSS on the path and at the receiver see
    /// per-flow entropy while every packet of one flow keeps one source.
    case derivedFromFlow(IPPrefix)
}

/// How the outer DSCP is chosen.
public enum DSCPPolicy: Hashable, Sendable {
    /// Copy the inner packet's DSCP (RFC 2983 uniform model).
    case copy
    /// Set this value (0...63; pipe model).
    case set(UInt8)
}

/// How the outer IPv6 flow label is chosen.
public enum FlowLabelPolicy: Hashable, Sendable {
    /// A 20-bit hash of the inner 5-tuple, never zero (RFC 6438 section 3, RFC 6437).
    case fromFlow
    /// This value (masked to 20 bits).
    case fixed(UInt32)
}

/// How the outer IPv4 Don't Fragment bit is chosen.
public enum DontFragmentPolicy: Hashable, Sendable {
    /// RFC 2003 section 3.1: copy it from an inner IPv4 header; set it over IPv6 (which
    /// routers never fragment, RFC 4213 section 3.2).
    case copyInner
    /// Always set.
    case set
    /// Always clear.
    case clear
}

/// How the outer IPv4 identification is chosen.
public enum IdentificationPolicy: Hashable, Sendable {
    /// The low 16 bits of the flow hash (RFC 6864 allows any value in an atomic datagram).
    case fromFlow
    /// This value.
    case fixed(UInt16)
}

/// Everything an ``Encapsulator`` needs besides the packet.
public struct EncapsulationConfiguration: Hashable, Sendable {
    /// The tunnel's far end; its version decides the outer IP version.
    public var destination: IPAddress
    /// How the outer source is chosen; it must have the destination's version.
    public var source: OuterSourcePolicy
    /// The outer TTL or hop limit.
    public var hopLimit: UInt8
    /// The outer DSCP.
    public var dscp: DSCPPolicy
    /// The outer ECN field per RFC 6040.
    public var ecn: ECNEncapsulationMode
    /// The outer IPv6 flow label.
    public var flowLabel: FlowLabelPolicy
    /// The outer IPv4 DF bit.
    public var dontFragment: DontFragmentPolicy
    /// The outer IPv4 identification.
    public var identification: IdentificationPolicy
    /// When set (IPv6 outer only), an RFC 2473 tunnel encapsulation limit option with this
    /// value, in a destination options header (8 more bytes).
    public var encapsulationLimit: UInt8?
    /// The MTU of the link the outer packets leave on.
    public var linkMTU: Int
    /// A seed for the flow hash, so that different load balancers may spread differently.
    public var hashSeed: UInt32

    /// A configuration with the common defaults: hop limit 64, DSCP copied, ECN normal
    /// mode, flow label from the flow, DF copied, identification from the flow, no
    /// encapsulation limit, a 1500-byte link.
    public init(
        destination: IPAddress,
        source: OuterSourcePolicy,
        hopLimit: UInt8 = 64,
        dscp: DSCPPolicy = .copy,
        ecn: ECNEncapsulationMode = .normal,
        flowLabel: FlowLabelPolicy = .fromFlow,
        dontFragment: DontFragmentPolicy = .copyInner,
        identification: IdentificationPolicy = .fromFlow,
        encapsulationLimit: UInt8? = nil,
        linkMTU: Int = 1500,
        hashSeed: UInt32 = 0
    ) {
        self.destination = destination
        self.source = source
        self.hopLimit = hopLimit
        self.dscp = dscp
        self.ecn = ecn
        self.flowLabel = flowLabel
        self.dontFragment = dontFragment
        self.identification = identification
        self.encapsulationLimit = encapsulationLimit
        self.linkMTU = linkMTU
        self.hashSeed = hashSeed
    }

    /// The outer IP version (the destination's).
    public var outerVersion: IPVersion { destination.version }

    /// The bytes the outer headers take.
    public var overhead: Int {
        TunnelOverhead(outerVersion: outerVersion, encapsulationLimit: encapsulationLimit != nil).outerHeaderLength
    }
}
