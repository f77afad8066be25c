/// The IP version of a header or an address.
public enum IPVersion: UInt8, Hashable, Sendable, CustomStringConvertible {
    case v4 = 4
    case v6 = 6

    /// `IPv4` or `IPv6`.
    public var description: String { self == .v4 ? "IPv4" : "IPv6" }
}

/// An IPv4 or an IPv6 address.
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

    /// Which version the address belongs to.
    public var version: IPVersion {
        switch self {
        case .v4: .v4
        case .v6: .v6
        }
    }

    /// The standard text form (RFC 5952 for IPv6).
    public var description: String {
        switch self {
        case let .v4(a): a.description
        case let .v6(a): a.description
        }
    }

    /// IPv4 sorts before IPv6; within a version, numerically.
    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        switch (a, b) {
        case let (.v4(x), .v4(y)): x < y
        case let (.v6(x), .v6(y)): x < y
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}
