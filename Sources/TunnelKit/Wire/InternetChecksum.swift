/// The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
///
/// The sum is the 16-bit one's-complement sum of the data read as big-endian words; the
/// checksum stored in a header is its complement. A header whose stored checksum is right
/// sums to `0xFFFF` over all its bytes.
public enum InternetChecksum {
    /// The folded one's-complement sum of `bytes[range]` added to `initial`
    /// (an odd last byte is padded with a zero, as RFC 1071 says).
    public static func sum(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, initial: UInt32 = 0) -> UInt16 {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "checksum range outside the bytes")
        // 64-bit accumulator: at most 2^16 words per header, so it cannot overflow.
        var total = UInt64(initial)
        var offset = range.lowerBound
        let end = range.upperBound
        while offset + 8 <= end {
            let word = bytes.uint64(offset)
            total &+= word >> 32
            total &+= word & 0xFFFF_FFFF
            offset += 8
        }
        while offset + 2 <= end {
            total &+= UInt64(bytes.uint16(offset))
            offset += 2
        }
        if offset < end { total &+= UInt64(bytes[offset]) << 8 }
        return fold(total)
    }

    /// The sum of the 20-byte IPv4 header without options at `offset`: five 32-bit loads,
    /// no loop, for the hot path of every IPv4 header check.
    @inline(__always)
    static func sumOf20Bytes(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        let total = UInt64(bytes.uint32(offset)) &+ UInt64(bytes.uint32(offset + 4)) &+ UInt64(bytes.uint32(offset + 8))
            &+ UInt64(bytes.uint32(offset + 12)) &+ UInt64(bytes.uint32(offset + 16))
        return fold(total)
    }

    /// Folds a wide one's-complement accumulator into 16 bits.
    @inline(__always)
    public static func fold(_ wide: UInt64) -> UInt16 {
        var total = (wide >> 32) &+ (wide & 0xFFFF_FFFF)
        total = (total >> 16) &+ (total & 0xFFFF)
        total = (total >> 16) &+ (total & 0xFFFF)
        total = (total >> 16) &+ (total & 0xFFFF)
        return UInt16(truncatingIfNeeded: total)
    }

    /// The checksum to store for `bytes[range]` (the complement of the sum, with the
    /// checksum field itself zero or excluded).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, initial: UInt32 = 0) -> UInt16 {
        ~sum(bytes, range, initial: initial)
    }

    /// RFC 1624 equation 3: the new checksum after one 16-bit word changes from `old`
    /// to `new`, without summing the data again: `HC' = ~(~HC + ~m + m')`.
    @inline(__always)
    public static func updated(_ checksum: UInt16, replacing old: UInt16, with new: UInt16) -> UInt16 {
        let total = UInt64(~checksum) &+ UInt64(~old) &+ UInt64(new)
        return ~fold(total)
    }

    @inline(__always)
    static func addressSum(_ address: IPAddress) -> UInt64 {
        switch address {
        case let .v4(a):
            return UInt64(a.value >> 16) &+ UInt64(a.value & 0xFFFF)
        case let .v6(a):
            return (a.high >> 48) &+ ((a.high >> 32) & 0xFFFF) &+ ((a.high >> 16) & 0xFFFF) &+ (a.high & 0xFFFF)
                &+ (a.low >> 48) &+ ((a.low >> 32) & 0xFFFF) &+ ((a.low >> 16) & 0xFFFF) &+ (a.low & 0xFFFF)
        }
    }

    /// The one's-complement sum of an IPv4 or IPv6 pseudo-header (RFC 768, RFC 8200 8.1)
    /// for an upper-layer checksum, as a 32-bit partial to pass as `initial`.
    public static func pseudoHeaderSum(source: IPAddress, destination: IPAddress, protocol: UInt8, length: Int) -> UInt32 {
        var total: UInt64 = UInt64(`protocol`) &+ UInt64(UInt32(truncatingIfNeeded: length) >> 16) &+ UInt64(length & 0xFFFF)
        total &+= addressSum(source)
        total &+= addressSum(destination)
        return UInt32(fold(total))
    }
}
