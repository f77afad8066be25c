/// The BGP message type octet (RFC 4271 section 4.1, RFC 2918).
public struct MessageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let open = MessageType(1)
    public static let update = MessageType(2)
    public static let notification = MessageType(3)
    public static let keepalive = MessageType(4)
    public static let routeRefresh = MessageType(5)

    /// True for the five types BGPKit decodes.
    public var isKnown: Bool { rawValue >= 1 && rawValue <= 5 }

    /// "OPEN", "UPDATE", "NOTIFICATION", "KEEPALIVE", "ROUTE-REFRESH" or "type n".
    public var description: String {
        switch rawValue {
        case 1: "OPEN"
        case 2: "UPDATE"
        case 3: "NOTIFICATION"
        case 4: "KEEPALIVE"
        case 5: "ROUTE-REFRESH"
        default: "type \(rawValue)"
        }
    }
}
