/// One request to send: its message type, flags and payload (everything after the
/// netlink header). The connection adds the header, sequence number and ACK flag.
public struct NetlinkRequest: Equatable, Sendable {
    public var type: UInt16
    public var flags: NetlinkFlags
    public var payload: [UInt8]

    public init(type: UInt16, flags: NetlinkFlags = [], payload: [UInt8]) {
        self.type = type
        self.flags = flags
        self.payload = payload
    }
}
