/// A NOTIFICATION error code (RFC 4271 section 4.5 and the IANA registry).
public struct NotificationCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let messageHeaderError = Self(1)
    public static let openMessageError = Self(2)
    public static let updateMessageError = Self(3)
    public static let holdTimerExpired = Self(4)
    /// RFC 6608 gives it subcodes.
    public static let finiteStateMachineError = Self(5)
    public static let cease = Self(6)
    /// RFC 7313.
    public static let routeRefreshMessageError = Self(7)
    /// RFC 9687.
    public static let sendHoldTimerExpired = Self(8)

    /// The registry name, e.g. "UPDATE Message Error"; "Unknown (n)" otherwise.
    public var name: String {
        switch rawValue {
        case 1: "Message Header Error"
        case 2: "OPEN Message Error"
        case 3: "UPDATE Message Error"
        case 4: "Hold Timer Expired"
        case 5: "Finite State Machine Error"
        case 6: "Cease"
        case 7: "ROUTE-REFRESH Message Error"
        case 8: "Send Hold Timer Expired"
        default: "Unknown (\(rawValue))"
        }
    }

    public var description: String { name }

    /// The registry name of a subcode of this code, e.g. "Malformed AS_PATH";
    /// subcode 0 is "Unspecific", unknown ones "Unknown subcode (n)".
    public func subcodeName(_ subcode: UInt8) -> String { Self.subcodeName(code: self, subcode: subcode) }

    /// The registry name of `subcode` under `code`.
    public static func subcodeName(code: NotificationCode, subcode: UInt8) -> String {
        let name: String? = switch (code.rawValue, subcode) {
        case (_, 0): "Unspecific"
        case (1, 1): "Connection Not Synchronized"
        case (1, 2): "Bad Message Length"
        case (1, 3): "Bad Message Type"
        case (2, 1): "Unsupported Version Number"
        case (2, 2): "Bad Peer AS"
        case (2, 3): "Bad BGP Identifier"
        case (2, 4): "Unsupported Optional Parameter"
        case (2, 5): "Authentication Failure (deprecated)"
        case (2, 6): "Unacceptable Hold Time"
        case (2, 7): "Unsupported Capability"
        case (2, 8), (2, 9), (2, 10): "Deprecated"
        case (2, 11): "Role Mismatch"
        case (3, 1): "Malformed Attribute List"
        case (3, 2): "Unrecognized Well-known Attribute"
        case (3, 3): "Missing Well-known Attribute"
        case (3, 4): "Attribute Flags Error"
        case (3, 5): "Attribute Length Error"
        case (3, 6): "Invalid ORIGIN Attribute"
        case (3, 7): "AS Routing Loop (deprecated)"
        case (3, 8): "Invalid NEXT_HOP Attribute"
        case (3, 9): "Optional Attribute Error"
        case (3, 10): "Invalid Network Field"
        case (3, 11): "Malformed AS_PATH"
        case (5, 1): "Receive Unexpected Message in OpenSent State"
        case (5, 2): "Receive Unexpected Message in OpenConfirm State"
        case (5, 3): "Receive Unexpected Message in Established State"
        case (6, 1): "Maximum Number of Prefixes Reached"
        case (6, 2): "Administrative Shutdown"
        case (6, 3): "Peer De-configured"
        case (6, 4): "Administrative Reset"
        case (6, 5): "Connection Rejected"
        case (6, 6): "Other Configuration Change"
        case (6, 7): "Connection Collision Resolution"
        case (6, 8): "Out of Resources"
        case (6, 9): "Hard Reset"
        case (6, 10): "BFD Down"
        case (7, 1): "Invalid Message Length"
        default: nil
        }
        return name ?? "Unknown subcode (\(subcode))"
    }
}

/// Subcodes used by the decoders, named for readability at the throw sites.
extension NotificationCode {
    enum Header {
        static let connectionNotSynchronized: UInt8 = 1
        static let badMessageLength: UInt8 = 2
        static let badMessageType: UInt8 = 3
    }
    enum Open {
        static let unspecific: UInt8 = 0
        static let unsupportedVersion: UInt8 = 1
        static let badPeerAS: UInt8 = 2
        static let badIdentifier: UInt8 = 3
        static let unsupportedOptionalParameter: UInt8 = 4
        static let unacceptableHoldTime: UInt8 = 6
        static let unsupportedCapability: UInt8 = 7
        static let roleMismatch: UInt8 = 11
    }
    enum Update {
        static let malformedAttributeList: UInt8 = 1
        static let unrecognizedWellKnown: UInt8 = 2
        static let missingWellKnown: UInt8 = 3
        static let attributeFlags: UInt8 = 4
        static let attributeLength: UInt8 = 5
        static let invalidOrigin: UInt8 = 6
        static let invalidNextHop: UInt8 = 8
        static let optionalAttribute: UInt8 = 9
        static let invalidNetworkField: UInt8 = 10
        static let malformedASPath: UInt8 = 11
    }
    enum Cease {
        static let administrativeShutdown: UInt8 = 2
        static let administrativeReset: UInt8 = 4
    }
}
