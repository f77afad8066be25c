/// Why a value cannot be encoded: encoders refuse invalid values rather than emit
/// substitutes.
public enum BGPEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message would exceed the session's maximum length.
    case tooLong(String)
    /// A value does not fit its field (an ASN above 65,535 on a 2-octet session, a
    /// hold time of 1 or 2 seconds, an attribute longer than 65,535 bytes, …).
    case valueOutOfRange(String)
    /// A prefix or next hop of the wrong address family.
    case familyMismatch(String)
    /// ADD-PATH path identifiers present where not negotiated, or missing where they are.
    case pathIdentifier(String)
    /// An UPDATE announcing routes without ORIGIN, AS_PATH or a next hop.
    case missingMandatoryAttribute(String)
    /// A combination the protocol forbids (two MP_REACH_NLRI, an empty MP_UNREACH_NLRI
    /// outside End-of-RIB, …).
    case invalid(String)

    /// One line naming the value and the reason.
    public var description: String {
        switch self {
        case let .tooLong(s): "message too long: \(s)"
        case let .valueOutOfRange(s): "value out of range: \(s)"
        case let .familyMismatch(s): "address family mismatch: \(s)"
        case let .pathIdentifier(s): "ADD-PATH mismatch: \(s)"
        case let .missingMandatoryAttribute(s): "missing mandatory attribute: \(s)"
        case let .invalid(s): "invalid: \(s)"
        }
    }
}
