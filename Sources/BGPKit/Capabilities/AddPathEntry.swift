/// One family of the ADD-PATH capability (RFC 7911).
public struct AddPathEntry: Hashable, Sendable, CustomStringConvertible {
    /// Whether the sender can send, receive or both.
    public struct Mode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let receive = Mode(rawValue: 1)
        public static let send = Mode(rawValue: 2)
        public static let both = Mode(rawValue: 3)
        public var canReceive: Bool { rawValue & 1 != 0 }
        public var canSend: Bool { rawValue & 2 != 0 }
        public var description: String {
            switch rawValue {
            case 1: "receive"
            case 2: "send"
            case 3: "send/receive"
            default: "mode \(rawValue)"
            }
        }
    }

    public var family: AddressFamily
    public var mode: Mode

    public init(family: AddressFamily, mode: Mode) {
        self.family = family
        self.mode = mode
    }

    /// "IPv4 unicast send/receive".
    public var description: String { "\(family) \(mode)" }
}
