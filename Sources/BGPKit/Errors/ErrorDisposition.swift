/// What a receiver does about a malformed message (RFC 4271 section 6, RFC 7606 section 2).
///
/// Ordered from mildest to harshest, so the harshest of several errors is their `max()`.
public enum ErrorDisposition: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Drop the malformed attribute and process the rest of the UPDATE.
    case attributeDiscard = 0
    /// Keep the session, but treat every route in the UPDATE as withdrawn.
    case treatAsWithdraw = 1
    /// Stop using the address family the error is in (RFC 4760 section 7).
    case afiSafiDisable = 2
    /// Send the NOTIFICATION and close the session.
    case sessionReset = 3

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The RFC 7606 name, e.g. "treat-as-withdraw".
    public var description: String {
        switch self {
        case .attributeDiscard: "attribute-discard"
        case .treatAsWithdraw: "treat-as-withdraw"
        case .afiSafiDisable: "AFI/SAFI-disable"
        case .sessionReset: "session-reset"
        }
    }
}
