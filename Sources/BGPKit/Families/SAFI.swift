/// A Subsequent Address Family Identifier (IANA "SAFI Values").
public struct SAFI: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let unicast = SAFI(1)
    public static let multicast = SAFI(2)
    public static let mplsLabel = SAFI(4)
    public static let evpn = SAFI(70)
    public static let mplsVPN = SAFI(128)
    public static let flowspec = SAFI(133)

    /// "unicast", "multicast", … or "SAFI n".
    public var description: String {
        switch rawValue {
        case 1: "unicast"
        case 2: "multicast"
        case 4: "labeled-unicast"
        case 70: "EVPN"
        case 128: "MPLS-VPN"
        case 133: "flowspec"
        default: "SAFI \(rawValue)"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
