/// How a packet is encapsulated.
///
/// The four IP-in-IP kinds are what TunnelKit decapsulates; GRE, FOU and GUE are
/// recognised so that they are reported as unsupported rather than misread.
public enum TunnelKind: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// IPv4 in IPv4 (protocol 4, RFC 2003).
    case ipip
    /// IPv6 in IPv6 (next header 41, RFC 2473).
    case ip6ip6
    /// IPv4 in IPv6 (next header 4, RFC 2473).
    case fourInSix
    /// IPv6 in IPv4 (protocol 41, RFC 4213).
    case sixInFour
    /// Generic Routing Encapsulation (protocol 47); not decapsulated.
    case gre
    /// Foo-over-UDP on a configured port; not decapsulated.
    case fou
    /// Generic UDP Encapsulation on a configured port; not decapsulated.
    case gue
    /// Not a tunnel.
    case none

    /// The IP-in-IP kind for an outer and an inner version.
    public init(outer: IPVersion, inner: IPVersion) {
        switch (outer, inner) {
        case (.v4, .v4): self = .ipip
        case (.v6, .v6): self = .ip6ip6
        case (.v6, .v4): self = .fourInSix
        case (.v4, .v6): self = .sixInFour
        }
    }

    /// `ipip`, `ip6ip6`, `4in6`, `6in4`, `gre`, `fou`, `gue` or `none`: the names the
    /// tools print and scripts match.
    public var name: String {
        switch self {
        case .ipip: "ipip"
        case .ip6ip6: "ip6ip6"
        case .fourInSix: "4in6"
        case .sixInFour: "6in4"
        case .gre: "gre"
        case .fou: "fou"
        case .gue: "gue"
        case .none: "none"
        }
    }

    public var description: String { name }

    /// The outer IP version, for the IP-in-IP kinds.
    public var outerVersion: IPVersion? {
        switch self {
        case .ipip, .sixInFour: .v4
        case .ip6ip6, .fourInSix: .v6
        default: nil
        }
    }

    /// The inner IP version, for the IP-in-IP kinds.
    public var innerVersion: IPVersion? {
        switch self {
        case .ipip, .fourInSix: .v4
        case .ip6ip6, .sixInFour: .v6
        default: nil
        }
    }
}

/// IP protocol numbers TunnelKit acts on.
public enum IPProtocolNumber {
    public static let hopByHop: UInt8 = 0
    public static let icmp: UInt8 = 1
    public static let ipv4: UInt8 = 4
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let ipv6: UInt8 = 41
    public static let routing: UInt8 = 43
    public static let fragment: UInt8 = 44
    public static let gre: UInt8 = 47
    public static let esp: UInt8 = 50
    public static let authentication: UInt8 = 51
    public static let icmpv6: UInt8 = 58
    public static let noNextHeader: UInt8 = 59
    public static let destinationOptions: UInt8 = 60
    public static let sctp: UInt8 = 132
}
