/// The BGP role of the sender (RFC 9234), for route-leak prevention.
public struct BGPRole: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let provider = BGPRole(rawValue: 0)
    public static let routeServer = BGPRole(rawValue: 1)
    public static let routeServerClient = BGPRole(rawValue: 2)
    public static let customer = BGPRole(rawValue: 3)
    public static let peer = BGPRole(rawValue: 4)

    /// "provider", "rs", "rs-client", "customer", "peer" or "role n".
    public var description: String {
        switch rawValue {
        case 0: "provider"
        case 1: "rs"
        case 2: "rs-client"
        case 3: "customer"
        case 4: "peer"
        default: "role \(rawValue)"
        }
    }
}
