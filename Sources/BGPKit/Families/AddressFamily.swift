/// An AFI/SAFI pair: what a multiprotocol capability, MP_REACH_NLRI or ROUTE-REFRESH names.
public struct AddressFamily: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var afi: AFI
    public var safi: SAFI

    public init(_ afi: AFI, _ safi: SAFI) {
        self.afi = afi
        self.safi = safi
    }

    public static let ipv4Unicast = AddressFamily(.ipv4, .unicast)
    public static let ipv6Unicast = AddressFamily(.ipv6, .unicast)
    public static let ipv4Multicast = AddressFamily(.ipv4, .multicast)
    public static let ipv6Multicast = AddressFamily(.ipv6, .multicast)

    /// True for the IPv4/IPv6 unicast and multicast families, whose NLRI BGPKit decodes
    /// into prefixes; other families' NLRI is kept as raw bytes.
    public var hasPrefixNLRI: Bool {
        (afi == .ipv4 || afi == .ipv6) && (safi == .unicast || safi == .multicast)
    }

    /// "IPv4 unicast", "IPv6 unicast", …
    public var description: String { "\(afi) \(safi)" }

    public static func < (a: Self, b: Self) -> Bool { (a.afi, a.safi) < (b.afi, b.safi) }
}
