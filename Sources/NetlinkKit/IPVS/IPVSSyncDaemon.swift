/// A connection-synchronisation daemon: a master sends connection state to backups
/// over multicast.
public struct IPVSSyncDaemon: Hashable, Sendable {
    public enum Role: UInt32, Sendable, Hashable {
        case master = 1
        case backup = 2

        public var name: String { self == .master ? "master" : "backup" }
    }

    public var role: Role
    public var interface: String
    public var syncID: UInt32
    /// UDP payload size (0: from the interface MTU).
    public var maximumLength: UInt16?
    /// Multicast group (IPv4 or IPv6); the kernel default is 224.0.0.81.
    public var group: IPAddress?
    public var port: Port?
    public var ttl: UInt8?

    public init(role: Role, interface: String, syncID: UInt32 = 0, maximumLength: UInt16? = nil,
                group: IPAddress? = nil, port: Port? = nil, ttl: UInt8? = nil) {
        self.role = role
        self.interface = interface
        self.syncID = syncID
        self.maximumLength = maximumLength
        self.group = group
        self.port = port
        self.ttl = ttl
    }

    func encode(into writer: inout AttributeWriter) {
        typealias A = IPVSWire.DaemonAttribute
        writer.nested(IPVSWire.CommandAttribute.daemon) { w in
            w.append(A.state, uint32: role.rawValue)
            w.append(A.multicastInterface, string: interface)
            w.append(A.syncID, uint32: syncID)
            if let maximumLength { w.append(A.syncMaximumLength, uint16: maximumLength) }
            switch group {
            case .v4(let a)?: w.append(A.multicastGroup, bytes: a.bytes)
            case .v6(let a)?: w.append(A.multicastGroup6, bytes: a.bytes)
            case nil: break
            }
            if let port { w.append(A.multicastPort, uint16: port.value) }
            if let ttl { w.append(A.multicastTTL, uint8: ttl) }
        }
    }

    public init(parsing attributes: NetlinkAttributes) throws(NetlinkDecodingError) {
        typealias A = IPVSWire.DaemonAttribute
        let state = try attributes.require(A.state, "state", in: "sync daemon").uint32()
        guard let role = Role(rawValue: state) else {
            throw NetlinkDecodingError("sync daemon state \(state) is neither master nor backup", at: attributes.first(A.state)?.offset ?? 0)
        }
        self.role = role
        interface = attributes.string(A.multicastInterface) ?? ""
        syncID = try attributes.uint32(A.syncID) ?? 0
        maximumLength = try attributes.uint16(A.syncMaximumLength)
        if let v6 = attributes.first(A.multicastGroup6), let a = IPv6Address(bytes: v6.value), v6.value.count == 16 {
            group = .v6(a)
        } else if let v4 = attributes.first(A.multicastGroup), let a = IPv4Address(bytes: v4.value), v4.value.count == 4 {
            group = .v4(a)
        }
        port = try attributes.uint16(A.multicastPort).map { Port($0) }
        ttl = try attributes.uint8(A.multicastTTL)
    }
}
