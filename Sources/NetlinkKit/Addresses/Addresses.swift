// The address types are IPAddressKit's, shared by every lbkit library; re-exported so
// that `import NetlinkKit` is all a user needs.
@_exported import IPAddressKit

extension IPAddress {
    /// The netlink address family of the address's version.
    public var family: AddressFamily {
        switch self {
        case .v4: .inet
        case .v6: .inet6
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
