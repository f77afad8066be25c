/// An IPv6 address, stored as two 64-bit halves in host order.
///
/// Parses every RFC 4291 text form (`::` compression, an embedded dotted-quad tail) and
/// prints the RFC 5952 canonical form: lowercase, no leading zeros, the longest run of
/// two or more zero groups compressed (the first such run on a tie), and IPv4-mapped
/// addresses with a dotted-quad tail (`::ffff:192.0.2.1`).
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first 64 bits: `2001:db8::` has `high == 0x2001_0db8_0000_0000`.
    public var high: UInt64
    /// The last 64 bits.
    public var low: UInt64

    /// The address with these halves.
    @inlinable
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address from its eight 16-bit groups.
    @inlinable
    public init(_ g0: UInt16, _ g1: UInt16, _ g2: UInt16, _ g3: UInt16,
                _ g4: UInt16, _ g5: UInt16, _ g6: UInt16, _ g7: UInt16) {
        high = UInt64(g0) << 48 | UInt64(g1) << 32 | UInt64(g2) << 16 | UInt64(g3)
        low = UInt64(g4) << 48 | UInt64(g5) << 32 | UInt64(g6) << 16 | UInt64(g7)
    }

    /// The address in the first sixteen of `bytes` (network order); `nil` when there are
    /// fewer than sixteen.
    @inlinable
    public init?(bytes: some Collection<UInt8>) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0
        for byte in bytes.prefix(16) {
            if count < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
            count += 1
        }
        guard count == 16 else { return nil }
        self.init(high: high, low: low)
    }

    /// The address from its eight 16-bit groups; `nil` unless there are exactly eight.
    public init?(groups: [UInt16]) {
        guard groups.count == 8 else { return nil }
        self.init(groups[0], groups[1], groups[2], groups[3], groups[4], groups[5], groups[6], groups[7])
    }

    /// The sixteen bytes in network order.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> (UInt64(7 - index % 8) * 8))
        }
    }

    /// The eight 16-bit groups, first first.
    public var groups: [UInt16] { (0..<8).map(group) }

    /// True for `::`.
    @inlinable
    public var isUnspecified: Bool { high == 0 && low == 0 }

    /// True for link-local unicast addresses (`fe80::/10`), which BGP sends as the second
    /// next hop and which need an interface to be reachable.
    @inlinable
    public var isLinkLocal: Bool { high >> 54 == 0x3FA }

    /// The group at `index` (0...7).
    public func group(_ index: Int) -> UInt16 {
        let half = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: half >> (UInt64(3 - index % 4) * 16))
    }

    /// The IPv4 address this one maps (`::ffff:a.b.c.d`), if it is IPv4-mapped.
    public var mappedIPv4: IPv4Address? {
        high == 0 && low >> 32 == 0xFFFF ? IPv4Address(UInt32(truncatingIfNeeded: low)) : nil
    }

    /// Parses any RFC 4291 text form; `nil` for anything else (zone ids included).
    public init?(_ text: some StringProtocol) {
        var groups: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var gap: Int? = nil // index in `groups` where "::" stood
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { return nil }
        func set(_ i: Int, _ v: UInt16) {
            withUnsafeMutableBytes(of: &groups) { $0.storeBytes(of: v, toByteOffset: i * 2, as: UInt16.self) }
        }
        func get(_ i: Int) -> UInt16 {
            withUnsafeBytes(of: groups) { $0.load(fromByteOffset: i * 2, as: UInt16.self) }
        }
        var i = 0
        if utf8.count >= 2, utf8[0] == UInt8(ascii: ":"), utf8[1] == UInt8(ascii: ":") {
            gap = 0
            i = 2
            if i == utf8.count { self.init(high: 0, low: 0); return }
        } else if utf8[0] == UInt8(ascii: ":") {
            return nil
        }
        while i < utf8.count {
            // One group: hex digits, or a dotted quad that ends the address.
            var j = i
            var value: UInt32 = 0
            while j < utf8.count, let d = Self.hexValue(utf8[j]) {
                value = value << 4 | UInt32(d)
                j += 1
                if j - i > 4 { return nil }
            }
            if j < utf8.count, utf8[j] == UInt8(ascii: ".") {
                guard count <= 6, let v4 = IPv4Address(String(decoding: utf8[i...], as: UTF8.self)) else { return nil }
                set(count, UInt16(truncatingIfNeeded: v4.value >> 16))
                set(count + 1, UInt16(truncatingIfNeeded: v4.value))
                count += 2
                i = utf8.count
                break
            }
            guard j > i, count < 8 else { return nil }
            set(count, UInt16(value))
            count += 1
            if j == utf8.count { i = j; break }
            guard utf8[j] == UInt8(ascii: ":") else { return nil }
            if j + 1 < utf8.count, utf8[j + 1] == UInt8(ascii: ":") {
                guard gap == nil else { return nil }
                gap = count
                i = j + 2
                if i == utf8.count { break }
            } else {
                i = j + 1
                guard i < utf8.count else { return nil } // trailing single colon
            }
        }
        if let gap {
            guard count < 8 else { return nil }
            let shift = 8 - count
            var k = 7
            while k >= gap + shift {
                set(k, get(k - shift))
                k -= 1
            }
            for z in gap..<(gap + shift) { set(z, 0) }
        } else {
            guard count == 8 else { return nil }
        }
        self.init(get(0), get(1), get(2), get(3), get(4), get(5), get(6), get(7))
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The RFC 5952 canonical text form.
    public var description: String {
        if let v4 = mappedIPv4 { return "::ffff:\(v4)" }
        // Find the longest run of zero groups (length >= 2), first one on a tie.
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, group(index) == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength, length >= 2 { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += index == 0 ? "::" : ":"
                index += bestLength
                continue
            }
            text += String(group(index), radix: 16)
            if index < 7 { text += ":" }
            index += 1
        }
        return text
    }

    @inlinable
    public static func < (a: IPv6Address, b: IPv6Address) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}
