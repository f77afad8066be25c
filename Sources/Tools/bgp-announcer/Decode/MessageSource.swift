import BGPKit
import PcapKit

/// What the decoder finds, in input order.
enum DecodeEvent {
    case message(DecodedMessage)
    case problem(StreamProblem)
}

/// Finds the BGP messages in a capture: TCP streams to and from one port are
/// reassembled (both directions, out-of-order and retransmitted segments handled), each
/// direction framed, and each message decoded with the context the OPENs negotiated.
struct CaptureMessageSource {
    let path: String
    let port: UInt16

    private struct DirectionState {
        var framer = BGPFramer(maximumMessageLength: BGPMessageHeader.maximumExtendedLength)
        /// Set once the framing broke; cleared by a new connection or a gap.
        var broken = false
    }

    func run(_ emit: (DecodeEvent) -> Void) throws(PcapError) {
        let reader = try PcapReader(path: path)
        var reassembler = TCPStreamReassembler(port: port)
        var directions: [TCPDirection: DirectionState] = [:]
        var sessions: [Set<TCPEndpoint>: NegotiatedSession] = [:]
        while let record = try reader.next() {
            for chunk in reassembler.add(record, linkType: reader.linkType) {
                let direction = chunk.direction
                let sender = direction.source.description, receiver = direction.destination.description
                let connection: Set<TCPEndpoint> = [direction.source, direction.destination]
                var state = directions[direction] ?? DirectionState()
                if chunk.startsStream || chunk.followsGap {
                    if state.framer.bufferedByteCount > 0 && !state.broken {
                        emit(.problem(StreamProblem(
                            timestamp: chunk.timestamp, frameNumber: chunk.frameNumber, direction: direction,
                            text: "\(state.framer.bufferedByteCount) bytes of an unfinished message dropped: " + (chunk.startsStream ? "the connection restarted" : "bytes missing from the capture")
                        )))
                    }
                    state = DirectionState()
                    if chunk.startsStream { sessions[connection, default: NegotiatedSession()].forget(sender) }
                }
                if state.broken { continue }
                state.framer.append(chunk.bytes)
                while true {
                    let context = sessions[connection, default: NegotiatedSession()].context(from: sender, to: receiver)
                    let next: [UInt8]?
                    do {
                        next = try state.framer.nextMessage()
                    } catch {
                        state.broken = true
                        emit(.problem(StreamProblem(
                            timestamp: chunk.timestamp, frameNumber: chunk.frameNumber, direction: direction,
                            text: "stream cannot be framed, rest of this direction skipped: \(error)"
                        )))
                        break
                    }
                    guard let bytes = next else { break }
                    let result: Result<BGPMessage, BGPError>
                    do { result = .success(try BGPMessage(decoding: bytes, context: context)) } catch { result = .failure(error) }
                    if case let .success(.open(open)) = result {
                        sessions[connection, default: NegotiatedSession()].sawOpen(open, from: sender)
                    }
                    emit(.message(DecodedMessage(
                        timestamp: chunk.timestamp, frameNumber: chunk.frameNumber, direction: direction,
                        bytes: bytes, result: result, context: context
                    )))
                }
                directions[direction] = state
            }
        }
        for (direction, state) in directions where !state.broken && state.framer.bufferedByteCount > 0 {
            emit(.problem(StreamProblem(
                timestamp: nil, frameNumber: nil, direction: direction,
                text: "capture ends inside a message (\(state.framer.bufferedByteCount) bytes of it captured)"
            )))
        }
    }
}

/// Finds the BGP messages in bytes given as hex: one or more whole messages, back to back.
struct HexMessageSource {
    let bytes: [UInt8]
    let context: SessionContext

    func run(_ emit: (DecodeEvent) -> Void) {
        var framer = BGPFramer(maximumMessageLength: context.maximumMessageLength)
        framer.append(bytes)
        while true {
            let next: [UInt8]?
            do {
                next = try framer.nextMessage()
            } catch {
                emit(.problem(StreamProblem(text: "\(error)")))
                return
            }
            guard let message = next else { break }
            let result: Result<BGPMessage, BGPError>
            do { result = .success(try BGPMessage(decoding: message, context: context)) } catch { result = .failure(error) }
            emit(.message(DecodedMessage(bytes: message, result: result, context: context)))
        }
        if framer.bufferedByteCount > 0 {
            emit(.problem(StreamProblem(
                text: "input ends inside a message: \(framer.bufferedByteCount) bytes left after the last whole message"
            )))
        }
    }
}
