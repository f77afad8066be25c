import XCTest
@testable import NetlinkKit

final class RouteRequestTests: XCTestCase {
    func testIP6TunnelRequestBytes() throws {
        let request = try RouteClient.createLinkRequest(
            name: "t0", kind: .ip6tnl(IP6TunnelParameters(mode: .any, local: IPv6Address("2001:db8::1"), external: false)))
        XCTAssertEqual(request.type, 16)
        XCTAssertEqual(request.flags, [.create, .exclusive])
        let attributes = try NetlinkAttributes(parsing: request.payload[16...])
        XCTAssertEqual(attributes.string(3), "t0")
        let info = try XCTUnwrap(attributes.nested(18))
        XCTAssertEqual(info.string(1), "ip6tnl")
        let data = try XCTUnwrap(info.nested(2))
        XCTAssertEqual(try data.uint8(9), 0)
        XCTAssertEqual(Array(data.first(2)!.value), IPv6Address("2001:db8::1")!.bytes)
        XCTAssertNil(data.first(19))
        let external = try RouteClient.createLinkRequest(name: "t1", kind: .ip6tnl(IP6TunnelParameters(mode: .ipip6, external: true)))
        let externalData = try XCTUnwrap(NetlinkAttributes(parsing: external.payload[16...]).nested(18)?.nested(2))
        XCTAssertEqual(externalData.first(19)?.value.count, 0)
        XCTAssertEqual(try externalData.uint8(9), 4)
    }

    func testVethPeerCarriesItsOwnInterfaceHeader() throws {
        let request = try RouteClient.createLinkRequest(name: "v0", kind: .veth(peer: "v1"))
        let info = try XCTUnwrap(NetlinkAttributes(parsing: request.payload[16...]).nested(18))
        let peer = try XCTUnwrap(info.nested(2)?.first(1))
        XCTAssertTrue(peer.isNested)
        XCTAssertEqual(Array(peer.value.prefix(16)), [UInt8](repeating: 0, count: 16))
        XCTAssertEqual(try NetlinkAttributes(parsing: peer.value.dropFirst(16)).string(3), "v1")
    }

    func testRouteViaIPv6NextHopBytesAndDecode() throws {
        let route = Route(destination: IPAddress("198.51.100.0")!, prefixLength: 24, nextHop: .via(IPAddress("fe80::1")!), outputInterface: 3)
        let request = try RouteClient.routeRequest(RouteWire.MessageType.newRoute, route)
        XCTAssertEqual(Array(request.payload[0..<12]), [2, 24, 0, 0, 254, 4, 0, 1, 0, 0, 0, 0])
        let attributes = try NetlinkAttributes(parsing: request.payload[12...])
        XCTAssertEqual(Array(attributes.first(18)!.value), [10, 0] + IPAddress("fe80::1")!.bytes)
        XCTAssertEqual(try Route(parsing: request.payload[...]), route)
        let onLink = Route(destination: IPAddress("0.0.0.0")!, prefixLength: 0, nextHop: .gateway(IPAddress("169.254.1.1")!), outputInterface: 2, onLink: true)
        let bytes = try RouteClient.routeRequest(RouteWire.MessageType.newRoute, onLink).payload
        XCTAssertEqual(Array(bytes[8..<12]), [4, 0, 0, 0])
        XCTAssertEqual(try Route(parsing: bytes[...]), onLink)
    }

    func testAddressRequestWithNoDAD() throws {
        let request = try RouteClient.addressRequest(RouteWire.MessageType.newAddress,
            InterfaceAddress(interfaceIndex: 1, address: IPAddress("2001:db8::1")!, prefixLength: 128, flags: RouteWire.addressNoDAD))
        XCTAssertEqual(Array(request.payload[0..<8]), [10, 128, 2, 0, 1, 0, 0, 0])
        let decoded = try InterfaceAddress(parsing: request.payload[...])
        XCTAssertEqual(decoded.address, IPAddress("2001:db8::1"))
        XCTAssertEqual(decoded.flags, RouteWire.addressNoDAD)
    }
}
