import BGPKit
import PcapKit

/// One BGP message found in the input, with where and when it was seen, decoded or not.
struct DecodedMessage {
    /// When the frame completing the message was captured (nil for `--hex`).
    var timestamp: PcapTimestamp?
    /// The capture frame completing the message (nil for `--hex`).
    var frameNumber: Int?
    /// Sender and receiver (nil for `--hex`).
    var direction: TCPDirection?
    /// The message as it was on the wire.
    var bytes: [UInt8]
    /// The decoded message, or why it could not be decoded.
    var result: Result<BGPMessage, BGPError>
    /// The context it was decoded with.
    var context: SessionContext

    /// The type byte's name, also for a message that failed to decode.
    var typeName: String {
        if case let .success(message) = result { return Self.name(of: message.type) }
        guard bytes.count > 18 else { return "unknown" }
        return Self.name(of: MessageType(rawValue: bytes[18]))
    }

    static func name(of type: MessageType) -> String {
        switch type {
        case .open: "OPEN"
        case .update: "UPDATE"
        case .notification: "NOTIFICATION"
        case .keepalive: "KEEPALIVE"
        case .routeRefresh: "ROUTE-REFRESH"
        default: "type \(type.rawValue)"
        }
    }
}

/// A problem with the input that is not one message: a stream whose framing broke, or
/// hex that ends inside a message.
struct StreamProblem {
    var timestamp: PcapTimestamp?
    var frameNumber: Int?
    var direction: TCPDirection?
    var text: String
}
