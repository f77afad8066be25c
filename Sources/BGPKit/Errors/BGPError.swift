/// A malformed message: what is wrong, where, what to send and what to do.
///
/// Every decoder in BGPKit throws this one type (typed throws, so no boxing). It carries
/// the NOTIFICATION a speaker would send (``code``, ``subcode``, ``data``; see
/// ``notification``), the RFC 7606 ``disposition``, and the absolute byte ``offset`` in the
/// message (counted from the first marker byte) where the problem was found. UPDATE
/// errors whose disposition is milder than a session reset are not thrown: they are
/// listed in ``UpdateMessage/errors`` and the UPDATE is still returned.
public struct BGPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in a word a program can switch on.
    public var problem: BGPProblem
    /// The NOTIFICATION error code to send.
    public var code: NotificationCode
    /// The NOTIFICATION error subcode to send.
    public var subcode: UInt8
    /// The NOTIFICATION data (RFC 4271 section 6 says what; never sized by a wire length).
    public var data: [UInt8]
    /// What the receiver does about it.
    public var disposition: ErrorDisposition
    /// Absolute offset of the offending byte in the message.
    public var offset: Int
    /// A short human explanation (numbers involved).
    public var detail: String
    /// The path attribute the error is in, if any.
    public var attribute: AttributeCode?
    /// The address family concerned, for AFI/SAFI disable.
    public var family: AddressFamily?

    /// Creates an error; decoders use ``ErrorTemplate`` instead.
    public init(
        problem: BGPProblem, code: NotificationCode, subcode: UInt8, data: [UInt8] = [],
        disposition: ErrorDisposition, offset: Int, detail: String = "",
        attribute: AttributeCode? = nil, family: AddressFamily? = nil
    ) {
        self.problem = problem
        self.code = code
        self.subcode = subcode
        self.data = data
        self.disposition = disposition
        self.offset = offset
        self.detail = detail
        self.attribute = attribute
        self.family = family
    }

    /// The NOTIFICATION message to send for this error.
    public var notification: NotificationMessage {
        NotificationMessage(code: code, subcode: subcode, data: data)
    }

    /// One line, e.g. `malformed AS_PATH at byte 31: segment overruns the attribute
    /// (UPDATE Message Error / Malformed AS_PATH, treat-as-withdraw)`.
    public var description: String {
        var text = "\(problem)"
        if let attribute { text += " in \(attribute)" }
        if let family { text += " for \(family)" }
        text += " at byte \(offset)"
        if !detail.isEmpty { text += ": \(detail)" }
        text += " (\(code.name) / \(NotificationCode.subcodeName(code: code, subcode: subcode)), \(disposition))"
        return text
    }
}

/// The kind of an error, the same wherever in the message it was found.
public enum BGPProblem: String, Hashable, Sendable, CustomStringConvertible {
    // Message header
    case badMarker = "marker is not all ones"
    case badMessageLength = "bad message length"
    case badMessageType = "unknown message type"
    // OPEN
    case openTruncated = "OPEN is truncated"
    case unsupportedVersion = "unsupported BGP version"
    case unacceptableHoldTime = "unacceptable hold time"
    case badPeerAS = "bad peer AS"
    case badBGPIdentifier = "bad BGP identifier"
    case optionalParametersInconsistent = "optional parameters length is inconsistent"
    case capabilityOverrun = "capability overruns its parameter"
    case capabilityMalformed = "malformed capability"
    // UPDATE
    case withdrawnRoutesOverrun = "withdrawn routes length overruns the message"
    case attributesOverrun = "total path attribute length overruns the message"
    case attributeOverrun = "path attribute overruns the attributes field"
    case attributeFlags = "path attribute flags conflict with its type"
    case attributeLength = "path attribute length is wrong"
    case malformedAttribute = "malformed path attribute"
    case invalidOrigin = "invalid ORIGIN"
    case malformedASPath = "malformed AS path"
    case duplicateAttribute = "duplicate path attribute"
    case unrecognizedWellKnown = "unrecognized well-known attribute"
    case missingWellKnown = "missing well-known attribute"
    case invalidNetworkField = "invalid NLRI"
    case malformedMPReach = "malformed MP_REACH_NLRI"
    case malformedMPUnreach = "malformed MP_UNREACH_NLRI"
    // NOTIFICATION, KEEPALIVE, ROUTE-REFRESH
    case notificationTruncated = "NOTIFICATION is truncated"
    case keepaliveLength = "KEEPALIVE has a body"
    case routeRefreshLength = "ROUTE-REFRESH length is wrong"

    public var description: String { rawValue }
}

/// The NOTIFICATION and disposition an error in one region of a message means; a
/// ``ByteReader`` carries one so that running out of bytes raises the right error.
struct ErrorTemplate: Sendable {
    var problem: BGPProblem
    var code: NotificationCode
    var subcode: UInt8
    var disposition: ErrorDisposition
    var attribute: AttributeCode?
    var family: AddressFamily?

    init(_ problem: BGPProblem, _ code: NotificationCode, _ subcode: UInt8, _ disposition: ErrorDisposition,
         attribute: AttributeCode? = nil, family: AddressFamily? = nil) {
        self.problem = problem
        self.code = code
        self.subcode = subcode
        self.disposition = disposition
        self.attribute = attribute
        self.family = family
    }

    func error(at offset: Int, detail: String = "", data: [UInt8] = []) -> BGPError {
        BGPError(problem: problem, code: code, subcode: subcode, data: data, disposition: disposition,
                 offset: offset, detail: detail, attribute: attribute, family: family)
    }
}
