/// An IPv4 or IPv6 address held as one 128-bit big-endian integer, IPv4 in its
/// IPv4-mapped form `::ffff:a.b.c.d` (RFC 4291 section 2.5.5.2), so that every algorithm
/// treats both families alike.
public struct IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address family, kept so that an IPv4 address prints as one.
    public enum Family: UInt8, Hashable, Sendable, Comparable {
        case ipv4, ipv6
        public static func < (a: Family, b: Family) -> Bool { a.rawValue < b.rawValue }
    }

    /// The first (most significant) 64 bits of the 128-bit form.
    public let high: UInt64
    /// The last 64 bits of the 128-bit form.
    public let low: UInt64
    /// The family the address was given in.
    public let family: Family

    /// The prefix of an IPv4-mapped address in the low half: `0000:0000:ffff:` then the IPv4 address.
    @usableFromInline static let ipv4MappedMarker: UInt64 = 0x0000_ffff_0000_0000

    /// An IPv4 address from its 32-bit value (`192.0.2.1` is `0xc0000201`).
    @inlinable
    public init(ipv4 value: UInt32) {
        high = 0
        low = Self.ipv4MappedMarker | UInt64(value)
        family = .ipv4
    }

    /// An IPv6 address from its two 64-bit big-endian halves.
    @inlinable
    public init(ipv6High high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
        family = .ipv6
    }

    /// The IPv4 value, if this is an IPv4 address.
    public var ipv4Value: UInt32? {
        family == .ipv4 ? UInt32(truncatingIfNeeded: low) : nil
    }

    /// The 16 bytes of the 128-bit form, in network order.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: half >> (UInt64(7 - index % 8) * 8))
        }
    }

    /// The four 32-bit words of the 128-bit form, most significant first.
    public var words: (UInt32, UInt32, UInt32, UInt32) {
        (UInt32(truncatingIfNeeded: high >> 32), UInt32(truncatingIfNeeded: high),
         UInt32(truncatingIfNeeded: low >> 32), UInt32(truncatingIfNeeded: low))
    }

    /// Orders by the 128-bit value, then IPv4 before IPv6 (only `::ffff:a.b.c.d` given
    /// as IPv6 ties with an IPv4 address).
    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        (a.high, a.low, a.family) < (b.high, b.low, b.family)
    }

    /// Dotted quad for IPv4; RFC 5952 text for IPv6 (lowercase, the longest run of two or
    /// more zero groups shown as `::`, IPv4-mapped addresses as `::ffff:a.b.c.d`).
    public var description: String {
        if let value = ipv4Value { return Self.dottedQuad(value) }
        let (w0, w1, w2, w3) = words
        if high == 0, w2 == 0xffff { return "::ffff:" + Self.dottedQuad(w3) }
        let groups: [UInt16] = [w0, w1, w2, w3].flatMap {
            [UInt16(truncatingIfNeeded: $0 >> 16), UInt16(truncatingIfNeeded: $0)]
        }
        // The longest run of zero groups, the first one on a tie, if at least two long.
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestLength >= 2 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    static func dottedQuad(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)"
    }
}
