/// The 19-byte header every BGP message starts with: 16 bytes of marker (all ones), a
/// 2-byte length (of the whole message, header included) and a 1-byte type.
public struct BGPMessageHeader: Hashable, Sendable {
    /// Bytes in the header.
    public static let length = 19
    /// The largest message without RFC 8654 extended message, and always for OPEN and
    /// KEEPALIVE.
    public static let maximumLength = 4096
    /// The largest message once extended message is negotiated.
    public static let maximumExtendedLength = 65535

    /// Length of the whole message, header included.
    public var messageLength: Int
    /// The message type.
    public var type: MessageType

    /// Creates a header value.
    public init(messageLength: Int, type: MessageType) {
        self.messageLength = messageLength
        self.type = type
    }

    /// Checks and decodes the header at the start of `bytes` (which needs at least 19
    /// bytes; the body need not be there yet).
    ///
    /// Checks the marker, that the length fits the type (RFC 4271 section 6.1: KEEPALIVE
    /// exactly 19, OPEN at least 29, UPDATE at least 23, NOTIFICATION at least 21,
    /// ROUTE-REFRESH at least 23) and `maximumLength` (OPEN and KEEPALIVE never exceed
    /// 4,096). Allocates nothing unless it throws.
    public init(decoding bytes: UnsafeRawBufferPointer, maximumLength: Int = BGPMessageHeader.maximumLength) throws(BGPError) {
        guard bytes.count >= Self.length else {
            throw BGPError(problem: .badMessageLength, code: .messageHeaderError,
                           subcode: NotificationCode.Header.badMessageLength,
                           data: [], disposition: .sessionReset, offset: bytes.count,
                           detail: "header needs 19 bytes, have \(bytes.count)")
        }
        // Compare the marker as two words: one branch instead of sixteen.
        let markerHigh = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let markerLow = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        guard markerHigh == .max, markerLow == .max else {
            var offset = 0
            while offset < 16, bytes[offset] == 0xFF { offset += 1 }
            throw BGPError(problem: .badMarker, code: .messageHeaderError,
                           subcode: NotificationCode.Header.connectionNotSynchronized,
                           disposition: .sessionReset, offset: offset)
        }
        let length = Int(bytes[16]) << 8 | Int(bytes[17])
        let type = MessageType(bytes[18])
        let minimum: Int
        var maximum = maximumLength
        switch type {
        case .open: minimum = 29; maximum = Self.maximumLength
        case .update: minimum = 23
        case .notification: minimum = 21
        case .keepalive: minimum = 19; maximum = 19
        case .routeRefresh: minimum = 23
        default:
            throw BGPError(problem: .badMessageType, code: .messageHeaderError,
                           subcode: NotificationCode.Header.badMessageType, data: [type.rawValue],
                           disposition: .sessionReset, offset: 18, detail: "type \(type.rawValue)")
        }
        guard length >= minimum, length <= maximum else {
            throw BGPError(problem: .badMessageLength, code: .messageHeaderError,
                           subcode: NotificationCode.Header.badMessageLength, data: [bytes[16], bytes[17]],
                           disposition: .sessionReset, offset: 16,
                           detail: "\(type) of \(length) bytes, allowed \(minimum) to \(maximum)")
        }
        self.messageLength = length
        self.type = type
    }

    /// Appends a header with a zero length (patched by ``patchLength(in:at:)``).
    static func appendPlaceholder(type: MessageType, to buffer: inout [UInt8]) -> Int {
        let start = buffer.count
        buffer.appendUInt64(.max)
        buffer.appendUInt64(.max)
        buffer.appendUInt16(0)
        buffer.append(type.rawValue)
        return start
    }
}
