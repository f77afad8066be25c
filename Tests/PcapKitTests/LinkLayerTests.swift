import XCTest
import PcapKit

final class LinkLayerTests: XCTestCase {
    private func decode(_ bytes: [UInt8], _ type: LinkType) throws -> LinkLayerFrame {
        try bytes.withUnsafeBytes { buf in try LinkLayerFrame(decoding: buf, linkType: type) }
    }

    func testEthernetQinQFindsIPv6AfterTwoTags() throws {
        let frame: [UInt8] = Array(repeating: 0, count: 12) + [0x88, 0xA8, 0x00, 0x64, 0x81, 0x00, 0x00, 0xC8, 0x86, 0xDD, 0x60]
        let decoded = try decode(frame, .ethernet)
        XCTAssertEqual(decoded.network, .ipv6)
        XCTAssertEqual(decoded.headerLength, 22)
        XCTAssertEqual(decoded.vlanIDs.array, [100, 200])
    }

    func testEthernetTagWithoutRoomForNextTypeIsTruncated() {
        let frame: [UInt8] = Array(repeating: 0, count: 12) + [0x81, 0x00, 0x00]
        XCTAssertThrowsError(try decode(frame, .ethernet)) { error in
            XCTAssertEqual(error as? LinkLayerError, .truncated(needed: 18, have: 15))
        }
    }

    func testNullLoopbackInEitherByteOrder() throws {
        XCTAssertEqual(try decode([2, 0, 0, 0, 0x45], .null).network, .ipv4)
        XCTAssertEqual(try decode([0, 0, 0, 30, 0x60], .null).network, .ipv6)
        XCTAssertEqual(try decode([0, 0, 0, 24, 0x60], .loop).network, .ipv6)
    }

    func testSLL2ProtocolIsAtOffsetZero() throws {
        let frame: [UInt8] = [0x08, 0x00] + Array(repeating: 0, count: 18) + [0x45]
        let decoded = try decode(frame, .linuxSLL2)
        XCTAssertEqual(decoded.network, .ipv4)
        XCTAssertEqual(decoded.headerLength, 20)
    }

    func testRawUsesTheVersionNibble() throws {
        XCTAssertEqual(try decode([0x60], .raw12).network, .ipv6)
        XCTAssertEqual(try decode([0x45], .raw).network, .ipv4)
        XCTAssertEqual(try decode([0x15], .raw14).network, .other(1))
        XCTAssertThrowsError(try decode([], .raw))
    }

    func testUnknownLinkTypeIsAnError() {
        XCTAssertThrowsError(try decode([1, 2, 3], LinkType(rawValue: 147)))
    }

    func testEveryPrefixOfAnyFrameDecodesOrThrows() {
        let frame: [UInt8] = Array(repeating: 0, count: 12) + [0x81, 0x00, 0x00, 0x01, 0x81, 0x00, 0x00, 0x02, 0x08, 0x00, 0x45]
        for type in [LinkType.ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .ipv4, .ipv6] {
            for cut in 0...frame.count {
                _ = try? decode(Array(frame.prefix(cut)), type)
            }
        }
    }
}
