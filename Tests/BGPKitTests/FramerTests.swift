import XCTest
@testable import BGPKit

/// The framer must give the same messages however the stream is cut.
final class FramerTests: XCTestCase {
    /// A stream of one message of every type.
    private var stream: [UInt8] {
        MessageTests.vipUpdate + KeepaliveMessage.bytes
            + message(1, openBody(parameters: hex("0206 0104 00020001")))
            + message(3, hex("0602"))
            + message(5, hex("00020001"))
            + update()
    }

    private func frames(_ chunks: [ArraySlice<UInt8>]) throws -> [[UInt8]] {
        var framer = BGPFramer()
        var result: [[UInt8]] = []
        for chunk in chunks {
            framer.append(chunk)
            while let m = try framer.nextMessage() { result.append(m) }
        }
        XCTAssertEqual(framer.bufferedByteCount, 0)
        return result
    }

    func testEverySplitPoint() throws {
        let bytes = stream
        let whole = try frames([bytes[...]])
        XCTAssertEqual(whole.count, 6)
        XCTAssertEqual(whole.reduce([], +), bytes)
        for cut in 0...bytes.count {
            XCTAssertEqual(try frames([bytes[..<cut], bytes[cut...]]), whole, "cut at \(cut)")
        }
    }

    func testEveryPairOfSplitPointsAndByteByByte() throws {
        let bytes = stream
        let whole = try frames([bytes[...]])
        for a in stride(from: 0, through: bytes.count, by: 3) {
            for b in stride(from: a, through: bytes.count, by: 7) {
                XCTAssertEqual(try frames([bytes[..<a], bytes[a..<b], bytes[b...]]), whole)
            }
        }
        XCTAssertEqual(try frames(bytes.indices.map { bytes[$0...$0] }), whole)
    }

    func testRandomChunkingsDecodeTheSame() throws {
        var rng = SplitMix64(seed: 179)
        let bytes = (0..<20).map { _ in stream }.reduce([], +)
        let whole = try frames([bytes[...]])
        for _ in 0..<200 {
            var chunks: [ArraySlice<UInt8>] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 0...300, using: &rng))
                chunks.append(bytes[start..<end])
                start = end
            }
            XCTAssertEqual(try frames(chunks), whole)
        }
    }

    func testHeaderErrorsAreStickyAndPositioned() {
        var framer = BGPFramer()
        var bad = KeepaliveMessage.bytes + KeepaliveMessage.bytes
        bad[19 + 3] = 0
        framer.append(bad)
        XCTAssertEqual(try framer.nextMessage(), KeepaliveMessage.bytes)
        XCTAssertThrowsError(try framer.nextMessage()) { error in
            XCTAssertEqual((error as? BGPError)?.problem, .badMarker)
            XCTAssertEqual((error as? BGPError)?.offset, 22)
        }
        XCTAssertThrowsError(try framer.nextMessage())
    }

    func testExtendedMessageLimit() throws {
        let big = update(attributes: attr(0x40, 1, [0]) + attr(0x40, 2, []) + attr(0xC0, 99, [UInt8](repeating: 7, count: 5000)))
        var framer = BGPFramer()
        framer.append(big)
        XCTAssertThrowsError(try framer.nextMessage())
        var extended = BGPFramer(maximumMessageLength: 65535)
        extended.append(big)
        XCTAssertEqual(try extended.nextMessage(), big)
        // OPEN never exceeds 4,096 bytes, even with extended message.
        var open = message(1, openBody(parameters: []))
        open[16] = 0x20
        extended.append(open)
        XCTAssertThrowsError(try extended.nextMessage())
    }

    func testNextDecodedMessage() throws {
        var framer = BGPFramer()
        framer.append(stream)
        var types: [MessageType] = []
        while let m = try framer.nextDecodedMessage(context: .default) { types.append(m.type) }
        XCTAssertEqual(types, [.update, .keepalive, .open, .notification, .routeRefresh, .update])
    }
}
