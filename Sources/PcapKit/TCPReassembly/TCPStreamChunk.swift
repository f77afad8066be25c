/// Bytes of one direction of a TCP stream, delivered in sequence order.
///
/// Consecutive chunks of one ``TCPDirection`` continue each other unless
/// ``startsStream`` or ``followsGap`` says otherwise; a consumer that frames messages
/// should drop its partial message in those two cases.
public struct TCPStreamChunk: Hashable, Sendable {
    /// Who sent the bytes to whom.
    public var direction: TCPDirection
    /// The capture time of the frame that made these bytes available (for bytes that
    /// arrived out of order, the frame that filled the hole before them).
    public var timestamp: PcapTimestamp
    /// The 1-based number of that frame in the capture.
    public var frameNumber: Int
    /// The stream bytes, in order, with retransmitted copies removed.
    public var bytes: [UInt8]
    /// True for the first bytes after a SYN: a new connection on this direction.
    public var startsStream: Bool
    /// True when bytes before these were never captured (or were given up on to keep
    /// memory bounded), so these do not continue the previous chunk.
    public var followsGap: Bool

    /// Creates a chunk.
    public init(direction: TCPDirection, timestamp: PcapTimestamp, frameNumber: Int, bytes: [UInt8], startsStream: Bool, followsGap: Bool) {
        self.direction = direction
        self.timestamp = timestamp
        self.frameNumber = frameNumber
        self.bytes = bytes
        self.startsStream = startsStream
        self.followsGap = followsGap
    }
}
