/// An IPv6 address as two 64-bit halves in host order.
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first 64 bits (the network half).
    public var high: UInt64
    /// The last 64 bits.
    public var low: UInt64

    /// The address with these halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address from eight 16-bit groups.
    public init(_ g0: UInt16, _ g1: UInt16, _ g2: UInt16, _ g3: UInt16,
                _ g4: UInt16, _ g5: UInt16, _ g6: UInt16, _ g7: UInt16) {
        high = UInt64(g0) << 48 | UInt64(g1) << 32 | UInt64(g2) << 16 | UInt64(g3)
        low = UInt64(g4) << 48 | UInt64(g5) << 32 | UInt64(g6) << 16 | UInt64(g7)
    }

    /// The 16-bit group `index` (0 to 7).
    public func group(_ index: Int) -> UInt16 {
        let half = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: half >> (48 - 16 * UInt64(index & 3)))
    }

    /// True for fe80::/10.
    public var isLinkLocal: Bool { high >> 54 == 0x3FA }

    /// Parses RFC 4291 text ("2001:db8::1", "::ffff:192.0.2.1"); nil for anything else.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        // Find the one "::" allowed, if any.
        var gap: Int? = nil
        var i = 0
        while i + 1 < utf8.count {
            if utf8[i] == UInt8(ascii: ":"), utf8[i + 1] == UInt8(ascii: ":") {
                guard gap == nil else { return nil }
                gap = i
                i += 2
            } else {
                i += 1
            }
        }
        func groups(_ part: ArraySlice<UInt8>, allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let fields = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            for (n, field) in fields.enumerated() {
                if allowIPv4, n == fields.count - 1, field.contains(UInt8(ascii: ".")) {
                    guard let v4 = IPv4Address(String(decoding: field, as: UTF8.self)) else { return nil }
                    result.append(UInt16(truncatingIfNeeded: v4.value >> 16))
                    result.append(UInt16(truncatingIfNeeded: v4.value))
                    continue
                }
                guard !field.isEmpty, field.count <= 4 else { return nil }
                var value: UInt16 = 0
                for c in field {
                    let digit: UInt8
                    switch c {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                    default: return nil
                    }
                    value = value << 4 | UInt16(digit)
                }
                result.append(value)
            }
            return result
        }
        var all: [UInt16]
        if let gap {
            guard let head = groups(utf8[..<gap], allowIPv4: false),
                  let tail = groups(utf8[(gap + 2)...], allowIPv4: true),
                  head.count + tail.count < 8 else { return nil }
            all = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let parsed = groups(utf8[...], allowIPv4: true), parsed.count == 8 else { return nil }
            all = parsed
        }
        self.init(all[0], all[1], all[2], all[3], all[4], all[5], all[6], all[7])
    }

    /// RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero
    /// groups (the first of equals) as "::".
    public var description: String {
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8, group(i) == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var i = 0
        while i < 8 {
            if i == bestStart {
                text += "::"
                i += bestLength
                continue
            }
            if !text.isEmpty, !text.hasSuffix(":") { text += ":" }
            text += String(group(i), radix: 16)
            i += 1
        }
        return text
    }

    public static func < (a: Self, b: Self) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
