extension IPAddress {
    /// Parses an IPv4 dotted quad (`192.0.2.1`) or IPv6 text (`2001:db8::1`,
    /// `::ffff:192.0.2.1`); `nil` for anything else. Decimal parts may not have leading
    /// zeros (so `010` is never read as octal), there are no zone identifiers, and the
    /// work is bounded by the text's length.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if let value = Self.parseIPv4(bytes[...]) {
            self.init(ipv4: value)
        } else if let (high, low) = Self.parseIPv6(bytes[...]) {
            self.init(ipv6High: high, low: low)
        } else {
            return nil
        }
    }

    static func parseIPv4(_ text: ArraySlice<UInt8>) -> UInt32? {
        guard text.count <= 15 else { return nil }
        var value: UInt32 = 0
        var parts = 0
        for part in text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...3).contains(part.count), part.allSatisfy(isDigit),
                  part.count == 1 || part.first != UInt8(ascii: "0") else { return nil }
            let number = part.reduce(0) { $0 * 10 + UInt32($1 - UInt8(ascii: "0")) }
            guard number <= 255 else { return nil }
            value = value << 8 | number
            parts += 1
        }
        return parts == 4 ? value : nil
    }

    static func parseIPv6(_ text: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        // The longest valid form is 45 characters (six groups and a dotted quad).
        guard text.count >= 2, text.count <= 45 else { return nil }
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawDoubleColon = false
        var rest = text
        if rest.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawDoubleColon = true
            rest = rest.dropFirst(2)
        } else if rest.first == UInt8(ascii: ":") {
            return nil
        }
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: ":")) ?? rest.endIndex
            let group = rest[rest.startIndex..<end]
            let isLast = end == rest.endIndex
            if isLast, group.contains(UInt8(ascii: ".")) {
                // A trailing dotted quad fills the last two groups.
                guard let value = parseIPv4(group) else { return nil }
                let pair = [UInt16(truncatingIfNeeded: value >> 16), UInt16(truncatingIfNeeded: value)]
                if sawDoubleColon { tail += pair } else { head += pair }
                rest = rest[end...]
                break
            }
            guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return nil }
            let value = group.reduce(UInt16(0)) { $0 << 4 | UInt16(hexValue($1)) }
            if sawDoubleColon { tail.append(value) } else { head.append(value) }
            guard !isLast else { rest = rest[end...]; break }
            rest = rest[rest.index(after: end)...]
            if rest.first == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                rest = rest.dropFirst()
            } else if rest.isEmpty {
                return nil  // a single trailing colon
            }
            guard head.count + tail.count <= 8 else { return nil }
        }
        let total = head.count + tail.count
        if sawDoubleColon {
            guard total <= 7 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        let groups = head + Array(repeating: 0, count: 8 - total) + tail
        var high: UInt64 = 0, low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
        return (high, low)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) < 16 }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 16
        }
    }
}
