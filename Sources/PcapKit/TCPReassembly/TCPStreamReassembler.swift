/// Turns captured TCP segments back into the byte streams the two ends exchanged.
///
/// Feed it every record of a capture in order; it returns, per record, the stream bytes
/// that became contiguous. Both directions of every connection are followed separately.
///
/// - Retransmitted bytes (whole or partial overlaps) are delivered once.
/// - Segments that arrive ahead of a hole wait until the hole is filled.
/// - Memory is bounded by ``Limits``: when a direction holds too many waiting bytes or
///   segments, or too many directions are followed, the reassembler gives up on the
///   hole and skips ahead, marking the next chunk ``TCPStreamChunk/followsGap``.
/// - A capture that starts mid-connection is followed from the first segment with data.
///
/// Every input is accepted: frames that are not TCP over IPv4 or IPv6, or whose headers
/// are malformed or truncated, are counted in ``statistics`` and otherwise ignored.
///
/// ```swift
/// var reassembler = TCPStreamReassembler(port: 179)
/// while let record = try reader.next() {
///     for chunk in reassembler.add(record, linkType: reader.linkType) { framer.append(chunk.bytes) }
/// }
/// ```
public struct TCPStreamReassembler {
    /// The bounds that keep memory use proportional to these numbers, whatever the input.
    public struct Limits: Hashable, Sendable {
        /// Bytes waiting behind a hole, per direction.
        public var maximumPendingBytes: Int
        /// Segments waiting behind a hole, per direction.
        public var maximumPendingSegments: Int
        /// Directions followed at once; the least recently active one is dropped beyond it.
        public var maximumDirections: Int

        /// 1 MiB and 1,024 segments per direction, 4,096 directions.
        public init(maximumPendingBytes: Int = 1 << 20, maximumPendingSegments: Int = 1024, maximumDirections: Int = 4096) {
            self.maximumPendingBytes = maximumPendingBytes
            self.maximumPendingSegments = maximumPendingSegments
            self.maximumDirections = maximumDirections
        }
    }

    /// What happened to the frames seen so far.
    public struct Statistics: Hashable, Sendable {
        /// Frames given to ``TCPStreamReassembler/add(_:linkType:)``.
        public var frames = 0
        /// Frames that were TCP segments of a followed port.
        public var segments = 0
        /// Frames ignored: not IP, not TCP, another port, or a fragment.
        public var ignored = 0
        /// Frames whose link, IP or TCP header was malformed or truncated.
        public var malformed = 0
        /// Payload bytes dropped because they had already been delivered.
        public var retransmittedBytes = 0
        /// Times a hole was given up on (see ``TCPStreamChunk/followsGap``).
        public var gaps = 0
    }

    private struct DirectionState {
        /// The sequence number of the next byte to deliver; nil until the first SYN or data.
        var nextSequence: UInt32?
        /// Segments ahead of `nextSequence`, by their first sequence number.
        var pending: [UInt32: [UInt8]] = [:]
        var pendingBytes = 0
        var startsStream = false
        var followsGap = false
        var lastActivity = 0
    }

    /// Only segments to or from this port are followed (nil: every port).
    public let port: UInt16?
    /// The bounds in force.
    public let limits: Limits
    /// Counts of what was seen.
    public private(set) var statistics = Statistics()
    private var directions: [TCPDirection: DirectionState] = [:]

    /// How many directions are followed now (at most ``Limits/maximumDirections``).
    public var followedDirections: Int { directions.count }

    /// Creates a reassembler following `port` (or every port), within `limits`.
    public init(port: UInt16? = nil, limits: Limits = Limits()) {
        self.port = port
        self.limits = limits
    }

    /// Takes one captured frame and returns the stream bytes it made available, in order.
    public mutating func add(_ record: PcapRecord, linkType: LinkType) -> [TCPStreamChunk] {
        add(frame: record.bytes, linkType: linkType, timestamp: record.timestamp, frameNumber: record.frameNumber)
    }

    /// Takes one frame given as bytes (as ``add(_:linkType:)`` does for a record).
    public mutating func add(frame bytes: UnsafeRawBufferPointer, linkType: LinkType, timestamp: PcapTimestamp, frameNumber: Int) -> [TCPStreamChunk] {
        statistics.frames += 1
        let link: LinkLayerFrame
        do { link = try LinkLayerFrame(decoding: bytes, linkType: linkType) } catch {
            statistics.malformed += 1
            return []
        }
        switch link.network {
        case .ipv4, .ipv6: break
        case .other:
            statistics.ignored += 1
            return []
        }
        let network = UnsafeRawBufferPointer(rebasing: bytes[link.headerLength...])
        let packet: IPPacket
        let segment: TCPSegment
        do {
            packet = try IPPacket(decoding: network)
            guard packet.transportProtocol == 6 else {
                statistics.ignored += 1
                return []
            }
            segment = try TCPSegment(decoding: network, range: packet.transportOffset..<packet.endOffset)
        } catch .fragment {
            statistics.ignored += 1
            return []
        } catch {
            statistics.malformed += 1
            return []
        }
        if let port, segment.sourcePort != port, segment.destinationPort != port {
            statistics.ignored += 1
            return []
        }
        statistics.segments += 1
        let direction = TCPDirection(
            source: TCPEndpoint(address: packet.source, port: segment.sourcePort),
            destination: TCPEndpoint(address: packet.destination, port: segment.destinationPort)
        )
        let payload = UnsafeRawBufferPointer(rebasing: network[segment.payload])
        return accept(segment, payload: payload, direction: direction, timestamp: timestamp, frameNumber: frameNumber)
    }

    private mutating func accept(_ segment: TCPSegment, payload: UnsafeRawBufferPointer, direction: TCPDirection, timestamp: PcapTimestamp, frameNumber: Int) -> [TCPStreamChunk] {
        var state = directions[direction] ?? DirectionState()
        if directions[direction] == nil { makeRoomForOneMoreDirection() }
        state.lastActivity = frameNumber
        var sequence = segment.sequenceNumber
        if segment.isSYN {
            // A SYN (re)starts this direction; a retransmitted SYN of the same connection
            // restarts it at the same place, which changes nothing.
            if state.nextSequence != sequence &+ 1 || !state.pending.isEmpty {
                state = DirectionState()
                state.lastActivity = frameNumber
                state.startsStream = true
            }
            sequence &+= 1
            state.nextSequence = state.nextSequence ?? sequence
        }
        var chunks: [TCPStreamChunk] = []
        if !payload.isEmpty {
            if state.nextSequence == nil { state.nextSequence = sequence }
            insert(Array(payload), at: sequence, into: &state)
            while true {
                var delivered: [UInt8] = []
                drain(&state, into: &delivered)
                if !delivered.isEmpty {
                    chunks.append(TCPStreamChunk(
                        direction: direction, timestamp: timestamp, frameNumber: frameNumber,
                        bytes: delivered, startsStream: state.startsStream, followsGap: state.followsGap
                    ))
                    state.startsStream = false
                    state.followsGap = false
                }
                // Too much waiting behind a hole: give up on the hole, resume at the
                // oldest waiting data, and say so on the next chunk.
                guard state.pendingBytes > limits.maximumPendingBytes || state.pending.count > limits.maximumPendingSegments,
                      let lowest = lowestPending(state) else { break }
                state.nextSequence = lowest
                state.followsGap = true
                statistics.gaps += 1
            }
        }
        if segment.isRST {
            // Nothing after a reset belongs to this connection; forget what waits.
            state.pending = [:]
            state.pendingBytes = 0
        }
        directions[direction] = state
        return chunks
    }

    /// Stores a segment at or ahead of the next expected byte, trimming what was
    /// already delivered (the caller drains and enforces the limits).
    private mutating func insert(_ bytes: [UInt8], at sequence: UInt32, into state: inout DirectionState) {
        guard let next = state.nextSequence else { return }
        let ahead = Int64(Int32(bitPattern: sequence &- next))
        var bytes = bytes
        var sequence = sequence
        if ahead < 0 {
            let old = Int(min(-ahead, Int64(bytes.count)))
            statistics.retransmittedBytes += old
            if old == bytes.count { return }
            bytes.removeFirst(old)
            sequence = next
        }
        if let existing = state.pending[sequence] {
            if existing.count >= bytes.count {
                statistics.retransmittedBytes += bytes.count
                return
            }
            state.pendingBytes -= existing.count
        }
        state.pending[sequence] = bytes
        state.pendingBytes += bytes.count
    }

    /// Moves every waiting segment that now starts at or before the next expected byte
    /// into `output`, in order.
    private mutating func drain(_ state: inout DirectionState, into output: inout [UInt8]) {
        while var next = state.nextSequence {
            var progressed = false
            for (sequence, bytes) in state.pending {
                let ahead = Int64(Int32(bitPattern: sequence &- next))
                guard ahead <= 0 else { continue }
                state.pending[sequence] = nil
                state.pendingBytes -= bytes.count
                let old = Int(min(-ahead, Int64(bytes.count)))
                if old < bytes.count {
                    output.append(contentsOf: bytes[old...])
                    next &+= UInt32(truncatingIfNeeded: bytes.count - old)
                }
                statistics.retransmittedBytes += old
                progressed = true
                break
            }
            state.nextSequence = next
            if !progressed { return }
        }
    }

    private func lowestPending(_ state: DirectionState) -> UInt32? {
        guard let next = state.nextSequence else { return nil }
        return state.pending.keys.min { ($0 &- next) < ($1 &- next) }
    }

    private mutating func makeRoomForOneMoreDirection() {
        guard directions.count >= limits.maximumDirections,
              let oldest = directions.min(by: { $0.value.lastActivity < $1.value.lastActivity })?.key
        else { return }
        directions[oldest] = nil
    }
}
