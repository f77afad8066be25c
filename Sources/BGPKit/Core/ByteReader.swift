/// A bounded cursor over borrowed bytes: every read checks the remaining length first.
///
/// The reader never copies: ``slice(_:)`` hands out a sub-reader over the same memory.
/// Offsets are absolute (``base`` is the position of the first byte in the whole
/// message), so an error raised anywhere names the byte where it happened. When a read
/// would run past the end it throws the error the current region was given
/// (``truncation``), because what "too short" means depends on where it happens.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    /// Absolute offset of `bytes[0]` in the outermost message.
    let base: Int
    /// Index of the next unread byte in `bytes`.
    var index: Int
    /// What to throw when a read runs past the end of this region.
    var truncation: ErrorTemplate

    init(_ bytes: UnsafeRawBufferPointer, base: Int = 0, truncation: ErrorTemplate) {
        self.bytes = bytes
        self.base = base
        self.index = 0
        self.truncation = truncation
    }

    /// Bytes left to read.
    var remaining: Int { bytes.count - index }
    /// True when every byte was read.
    var isAtEnd: Bool { index >= bytes.count }
    /// Absolute offset of the next unread byte.
    var offset: Int { base + index }

    @inline(never)
    func short(_ needed: Int) -> BGPError {
        truncation.error(at: offset, detail: "needs \(needed) bytes, \(remaining) left")
    }

    @inline(__always)
    mutating func require(_ count: Int) throws(BGPError) {
        if count < 0 || count > remaining { throw short(count) }
    }

    @inline(__always)
    mutating func readUInt8() throws(BGPError) -> UInt8 {
        guard index < bytes.count else { throw short(1) }
        let value = bytes[index]
        index += 1
        return value
    }

    @inline(__always)
    mutating func readUInt16() throws(BGPError) -> UInt16 {
        guard remaining >= 2 else { throw short(2) }
        let value = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
        index += 2
        return value
    }

    @inline(__always)
    mutating func readUInt24() throws(BGPError) -> UInt32 {
        guard remaining >= 3 else { throw short(3) }
        let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
        index += 3
        return value
    }

    @inline(__always)
    mutating func readUInt32() throws(BGPError) -> UInt32 {
        guard remaining >= 4 else { throw short(4) }
        let value = bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self).bigEndian
        index += 4
        return value
    }

    @inline(__always)
    mutating func readUInt64() throws(BGPError) -> UInt64 {
        guard remaining >= 8 else { throw short(8) }
        let value = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).bigEndian
        index += 8
        return value
    }

    /// The next `count` bytes as a sub-reader (same memory, absolute offsets kept).
    @inline(__always)
    mutating func slice(_ count: Int) throws(BGPError) -> ByteReader {
        try require(count)
        let sub = ByteReader(
            UnsafeRawBufferPointer(rebasing: bytes[index..<(index + count)]),
            base: base + index, truncation: truncation)
        index += count
        return sub
    }

    /// Everything left, as a sub-reader; this reader ends up at its end.
    @inline(__always)
    mutating func rest() -> ByteReader {
        let sub = ByteReader(
            UnsafeRawBufferPointer(rebasing: bytes[index...]), base: base + index, truncation: truncation)
        index = bytes.count
        return sub
    }

    /// The next `count` bytes, copied into an array (for values kept raw).
    mutating func readArray(_ count: Int) throws(BGPError) -> [UInt8] {
        try require(count)
        let array = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[index..<(index + count)]))
        index += count
        return array
    }

    /// Moves past `count` bytes.
    @inline(__always)
    mutating func skip(_ count: Int) throws(BGPError) {
        try require(count)
        index += count
    }

    /// The unread bytes, without consuming them.
    var unread: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[index...]) }

    /// Up to `limit` bytes starting `back` bytes before the cursor (clamped to this
    /// region), copied: for NOTIFICATION data that must never be sized by a length field.
    func copyBytes(from start: Int, count: Int) -> [UInt8] {
        let lower = max(0, min(start, bytes.count))
        let upper = max(lower, min(bytes.count, lower + max(0, count)))
        return [UInt8](UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]))
    }
}
