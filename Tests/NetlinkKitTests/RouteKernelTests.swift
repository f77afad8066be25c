import Foundation
import XCTest
@testable import NetlinkKit

/// rtnetlink against the host kernel, inside a throwaway network namespace (needs root
/// and iproute2; skipped otherwise). Every change is cross-checked with `ip`.
extension LinkKind {
    /// The expected kind with the hop limit, encapsulation limit and flags the kernel filled in.
    func withKernelDefaults(from actual: LinkKind?) -> LinkKind {
        guard case .ip6tnl(var mine) = self, case .ip6tnl(let theirs)? = actual else { return self }
        mine.hopLimit = theirs.hopLimit
        mine.encapsulationLimit = theirs.encapsulationLimit
        mine.flags = theirs.flags
        mine.underlyingLink = theirs.underlyingLink
        return .ip6tnl(mine)
    }
}

final class RouteKernelTests: XCTestCase {
    var namespace = ""

    @discardableResult
    func ip(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    override func setUpWithError() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") else {
            throw XCTSkip("needs root and /usr/sbin/ip")
        }
        namespace = "lbkit-nl-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try ip("netns", "add", namespace)
        guard FileManager.default.fileExists(atPath: "/run/netns/\(namespace)") else {
            throw XCTSkip("cannot create a network namespace here")
        }
    }

    override func tearDownWithError() throws {
        if !namespace.isEmpty { try ip("netns", "delete", namespace) }
    }

    func testLinksAddressesAndRoutesMatchIP() throws {
        let client = try RouteClient(namespace: .named(namespace))
        try client.setLink(named: "lo", up: true)
        // Prefer a dummy; hosts without the dummy driver get one end of a veth pair.
        var d0Kind = "dummy"
        do {
            try client.createLink(name: "d0", kind: .dummy, mtu: 1400)
        } catch {
            guard error.errno == Errno.EOPNOTSUPP else { throw error }
            try client.createLink(name: "d0", kind: .veth(peer: "d0p"), mtu: 1400)
            try client.setLink(named: "d0p", up: true)
            d0Kind = "veth"
        }
        try client.setLink(named: "d0", up: true)
        try client.createLink(name: "v0", kind: .veth(peer: "v1"))
        try client.setLink(named: "v0", mtu: 9000)

        let links = try client.links()
        let d0 = try XCTUnwrap(links.first { $0.name == "d0" })
        XCTAssertEqual(d0.kind, d0Kind)
        XCTAssertEqual(d0.mtu, 1400)
        XCTAssertTrue(d0.isUp)
        XCTAssertEqual(links.first { $0.name == "v0" }?.kind, "veth")
        XCTAssertEqual(links.first { $0.name == "v0" }?.mtu, 9000)
        XCTAssertEqual(links.first { $0.name == "v1" }?.kind, "veth")
        let shown = try ip("-n", namespace, "-d", "link", "show", "d0")
        XCTAssertTrue(shown.contains("mtu 1400"), shown)
        XCTAssertTrue(shown.contains(d0Kind), shown)
        XCTAssertTrue(shown.contains("UP"), shown)
        if d0Kind == "dummy" { XCTAssertEqual(d0.details, .dummy) }
        XCTAssertTrue(try ip("-n", namespace, "-d", "link", "show", "v0").contains("veth"))

        // The VIP on lo, an IPv6 address without DAD, a link-local gateway's network.
        try client.addAddress(IPAddress("192.0.2.1")!, prefixLength: 32, to: "lo")
        try client.addAddress(IPAddress("2001:db8::1")!, prefixLength: 64, to: "d0", noDAD: true)
        try client.addAddress(IPAddress("10.9.0.1")!, prefixLength: 24, to: "d0")
        let addresses = try client.addresses()
        XCTAssertTrue(addresses.contains { $0.address == IPAddress("192.0.2.1") && $0.prefixLength == 32 })
        let v6 = try XCTUnwrap(addresses.first { $0.address == IPAddress("2001:db8::1") })
        XCTAssertEqual(v6.flags & RouteWire.addressNoDAD, RouteWire.addressNoDAD)
        let shownAddresses = try ip("-n", namespace, "addr")
        XCTAssertTrue(shownAddresses.contains("inet 192.0.2.1/32"), shownAddresses)
        XCTAssertTrue(shownAddresses.contains("inet6 2001:db8::1/64"), shownAddresses)
        XCTAssertTrue(shownAddresses.contains("nodad"), shownAddresses)

        // IPv4 via an IPv4 link-local gateway (on-link) and via an IPv6 next hop (RTA_VIA).
        let index = try client.link(named: "d0").index
        let viaLinkLocal = Route(destination: IPAddress("198.51.100.0")!, prefixLength: 24,
                                 nextHop: .gateway(IPAddress("169.254.0.1")!), outputInterface: index, onLink: true)
        try client.addRoute(viaLinkLocal)
        let viaIPv6 = Route(destination: IPAddress("203.0.113.0")!, prefixLength: 24,
                            nextHop: .via(IPAddress("fe80::1")!), outputInterface: index)
        var viaIPv6Supported = true
        do { try client.addRoute(viaIPv6) } catch {
            guard error.errno == Errno.EINVAL || error.errno == Errno.EAFNOSUPPORT else { throw error }
            viaIPv6Supported = false
        }
        let routes = try client.routes(family: .inet)
        let r1 = try XCTUnwrap(routes.first { $0.destination == IPAddress("198.51.100.0") })
        XCTAssertEqual(r1.nextHop, .gateway(IPAddress("169.254.0.1")!))
        XCTAssertTrue(r1.onLink)
        let shownRoutes = try ip("-n", namespace, "route")
        XCTAssertTrue(shownRoutes.contains("198.51.100.0/24 via 169.254.0.1 dev d0"), shownRoutes)
        if viaIPv6Supported {
            XCTAssertEqual(routes.first { $0.destination == IPAddress("203.0.113.0") }?.nextHop, .via(IPAddress("fe80::1")!))
            XCTAssertTrue(shownRoutes.contains("203.0.113.0/24 via inet6 fe80::1 dev d0"), shownRoutes)
            try client.deleteRoute(viaIPv6)
        }
        try client.deleteRoute(viaLinkLocal)
        XCTAssertFalse(try ip("-n", namespace, "route").contains("198.51.100.0"))

        try client.deleteAddress(IPAddress("2001:db8::1")!, prefixLength: 64, from: "d0")
        XCTAssertFalse(try ip("-n", namespace, "addr").contains("2001:db8::1"))
        try client.setLink(named: "d0", up: false)
        XCTAssertFalse(try client.link(named: "d0").isUp)
        try client.deleteLink(named: "d0")
        try client.deleteLink(named: "v0")
        XCTAssertFalse(try client.links().contains { $0.name == "d0" || $0.name == "v1" || $0.name == "d0p" })
        // Errors carry the errno's name and the kernel's extended ACK.
        XCTAssertThrowsError(try client.createLink(name: "lo", kind: .veth(peer: "lo2"))) { error in
            XCTAssertEqual((error as? NetlinkError)?.errno, Errno.EEXIST)
        }
    }

    /// Tunnels need ip6_tunnel, ipip and sit: present in the kernel lab, absent on many hosts.
    func testTunnelsMatchIP() throws {
        let client = try RouteClient(namespace: .named(namespace))
        let local6 = IPv6Address("2001:db8::1")!, remote6 = IPv6Address("2001:db8::2")!
        do {
            try client.createLink(name: "t6", kind: .ip6tnl(IP6TunnelParameters(mode: .ip6ip6, local: local6, remote: remote6)))
        } catch {
            guard error.errno == Errno.EOPNOTSUPP || error.errno == Errno.ENODEV else { throw error }
            throw XCTSkip("no ip6_tunnel in this kernel (\(error))")
        }
        // ip6tnl devices are keyed by their endpoints, so each needs its own pair.
        let remote4 = IPv6Address("2001:db8::4")!
        try client.createLink(name: "t4", kind: .ip6tnl(IP6TunnelParameters(mode: .ipip6, local: local6, remote: remote4)), mtu: 1400)
        try client.createLink(name: "tany", kind: .ip6tnl(IP6TunnelParameters(mode: .any, local: local6)))
        try client.createLink(name: "text", kind: .ip6tnl(IP6TunnelParameters(mode: .any, external: true)))
        try client.createLink(name: "i4", kind: .ipip(IPTunnelParameters(innerProtocol: 4, local: IPv4Address("192.0.2.1"), remote: IPv4Address("192.0.2.2"))))
        try client.createLink(name: "s6", kind: .sit(IPTunnelParameters(innerProtocol: 41, local: IPv4Address("192.0.2.1"), remote: IPv4Address("192.0.2.3"))))
        try client.setLink(named: "tany", up: true)

        let links = try client.links()
        func details(_ name: String) -> LinkKind? { links.first { $0.name == name }?.details }
        XCTAssertEqual(details("t6"), .ip6tnl(IP6TunnelParameters(mode: .ip6ip6, local: local6, remote: remote6)).withKernelDefaults(from: details("t6")))
        if case .ip6tnl(let p)? = details("t4") { XCTAssertEqual(p.mode, .ipip6); XCTAssertEqual(p.remote, remote4) } else { XCTFail("t4") }
        if case .ip6tnl(let p)? = details("tany") { XCTAssertEqual(p.mode, .any); XCTAssertNil(p.remote) } else { XCTFail("tany") }
        if case .ip6tnl(let p)? = details("text") { XCTAssertTrue(p.external) } else { XCTFail("text") }
        if case .ipip(let p)? = details("i4") { XCTAssertEqual(p.remote, IPv4Address("192.0.2.2")); XCTAssertEqual(p.innerProtocol, 4) } else { XCTFail("i4") }
        if case .sit(let p)? = details("s6") { XCTAssertEqual(p.remote, IPv4Address("192.0.2.3")) } else { XCTFail("s6") }

        XCTAssertTrue(try ip("-n", namespace, "-d", "link", "show", "t6").contains("ip6tnl ip6ip6 remote 2001:db8::2 local 2001:db8::1"))
        XCTAssertTrue(try ip("-n", namespace, "-d", "link", "show", "t4").contains("ip6tnl ipip6 remote 2001:db8::4 local 2001:db8::1"))
        XCTAssertTrue(try ip("-n", namespace, "-d", "link", "show", "t4").contains("mtu 1400"))
        XCTAssertTrue(try ip("-n", namespace, "-d", "link", "show", "tany").contains("ip6tnl any remote any local 2001:db8::1"))
        XCTAssertTrue(try ip("-n", namespace, "-d", "link", "show", "text").contains("external"))
        let ipip = try ip("-n", namespace, "-d", "link", "show", "i4")
        XCTAssertTrue(ipip.contains("ipip ipip remote 192.0.2.2 local 192.0.2.1"), ipip)
        let sit = try ip("-n", namespace, "-d", "link", "show", "s6")
        XCTAssertTrue(sit.contains("sit ip6ip remote 192.0.2.3 local 192.0.2.1"), sit)
        for name in ["t6", "t4", "tany", "text", "i4", "s6"] { try client.deleteLink(named: name) }
        XCTAssertTrue(try ip("-n", namespace, "link").contains("t6") == false)
    }

    func testGenericNetlinkResolvesTheControllerOnTheHost() throws {
        let connection = NetlinkConnection(transport: try NetlinkSocket(protocol: .generic, namespace: .named(namespace)))
        let family = try connection.family(named: "nlctrl")
        XCTAssertEqual(family.id, 0x10)
        XCTAssertFalse(family.operations.isEmpty)
        XCTAssertTrue(family.multicastGroups.contains { $0.name == "notify" })
    }
}
