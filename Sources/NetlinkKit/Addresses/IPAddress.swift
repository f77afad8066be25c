/// An IPv4 address, stored in network order as it is written (192.0.2.1 is 0xC0000201).
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var value: UInt32
    public init(_ value: UInt32) { self.value = value }
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-quad text (exactly four decimal parts, each 0...255).
    public init?(_ text: some StringProtocol) {
        var parts: [UInt32] = []
        var current: UInt32 = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts.count < 3 else { return nil }
                parts.append(current)
                current = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 3 else { return nil }
                current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
                guard current <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts.count == 3 else { return nil }
        parts.append(current)
        value = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]
    }

    /// The four bytes in network order.
    public var bytes: [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }

    public init?(bytes: ArraySlice<UInt8>) {
        guard let v = bytes.bigEndian(UInt32.self, at: 0) else { return nil }
        value = v
    }

    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

/// An IPv6 address as 16 bytes in network order.
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init?(bytes: ArraySlice<UInt8>) {
        guard let h = bytes.bigEndian(UInt64.self, at: 0), let l = bytes.bigEndian(UInt64.self, at: 8) else { return nil }
        high = h
        low = l
    }

    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        out.appendBigEndian(high)
        out.appendBigEndian(low)
        return out
    }

    /// `::`, the unspecified address.
    public var isUnspecified: Bool { high == 0 && low == 0 }

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        (0..<8).map { i in UInt16(truncatingIfNeeded: (i < 4 ? high : low) >> (48 - 16 * UInt64(i % 4))) }
    }

    public init(groups: [UInt16]) {
        var h: UInt64 = 0
        var l: UInt64 = 0
        for i in 0..<8 {
            let g = UInt64(i < groups.count ? groups[i] : 0)
            if i < 4 { h = h << 16 | g } else { l = l << 16 | g }
        }
        high = h
        low = l
    }

    /// Parses RFC 4291 text: hex groups, one `::`, an optional trailing dotted quad.
    /// Works on the UTF-8 bytes in one pass (it runs once per rule in a 50,000-rule restore).
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        var gap: Int?  // index in `groups` where "::" stands
        var i = 0
        if bytes.count >= 2, bytes[0] == UInt8(ascii: ":") {
            guard bytes[1] == UInt8(ascii: ":") else { return nil }
            gap = 0
            i = 2
        }
        while i < bytes.count {
            // A dotted quad may end the address in place of the last two groups.
            var j = i
            var value: UInt32 = 0
            var digits = 0
            var sawDot = false
            while j < bytes.count, bytes[j] != UInt8(ascii: ":") {
                if bytes[j] == UInt8(ascii: ".") { sawDot = true; break }
                guard let nibble = Self.hexValue(bytes[j]) else { return nil }
                value = value << 4 | UInt32(nibble)
                digits += 1
                guard digits <= 4 else { return nil }
                j += 1
            }
            if sawDot {
                guard groups.count <= 6, let v4 = IPv4Address(String(decoding: bytes[i...], as: UTF8.self)) else { return nil }
                groups.append(UInt16(v4.value >> 16))
                groups.append(UInt16(v4.value & 0xffff))
                i = bytes.count
                break
            }
            guard digits > 0, groups.count < 8 else { return nil }
            groups.append(UInt16(value))
            i = j
            if i < bytes.count {
                // At a colon: "::" marks the gap, a single colon separates groups.
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                    guard gap == nil else { return nil }
                    gap = groups.count
                    i += 1
                } else if i == bytes.count {
                    return nil  // a trailing single colon
                }
            }
        }
        if let gap {
            guard groups.count <= 7 else { return nil }
            groups.insert(contentsOf: [UInt16](repeating: 0, count: 8 - groups.count), at: gap)
        }
        guard groups.count == 8 else { return nil }
        self.init(groups: groups)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Text as glibc's inet_ntop writes it (so that output matches ipvsadm and ip):
    /// lower-case hex, the longest run of two or more zero groups as `::`, and IPv4-mapped
    /// or IPv4-compatible addresses with a dotted quad.
    public var description: String {
        let g = groups
        var bestStart = -1, bestLength = 0, start = -1
        for i in 0...8 {
            if i < 8, g[i] == 0 {
                if start < 0 { start = i }
            } else if start >= 0 {
                if i - start > bestLength { bestStart = start; bestLength = i - start }
                start = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var out = ""
        var i = 0
        while i < 8 {
            if i == bestStart {
                out += "::"
                i += bestLength
                continue
            }
            if i == 6, bestStart == 0, bestLength == 6 || (bestLength == 5 && g[5] == 0xffff) {
                if !out.hasSuffix(":") { out += ":" }
                out += IPv4Address(UInt32(g[6]) << 16 | UInt32(g[7])).description
                break
            }
            if i > 0, !out.hasSuffix(":") { out += ":" }
            out += String(g[i], radix: 16)
            i += 1
        }
        return out
    }

    public static func < (a: Self, b: Self) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

/// An IPv4 or IPv6 address.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either form.
    public init?(_ text: some StringProtocol) {
        if let v4 = IPv4Address(text) { self = .v4(v4) } else if let v6 = IPv6Address(text) { self = .v6(v6) } else { return nil }
    }

    public var family: AddressFamily {
        switch self {
        case .v4: return .inet
        case .v6: return .inet6
        }
    }

    /// The address bytes in network order (4 or 16).
    public var bytes: [UInt8] {
        switch self {
        case .v4(let a): return a.bytes
        case .v6(let a): return a.bytes
        }
    }

    /// IPVS and a few rtnetlink attributes always carry 16 bytes (`union nf_inet_addr`):
    /// an IPv4 address in the first four, the rest zero.
    public var paddedBytes: [UInt8] {
        var b = bytes
        while b.count < 16 { b.append(0) }
        return b
    }

    /// Decodes `bytes` for `family`: 4 bytes (or more, for nf_inet_addr) for IPv4, 16 for IPv6.
    public init?(bytes: ArraySlice<UInt8>, family: AddressFamily) {
        switch family {
        case .inet:
            guard let a = IPv4Address(bytes: bytes) else { return nil }
            self = .v4(a)
        case .inet6:
            guard let a = IPv6Address(bytes: bytes) else { return nil }
            self = .v6(a)
        }
    }

    public var description: String {
        switch self {
        case .v4(let a): return a.description
        case .v6(let a): return a.description
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.v4(let x), .v4(let y)): return x < y
        case (.v6(let x), .v6(let y)): return x < y
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}

/// The address families netlink speaks of (AF_INET, AF_INET6).
public enum AddressFamily: UInt16, Sendable, Hashable {
    case inet = 2
    case inet6 = 10

    /// The bit length of an address (32 or 128).
    public var addressBits: Int { self == .inet ? 32 : 128 }
}

/// A transport-layer port, kept in host order; the encoders write it big-endian, so
/// byte-order mistakes cannot be expressed.
public struct Port: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public var value: UInt16
    public init(_ value: UInt16) { self.value = value }
    public init(integerLiteral value: UInt16) { self.value = value }
    public var description: String { String(value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}
