/// A capability code (IANA "Capability Codes", RFC 5492).
public struct CapabilityCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let multiprotocol = Self(1)
    public static let routeRefresh = Self(2)
    public static let extendedNextHop = Self(5)
    public static let extendedMessage = Self(6)
    public static let role = Self(9)
    public static let gracefulRestart = Self(64)
    public static let fourOctetAS = Self(65)
    public static let addPath = Self(69)
    public static let enhancedRouteRefresh = Self(70)
    public static let longLivedGracefulRestart = Self(71)
    public static let fqdn = Self(73)

    /// A short name, e.g. "multiprotocol", "4-octet-as", or "capability n".
    public var name: String {
        switch rawValue {
        case 1: "multiprotocol"
        case 2: "route-refresh"
        case 3: "outbound-route-filtering"
        case 5: "extended-next-hop"
        case 6: "extended-message"
        case 7: "bgpsec"
        case 8: "multiple-labels"
        case 9: "role"
        case 64: "graceful-restart"
        case 65: "4-octet-as"
        case 67: "dynamic"
        case 69: "add-path"
        case 70: "enhanced-route-refresh"
        case 71: "long-lived-graceful-restart"
        case 73: "fqdn"
        case 74: "bfd"
        case 75: "software-version"
        case 128: "route-refresh-cisco"
        case 131: "multisession-cisco"
        default: "capability \(rawValue)"
        }
    }

    public var description: String { name }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
