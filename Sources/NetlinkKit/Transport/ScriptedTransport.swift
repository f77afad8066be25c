/// A fake transport for tests: records every datagram sent and answers through a
/// script that sees each request message and returns the reply datagrams.
public final class ScriptedTransport: NetlinkTransport {
    /// Computes the replies to one request message (already split from its datagram).
    public typealias Responder = (_ request: NetlinkMessage) -> [[UInt8]]

    public let localPortID: UInt32
    /// Every datagram sent, in order.
    public private(set) var sent: [[UInt8]] = []
    private var pending: [[UInt8]] = []
    private let responder: Responder

    public init(localPortID: UInt32 = 4242, responder: @escaping Responder) {
        self.localPortID = localPortID
        self.responder = responder
    }

    public func send(_ datagram: [UInt8]) throws(NetlinkError) {
        sent.append(datagram)
        let messages: [NetlinkMessage]
        do { messages = try NetlinkMessage.split(datagram[...]) } catch { throw .malformed(error) }
        for message in messages { pending.append(contentsOf: responder(message)) }
    }

    public func receive() throws(NetlinkError) -> (bytes: [UInt8], senderPortID: UInt32) {
        guard !pending.isEmpty else { throw .system(call: "recvmsg (scripted: no reply left)", errno: Errno.EAGAIN) }
        return (pending.removeFirst(), 0)
    }

    /// Every request message sent, split from the datagrams.
    public var sentMessages: [NetlinkMessage] {
        sent.flatMap { (try? NetlinkMessage.split($0[...])) ?? [] }
    }

    // MARK: Reply builders

    /// An ACK (errno 0) for `request`, capped like the kernel with NETLINK_CAP_ACK.
    public static func ack(_ request: NetlinkMessage, portID: UInt32 = 4242) -> [UInt8] {
        error(0, for: request, portID: portID)
    }

    /// An error reply with `errno` and optional extended-ACK attributes.
    public static func error(_ errno: Int32, for request: NetlinkMessage, portID: UInt32 = 4242,
                             extendedAck: [UInt8] = []) -> [UInt8] {
        var payload: [UInt8] = []
        payload.appendNative(-errno)
        var echoed = request.header
        echoed.length = UInt32(NetlinkHeader.size)
        echoed.encode(into: &payload)
        payload.append(contentsOf: extendedAck)
        var flags: NetlinkFlags = [.capped]
        if !extendedAck.isEmpty { flags.insert(.acknowledgementTLVs) }
        return NetlinkMessage.encode(type: NetlinkMessageType.error, flags: flags,
                                     sequence: request.header.sequence, portID: portID, payload: payload)
    }

    /// A reply message of `type` answering `request`.
    public static func reply(_ type: UInt16, for request: NetlinkMessage, flags: NetlinkFlags = [],
                             portID: UInt32 = 4242, payload: [UInt8]) -> [UInt8] {
        NetlinkMessage.encode(type: type, flags: flags, sequence: request.header.sequence, portID: portID,
                              payload: payload)
    }

    /// NLMSG_DONE ending a dump.
    public static func done(for request: NetlinkMessage, portID: UInt32 = 4242, flags: NetlinkFlags = [.multi]) -> [UInt8] {
        var payload: [UInt8] = []
        payload.appendNative(Int32(0))
        return NetlinkMessage.encode(type: NetlinkMessageType.done, flags: flags,
                                     sequence: request.header.sequence, portID: portID, payload: payload)
    }
}
