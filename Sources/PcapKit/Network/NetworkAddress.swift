/// An IPv4 or IPv6 address as it appeared in a captured packet's header.
///
/// Stored as integers so that it hashes and compares cheaply as part of a flow key;
/// ``description`` gives the usual text form (RFC 5952 for IPv6).
public enum NetworkAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address, most significant octet first.
    case ipv4(UInt32)
    /// An IPv6 address as two 64-bit halves, most significant first.
    case ipv6(high: UInt64, low: UInt64)

    /// Reads 4 (IPv4) or 16 (IPv6) bytes at `offset`; the caller has checked the bounds.
    static func read(_ bytes: UnsafeRawBufferPointer, at offset: Int, ipv6: Bool) -> NetworkAddress {
        func word(_ at: Int, _ count: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in at..<(at + count) { value = value << 8 | UInt64(bytes[index]) }
            return value
        }
        if ipv6 { return .ipv6(high: word(offset, 8), low: word(offset + 8, 8)) }
        return .ipv4(UInt32(truncatingIfNeeded: word(offset, 4)))
    }

    /// `192.0.2.1` or `2001:db8::1` (lower-case, longest run of zero groups compressed).
    public var description: String {
        switch self {
        case let .ipv4(value):
            return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        case let .ipv6(high, low):
            var groups = [UInt16](repeating: 0, count: 8)
            for index in 0..<4 {
                groups[index] = UInt16(truncatingIfNeeded: high >> (48 - 16 * index))
                groups[index + 4] = UInt16(truncatingIfNeeded: low >> (48 - 16 * index))
            }
            // RFC 5952: compress the longest run of two or more zero groups, the first on a tie.
            var bestStart = -1, bestLength = 0, runStart = -1
            for index in 0...8 {
                if index < 8 && groups[index] == 0 {
                    if runStart < 0 { runStart = index }
                } else if runStart >= 0 {
                    if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                    runStart = -1
                }
            }
            if bestLength < 2 { bestStart = -1 }
            var text = ""
            var index = 0
            while index < 8 {
                if index == bestStart {
                    text += "::"
                    index += bestLength
                    continue
                }
                if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
                text += String(groups[index], radix: 16)
                index += 1
            }
            return text
        }
    }
}
