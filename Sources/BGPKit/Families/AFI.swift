/// An Address Family Identifier (IANA "Address Family Numbers").
public struct AFI: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let ipv4 = AFI(1)
    public static let ipv6 = AFI(2)
    public static let l2vpn = AFI(25)
    public static let bgpLS = AFI(16388)

    /// "IPv4", "IPv6", … or "AFI n".
    public var description: String {
        switch rawValue {
        case 1: "IPv4"
        case 2: "IPv6"
        case 25: "L2VPN"
        case 16388: "BGP-LS"
        default: "AFI \(rawValue)"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
