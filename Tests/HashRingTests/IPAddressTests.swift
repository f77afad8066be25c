import XCTest
@testable import HashRing

final class IPAddressTests: XCTestCase {
    /// Every algorithm hashes the 128-bit form, IPv4 mapped into ::ffff:0:0/96.
    func testIPv4HashesInItsMappedForm() throws {
        let address = try XCTUnwrap(IPAddress("192.0.2.1"))
        XCTAssertEqual(address.mappedHigh, 0)
        XCTAssertEqual(address.mappedLow, 0x0000_ffff_c000_0201)
        XCTAssertEqual(address.mappedBytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1])
        let v6 = try XCTUnwrap(IPAddress("2001:db8::1:2"))
        XCTAssertEqual(v6.mappedHigh, 0x2001_0db8_0000_0000)
        XCTAssertEqual(v6.mappedLow, 0x0000_0000_0001_0002)
        XCTAssertEqual(v6.mappedBytes, v6.bytes)
        let (w0, w1, w2, w3) = address.mappedWords
        XCTAssertEqual([w0, w1, w2, w3], [0, 0, 0xffff, 0xc000_0201])
    }

    func testRejectsMalformedText() {
        for text in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", ":::", "1::2::3",
                     "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::", ":1::", "1::2:", "::1.2.3", "fe80::1%eth0",
                     "1:2:3:4:5:6:7::8", "[::1]", String(repeating: "1", count: 100)] {
            XCTAssertNil(IPAddress(text), text)
        }
    }

    func testParsesBackendsAndEndpoints() throws {
        let v6 = try XCTUnwrap(Backend("[2001:db8::10]:80=3"))
        XCTAssertEqual(v6.description, "[2001:db8::10]:80")
        XCTAssertEqual(v6.weight, 3)
        let v4 = try XCTUnwrap(Backend("10.0.0.1:80"))
        XCTAssertEqual(v4.description, "10.0.0.1:80")
        XCTAssertEqual(v4.weight, 1)
        XCTAssertEqual(Backend("2001:db8::10")?.port, 0)
        for text in ["10.0.0.1:0", "10.0.0.1:65536", "[10.0.0.1]:80", "2001:db8::1:80x", "10.0.0.1=x", "[::1]80", "10.0.0.1:80:1"] {
            XCTAssertNil(Backend(text), text)
        }
    }

    func testOrdersByValueThenPort() throws {
        let keys = try ["[2001:db8::2]:80", "10.0.0.2", "[2001:db8::1]:443", "10.0.0.1:80", "[2001:db8::1]:80"].map {
            try XCTUnwrap(Backend($0)).key
        }
        XCTAssertEqual(keys.sorted().map(\.description),
                       ["10.0.0.1:80", "10.0.0.2", "[2001:db8::1]:80", "[2001:db8::1]:443", "[2001:db8::2]:80"])
    }
}
