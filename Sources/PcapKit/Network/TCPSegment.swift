/// The header of a TCP segment and where its payload lies.
///
/// Decoding is total: the data offset is checked against the bytes the IP layer says
/// belong to the segment.
public struct TCPSegment: Hashable, Sendable {
    /// The sender's port.
    public var sourcePort: UInt16
    /// The receiver's port.
    public var destinationPort: UInt16
    /// The sequence number of the first payload byte (or of the SYN / FIN).
    public var sequenceNumber: UInt32
    /// The acknowledgement number.
    public var acknowledgementNumber: UInt32
    /// The flag bits (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, ...).
    public var flags: UInt8
    /// The payload's range within the bytes given to ``init(decoding:range:)``.
    public var payload: Range<Int>

    /// FIN: the sender has no more data.
    public var isFIN: Bool { flags & 0x01 != 0 }
    /// SYN: the sender starts a connection; its data starts at `sequenceNumber + 1`.
    public var isSYN: Bool { flags & 0x02 != 0 }
    /// RST: the connection is aborted.
    public var isRST: Bool { flags & 0x04 != 0 }

    /// Decodes the TCP header found in `bytes[range]` (the range the IP layer gave).
    public init(decoding bytes: UnsafeRawBufferPointer, range: Range<Int>) throws(IPPacketError) {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { throw .truncated(offset: bytes.count) }
        let start = range.lowerBound
        guard range.count >= 20 else { throw .truncated(offset: range.upperBound) }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[start + at]) << 8 | UInt16(bytes[start + at + 1]) }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) << 16 | UInt32(u16(at + 2)) }
        let headerLength = Int(bytes[start + 12] >> 4) * 4
        guard headerLength >= 20 else { throw .badHeaderLength(offset: start + 12) }
        guard headerLength <= range.count else { throw .truncated(offset: range.upperBound) }
        sourcePort = u16(0)
        destinationPort = u16(2)
        sequenceNumber = u32(4)
        acknowledgementNumber = u32(8)
        flags = bytes[start + 13]
        payload = (start + headerLength)..<range.upperBound
    }
}
