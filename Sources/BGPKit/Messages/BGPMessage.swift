/// Any BGP message.
public enum BGPMessage: Hashable, Sendable, CustomStringConvertible {
    case open(OpenMessage)
    case update(UpdateMessage)
    case notification(NotificationMessage)
    case keepalive
    case routeRefresh(RouteRefreshMessage)

    /// The message type.
    public var type: MessageType {
        switch self {
        case .open: .open
        case .update: .update
        case .notification: .notification
        case .keepalive: .keepalive
        case .routeRefresh: .routeRefresh
        }
    }

    /// One line: the type and a summary.
    public var description: String {
        switch self {
        case let .open(o): "OPEN \(o)"
        case let .update(u): "UPDATE \(u)"
        case let .notification(n): "NOTIFICATION \(n)"
        case .keepalive: "KEEPALIVE"
        case let .routeRefresh(r): "ROUTE-REFRESH \(r)"
        }
    }
}

extension BGPMessage {
    /// Decodes one whole message (header included, exactly as long as its length field).
    ///
    /// Total over arbitrary bytes: anything malformed throws a ``BGPError`` saying what
    /// to send and do; RFC 7606 errors milder than a reset come back inside the UPDATE
    /// (``UpdateMessage/errors``).
    public init(decoding bytes: UnsafeRawBufferPointer, context: SessionContext) throws(BGPError) {
        let header = try BGPMessageHeader(decoding: bytes, maximumLength: context.maximumMessageLength)
        guard header.messageLength == bytes.count else {
            throw BGPError(problem: .badMessageLength, code: .messageHeaderError,
                           subcode: NotificationCode.Header.badMessageLength, data: [bytes[16], bytes[17]],
                           disposition: .sessionReset, offset: 16,
                           detail: "length field \(header.messageLength), \(bytes.count) bytes given")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[BGPMessageHeader.length...])
        switch header.type {
        case .update: self = .update(try UpdateMessage(decodingBody: body, context: context))
        case .open: self = .open(try OpenMessage(decodingBody: body))
        case .notification: self = .notification(try NotificationMessage(decodingBody: body))
        case .keepalive: self = .keepalive
        default: self = .routeRefresh(try RouteRefreshMessage(decodingBody: body))
        }
    }

    /// Decodes one whole message held in an array.
    public init(decoding bytes: [UInt8], context: SessionContext) throws(BGPError) {
        let result: Result<BGPMessage, BGPError> = bytes.withUnsafeBytes { raw in
            do throws(BGPError) { return .success(try BGPMessage(decoding: raw, context: context)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Checks one whole message without building anything (no heap allocation for a
    /// well-formed message); returns the UPDATE summary for UPDATEs, nil otherwise.
    @discardableResult
    public static func validate(_ bytes: UnsafeRawBufferPointer, context: SessionContext) throws(BGPError) -> UpdateSummary? {
        let header = try BGPMessageHeader(decoding: bytes, maximumLength: context.maximumMessageLength)
        guard header.messageLength == bytes.count else {
            throw BGPError(problem: .badMessageLength, code: .messageHeaderError,
                           subcode: NotificationCode.Header.badMessageLength, data: [bytes[16], bytes[17]],
                           disposition: .sessionReset, offset: 16,
                           detail: "length field \(header.messageLength), \(bytes.count) bytes given")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[BGPMessageHeader.length...])
        switch header.type {
        case .update: return try UpdateMessage.validate(body: body, context: context)
        case .open: _ = try OpenMessage(decodingBody: body)
        case .notification: _ = try NotificationMessage(decodingBody: body)
        case .keepalive: break
        default: _ = try RouteRefreshMessage(decodingBody: body)
        }
        return nil
    }

    /// Appends the whole message (header included) to `buffer`; refuses values that
    /// cannot be sent and messages longer than the session allows (4,096 bytes for
    /// OPEN and KEEPALIVE always). On error `buffer` is left as it was.
    public func encode(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        let start = BGPMessageHeader.appendPlaceholder(type: type, to: &buffer)
        do throws(BGPEncodingError) {
            switch self {
            case let .open(o): try o.encodeBody(into: &buffer)
            case let .update(u): try u.encodeBody(context: context, into: &buffer)
            case let .notification(n): n.encodeBody(into: &buffer)
            case .keepalive: break
            case let .routeRefresh(r): r.encodeBody(into: &buffer)
            }
            let length = buffer.count - start
            let maximum = (type == .open || type == .keepalive) ? BGPMessageHeader.maximumLength : context.maximumMessageLength
            guard length <= maximum else { throw .tooLong("\(type) of \(length) bytes, at most \(maximum)") }
            buffer.setUInt16(UInt16(length), at: start + 16)
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
    }

    /// The whole message as a new array.
    public func encoded(context: SessionContext) throws(BGPEncodingError) -> [UInt8] {
        var buffer: [UInt8] = []
        try encode(context: context, into: &buffer)
        return buffer
    }
}
