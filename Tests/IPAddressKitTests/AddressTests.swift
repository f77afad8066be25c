import IPAddressKit
import XCTest

final class AddressTests: XCTestCase {
    func testIPv4ParsesDottedQuadAndRefusesTheRest() {
        XCTAssertEqual(IPv4Address("192.0.2.1")?.value, 0xC000_0201)
        XCTAssertEqual(IPv4Address("0.0.0.0")?.value, 0)
        XCTAssertEqual(IPv4Address("255.255.255.255")?.value, 0xFFFF_FFFF)
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d", "1.2.3.-4"] {
            XCTAssertNil(IPv4Address(bad), bad)
        }
        XCTAssertEqual(IPv4Address(198, 51, 100, 7).description, "198.51.100.7")
    }

    /// RFC 5952 section 4: lowercase, no leading zeros, longest zero run compressed, the
    /// first on a tie, a single zero group not compressed.
    func testIPv6PrintsRFC5952CanonicalForm() {
        let cases: [(String, String)] = [
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:DB8::AAAA", "2001:db8::aaaa"),
            ("0:0:0:0:0:0:0:0", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("1:0:0:0:0:0:0:0", "1::"),
            ("2001:db8::0:1", "2001:db8::1"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("::ffff:c000:0201", "::ffff:192.0.2.1"),
            ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
            ("2001:db8:100::c612:dac0", "2001:db8:100::c612:dac0"),
        ]
        for (input, canonical) in cases {
            XCTAssertEqual(IPv6Address(input)?.description, canonical, input)
            XCTAssertEqual(IPv6Address(canonical).flatMap { IPv6Address($0.description) }, IPv6Address(canonical), canonical)
        }
    }

    func testIPv6PrintsFromItsHalves() {
        XCTAssertEqual(IPv6Address(high: 0x2001_0db8_0000_0000, low: 1).description, "2001:db8::1")
        XCTAssertEqual(IPv6Address(high: 0, low: 0).description, "::")
        XCTAssertEqual(IPv6Address(high: 0xfe80_0000_0000_0000, low: 0x0000_0000_0000_000a).description, "fe80::a")
        XCTAssertEqual(IPv6Address(high: 0x2001_0db8_0000_0001, low: 0x0000_0000_0001_0001).description, "2001:db8:0:1::1:1")
        XCTAssertEqual(IPv6Address(high: 0x2001_0db8_0001_0001, low: 0x0001_0001_0001_0001).description, "2001:db8:1:1:1:1:1:1")
        XCTAssertEqual(IPv6Address(high: 0x2001_0000_0000_0001, low: 0x0000_0000_0000_0001).description, "2001:0:0:1::1")
    }

    func testIPv6RefusesMalformedText() {
        for bad in ["", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1",
                    "1:2:3:4:5:6:7:8::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", ":1::2", "1::2:", "fe80::1%eth0"] {
            XCTAssertNil(IPv6Address(bad), bad)
        }
    }

    func testIPv6RoundTripsRandomAddresses() {
        var rng = SplitMix64(seed: 6)
        for _ in 0..<2000 {
            // Sparse groups so that zero runs of every length occur.
            var groups = [UInt16](repeating: 0, count: 8)
            for i in 0..<8 where rng.next() % 3 == 0 { groups[i] = UInt16(truncatingIfNeeded: rng.next()) >> (rng.next() % 16) }
            let address = IPv6Address(groups[0], groups[1], groups[2], groups[3], groups[4], groups[5], groups[6], groups[7])
            XCTAssertEqual(IPv6Address(address.description), address, address.description)
            for i in 0..<8 { XCTAssertEqual(address.group(i), groups[i]) }
        }
    }

    func testIPAddressAndOrdering() {
        XCTAssertEqual(IPAddress("10.0.0.1")?.version, .v4)
        XCTAssertEqual(IPAddress("::1")?.version, .v6)
        XCTAssertNil(IPAddress("nonsense"))
        XCTAssertLessThan(IPAddress("255.255.255.255")!, IPAddress("::")!)
        XCTAssertLessThan(IPAddress("2001:db8::1")!, IPAddress("2001:db8::2")!)
    }

    func testPrefixParsingMaskingAndContainment() throws {
        let p = try XCTUnwrap(IPPrefix("192.0.2.77/24"))
        XCTAssertEqual(p.description, "192.0.2.0/24")
        XCTAssertTrue(p.contains(IPAddress("192.0.2.255")!))
        XCTAssertFalse(p.contains(IPAddress("192.0.3.0")!))
        XCTAssertFalse(p.contains(IPAddress("::ffff:192.0.2.1")!))
        let q = try XCTUnwrap(IPPrefix("2001:db8:a7::71/125"))
        XCTAssertEqual(q.description, "2001:db8:a7::70/125")
        XCTAssertTrue(q.contains(IPAddress("2001:db8:a7::77")!))
        XCTAssertFalse(q.contains(IPAddress("2001:db8:a7::78")!))
        XCTAssertEqual(IPPrefix("2001:db8::/32"), IPPrefix("2001:db8:ffff::/32"))
        XCTAssertEqual(IPPrefix("::/0")?.contains(IPAddress("ffff::1")!), true)
        XCTAssertEqual(IPPrefix("10.1.2.3")?.length, 32)
        XCTAssertEqual(IPPrefix("2001:db8::1")?.length, 128)
        XCTAssertEqual(IPPrefix("2001:db8::1:2/64")?.description, "2001:db8::/64")
        XCTAssertEqual(IPPrefix("2001:db8::ff/120")?.description, "2001:db8::/120")
        for bad in ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "x/8", "10.0.0.0/2a"] {
            XCTAssertNil(IPPrefix(bad), bad)
        }
    }

    /// BGP NLRI may carry stray bits past the length; a decoder keeps them so that a
    /// re-encode is byte-identical, while containment looks at the network bits only.
    func testPrefixKeepingHostBits() throws {
        let stray = try XCTUnwrap(IPPrefix(keepingHostBits: IPAddress("192.0.2.77")!, length: 24))
        XCTAssertEqual(stray.address, IPAddress("192.0.2.77"))
        XCTAssertEqual(stray.network, IPAddress("192.0.2.0"))
        XCTAssertTrue(stray.contains(IPAddress("192.0.2.1")!))
        XCTAssertNotEqual(stray, IPPrefix("192.0.2.0/24"))
        XCTAssertNil(IPPrefix(keepingHostBits: IPAddress("::1")!, length: 129))
        XCTAssertLessThan(IPPrefix("10.0.0.0/8")!, IPPrefix("10.0.0.0/16")!)
        XCTAssertLessThan(IPPrefix("10.0.0.0/16")!, IPPrefix("::/0")!)
    }

    func testBytesRoundTrip() throws {
        let v4 = try XCTUnwrap(IPAddress("192.0.2.1"))
        XCTAssertEqual(v4.bytes, [192, 0, 2, 1])
        XCTAssertEqual(IPAddress(bytes: v4.bytes), v4)
        let v6 = try XCTUnwrap(IPAddress("2001:db8::a:b"))
        XCTAssertEqual(v6.bytes, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 0x0b])
        XCTAssertEqual(IPAddress(bytes: v6.bytes), v6)
        XCTAssertEqual(IPAddress(bytes: v6.bytes[...]), v6)
        for count in [0, 3, 5, 15, 17] {
            XCTAssertNil(IPAddress(bytes: [UInt8](repeating: 1, count: count)), "\(count) bytes")
        }
        // Padded nf_inet_addr: an IPv4 address in the first four of sixteen bytes.
        XCTAssertEqual(IPv4Address(bytes: [10, 0, 0, 1] + [UInt8](repeating: 0, count: 12)), IPv4Address(10, 0, 0, 1))
        XCTAssertNil(IPv4Address(bytes: [10, 0, 0]))
        XCTAssertNil(IPv6Address(bytes: [UInt8](repeating: 0, count: 15)))
        XCTAssertEqual(IPv6Address(groups: IPv6Address("2001:db8::1")!.groups), IPv6Address("2001:db8::1"))
        XCTAssertNil(IPv6Address(groups: [1, 2, 3]))
        XCTAssertTrue(IPv6Address("fe80::1")!.isLinkLocal)
        XCTAssertFalse(IPv6Address("2001:db8::1")!.isLinkLocal)
        XCTAssertTrue(IPv6Address("::")!.isUnspecified)
        XCTAssertEqual(IPv6Address("::ffff:10.1.2.3")?.mappedIPv4, IPv4Address(10, 1, 2, 3))
        XCTAssertEqual(v4.ipv4, IPv4Address(192, 0, 2, 1))
        XCTAssertNil(v4.ipv6)
        XCTAssertEqual(v6.bitWidth, 128)
    }
}

/// A small deterministic generator (SplitMix64) so that the random cases are the same on
/// every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
