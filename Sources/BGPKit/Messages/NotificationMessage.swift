/// NOTIFICATION (RFC 4271 section 4.5): why the sender is closing the session.
public struct NotificationMessage: Hashable, Sendable, CustomStringConvertible {
    public var code: NotificationCode
    public var subcode: UInt8
    /// Diagnostic data; for Cease / Administrative Shutdown or Reset, the RFC 9003
    /// shutdown communication (see ``shutdownCommunication``).
    public var data: [UInt8]

    public init(code: NotificationCode, subcode: UInt8, data: [UInt8] = []) {
        self.code = code
        self.subcode = subcode
        self.data = data
    }

    /// A Cease / Administrative Shutdown (or Reset, with `reset`) carrying an RFC 9003
    /// shutdown communication, cut at a UTF-8 character boundary to its 255-byte limit.
    public static func shutdown(_ message: String, reset: Bool = false) -> NotificationMessage {
        var utf8 = Array(message.utf8)
        if utf8.count > 255 {
            // Back up to the first byte of the character the cut would split, if any.
            var cut = 255
            while cut > 0, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
            utf8 = Array(utf8[..<cut])
        }
        return NotificationMessage(code: .cease,
                                   subcode: reset ? NotificationCode.Cease.administrativeReset : NotificationCode.Cease.administrativeShutdown,
                                   data: utf8.isEmpty ? [] : [UInt8(utf8.count)] + utf8)
    }

    /// The subcode's registry name.
    public var subcodeName: String { code.subcodeName(subcode) }

    /// The RFC 9003 shutdown communication of a Cease / Administrative Shutdown or
    /// Reset: nil when absent or when its length byte does not fit the data. Invalid
    /// UTF-8 is shown with replacement characters.
    public var shutdownCommunication: String? {
        guard code == .cease,
              subcode == NotificationCode.Cease.administrativeShutdown || subcode == NotificationCode.Cease.administrativeReset,
              let length = data.first, length > 0, Int(length) + 1 <= data.count else { return nil }
        return String(decoding: data[1...Int(length)], as: UTF8.self)
    }

    /// "Cease / Administrative Shutdown: \"maintenance\"" or with the data in hex.
    public var description: String {
        var text = "\(code.name) / \(subcodeName)"
        if let shutdownCommunication {
            text += ": \"\(shutdownCommunication)\""
        } else if !data.isEmpty {
            text += ", data 0x" + data.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        return text
    }

    /// Decodes the body (code, subcode, data). A NOTIFICATION is never answered with
    /// one, so its error only says the message was too short.
    public init(decodingBody body: UnsafeRawBufferPointer) throws(BGPError) {
        guard body.count >= 2 else {
            throw BGPError(problem: .notificationTruncated, code: .messageHeaderError,
                           subcode: NotificationCode.Header.badMessageLength, disposition: .sessionReset,
                           offset: BGPMessageHeader.length + body.count, detail: "\(body.count) bytes of body")
        }
        code = NotificationCode(body[0])
        subcode = body[1]
        data = [UInt8](body[2...])
    }

    public func encodeBody(into buffer: inout [UInt8]) {
        buffer.append(code.rawValue)
        buffer.append(subcode)
        buffer.append(contentsOf: data)
    }
}
