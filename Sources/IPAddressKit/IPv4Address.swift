/// An IPv4 address, stored as its 32-bit value in host order.
///
/// Parses and prints the dotted-quad form (`192.0.2.1`). Leading zeros in an octet are
/// refused when parsing, because some systems read `010` as octal 8 and others as 10.
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address as a number, first octet most significant: `192.0.2.1` is `0xC000_0201`.
    public var value: UInt32

    /// The address with this numeric value.
    @inlinable
    public init(_ value: UInt32) { self.value = value }

    /// The address `a.b.c.d`.
    @inlinable
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// The address in the first four of `bytes` (network order); `nil` when there are
    /// fewer than four. Bytes after the fourth are ignored, as in a padded
    /// `union nf_inet_addr`.
    @inlinable
    public init?(bytes: some Collection<UInt8>) {
        var value: UInt32 = 0
        var count = 0
        for byte in bytes.prefix(4) {
            value = value << 8 | UInt32(byte)
            count += 1
        }
        guard count == 4 else { return nil }
        self.value = value
    }

    /// Parses the dotted-quad text form; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        var value: UInt32 = 0
        var octets = 0
        var current: UInt32 = 0
        var digits = 0
        for unit in text.utf8 {
            if unit == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                value = value << 8 | current
                octets += 1
                current = 0
                digits = 0
            } else if unit >= UInt8(ascii: "0"), unit <= UInt8(ascii: "9") {
                if digits > 0, current == 0 { return nil } // leading zero
                current = current * 10 + UInt32(unit - UInt8(ascii: "0"))
                digits += 1
                guard current <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard octets == 3, digits > 0 else { return nil }
        self.value = value << 8 | current
    }

    /// The four bytes in network order.
    public var bytes: [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// The dotted-quad form.
    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    @inlinable
    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.value < b.value }
}
