/// How IPVS forwards a connection to a destination (`IP_VS_CONN_F_*` forwarding methods).
public enum ForwardingMethod: Hashable, Sendable, CustomStringConvertible {
    /// NAT.
    case masquerade
    /// The destination is this host.
    case local
    /// Encapsulated: IP-in-IP (or IPv4-in-IPv6 / IPv6-in-IPv6 by the destination's
    /// family), GUE or GRE.
    case tunnel(TunnelEncapsulation)
    /// Direct routing ("gatewaying"): the frame is sent to the destination's MAC.
    case directRouting
    /// Cache bypass (not settable from ipvsadm; reported for completeness).
    case bypass

    public var wireValue: UInt32 {
        switch self {
        case .masquerade: return 0
        case .local: return 1
        case .tunnel: return 2
        case .directRouting: return 3
        case .bypass: return 4
        }
    }

    public var description: String {
        switch self {
        case .masquerade: return "Masq"
        case .local: return "Local"
        case .tunnel: return "Tunnel"
        case .directRouting: return "Route"
        case .bypass: return "Bypass"
        }
    }
}

/// The tunnel a ``ForwardingMethod/tunnel(_:)`` destination is reached through.
public struct TunnelEncapsulation: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case ipip
        /// Generic UDP Encapsulation to this UDP port.
        case gue(port: Port)
        case gre

        public var name: String {
            switch self {
            case .ipip: return "ipip"
            case .gue: return "gue"
            case .gre: return "gre"
            }
        }
    }

    /// Checksum handling of the outer UDP/GRE header (`IP_VS_TUNNEL_ENCAP_FLAG_*`).
    public struct Checksum: OptionSet, Hashable, Sendable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let checksum = Checksum(rawValue: 1)
        public static let remoteChecksum = Checksum(rawValue: 2)
    }

    public var kind: Kind
    public var checksum: Checksum

    public init(_ kind: Kind = .ipip, checksum: Checksum = []) {
        self.kind = kind
        self.checksum = checksum
    }

    public static let ipip = TunnelEncapsulation(.ipip)
}

/// A destination (real server) of a virtual service. Its address has its own family:
/// an IPv4 service may be forwarded to IPv6 destinations through a tunnel.
public struct IPVSDestination: Hashable, Sendable {
    public var address: IPAddress
    public var port: Port
    public var forwarding: ForwardingMethod
    /// 0 quiesces the destination: no new connections.
    public var weight: UInt32
    /// Stop sending new connections above this many (0: no limit).
    public var upperThreshold: UInt32
    /// Resume below this many (0: no limit).
    public var lowerThreshold: UInt32
    // Read-only, from the kernel.
    public var activeConnections: UInt32 = 0
    public var inactiveConnections: UInt32 = 0
    public var persistentConnections: UInt32 = 0
    public var stats: IPVSStats?

    public init(address: IPAddress, port: Port, forwarding: ForwardingMethod = .directRouting, weight: UInt32 = 1,
                upperThreshold: UInt32 = 0, lowerThreshold: UInt32 = 0) {
        self.address = address
        self.port = port
        self.forwarding = forwarding
        self.weight = weight
        self.upperThreshold = upperThreshold
        self.lowerThreshold = lowerThreshold
    }

    /// "10.0.0.1:80" or "[2001:db8::1]:80".
    public var endpoint: String { VirtualService.endpoint(address, port) }

    /// Only the identity (for DEL_DEST): address family, address, port.
    static func encodeIdentity(address: IPAddress, port: Port, into writer: inout AttributeWriter) {
        typealias A = IPVSWire.DestinationAttribute
        writer.nested(IPVSWire.CommandAttribute.destination) { w in
            w.append(A.addressFamily, uint16: address.family.rawValue)
            w.append(A.address, bytes: address.paddedBytes)
            w.append(A.port, bigEndian: port.value)
        }
    }

    /// Every settable attribute (NEW_DEST and SET_DEST require them all).
    func encode(into writer: inout AttributeWriter) {
        typealias A = IPVSWire.DestinationAttribute
        writer.nested(IPVSWire.CommandAttribute.destination) { w in
            w.append(A.addressFamily, uint16: address.family.rawValue)
            w.append(A.address, bytes: address.paddedBytes)
            w.append(A.port, bigEndian: port.value)
            w.append(A.forwardingMethod, uint32: forwarding.wireValue)
            w.append(A.weight, uint32: weight)
            w.append(A.upperThreshold, uint32: upperThreshold)
            w.append(A.lowerThreshold, uint32: lowerThreshold)
            if case .tunnel(let tunnel) = forwarding {
                switch tunnel.kind {
                case .ipip: w.append(A.tunnelType, uint8: 0)
                case .gue(let port):
                    w.append(A.tunnelType, uint8: 1)
                    w.append(A.tunnelPort, bigEndian: port.value)
                case .gre: w.append(A.tunnelType, uint8: 2)
                }
                w.append(A.tunnelFlags, uint16: tunnel.checksum.rawValue)
            }
        }
    }

    /// Decodes a NEW_DEST reply's nested attributes; `serviceFamily` applies when the
    /// kernel (before 4.x) sends no address family of its own.
    public init(parsing attributes: NetlinkAttributes, serviceFamily: AddressFamily) throws(NetlinkDecodingError) {
        typealias A = IPVSWire.DestinationAttribute
        var family = serviceFamily
        if let raw = try attributes.uint16(A.addressFamily) {
            guard let known = AddressFamily(rawValue: raw) else {
                throw NetlinkDecodingError("destination address family \(raw) is neither AF_INET nor AF_INET6",
                                           at: attributes.first(A.addressFamily)?.offset ?? 0)
            }
            family = known
        }
        let addressAttribute = try attributes.require(A.address, "address", in: "destination")
        guard let address = IPAddress(bytes: addressAttribute.value, family: family) else {
            throw NetlinkDecodingError("destination address of \(addressAttribute.value.count) bytes too short",
                                       at: addressAttribute.offset)
        }
        self.address = address
        port = Port(try attributes.require(A.port, "port", in: "destination").bigEndianUInt16())
        let method = try attributes.uint32(A.forwardingMethod) ?? 0
        switch method & 0x7 {
        case 0: forwarding = .masquerade
        case 1: forwarding = .local
        case 2:
            var kind = TunnelEncapsulation.Kind.ipip
            switch try attributes.uint8(A.tunnelType) ?? 0 {
            case 1: kind = .gue(port: Port(try attributes.first(A.tunnelPort)?.bigEndianUInt16() ?? 0))
            case 2: kind = .gre
            default: kind = .ipip
            }
            let checksum = TunnelEncapsulation.Checksum(rawValue: try attributes.uint16(A.tunnelFlags) ?? 0)
            forwarding = .tunnel(TunnelEncapsulation(kind, checksum: checksum))
        case 3: forwarding = .directRouting
        default: forwarding = .bypass
        }
        weight = try attributes.uint32(A.weight) ?? 0
        upperThreshold = try attributes.uint32(A.upperThreshold) ?? 0
        lowerThreshold = try attributes.uint32(A.lowerThreshold) ?? 0
        activeConnections = try attributes.uint32(A.activeConnections) ?? 0
        inactiveConnections = try attributes.uint32(A.inactiveConnections) ?? 0
        persistentConnections = try attributes.uint32(A.persistentConnections) ?? 0
        if let stats64 = try attributes.nested(A.stats64) {
            stats = try IPVSStats(parsing: stats64)
        } else if let stats32 = try attributes.nested(A.stats) {
            stats = try IPVSStats(parsing: stats32)
        }
    }
}
