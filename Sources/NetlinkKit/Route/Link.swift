/// What kind of link to create, with its parameters.
public enum LinkKind: Hashable, Sendable {
    case dummy
    /// A veth pair; `peer` names the other end.
    case veth(peer: String)
    /// An IPv6 tunnel (ip6tnl).
    case ip6tnl(IP6TunnelParameters)
    /// IPv4-in-IPv4.
    case ipip(IPTunnelParameters)
    /// IPv6-in-IPv4 (and ipip / any) over an IPv4 underlay.
    case sit(IPTunnelParameters)

    public var name: String {
        switch self {
        case .dummy: return "dummy"
        case .veth: return "veth"
        case .ip6tnl: return "ip6tnl"
        case .ipip: return "ipip"
        case .sit: return "sit"
        }
    }
}

/// Parameters of an ip6tnl device.
public struct IP6TunnelParameters: Hashable, Sendable {
    /// The inner protocol: ip6ip6 (IPv6 in IPv6), ipip6 (IPv4 in IPv6) or any.
    public enum Mode: UInt8, Hashable, Sendable {
        case ip6ip6 = 41
        case ipip6 = 4
        case any = 0

        public var name: String {
            switch self {
            case .ip6ip6: return "ip6ip6"
            case .ipip6: return "ipip6"
            case .any: return "any"
            }
        }
    }

    public var mode: Mode
    public var local: IPv6Address?
    public var remote: IPv6Address?
    /// Metadata ("external") mode: endpoints come per packet from lightweight tunnels or BPF.
    public var external: Bool
    public var hopLimit: UInt8?
    public var encapsulationLimit: UInt8?
    /// `IP6_TNL_F_*` flags (e.g. 0x1 ignore encapsulation limit).
    public var flags: UInt32?
    /// The underlying link's index.
    public var underlyingLink: UInt32?

    public init(mode: Mode = .any, local: IPv6Address? = nil, remote: IPv6Address? = nil, external: Bool = false,
                hopLimit: UInt8? = nil, encapsulationLimit: UInt8? = nil, flags: UInt32? = nil, underlyingLink: UInt32? = nil) {
        self.mode = mode
        self.local = local
        self.remote = remote
        self.external = external
        self.hopLimit = hopLimit
        self.encapsulationLimit = encapsulationLimit
        self.flags = flags
        self.underlyingLink = underlyingLink
    }

    func encode(into w: inout AttributeWriter) {
        typealias A = RouteWire.TunnelAttribute
        if external {
            w.append(A.collectMetadata, bytes: EmptyCollection<UInt8>())
        }
        w.append(A.protocol, uint8: mode.rawValue)
        if let local { w.append(A.local, bytes: local.bytes) }
        if let remote { w.append(A.remote, bytes: remote.bytes) }
        if let hopLimit { w.append(A.ttl, uint8: hopLimit) }
        if let encapsulationLimit { w.append(A.encapsulationLimit, uint8: encapsulationLimit) }
        if let flags { w.append(A.flags, uint32: flags) }
        if let underlyingLink { w.append(A.link, uint32: underlyingLink) }
    }

    init(parsing a: NetlinkAttributes) throws(NetlinkDecodingError) {
        typealias A = RouteWire.TunnelAttribute
        mode = Mode(rawValue: try a.uint8(A.protocol) ?? 0) ?? .any
        // The kernel reports an unset endpoint as "::"; the model says nil.
        local = a.first(A.local).flatMap { $0.value.count == 16 ? IPv6Address(bytes: $0.value) : nil }.flatMap { $0.isUnspecified ? nil : $0 }
        remote = a.first(A.remote).flatMap { $0.value.count == 16 ? IPv6Address(bytes: $0.value) : nil }.flatMap { $0.isUnspecified ? nil : $0 }
        external = a.first(A.collectMetadata) != nil
        hopLimit = try a.uint8(A.ttl)
        encapsulationLimit = try a.uint8(A.encapsulationLimit)
        flags = try a.uint32(A.flags)
        underlyingLink = try a.uint32(A.link)
        if underlyingLink == 0 { underlyingLink = nil }
    }
}

/// Parameters of an ipip or sit device.
public struct IPTunnelParameters: Hashable, Sendable {
    /// The inner protocol: 4 (IPv4), 41 (IPv6, sit only), 0 (any).
    public var innerProtocol: UInt8?
    public var local: IPv4Address?
    public var remote: IPv4Address?
    public var external: Bool
    public var ttl: UInt8?
    public var underlyingLink: UInt32?

    public init(innerProtocol: UInt8? = nil, local: IPv4Address? = nil, remote: IPv4Address? = nil, external: Bool = false,
                ttl: UInt8? = nil, underlyingLink: UInt32? = nil) {
        self.innerProtocol = innerProtocol
        self.local = local
        self.remote = remote
        self.external = external
        self.ttl = ttl
        self.underlyingLink = underlyingLink
    }

    func encode(into w: inout AttributeWriter) {
        typealias A = RouteWire.TunnelAttribute
        if external { w.append(A.collectMetadata, bytes: EmptyCollection<UInt8>()) }
        if let innerProtocol { w.append(A.protocol, uint8: innerProtocol) }
        if let local { w.append(A.local, bytes: local.bytes) }
        if let remote { w.append(A.remote, bytes: remote.bytes) }
        if let ttl { w.append(A.ttl, uint8: ttl) }
        if let underlyingLink { w.append(A.link, uint32: underlyingLink) }
    }

    init(parsing a: NetlinkAttributes) throws(NetlinkDecodingError) {
        typealias A = RouteWire.TunnelAttribute
        innerProtocol = try a.uint8(A.protocol)
        local = a.first(A.local).flatMap { $0.value.count == 4 ? IPv4Address(bytes: $0.value) : nil }.flatMap { $0.value == 0 ? nil : $0 }
        remote = a.first(A.remote).flatMap { $0.value.count == 4 ? IPv4Address(bytes: $0.value) : nil }.flatMap { $0.value == 0 ? nil : $0 }
        external = a.first(A.collectMetadata) != nil
        ttl = try a.uint8(A.ttl)
        underlyingLink = try a.uint32(A.link)
        if underlyingLink == 0 { underlyingLink = nil }
    }
}

/// A network interface as RTM_NEWLINK describes it.
public struct Link: Hashable, Sendable {
    public var index: Int32
    public var name: String
    /// `IFF_*` flags (0x1 up, 0x8 loopback, 0x40 running...).
    public var flags: UInt32
    public var mtu: UInt32?
    /// The ARPHRD_* device type.
    public var deviceType: UInt16
    /// The kind from IFLA_LINKINFO ("veth", "ip6tnl"...), nil for physical devices and lo.
    public var kind: String?
    /// The parameters of a tunnel or veth, when the kernel reports them.
    public var details: LinkKind?
    public var hardwareAddress: [UInt8]?
    /// The index of the underlying or peer link (IFLA_LINK).
    public var parentIndex: Int32?

    public var isUp: Bool { flags & RouteWire.interfaceUp != 0 }

    /// Decodes an RTM_NEWLINK message's payload.
    public init(parsing payload: ArraySlice<UInt8>, offset: Int = 0) throws(NetlinkDecodingError) {
        guard payload.count >= 16, let type = payload.native(UInt16.self, at: 2), let index = payload.native(Int32.self, at: 4),
              let flags = payload.native(UInt32.self, at: 8)
        else { throw NetlinkDecodingError("ifinfomsg needs 16 bytes, has \(payload.count)", at: offset) }
        self.index = index
        self.flags = flags
        deviceType = type
        let a = try NetlinkAttributes(parsing: payload.bytes(from: 16) ?? [], baseOffset: offset + 16)
        typealias L = RouteWire.LinkAttribute
        name = a.string(L.name) ?? ""
        mtu = try a.uint32(L.mtu)
        hardwareAddress = a.first(L.address).map { Array($0.value) }
        parentIndex = try a.int32(L.link)
        if let info = try a.nested(L.linkInfo) {
            kind = info.string(RouteWire.LinkInfoAttribute.kind)
            if let data = try info.nested(RouteWire.LinkInfoAttribute.data) {
                switch kind {
                case "ip6tnl": details = .ip6tnl(try IP6TunnelParameters(parsing: data))
                case "ipip": details = .ipip(try IPTunnelParameters(parsing: data))
                case "sit": details = .sit(try IPTunnelParameters(parsing: data))
                default: break
                }
            } else if kind == "dummy" {
                details = .dummy
            }
        }
    }
}
