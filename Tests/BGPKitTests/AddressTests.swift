import XCTest
@testable import BGPKit

/// The address types are IPAddressKit's (tested there); these are BGPKit's additions.
final class AddressTests: XCTestCase {
    func testAddressFamiliesAndNLRISizes() throws {
        XCTAssertEqual(IPAddress("192.0.2.1")?.afi, .ipv4)
        XCTAssertEqual(IPAddress("2001:db8::1")?.afi, .ipv6)
        XCTAssertEqual(IPPrefix("2001:db8::/32")?.afi, .ipv6)
        for (text, bytes) in [("0.0.0.0/0", 0), ("10.0.0.0/8", 1), ("192.0.2.0/25", 4), ("192.0.2.1/32", 4),
                              ("2001:db8::/33", 5), ("2001:db8::1/128", 16)] {
            XCTAssertEqual(IPPrefix(text)?.encodedByteCount, bytes, text)
        }
    }

    /// NLRI keeps stray bits past the length so that a re-encode is byte-identical.
    func testNLRIPrefixKeepsStrayBits() throws {
        let prefix = IPPrefix(unchecked: .v4(IPv4Address(192, 0, 2, 0x81)), length: 25)
        XCTAssertEqual(prefix.address, .v4(IPv4Address(192, 0, 2, 0x81)))
        XCTAssertEqual(prefix.length, 25)
        XCTAssertEqual(prefix.network, .v4(IPv4Address(192, 0, 2, 0x80)))
    }
}
