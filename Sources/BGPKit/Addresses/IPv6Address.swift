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
        var groups: [UInt16] = []
        var gapAt: Int? = nil
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count <= 9 else { return nil }
        var index = 0
        while index < parts.count {
            let part = parts[index]
            if part.isEmpty {
                // "::" shows up as one or two empty parts (two at either end).
                if gapAt == nil {
                    gapAt = groups.count
                    if index == 0 || index == parts.count - 2 {
                        guard index + 1 < parts.count, parts[index + 1].isEmpty else { return nil }
                        index += 1
                    }
                } else if !(index == parts.count - 1 && parts[index - 1].isEmpty && gapAt == groups.count) {
                    return nil
                }
            } else if index == parts.count - 1, part.contains(".") {
                guard let v4 = IPv4Address(part) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: v4.value >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4.value))
            } else {
                guard part.utf8.count <= 4, let value = UInt16(part, radix: 16) else { return nil }
                groups.append(value)
            }
            index += 1
        }
        if let gapAt {
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: gapAt)
        }
        guard groups.count == 8 else { return nil }
        self.init(groups[0], groups[1], groups[2], groups[3], groups[4], groups[5], groups[6], groups[7])
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
