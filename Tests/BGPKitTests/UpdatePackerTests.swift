import XCTest
@testable import BGPKit

final class UpdatePackerTests: XCTestCase {
    let shared = [PathAttribute(.origin(.igp)), PathAttribute(.asPath(ASPath(sequence: [65000, 4_200_000_000]))),
                  PathAttribute(.communities([Community(65000, 1), .noExport]))]

    func decodeAll(_ messages: [[UInt8]], _ context: SessionContext) throws -> [UpdateMessage] {
        try messages.map { bytes in
            XCTAssertLessThanOrEqual(bytes.count, context.maximumMessageLength)
            let u = try decodeUpdate(bytes, context)
            XCTAssertTrue(u.errors.isEmpty)
            return u
        }
    }

    func testManyIPv4RoutesSplitWithoutLoss() throws {
        let routes = (0..<20_000).map { NLRI(IPPrefix.v4(IPv4Address(UInt32(0x0A00_0000 + $0)), 32)!) }
        let packer = UpdatePacker(context: .default)
        let messages = try packer.announce(routes, nextHop: .ipv4(IPv4Address(192, 0, 2, 1)), attributes: shared)
        XCTAssertGreaterThan(messages.count, 20)
        let updates = try decodeAll(messages, .default)
        XCTAssertEqual(updates.flatMap(\.nlri), routes)
        for u in updates {
            XCTAssertNotNil(u.origin)
            XCTAssertNotNil(u.asPath)
            XCTAssertEqual(u.nextHop, IPv4Address(192, 0, 2, 1))
            XCTAssertEqual(u.communities, [Community(65000, 1), .noExport])
        }
        // Each message but the last is full: one more /32 would not have fitted.
        for m in messages.dropLast() { XCTAssertGreaterThan(m.count + 5, 4096) }
    }

    func testIPv6RoutesWithADDPATHAndExtendedMessage() throws {
        let context = SessionContext(extendedMessage: true, addPath: [.ipv6Unicast])
        var generator = MessageGenerator(seed: 6, context: context)
        let routes = (0..<30_000).map { _ in generator.routes(.ipv6, 1...1)[0] }
        let nextHop = MPNextHop.ipv6(IPv6Address("2001:db8::1")!, linkLocal: IPv6Address("fe80::1")!)
        let messages = try UpdatePacker(context: context).announce(routes, nextHop: nextHop, attributes: shared)
        let updates = try decodeAll(messages, context)
        XCTAssertEqual(updates.flatMap { $0.mpReach?.nlri ?? [] }, routes)
        XCTAssertTrue(updates.allSatisfy { $0.attributes.first?.code == .mpReachNLRI && $0.mpReach?.nextHop == nextHop })
        XCTAssertLessThan(messages.count, 10)
    }

    func testIPv4RoutesOverIPv6NextHopRFC8950() throws {
        let routes = (0..<3000).map { NLRI(IPPrefix.v4(IPv4Address(UInt32(0xC633_6400 + $0)), 32)!) }
        let nextHop = MPNextHop.ipv6(IPv6Address("2001:db8::1")!, linkLocal: nil)
        let updates = try decodeAll(try UpdatePacker(context: .default).announce(routes, nextHop: nextHop, attributes: shared), .default)
        XCTAssertEqual(updates.flatMap { $0.mpReach?.nlri ?? [] }, routes)
        XCTAssertTrue(updates.allSatisfy { $0.nlri.isEmpty && $0.nextHop == nil && $0.mpReach?.family == .ipv4Unicast })
    }

    func testWithdrawalsNeverEmitEmptyMPUnreach() throws {
        let packer = UpdatePacker(context: .default)
        XCTAssertEqual(try packer.withdraw([]), [])
        let v6 = (0..<5000).map { NLRI(IPPrefix.v6(IPv6Address(high: 0x2001_0db8_0000_0000 | UInt64($0), low: 0), 64)!) }
        let updates = try decodeAll(try packer.withdraw(v6), .default)
        XCTAssertEqual(updates.flatMap { $0.mpUnreach?.withdrawn ?? [] }, v6)
        XCTAssertTrue(updates.allSatisfy { $0.mpUnreach?.isEmpty == false && $0.endOfRIB == nil })
        let v4 = (0..<5000).map { NLRI(IPPrefix.v4(IPv4Address(UInt32(0x0A00_0000 + $0 * 256)), 24)!) }
        XCTAssertEqual(try decodeAll(try packer.withdraw(v4), .default).flatMap(\.withdrawn), v4)
        XCTAssertEqual(try decodeUpdate(try packer.endOfRIB(.ipv6Unicast)).endOfRIB, .ipv6Unicast)
    }

    func testRefusesInvalidValues() {
        let packer = UpdatePacker(context: .default)
        let route = [NLRI(IPPrefix("192.0.2.1/32")!)]
        let hop = MPNextHop.ipv4(IPv4Address(192, 0, 2, 1))
        XCTAssertThrowsError(try packer.announce(route, nextHop: hop, attributes: Array(shared.dropFirst())))
        XCTAssertThrowsError(try packer.announce(route, nextHop: hop, attributes: shared + [PathAttribute(.nextHop(IPv4Address(1)))]))
        XCTAssertThrowsError(try packer.announce(route, nextHop: .ipv4(IPv4Address(1)), attributes: shared + shared.prefix(1)))
        XCTAssertThrowsError(try packer.announce([NLRI(IPPrefix("2001:db8::/32")!)], nextHop: hop, attributes: shared))
        XCTAssertThrowsError(try packer.announce(route + [NLRI(IPPrefix("2001:db8::/32")!)], nextHop: hop, attributes: shared))
        // A path id without ADD-PATH, and none with it.
        XCTAssertThrowsError(try packer.announce([NLRI(IPPrefix("192.0.2.1/32")!, pathID: 1)], nextHop: hop, attributes: shared))
        XCTAssertThrowsError(try UpdatePacker(context: SessionContext(addPath: [.ipv4Unicast])).announce(route, nextHop: hop, attributes: shared))
        // A 4-octet ASN on a 2-octet session.
        XCTAssertThrowsError(try UpdatePacker(context: .legacy).announce(route, nextHop: hop, attributes: shared))
        // A prefix length past the family's width cannot even be made.
        XCTAssertNil(IPPrefix(IPAddress("192.0.2.0")!, length: 40))
        XCTAssertNil(IPPrefix(keepingHostBits: IPAddress("192.0.2.0")!, length: 40))
        // Messages: hold time 1, an empty MP_UNREACH beside other attributes.
        var open = OpenMessage(asn: 65000, holdTime: 90, bgpIdentifier: IPv4Address(1), capabilities: [])
        open.holdTime = 1
        XCTAssertThrowsError(try BGPMessage.open(open).encoded(context: .default))
        let emptyUnreach = UpdateMessage(attributes: [PathAttribute(.mpUnreachNLRI(MPUnreachNLRI(family: .ipv6Unicast, withdrawn: [])))] + shared)
        XCTAssertThrowsError(try BGPMessage.update(emptyUnreach).encoded(context: .default))
        XCTAssertThrowsError(try BGPMessage.update(UpdateMessage(attributes: shared, nlri: route)).encoded(context: .default))
    }
}
