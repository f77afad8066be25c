import XCTest
@testable import NetlinkKit

final class CodecTests: XCTestCase {
    func testHeaderRoundTrip() throws {
        let bytes = NetlinkMessage.encode(type: 0x1c, flags: [.request, .acknowledge], sequence: 7, portID: 9, payload: [1, 2, 3])
        XCTAssertEqual(bytes.count, 20)
        XCTAssertEqual(Array(bytes[0..<4]), [19, 0, 0, 0])
        let messages = try NetlinkMessage.split(bytes[...])
        XCTAssertEqual(messages.count, 1)
        XCTAssertEqual(messages[0].header, NetlinkHeader(length: 19, type: 0x1c, flags: [.request, .acknowledge], sequence: 7, portID: 9))
        XCTAssertEqual(Array(messages[0].payload), [1, 2, 3])
    }

    func testSplitRejectsShortAndOverlongLengths() {
        var bytes = NetlinkMessage.encode(type: 3, flags: [], sequence: 1, payload: [])
        bytes[0] = 8
        XCTAssertThrowsError(try NetlinkMessage.split(bytes[...])) { error in
            XCTAssertEqual((error as? NetlinkDecodingError)?.offset, 0)
        }
        bytes[0] = 200
        XCTAssertThrowsError(try NetlinkMessage.split(bytes[...]))
        XCTAssertThrowsError(try NetlinkMessage.split([1, 2, 3][...]))
        XCTAssertEqual(try NetlinkMessage.split([][...]).count, 0)
    }

    func testAttributesWriterAlignsAndBackPatchesNests() throws {
        var writer = AttributeWriter()
        writer.append(1, uint8: 0xab)
        writer.nested(2) { w in
            w.append(3, string: "mh")
            w.append(4, bigEndian: UInt16(80))
        }
        writer.append(9, uint32: 5)
        let bytes = try writer.finish()
        XCTAssertEqual(bytes, [
            5, 0, 1, 0, 0xab, 0, 0, 0,
            20, 0, 2, 0x80,
            7, 0, 3, 0, 0x6d, 0x68, 0, 0,
            6, 0, 4, 0, 0, 80, 0, 0,
            8, 0, 9, 0, 5, 0, 0, 0,
        ])
        let attributes = try NetlinkAttributes(parsing: bytes[...])
        XCTAssertEqual(attributes.count, 3)
        XCTAssertEqual(try attributes.uint8(1), 0xab)
        let nest = try XCTUnwrap(attributes.nested(2))
        XCTAssertTrue(attributes[1].isNested)
        XCTAssertEqual(nest.string(3), "mh")
        XCTAssertEqual(try nest.first(4)?.bigEndianUInt16(), 80)
        XCTAssertEqual(nest[0].offset, 12)
        XCTAssertEqual(try attributes.uint32(9), 5)
    }

    func testUnknownAttributesAreKept() throws {
        let bytes: [UInt8] = [8, 0, 0x99, 0x3f, 1, 2, 3, 4]
        let attributes = try NetlinkAttributes(parsing: bytes[...])
        XCTAssertEqual(attributes.count, 1)
        XCTAssertEqual(attributes[0].type, 0x3f99)
        XCTAssertEqual(Array(attributes[0].value), [1, 2, 3, 4])
    }

    func testAttributeErrorsSayWhere() {
        XCTAssertThrowsError(try NetlinkAttributes(parsing: [8, 0, 1, 0, 1, 2, 3, 4, 3, 0, 1, 0][...], baseOffset: 100)) { error in
            XCTAssertEqual(error as? NetlinkDecodingError, NetlinkDecodingError("attribute length 3 below its 4-byte header", at: 108))
        }
        XCTAssertThrowsError(try NetlinkAttributes(parsing: [9, 0, 1, 0, 1][...]))
        XCTAssertThrowsError(try NetlinkAttribute(type: 1, value: [1, 2][...]).uint32())
    }

    func testWriterRefusesOversizedValues() {
        var writer = AttributeWriter()
        writer.append(1, bytes: [UInt8](repeating: 0, count: 70_000))
        XCTAssertThrowsError(try writer.finish())
        var open = AttributeWriter()
        open.beginNested(1)
        XCTAssertThrowsError(try open.finish())
    }

    func testErrorMessageWithEveryExtendedAckAttribute() throws {
        var tlvs = AttributeWriter()
        tlvs.append(1, string: "Unknown scheduler")
        tlvs.append(2, uint32: 36)
        tlvs.append(3, bytes: [0xde, 0xad])
        tlvs.nested(4) { p in
            p.append(1, uint32: 4)
            p.append(4, uint64: 1)
            p.append(5, uint64: 100)
            p.append(2, uint64: UInt64(bitPattern: -5))
            p.append(6, uint32: 2)
            p.append(7, uint32: 16)
            p.append(77, uint8: 1)
        }
        tlvs.append(5, uint32: 6)
        tlvs.append(6, uint32: 20)
        tlvs.append(42, uint8: 7)
        var payload: [UInt8] = []
        payload.appendNative(Int32(-17))
        // An uncapped echo: the whole original request (header + 4 payload bytes) is repeated.
        NetlinkHeader(length: 20, type: 0x20, flags: [.request], sequence: 5, portID: 0).encode(into: &payload)
        payload.append(contentsOf: [1, 2, 3, 4])
        payload.append(contentsOf: try tlvs.finish())
        let decoded = try NetlinkErrorMessage(payload: payload[...], flags: [.acknowledgementTLVs])
        XCTAssertEqual(decoded.errno, 17)
        XCTAssertEqual(decoded.request.sequence, 5)
        let ack = decoded.extendedAck
        XCTAssertEqual(ack.message, "Unknown scheduler")
        XCTAssertEqual(ack.offset, 36)
        XCTAssertEqual(ack.cookie, [0xde, 0xad])
        XCTAssertEqual(ack.policy?.type, 4)
        XCTAssertEqual(ack.policy?.minimumUnsigned, 1)
        XCTAssertEqual(ack.policy?.maximumUnsigned, 100)
        XCTAssertEqual(ack.policy?.minimumSigned, -5)
        XCTAssertEqual(ack.policy?.minimumLength, 2)
        XCTAssertEqual(ack.policy?.maximumLength, 16)
        XCTAssertEqual(ack.policy?.unknown.map(\.type), [77])
        XCTAssertEqual(ack.missingType, 6)
        XCTAssertEqual(ack.missingNest, 20)
        XCTAssertEqual(ack.unknown.map(\.type), [42])
        let error = KernelError(errno: decoded.errno, extendedAck: ack)
        XCTAssertEqual(error.description, "EEXIST (17): Unknown scheduler [attribute at byte 36] [missing attribute 6 in the nest at byte 20]")
    }

    func testErrorMessageRejectsGarbage() {
        XCTAssertThrowsError(try NetlinkErrorMessage(payload: [1, 0, 0, 0][...], flags: []))
        XCTAssertThrowsError(try NetlinkErrorMessage(payload: [0xfe, 0xff, 0xff, 0xff, 1][...], flags: []))
        var payload: [UInt8] = []
        payload.appendNative(Int32(-1))
        NetlinkHeader(length: 4000, type: 0x20, flags: [], sequence: 5, portID: 0).encode(into: &payload)
        XCTAssertThrowsError(try NetlinkErrorMessage(payload: payload[...], flags: [.acknowledgementTLVs]))
        XCTAssertNoThrow(try NetlinkErrorMessage(payload: payload[...], flags: [.capped, .acknowledgementTLVs]))
    }

    func testErrnoNames() {
        XCTAssertEqual(Errno.name(17), "EEXIST")
        XCTAssertEqual(Errno.name(3), "ESRCH")
        XCTAssertEqual(Errno.name(524), "ENOTSUPP")
        XCTAssertEqual(Errno.name(9999), "errno 9999")
    }

    func testAddressesFormatLikeInetNtop() throws {
        XCTAssertEqual(IPv6Address("2001:db8::1")?.description, "2001:db8::1")
        XCTAssertEqual(IPv6Address("2001:db8:0:1:0:0:0:1")?.description, "2001:db8:0:1::1")
        XCTAssertEqual(IPv6Address("2001:0:1:0:1:0:1:0")?.description, "2001:0:1:0:1:0:1:0")
        XCTAssertEqual(IPv6Address("::")?.description, "::")
        XCTAssertEqual(IPv6Address("::1")?.description, "::1")
        XCTAssertEqual(IPv6Address("::ffff:192.0.2.1")?.description, "::ffff:192.0.2.1")
        XCTAssertEqual(IPv6Address("fe80::")?.description, "fe80::")
        XCTAssertNil(IPv6Address("1::2::3"))
        XCTAssertNil(IPv6Address("12345::"))
        XCTAssertNil(IPv6Address("1:2:3:4:5:6:7:8:9"))
        XCTAssertEqual(IPv4Address("192.0.2.1")?.description, "192.0.2.1")
        XCTAssertNil(IPv4Address("256.0.0.1"))
        XCTAssertNil(IPv4Address("1.2.3"))
        XCTAssertEqual(IPAddress("10.0.0.1")?.paddedBytes.count, 16)
    }
}
