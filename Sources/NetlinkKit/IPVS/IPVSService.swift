/// The transport protocols IPVS balances.
public enum TransportProtocol: UInt16, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case tcp = 6
    case udp = 17
    case sctp = 132

    public var description: String {
        switch self {
        case .tcp: return "tcp"
        case .udp: return "udp"
        case .sctp: return "sctp"
        }
    }
}

/// What identifies a virtual service: protocol, address and port, or a firewall mark
/// (with the address family of the packets it marks).
public enum VirtualService: Hashable, Sendable, Comparable, CustomStringConvertible {
    case address(TransportProtocol, IPAddress, Port)
    case firewallMark(UInt32, AddressFamily)

    public var family: AddressFamily {
        switch self {
        case .address(_, let address, _): return address.family
        case .firewallMark(_, let family): return family
        }
    }

    /// "192.0.2.1:80/tcp", "[2001:db8::1]:443/tcp", "fwmark 7" (IPv6 marks: "fwmark 7/ipv6").
    public var description: String {
        switch self {
        case .address(let proto, let address, let port):
            return "\(Self.endpoint(address, port))/\(proto)"
        case .firewallMark(let mark, let family):
            return family == .inet ? "fwmark \(mark)" : "fwmark \(mark)/ipv6"
        }
    }

    /// "a.b.c.d:port" or "[v6]:port".
    public static func endpoint(_ address: IPAddress, _ port: Port) -> String {
        switch address {
        case .v4: return "\(address):\(port)"
        case .v6: return "[\(address)]:\(port)"
        }
    }

    /// Sort order: ipvsadm lists services in hash order; we list them by protocol, then
    /// address and port, then marks.
    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.address(let p1, let a1, let o1), .address(let p2, let a2, let o2)):
            return (a1, o1.value, p1.rawValue) < (a2, o2.value, p2.rawValue)
        case (.address, .firewallMark): return true
        case (.firewallMark, .address): return false
        case (.firewallMark(let m1, let f1), .firewallMark(let m2, let f2)): return (m1, f1.rawValue) < (m2, f2.rawValue)
        }
    }

    func encode(into writer: inout AttributeWriter) {
        typealias A = IPVSWire.ServiceAttribute
        writer.append(A.addressFamily, uint16: family.rawValue)
        switch self {
        case .address(let proto, let address, let port):
            writer.append(A.protocol, uint16: proto.rawValue)
            writer.append(A.address, bytes: address.paddedBytes)
            writer.append(A.port, bigEndian: port.value)
        case .firewallMark(let mark, _):
            writer.append(A.firewallMark, uint32: mark)
        }
    }

    init(parsing attributes: NetlinkAttributes) throws(NetlinkDecodingError) {
        typealias A = IPVSWire.ServiceAttribute
        let rawFamily = try attributes.require(A.addressFamily, "address family", in: "service").uint16()
        guard let family = AddressFamily(rawValue: rawFamily) else {
            throw NetlinkDecodingError("service address family \(rawFamily) is neither AF_INET nor AF_INET6",
                                       at: attributes.first(A.addressFamily)?.offset ?? 0)
        }
        if let mark = try attributes.uint32(A.firewallMark), mark != 0 {
            self = .firewallMark(mark, family)
            return
        }
        let rawProtocol = try attributes.require(A.protocol, "protocol", in: "service").uint16()
        guard let proto = TransportProtocol(rawValue: rawProtocol) else {
            throw NetlinkDecodingError("service protocol \(rawProtocol) is not TCP, UDP or SCTP",
                                       at: attributes.first(A.protocol)?.offset ?? 0)
        }
        let addressAttribute = try attributes.require(A.address, "address", in: "service")
        guard let address = IPAddress(bytes: addressAttribute.value, family: family) else {
            throw NetlinkDecodingError("service address of \(addressAttribute.value.count) bytes too short", at: addressAttribute.offset)
        }
        let port = try attributes.require(A.port, "port", in: "service").bigEndianUInt16()
        self = .address(proto, address, Port(port))
    }
}

/// Virtual service flags (`IP_VS_SVC_F_*`). Persistence is modelled by
/// ``IPVSService/persistence`` and the kernel's "hashed" bit is internal, so neither is
/// set here by callers.
public struct ServiceFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let persistent = ServiceFlags(rawValue: 0x0001)
    public static let hashed = ServiceFlags(rawValue: 0x0002)
    /// One-packet scheduling (UDP).
    public static let onePacket = ServiceFlags(rawValue: 0x0004)
    public static let scheduler1 = ServiceFlags(rawValue: 0x0008)
    public static let scheduler2 = ServiceFlags(rawValue: 0x0010)
    public static let scheduler3 = ServiceFlags(rawValue: 0x0020)
    /// `sh` scheduler: fall back to another server when the chosen one is unavailable.
    public static let shFallback = scheduler1
    /// `sh` scheduler: hash the source port too.
    public static let shPort = scheduler2
    /// `mh` scheduler: fall back to another server when the chosen one is unavailable.
    public static let mhFallback = scheduler1
    /// `mh` scheduler: hash the source port too.
    public static let mhPort = scheduler2

    /// The scheduler flags' names as ipvsadm's `-b` option spells them for `scheduler`.
    public func schedulerFlagNames(scheduler: String) -> [String] {
        var names: [String] = []
        let prefix = scheduler == "mh" ? "mh" : "sh"
        if contains(.scheduler1) { names.append("\(prefix)-fallback") }
        if contains(.scheduler2) { names.append("\(prefix)-port") }
        if contains(.scheduler3) { names.append("flag-3") }
        return names
    }

    /// Parses one `-b` name (sh-fallback, sh-port, mh-fallback, mh-port, flag-1..3).
    public init?(schedulerFlagName name: String) {
        switch name {
        case "sh-fallback", "mh-fallback", "flag-1": self = .scheduler1
        case "sh-port", "mh-port", "flag-2": self = .scheduler2
        case "flag-3": self = .scheduler3
        default: return nil
        }
    }
}

/// The source-address granularity of persistence: a mask for IPv4 services, a prefix
/// length for IPv6 ones (the kernel keeps the two in the same 32-bit field).
public enum PersistenceNetmask: Hashable, Sendable, CustomStringConvertible {
    case ipv4(IPv4Address)
    case ipv6(prefixLength: UInt8)

    /// The default: a single client address.
    public static func host(_ family: AddressFamily) -> PersistenceNetmask {
        family == .inet ? .ipv4(IPv4Address(0xffff_ffff)) : .ipv6(prefixLength: 128)
    }

    public var description: String {
        switch self {
        case .ipv4(let mask): return mask.description
        case .ipv6(let length): return String(length)
        }
    }
}

/// Client persistence: connections from one client (network) go to the same
/// destination for `timeout` seconds.
public struct Persistence: Hashable, Sendable {
    public var timeout: UInt32
    public var netmask: PersistenceNetmask

    public init(timeout: UInt32 = 300, netmask: PersistenceNetmask) {
        self.timeout = timeout
        self.netmask = netmask
    }
}

/// A virtual service and its settings.
public struct IPVSService: Hashable, Sendable {
    public var id: VirtualService
    /// Scheduler name: rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos.
    public var scheduler: String
    /// Flags other than persistence (one-packet, scheduler flags); "hashed" is ignored on write.
    public var flags: ServiceFlags
    public var persistence: Persistence?
    /// Persistence engine (e.g. "sip"), if any.
    public var persistenceEngine: String?
    /// Counters (read-only; from STATS64 when the kernel has it).
    public var stats: IPVSStats?
    /// The netmask the kernel reports even without persistence (kept so a re-encode matches).
    public var netmaskWithoutPersistence: PersistenceNetmask?

    public init(id: VirtualService, scheduler: String = "wlc", flags: ServiceFlags = [],
                persistence: Persistence? = nil, persistenceEngine: String? = nil) {
        self.id = id
        self.scheduler = scheduler
        self.flags = flags
        self.persistence = persistence
        self.persistenceEngine = persistenceEngine
    }

    /// The full service attribute for NEW/SET: the kernel requires scheduler, flags,
    /// timeout and netmask on both.
    func encode(into writer: inout AttributeWriter) {
        typealias A = IPVSWire.ServiceAttribute
        writer.nested(IPVSWire.CommandAttribute.service) { w in
            id.encode(into: &w)
            w.append(A.schedulerName, string: scheduler)
            if let persistenceEngine { w.append(A.persistenceEngineName, string: persistenceEngine) }
            var wireFlags = flags.subtracting([.persistent, .hashed])
            if persistence != nil { wireFlags.insert(.persistent) }
            var pair: [UInt8] = []
            pair.appendNative(wireFlags.rawValue)
            pair.appendNative(UInt32.max)
            w.append(A.flags, bytes: pair)
            w.append(A.timeout, uint32: persistence?.timeout ?? 0)
            switch persistence?.netmask ?? PersistenceNetmask.host(id.family) {
            case .ipv4(let mask): w.append(A.netmask, bigEndian: mask.value)
            case .ipv6(let length): w.append(A.netmask, uint32: UInt32(length))
            }
        }
    }

    /// Decodes the nested service attributes of a NEW_SERVICE reply.
    public init(parsing attributes: NetlinkAttributes) throws(NetlinkDecodingError) {
        typealias A = IPVSWire.ServiceAttribute
        id = try VirtualService(parsing: attributes)
        scheduler = attributes.string(A.schedulerName) ?? ""
        persistenceEngine = attributes.string(A.persistenceEngineName).flatMap { $0.isEmpty ? nil : $0 }
        var raw = ServiceFlags()
        if let pair = attributes.first(A.flags) {
            guard pair.value.count >= 4, let value = pair.value.native(UInt32.self, at: 0) else {
                throw NetlinkDecodingError("service flags attribute needs 8 bytes, has \(pair.value.count)", at: pair.offset)
            }
            raw = ServiceFlags(rawValue: value)
        }
        flags = raw.subtracting([.persistent, .hashed])
        var netmask = PersistenceNetmask.host(id.family)
        if let attribute = attributes.first(A.netmask) {
            switch id.family {
            case .inet: netmask = .ipv4(IPv4Address(try attribute.bigEndianUInt32()))
            case .inet6: netmask = .ipv6(prefixLength: UInt8(truncatingIfNeeded: min(try attribute.uint32(), 255)))
            }
        }
        if raw.contains(.persistent) {
            persistence = Persistence(timeout: try attributes.uint32(A.timeout) ?? 0, netmask: netmask)
        } else {
            persistence = nil
            if netmask != .host(id.family) { netmaskWithoutPersistence = netmask }
        }
        if let stats64 = try attributes.nested(A.stats64) {
            stats = try IPVSStats(parsing: stats64)
        } else if let stats32 = try attributes.nested(A.stats) {
            stats = try IPVSStats(parsing: stats32)
        }
    }
}
