import XCTest
@testable import BGPKit

/// Hand-built messages of every type: decoded fields, and decode then encode is
/// byte-identical.
final class MessageTests: XCTestCase {
    func assertRoundTrip(_ bytes: [UInt8], _ context: SessionContext = .default, file: StaticString = #filePath, line: UInt = #line) throws {
        let decoded = try decode(bytes, context)
        let encoded = try decoded.encoded(context: context)
        XCTAssertEqual(hexString(encoded), hexString(bytes), "re-encode differs", file: file, line: line)
    }

    func testKeepalive() throws {
        XCTAssertEqual(try decode(KeepaliveMessage.bytes), .keepalive)
        try assertRoundTrip(KeepaliveMessage.bytes)
    }

    /// The 55-byte UPDATE announcing one IPv4 VIP (/32), the announcer's common case.
    static let vipUpdate = hex("""
        ffffffffffffffffffffffffffffffff 0037 02
        0000 001b
        40010100
        400206 0201 0000fde8
        400304 c0000201
        800404 00000000
        20 c6336401
        """)

    func testIPv4VIPUpdate() throws {
        XCTAssertEqual(Self.vipUpdate.count, 55)
        let u = try decodeUpdate(Self.vipUpdate)
        XCTAssertEqual(u.origin, .igp)
        XCTAssertEqual(u.asPath?.asns, [65000])
        XCTAssertEqual(u.asPath?.description, "65000")
        XCTAssertEqual(u.nextHop?.description, "192.0.2.1")
        XCTAssertEqual(u.multiExitDisc, 0)
        XCTAssertEqual(u.nlri.map(\.description), ["198.51.100.1/32"])
        XCTAssertTrue(u.errors.isEmpty)
        XCTAssertNil(u.endOfRIB)
        try assertRoundTrip(Self.vipUpdate)
    }

    func testIPv6UpdateWithGlobalAndLinkLocalNextHop() throws {
        let nextHop = hex("20010db8000000000000000000000001 fe800000000000000000000000000001")
        let reach = hex("0002 01 20") + nextHop + [0] + [128] + hex("20010db8000000010000000000000001") + [64] + hex("20010db800010002")
        let bytes = update(attributes: attr(0x90, 14, reach) + attr(0x40, 1, [0]) + attr(0x40, 2, hex("02020000fde8fbf0fbf1"))
                                       + attr(0xC0, 8, hex("fde80001 ffffff01 ffff0000 ffff029a"))
                                       + attr(0xC0, 32, hex("0000fde8 00000001 00000002")))
        let u = try decodeUpdate(bytes)
        guard let r = u.mpReach else { return XCTFail("no MP_REACH_NLRI") }
        XCTAssertEqual(r.family, .ipv6Unicast)
        XCTAssertEqual(r.nextHop.description, "2001:db8::1 fe80::1")
        XCTAssertEqual(r.nlri.map(\.description), ["2001:db8:0:1::1/128", "2001:db8:1:2::/64"])
        XCTAssertEqual(u.asPath?.asns, [65000, 4_226_087_921].map { $0 == 65000 ? 65000 : 0xFBF0FBF1 })
        XCTAssertEqual(u.communities.map { $0.wellKnownName ?? $0.description }, ["65000:1", "NO_EXPORT", "GRACEFUL_SHUTDOWN", "BLACKHOLE"])
        XCTAssertEqual(u.largeCommunities.map(\.description), ["65000:1:2"])
        XCTAssertEqual(u.announced.count, 2)
        try assertRoundTrip(bytes)
    }

    func testIPv4RoutesWithIPv6NextHopRFC8950() throws {
        let reach = hex("0001 01 10 20010db8000000000000000000000001 00 20 c6336401 18 c00002")
        let bytes = update(attributes: attr(0x90, 14, reach) + attr(0x40, 1, [2]) + attr(0x40, 2, []))
        let u = try decodeUpdate(bytes)
        XCTAssertEqual(u.mpReach?.family, .ipv4Unicast)
        XCTAssertEqual(u.mpReach?.nextHop, .ipv6(IPv6Address("2001:db8::1")!, linkLocal: nil))
        XCTAssertEqual(u.mpReach?.nlri.map(\.description), ["198.51.100.1/32", "192.0.2.0/24"])
        XCTAssertEqual(u.origin, .incomplete)
        XCTAssertEqual(u.asPath, ASPath())
        try assertRoundTrip(bytes)
    }

    func testEndOfRIBForBothFamilies() throws {
        let ipv4 = update()
        XCTAssertEqual(try decodeUpdate(ipv4).endOfRIB, .ipv4Unicast)
        let ipv6 = update(attributes: attr(0x80, 15, hex("0002 01")))
        XCTAssertEqual(try decodeUpdate(ipv6).endOfRIB, .ipv6Unicast)
        XCTAssertEqual(try BGPMessage.update(.endOfRIB(.ipv6Unicast)).encoded(context: .default), ipv6)
        XCTAssertEqual(try BGPMessage.update(.endOfRIB(.ipv4Unicast)).encoded(context: .default), ipv4)
        try assertRoundTrip(ipv6)
    }

    func testWithdrawalsBothFamilies() throws {
        let bytes = update(withdrawn: hex("18c00002 20c6336401"),
                           attributes: attr(0x80, 15, hex("0002 01 40 20010db800010002")))
        let u = try decodeUpdate(bytes)
        XCTAssertEqual(u.allWithdrawn.map(\.description), ["192.0.2.0/24", "198.51.100.1/32", "2001:db8:1:2::/64"])
        XCTAssertNil(u.endOfRIB)
        try assertRoundTrip(bytes)
    }

    func testAllAttributesRoundTrip() throws {
        let attributes = attr(0x40, 1, [1])
            + attr(0x40, 2, hex("02 03 0000fde8 0000fde9 0000fdea 01 02 00000001 00000002 03 01 0000000a"))
            + attr(0x40, 3, hex("a9fe0001"))         // an IPv4 link-local next hop
            + attr(0x80, 4, hex("00000064"))
            + attr(0x40, 5, hex("000000c8"))
            + attr(0x40, 6, [])
            + attr(0xC0, 7, hex("0000fde8 c0000201"))
            + attr(0xC0, 8, hex("fde80064"))
            + attr(0x80, 9, hex("0a000001"))
            + attr(0x80, 10, hex("0a000002 0a000003"))
            + attr(0xC0, 16, hex("0002fde800000064 0102c0000201000a"))
            + attr(0xC0, 25, hex("0002 20010db8000000000000000000000001 0007"))
            + attr(0xC0, 32, hex("0000fde8 00000001 00000002 0000fde8 00000003 00000004"))
            + attr(0xC0, 35, hex("0000fde8"))
            + attr(0xE0, 99, hex("deadbeef"))        // unknown optional transitive, partial
            + attr(0xD0, 100, hex("01"))             // unknown with extended length on a short value
        let bytes = update(attributes: attributes, nlri: hex("18c00002"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.errors.isEmpty, "\(u.errors)")
        XCTAssertEqual(u.asPath?.description, "65000 65001 65002 {1,2} (10)")
        XCTAssertEqual(u.asPath?.length, 4)
        XCTAssertEqual(u.nextHop?.description, "169.254.0.1")
        XCTAssertEqual(u.localPref, 200)
        XCTAssertTrue(u.atomicAggregate)
        XCTAssertEqual(u.aggregator?.description, "65000 192.0.2.1")
        XCTAssertEqual(u.originatorID?.description, "10.0.0.1")
        XCTAssertEqual(u.clusterList.map(\.description), ["10.0.0.2", "10.0.0.3"])
        XCTAssertEqual(u.extendedCommunities.map(\.description), ["route-target:65000:100", "route-target:192.0.2.1:10"])
        XCTAssertEqual(u.ipv6ExtendedCommunities.map(\.description), ["route-target:2001:db8::1:7"])
        XCTAssertEqual(u.largeCommunities.count, 2)
        XCTAssertEqual(u.onlyToCustomer, 65000)
        XCTAssertEqual(u.attribute(AttributeCode(99))?.flags, [.optional, .transitive, .partial])
        XCTAssertEqual(u.attribute(AttributeCode(100))?.flags, [.optional, .transitive, .extendedLength])
        try assertRoundTrip(bytes)
    }

    func testTwoOctetASSessionAndAS4Merge() throws {
        // AS_PATH 65000 23456 23456 (AS_TRANS), AS4_PATH 4200000001 4200000002.
        let attributes = attr(0x40, 1, [0])
            + attr(0xC0, 17, hex("0202 fa56ea01 fa56ea02"))   // AS4_PATH before AS_PATH
            + attr(0x40, 2, hex("0203 fde8 5ba0 5ba0"))
            + attr(0x40, 3, hex("c0000201"))
        let bytes = update(attributes: attributes, nlri: hex("18c00002"))
        let u = try decodeUpdate(bytes, .legacy)
        XCTAssertEqual(u.asPath?.asns, [65000, 23456, 23456])
        XCTAssertEqual(u.effectiveASPath(context: .legacy)?.asns, [65000, 4_200_000_001, 4_200_000_002])
        try assertRoundTrip(bytes, .legacy)
    }

    func testADDPATH() throws {
        let context = SessionContext(addPath: [.ipv4Unicast, .ipv6Unicast])
        let reach = hex("0002 01 10 20010db8000000000000000000000001 00 00000007 80 20010db8000000000000000000000002")
        let bytes = update(withdrawn: hex("00000003 18c00002"),
                           attributes: attr(0x90, 14, reach) + attr(0x40, 1, [0]) + attr(0x40, 2, hex("0201 0000fde8")) + attr(0x40, 3, hex("c0000201")),
                           nlri: hex("00000009 20c6336401"))
        let u = try decodeUpdate(bytes, context)
        XCTAssertEqual(u.withdrawn.map(\.description), ["192.0.2.0/24 path-id 3"])
        XCTAssertEqual(u.nlri.map(\.description), ["198.51.100.1/32 path-id 9"])
        XCTAssertEqual(u.mpReach?.nlri.map(\.description), ["2001:db8::2/128 path-id 7"])
        try assertRoundTrip(bytes, context)
    }

    func testOpenWithManyCapabilities() throws {
        let capabilities = hex("""
            0104 00010001  0104 00020001  0200  0600  4600  4104 fa56ea01
            050c 0001 0001 0002  0001 0002 0002
            4006 8078 00010180
            4508 00010103 00020101
            4707 0002 01 80 000e10
            4909 0468 6f73 74 03 6c 61 62
            0901 03
            8000
            """)
        // One capability per parameter (FRR) and many per parameter (BIRD) both occur.
        let parameters = [2, UInt8(capabilities.count)] + capabilities + hex("0206 0104 00010002")
        let bytes = message(1, openBody(asn: 23456, hold: 180, parameters: parameters))
        guard case let .open(o) = try decode(bytes) else { return XCTFail("not an OPEN") }
        XCTAssertEqual(o.asn, 4_200_000_001)
        XCTAssertEqual(o.holdTime, 180)
        XCTAssertEqual(o.bgpIdentifier.description, "192.0.2.1")
        XCTAssertEqual(o.families, [.ipv4Unicast, .ipv6Unicast, .ipv4Multicast])
        XCTAssertEqual(o.capabilities.map(\.description), [
            "multiprotocol IPv4 unicast", "multiprotocol IPv6 unicast", "route-refresh", "extended-message",
            "enhanced-route-refresh", "4-octet-as 4200000001",
            "extended-next-hop IPv4 unicast via IPv6, IPv4 multicast via IPv6",
            "graceful-restart restart time 120s, R, IPv4 unicast (F)",
            "add-path IPv4 unicast send/receive, IPv6 unicast receive",
            "long-lived-graceful-restart IPv6 unicast stale 3600s (F)",
            "fqdn host.lab", "role customer", "route-refresh-cisco",
            "multiprotocol IPv4 multicast",
        ])
        try assertRoundTrip(bytes)
    }

    func testOpenWithExtendedOptionalParametersRFC9072() throws {
        var caps: [UInt8] = []
        for i in 0..<70 { caps += [0x01, 0x04, 0x00, 0x01, 0x00, UInt8(i)] }   // 420 bytes of capabilities
        let parameters = [2, UInt8(caps.count >> 8), UInt8(caps.count & 0xFF)] + caps
        let body = hex("04 fde9 005a c0000201 ff ff") + [UInt8(parameters.count >> 8), UInt8(parameters.count & 0xFF)] + parameters
        let bytes = message(1, body)
        guard case let .open(o) = try decode(bytes) else { return XCTFail("not an OPEN") }
        XCTAssertTrue(o.usesExtendedParameters)
        XCTAssertEqual(o.capabilities.count, 70)
        try assertRoundTrip(bytes)
        // Too many capabilities for the short form switch the encoder to the long one.
        var short = o
        short.usesExtendedParameters = false
        XCTAssertEqual(try BGPMessage.open(short).encoded(context: .default), bytes)
    }

    func testNotificationShutdownCommunication() throws {
        let text = "maintenance: back at 03:00 — ops"
        let n = NotificationMessage.shutdown(text)
        let bytes = try BGPMessage.notification(n).encoded(context: .default)
        guard case let .notification(d) = try decode(bytes) else { return XCTFail("not a NOTIFICATION") }
        XCTAssertEqual(d.shutdownCommunication, text)
        XCTAssertEqual(d.description, "Cease / Administrative Shutdown: \"\(text)\"")
        try assertRoundTrip(bytes)
        // A 300-byte message is cut to 255 bytes on a character boundary.
        let long = NotificationMessage.shutdown(String(repeating: "é", count: 150))
        XCTAssertEqual(long.data.first, 254)
        XCTAssertEqual(long.shutdownCommunication, String(repeating: "é", count: 127))
    }

    func testNotificationNames() throws {
        let bytes = message(3, hex("0202 fde8"))
        guard case let .notification(n) = try decode(bytes) else { return XCTFail("not a NOTIFICATION") }
        XCTAssertEqual(n.description, "OPEN Message Error / Bad Peer AS, data 0xfde8")
        XCTAssertEqual(NotificationMessage(code: .holdTimerExpired, subcode: 0).description, "Hold Timer Expired / Unspecific")
        XCTAssertEqual(NotificationCode.cease.subcodeName(9), "Hard Reset")
        XCTAssertEqual(NotificationCode.updateMessageError.subcodeName(11), "Malformed AS_PATH")
        XCTAssertEqual(NotificationCode(42).name, "Unknown (42)")
        try assertRoundTrip(bytes)
    }

    func testRouteRefreshAndEnhancedRouteRefresh() throws {
        for (subtype, name) in [(0, "request"), (1, "BoRR"), (2, "EoRR")] {
            let bytes = message(5, [0, 2, UInt8(subtype), 1])
            guard case let .routeRefresh(r) = try decode(bytes) else { return XCTFail("not a ROUTE-REFRESH") }
            XCTAssertEqual(r.description, "IPv6 unicast \(name)")
            try assertRoundTrip(bytes)
        }
        let error = decodeError(message(5, [0, 2, 0, 1, 0]))
        XCTAssertEqual(error?.code, .routeRefreshMessageError)
        XCTAssertEqual(error?.subcode, 1)
    }

    func testErrorDescriptionIsOneUsefulLine() {
        let error = decodeError(update(attributes: attr(0x40, 3, hex("c00002"))), .default)
        XCTAssertNil(error)   // treat-as-withdraw does not throw
        let bad = decodeError(message(9, []))
        XCTAssertEqual(bad?.description, "unknown message type at byte 18: type 9 (Message Header Error / Bad Message Type, session-reset)")
    }
}
