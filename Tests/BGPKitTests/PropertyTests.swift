import XCTest
@testable import BGPKit

/// Encode then decode is the identity over generated messages, and decoding is total
/// over mutations of them.
final class PropertyTests: XCTestCase {
    static let contexts: [SessionContext] = [
        .default, .legacy,
        SessionContext(addPath: [.ipv4Unicast, .ipv6Unicast]),
        SessionContext(fourOctetAS: false, addPath: [.ipv6Unicast]),
    ]

    /// The extended-length bit is the encoder's choice for long values; compare without it.
    func normalized(_ m: BGPMessage) -> BGPMessage {
        guard case var .update(u) = m else { return m }
        for i in u.attributes.indices { u.attributes[i].flags.remove(.extendedLength) }
        return .update(u)
    }

    func testEncodeThenDecodeIsIdentity() throws {
        for (n, context) in Self.contexts.enumerated() {
            var generator = MessageGenerator(seed: 0xB6B + UInt64(n), context: context)
            for i in 0..<3000 {
                let original = generator.message()
                let bytes = try original.encoded(context: context)
                let decoded = try BGPMessage(decoding: bytes, context: context)
                XCTAssertEqual(normalized(decoded), normalized(original), "context \(n) message \(i): \(hexString(bytes))")
                XCTAssertEqual(try decoded.encoded(context: context), bytes, "context \(n) message \(i)")
                let summary = try bytes.withUnsafeBytes { raw throws(BGPError) in try BGPMessage.validate(raw, context: context) }
                if case let .update(u) = decoded {
                    XCTAssertEqual(summary?.errorCount, 0)
                    XCTAssertEqual(summary?.attributeCount, u.attributes.count)
                    XCTAssertEqual(summary?.nlriCount, u.nlri.count)
                }
            }
        }
    }

    /// Flipped, dropped and inserted bytes never crash a decoder, and the validate-only
    /// pass always agrees with the full decode.
    func testMutatedMessagesNeverCrashAndValidateAgrees() throws {
        var rng = SplitMix64(seed: 7606)
        var decodedCount = 0, errorCount = 0
        for (n, context) in Self.contexts.enumerated() {
            var generator = MessageGenerator(seed: 0x5EED + UInt64(n), context: context)
            for _ in 0..<3000 {
                var bytes = try generator.message().encoded(context: context)
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
                    case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                    case 2: bytes.remove(at: at)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                    }
                    if bytes.isEmpty { bytes = [0] }
                }
                // Keep the header consistent half the time so that bodies get exercised.
                if bytes.count >= 19, Bool.random(using: &rng) {
                    for i in 0..<16 { bytes[i] = 0xFF }
                    bytes[16] = UInt8(bytes.count >> 8 & 0xFF)
                    bytes[17] = UInt8(bytes.count & 0xFF)
                }
                let decoded = Result { () throws(BGPError) in try BGPMessage(decoding: bytes, context: context) }
                let validated = bytes.withUnsafeBytes { raw in
                    Result { () throws(BGPError) in try BGPMessage.validate(raw, context: context) }
                }
                switch (decoded, validated) {
                case let (.failure(a), .failure(b)):
                    XCTAssertEqual(a, b)
                    XCTAssertLessThanOrEqual(a.offset, bytes.count)
                    XCTAssertLessThanOrEqual(a.data.count, bytes.count)
                    errorCount += 1
                case let (.success(message), .success(summary)):
                    if case let .update(u) = message {
                        XCTAssertEqual(u.errors.first, summary?.firstError)
                        XCTAssertEqual(u.errors.count, summary?.errorCount)
                    }
                    decodedCount += 1
                default:
                    XCTFail("decode \(decoded) but validate \(validated): \(hexString(bytes))")
                }
            }
        }
        XCTAssertGreaterThan(decodedCount, 100)
        XCTAssertGreaterThan(errorCount, 100)
    }
}
