/// An IPv4 or IPv6 address.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either form; nil for anything else.
    public init?(_ text: some StringProtocol) {
        if let v4 = IPv4Address(text) { self = .v4(v4) }
        else if let v6 = IPv6Address(text) { self = .v6(v6) }
        else { return nil }
    }

    /// The address family identifier (1 for IPv4, 2 for IPv6).
    public var afi: AFI { switch self { case .v4: .ipv4; case .v6: .ipv6 } }

    /// Bits in an address of this family.
    public var bitWidth: Int { switch self { case .v4: 32; case .v6: 128 } }

    /// Dotted-quad or RFC 5952 text.
    public var description: String {
        switch self {
        case let .v4(a): a.description
        case let .v6(a): a.description
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case let (.v4(x), .v4(y)): x < y
        case let (.v6(x), .v6(y)): x < y
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}
