/// An IPv4 or an IPv6 address.
///
/// The one address type every lbkit library speaks, so that a program importing several
/// of them (a BGP next hop, a tunnel endpoint, an IPVS destination, a hash-ring backend)
/// passes the same value between them.
public enum IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either text form (dotted quad, or any RFC 4291 IPv6 form).
    public init?(_ text: some StringProtocol) {
        if let v4 = IPv4Address(text) {
            self = .v4(v4)
        } else if let v6 = IPv6Address(text) {
            self = .v6(v6)
        } else {
            return nil
        }
    }

    /// The address in `bytes` (network order) when it holds exactly 4 or 16 bytes.
    public init?(bytes: some Collection<UInt8>) {
        switch bytes.count {
        case 4: guard let a = IPv4Address(bytes: bytes) else { return nil }; self = .v4(a)
        case 16: guard let a = IPv6Address(bytes: bytes) else { return nil }; self = .v6(a)
        default: return nil
        }
    }

    /// Which version the address belongs to.
    @inlinable
    public var version: IPVersion {
        switch self {
        case .v4: .v4
        case .v6: .v6
        }
    }

    /// The width of the address in bits: 32 or 128.
    @inlinable
    public var bitWidth: Int { version.addressBitWidth }

    /// The bytes in network order: 4 or 16.
    public var bytes: [UInt8] {
        switch self {
        case let .v4(a): a.bytes
        case let .v6(a): a.bytes
        }
    }

    /// The IPv4 address, if this is one.
    @inlinable
    public var ipv4: IPv4Address? {
        if case let .v4(a) = self { return a }
        return nil
    }

    /// The IPv6 address, if this is one.
    @inlinable
    public var ipv6: IPv6Address? {
        if case let .v6(a) = self { return a }
        return nil
    }

    /// The standard text form (RFC 5952 for IPv6).
    public var description: String {
        switch self {
        case let .v4(a): a.description
        case let .v6(a): a.description
        }
    }

    /// IPv4 sorts before IPv6; within a version, numerically.
    @inlinable
    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        switch (a, b) {
        case let (.v4(x), .v4(y)): x < y
        case let (.v6(x), .v6(y)): x < y
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}
