/// What a ``NetlinkConnection`` needs from a socket: send a datagram, receive one with
/// its sender's port id. A real socket (``NetlinkSocket``) and a scripted fake
/// (``ScriptedTransport``) implement it, so request handling is testable without root.
public protocol NetlinkTransport: AnyObject {
    /// The port id the kernel assigned to this socket (replies carry it).
    var localPortID: UInt32 { get }
    /// Sends one datagram (one or more complete messages).
    func send(_ datagram: [UInt8]) throws(NetlinkError)
    /// Receives one whole datagram, however large, and the port id that sent it
    /// (0 for the kernel).
    func receive() throws(NetlinkError) -> (bytes: [UInt8], senderPortID: UInt32)
    /// Receives at least one and at most `maximum` small datagrams in one go (for ACKs of
    /// pipelined requests). The default receives one.
    func receiveMany(maximum: Int) throws(NetlinkError) -> [(bytes: [UInt8], senderPortID: UInt32)]
}

extension NetlinkTransport {
    public func receiveMany(maximum: Int) throws(NetlinkError) -> [(bytes: [UInt8], senderPortID: UInt32)] {
        [try receive()]
    }
}

/// The netlink protocols this package speaks.
public enum NetlinkProtocol: Int32, Sendable {
    case route = 0
    case generic = 16
}
