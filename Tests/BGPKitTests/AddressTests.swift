import XCTest
@testable import BGPKit

final class AddressTests: XCTestCase {
    func testIPv4TextRoundTrip() {
        XCTAssertEqual(IPv4Address("192.0.2.1")?.description, "192.0.2.1")
        XCTAssertEqual(IPv4Address("0.0.0.0")?.value, 0)
        XCTAssertEqual(IPv4Address("255.255.255.255")?.value, .max)
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 "] {
            XCTAssertNil(IPv4Address(bad), bad)
        }
    }

    func testIPv6RFC5952Text() {
        let cases: [(String, String)] = [
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),   // first of two equal runs
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), // a single zero group stays
            ("::", "::"),
            ("::1", "::1"),
            ("fe80::", "fe80::"),
            ("2001:DB8::A", "2001:db8::a"),
            ("::ffff:192.0.2.1", "::ffff:c000:201"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),              // the longest run
        ]
        for (input, expected) in cases {
            XCTAssertEqual(IPv6Address(input)?.description, expected, input)
        }
        for bad in ["", ":", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "g::1", "1:2:3:4:5:6:7::8:9"] {
            XCTAssertNil(IPv6Address(bad), bad)
        }
        XCTAssertTrue(IPv6Address("fe80::1")!.isLinkLocal)
        XCTAssertFalse(IPv6Address("2001:db8::1")!.isLinkLocal)
    }

    func testIPv6TextRoundTripOverRandomAddresses() {
        var rng = SplitMix64(seed: 5952)
        for _ in 0..<2000 {
            // Zero groups are made common so that "::" placement is exercised.
            var groups = (0..<8).map { _ in UInt16.random(in: 0...3, using: &rng) == 0 ? 0 : UInt16.random(in: 0...0xFFFF, using: &rng) }
            if Bool.random(using: &rng) { groups[Int.random(in: 0..<8, using: &rng)] = 0 }
            let address = IPv6Address(groups[0], groups[1], groups[2], groups[3], groups[4], groups[5], groups[6], groups[7])
            XCTAssertEqual(IPv6Address(address.description), address, address.description)
        }
    }

    func testPrefixes() {
        XCTAssertEqual(IPPrefix("192.0.2.0/24")?.description, "192.0.2.0/24")
        XCTAssertEqual(IPPrefix("2001:db8::/32")?.description, "2001:db8::/32")
        XCTAssertEqual(IPPrefix("2001:db8::1")?.length, 128)
        XCTAssertNil(IPPrefix("192.0.2.0/33"))
        XCTAssertNil(IPPrefix("2001:db8::/129"))
        XCTAssertNil(IPPrefix("192.0.2.0/-1"))
    }
}
