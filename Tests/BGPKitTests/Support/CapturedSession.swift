import Foundation
import BGPKit
import PcapKit

/// The BGP messages of a committed capture (Tests/Fixtures/bgp), found the way
/// `bgp-announcer decode` finds them: TCP reassembly, framing per direction, and each
/// direction decoded with what the two OPENs negotiated.
struct CapturedSession {
    struct Message {
        /// The frame that completed the message (tshark attributes it to the same one).
        var frame: Int
        /// The sender's IP address.
        var source: String
        var bytes: [UInt8]
        var context: SessionContext
        var message: BGPMessage
    }

    static let names = ["bird-gobgp", "exabgp-gobgp", "frr-gobgp", "bad-peer-as", "hold-timer-expired"]

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/bgp")
    }

    var messages: [Message] = []

    init(_ name: String) throws {
        let reader = try PcapReader(path: Self.fixtures.appendingPathComponent("\(name).pcap").path)
        var reassembler = TCPStreamReassembler(port: 179)
        var framers: [TCPDirection: BGPFramer] = [:]
        var opens: [TCPEndpoint: OpenMessage] = [:]
        while let record = try reader.next() {
            for chunk in reassembler.add(record, linkType: reader.linkType) {
                let direction = chunk.direction
                if chunk.startsStream || chunk.followsGap {
                    framers[direction] = nil
                    opens[direction.source] = nil
                }
                var framer = framers[direction] ?? BGPFramer(maximumMessageLength: 65535)
                framer.append(chunk.bytes)
                while let bytes = try framer.nextMessage() {
                    let context = Self.context(sender: opens[direction.source], receiver: opens[direction.destination])
                    let message = try BGPMessage(decoding: bytes, context: context)
                    if case let .open(open) = message { opens[direction.source] = open }
                    messages.append(Message(frame: chunk.frameNumber, source: direction.source.address.description,
                                            bytes: bytes, context: context, message: message))
                }
                framers[direction] = framer
            }
        }
    }

    /// The context for one direction, from the OPENs each side sent.
    static func context(sender: OpenMessage?, receiver: OpenMessage?) -> SessionContext {
        guard let sender, let receiver else { return SessionContext(fourOctetAS: true, extendedMessage: true) }
        return SessionContext(sender: sender, receiver: receiver)
    }

    /// Every update, with its sender.
    var updates: [(source: String, update: UpdateMessage)] {
        messages.compactMap { m in
            if case let .update(u) = m.message { return (m.source, u) }
            return nil
        }
    }
}
