@testable import BGPKit

/// Bytes from hex text; spaces, newlines and "|" separators are ignored.
func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var high: UInt8?
    for c in text.utf8 {
        let v: UInt8
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
        default: continue
        }
        if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
    }
    precondition(high == nil, "odd number of hex digits")
    return bytes
}

/// Hex text of bytes, for failure messages.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// A whole message: marker, length, type, then the body.
func message(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
    let length = 19 + body.count
    return [UInt8](repeating: 0xFF, count: 16) + [UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type] + body
}

/// An UPDATE from its three fields (lengths computed).
func update(withdrawn: [UInt8] = [], attributes: [UInt8] = [], nlri: [UInt8] = []) -> [UInt8] {
    message(2, [UInt8(withdrawn.count >> 8), UInt8(withdrawn.count & 0xFF)] + withdrawn
        + [UInt8(attributes.count >> 8), UInt8(attributes.count & 0xFF)] + attributes + nlri)
}

/// One path attribute with its length computed (extended when flags say so or needed).
func attr(_ flags: UInt8, _ code: UInt8, _ value: [UInt8]) -> [UInt8] {
    if flags & 0x10 != 0 || value.count > 255 {
        return [flags | 0x10, code, UInt8(value.count >> 8), UInt8(value.count & 0xFF)] + value
    }
    return [flags, code, UInt8(value.count)] + value
}

/// An OPEN body: version 4, AS, hold time, identifier, then parameters (short form).
func openBody(asn: UInt16 = 65001, hold: UInt16 = 90, id: [UInt8] = [192, 0, 2, 1], parameters: [UInt8]) -> [UInt8] {
    [4, UInt8(asn >> 8), UInt8(asn & 0xFF), UInt8(hold >> 8), UInt8(hold & 0xFF)] + id + [UInt8(parameters.count)] + parameters
}

/// Decodes a whole message, failing the test on error.
func decode(_ bytes: [UInt8], _ context: SessionContext = .default) throws -> BGPMessage {
    try BGPMessage(decoding: bytes, context: context)
}

/// The error decoding throws, or nil when it succeeds.
func decodeError(_ bytes: [UInt8], _ context: SessionContext = .default) -> BGPError? {
    do {
        _ = try BGPMessage(decoding: bytes, context: context)
        return nil
    } catch {
        return error
    }
}

/// The UPDATE in a decoded message.
func decodeUpdate(_ bytes: [UInt8], _ context: SessionContext = .default) throws -> UpdateMessage {
    guard case let .update(u) = try decode(bytes, context) else { throw TestFailure("not an UPDATE") }
    return u
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
