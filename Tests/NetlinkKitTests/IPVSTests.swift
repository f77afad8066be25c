import XCTest
@testable import NetlinkKit

/// A scripted IPVS kernel: resolves the family, keeps services and destinations, and
/// answers like ip_vs_ctl.c (errnos included), so every client call is exercised.
final class FakeIPVSKernel {
    static let familyID: UInt16 = 0x22
    var services: [VirtualService: IPVSService] = [:]
    var destinations: [VirtualService: [IPVSDestination]] = [:]
    var timeouts = IPVSTimeouts(tcp: 900, tcpFin: 120, udp: 300)
    var daemons: [IPVSSyncDaemon] = []
    var requests: [NetlinkMessage] = []
    var loadedSchedulers: Set<String> = ["rr", "wrr", "wlc", "mh", "sh"]

    lazy var transport = ScriptedTransport { [unowned self] in self.answer($0) }
    lazy var client = IPVSClient(connection: NetlinkConnection(transport: transport))

    func reply(_ request: NetlinkMessage, command: IPVSWire.Command, flags: NetlinkFlags = [], _ body: (inout AttributeWriter) -> Void) -> [UInt8] {
        var w = AttributeWriter(prefix: GenericHeader(command: command.rawValue, version: 1).bytes)
        body(&w)
        return ScriptedTransport.reply(Self.familyID, for: request, flags: flags, payload: w.bytes)
    }

    func answer(_ request: NetlinkMessage) -> [[UInt8]] {
        if request.header.type == Controller.familyID {
            var w = AttributeWriter(prefix: GenericHeader(command: Controller.Command.newFamily, version: 2).bytes)
            GenericFamily(id: Self.familyID, name: "IPVS", version: 1, maximumAttribute: 6).encodeAttributes(into: &w)
            return [ScriptedTransport.reply(Controller.familyID, for: request, payload: w.bytes), ScriptedTransport.ack(request)]
        }
        requests.append(request)
        guard let message = try? GenericMessage(request), let command = IPVSWire.Command(rawValue: message.header.command) else {
            return [ScriptedTransport.error(Errno.EINVAL, for: request)]
        }
        let attributes = message.attributes
        let serviceNest = try? attributes.nested(IPVSWire.CommandAttribute.service)
        let service = serviceNest.flatMap { try? VirtualService(parsing: $0) }
        let destNest = try? attributes.nested(IPVSWire.CommandAttribute.destination)
        let isDump = request.header.flags.contains(.dump)
        func status(_ errno: Int32) -> [[UInt8]] { [ScriptedTransport.error(errno, for: request)] }
        switch command {
        case .newService:
            guard let nest = serviceNest, let s = try? IPVSService(parsing: nest) else { return status(Errno.EINVAL) }
            guard loadedSchedulers.contains(s.scheduler) else { return status(Errno.ENOENT) }
            guard services[s.id] == nil else { return status(Errno.EEXIST) }
            services[s.id] = s
            destinations[s.id] = []
            return status(0)
        case .setService:
            guard let nest = serviceNest, let s = try? IPVSService(parsing: nest) else { return status(Errno.EINVAL) }
            guard services[s.id] != nil else { return status(Errno.ESRCH) }
            services[s.id] = s
            return status(0)
        case .deleteService:
            guard let id = service, services.removeValue(forKey: id) != nil else { return status(Errno.ESRCH) }
            destinations[id] = nil
            return status(0)
        case .getService:
            if isDump {
                var out = services.values.sorted { $0.id < $1.id }.map { s in
                    reply(request, command: .newService, flags: [.multi]) { w in
                        var copy = s
                        copy.flags.insert(.hashed)
                        copy.encode(into: &w)
                    }
                }
                out.append(ScriptedTransport.done(for: request))
                return out
            }
            guard let id = service, let s = services[id] else { return status(Errno.ESRCH) }
            return [reply(request, command: .newService) { s.encode(into: &$0) }, ScriptedTransport.ack(request)]
        case .newDestination, .setDestination:
            guard let id = service, let nest = destNest, let d = try? IPVSDestination(parsing: nest, serviceFamily: id.family) else {
                return status(Errno.EINVAL)
            }
            guard var list = destinations[id] else { return status(Errno.ESRCH) }
            let index = list.firstIndex { $0.address == d.address && $0.port == d.port }
            if command == .newDestination {
                guard index == nil else { return status(Errno.EEXIST) }
                list.append(d)
            } else {
                guard let index else { return status(Errno.ENOENT) }
                list[index] = d
            }
            destinations[id] = list
            return status(0)
        case .deleteDestination:
            guard let id = service, let nest = destNest, let d = try? IPVSDestination(parsing: nest, serviceFamily: id.family) else {
                return status(Errno.EINVAL)
            }
            guard var list = destinations[id] else { return status(Errno.ESRCH) }
            guard let index = list.firstIndex(where: { $0.address == d.address && $0.port == d.port }) else { return status(Errno.ENOENT) }
            list.remove(at: index)
            destinations[id] = list
            return status(0)
        case .getDestination:
            guard let id = service, let list = destinations[id] else { return status(Errno.ESRCH) }
            var out = list.map { d in
                reply(request, command: .newDestination, flags: [.multi]) { w in
                    d.encode(into: &w)
                    // The kernel adds counters and stats to each destination.
                }
            }
            out.append(ScriptedTransport.done(for: request))
            return out
        case .flush:
            services = [:]
            destinations = [:]
            return status(0)
        case .zero:
            if let id = service, services[id] == nil { return status(Errno.ESRCH) }
            return status(0)
        case .getConfig:
            return [reply(request, command: .setConfig) { w in
                w.append(IPVSWire.CommandAttribute.timeoutTCP, uint32: timeouts.tcp)
                w.append(IPVSWire.CommandAttribute.timeoutTCPFin, uint32: timeouts.tcpFin)
                w.append(IPVSWire.CommandAttribute.timeoutUDP, uint32: timeouts.udp)
            }, ScriptedTransport.ack(request)]
        case .setConfig:
            let tcp = (try? attributes.uint32(IPVSWire.CommandAttribute.timeoutTCP)) ?? nil
            if let tcp, tcp != 0 { timeouts.tcp = tcp }
            if let v = (try? attributes.uint32(IPVSWire.CommandAttribute.timeoutTCPFin)) ?? nil, v != 0 { timeouts.tcpFin = v }
            if let v = (try? attributes.uint32(IPVSWire.CommandAttribute.timeoutUDP)) ?? nil, v != 0 { timeouts.udp = v }
            return status(0)
        case .getInfo:
            return [reply(request, command: .setInfo) { w in
                w.append(IPVSWire.InfoAttribute.version, uint32: 0x010201)
                w.append(IPVSWire.InfoAttribute.connectionTableSize, uint32: 4096)
            }, ScriptedTransport.ack(request)]
        case .newDaemon:
            guard let nest = try? attributes.nested(IPVSWire.CommandAttribute.daemon), let d = try? IPVSSyncDaemon(parsing: nest) else {
                return status(Errno.EINVAL)
            }
            guard !daemons.contains(where: { $0.role == d.role }) else { return status(Errno.EEXIST) }
            daemons.append(d)
            return status(0)
        case .deleteDaemon:
            let nest = try? attributes.nested(IPVSWire.CommandAttribute.daemon)
            let state = nest.flatMap { (try? $0.uint32(IPVSWire.DaemonAttribute.state)) ?? nil }
            guard let index = daemons.firstIndex(where: { $0.role.rawValue == state }) else { return status(Errno.ESRCH) }
            daemons.remove(at: index)
            return status(0)
        case .getDaemon:
            var out = daemons.map { d in reply(request, command: .newDaemon, flags: [.multi]) { d.encode(into: &$0) } }
            out.append(ScriptedTransport.done(for: request))
            return out
        case .setInfo:
            return status(Errno.EINVAL)
        }
    }
}

final class IPVSTests: XCTestCase {
    let vip = VirtualService.address(.tcp, .v4(IPv4Address(192, 0, 2, 1)), 80)

    func testAddServiceRequestBytes() throws {
        let service = IPVSService(id: vip, scheduler: "mh", flags: [.mhFallback, .mhPort])
        let request = try IPVSRequests.addService(service, family: 0x22)
        XCTAssertEqual(request.type, 0x22)
        let expected: [UInt8] = [
            1, 1, 0, 0, // IPVS_CMD_NEW_SERVICE, version 1
            84, 0, 0x01, 0x80, // IPVS_CMD_ATTR_SERVICE, nested
            6, 0, 1, 0, 2, 0, 0, 0, // AF_INET
            6, 0, 2, 0, 6, 0, 0, 0, // IPPROTO_TCP
            20, 0, 3, 0, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // address, nf_inet_addr
            6, 0, 4, 0, 0, 80, 0, 0, // port 80, big-endian
            7, 0, 6, 0, 0x6d, 0x68, 0, 0, // "mh\0"
            12, 0, 7, 0, 0x18, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, // flags sched1|sched2, mask all
            8, 0, 8, 0, 0, 0, 0, 0, // timeout 0
            8, 0, 9, 0, 0xff, 0xff, 0xff, 0xff, // netmask 255.255.255.255 (be32)
        ]
        XCTAssertEqual(request.payload, expected)
    }

    func testPersistenceNetmaskIsAMaskForIPv4AndAPrefixForIPv6() throws {
        let v4 = IPVSService(id: vip, scheduler: "rr", persistence: Persistence(timeout: 600, netmask: .ipv4(IPv4Address(255, 255, 255, 0))))
        let v4Bytes = try IPVSRequests.addService(v4, family: 1).payload
        XCTAssertEqual(Array(v4Bytes.suffix(24)), [12, 0, 7, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
                                                  8, 0, 8, 0, 0x58, 0x02, 0, 0, 8, 0, 9, 0, 255, 255, 255, 0].suffix(24))
        let v6id = VirtualService.address(.udp, IPAddress("2001:db8::1")!, 53)
        let v6 = IPVSService(id: v6id, scheduler: "rr", persistence: Persistence(timeout: 60, netmask: .ipv6(prefixLength: 64)))
        let v6Bytes = try IPVSRequests.addService(v6, family: 1).payload
        XCTAssertEqual(Array(v6Bytes.suffix(8)), [8, 0, 9, 0, 64, 0, 0, 0])
        // Decoding gives the same models back.
        for service in [v4, v6] {
            let message = try GenericMessage(NetlinkMessage(header: NetlinkHeader(length: 0, type: 1, flags: [], sequence: 0, portID: 0),
                                                            payload: try IPVSRequests.addService(service, family: 1).payload[...]))
            XCTAssertEqual(try IPVSService(parsing: XCTUnwrap(message.attributes.nested(1))), service)
        }
    }

    func testFirewallMarkServiceBytes() throws {
        let request = try IPVSRequests.deleteService(.firewallMark(7, .inet6), family: 0x22)
        XCTAssertEqual(request.payload, [3, 1, 0, 0, 20, 0, 1, 0x80, 6, 0, 1, 0, 10, 0, 0, 0, 8, 0, 5, 0, 7, 0, 0, 0])
    }

    func testIPv6TunnelDestinationOfAnIPv4ServiceBytes() throws {
        let destination = IPVSDestination(address: IPAddress("2001:db8::10")!, port: 80,
                                          forwarding: .tunnel(TunnelEncapsulation(.gue(port: 6080), checksum: .checksum)),
                                          weight: 3, upperThreshold: 100, lowerThreshold: 10)
        let request = try IPVSRequests.addDestination(destination, to: vip, family: 0x22)
        let payload = request.payload
        XCTAssertEqual(Array(payload[0..<4]), [5, 1, 0, 0])
        let attributes = try NetlinkAttributes(parsing: payload[4...])
        let dest = try XCTUnwrap(attributes.nested(2))
        XCTAssertEqual(Array(dest.first(11)!.value), [10, 0])
        XCTAssertEqual(Array(dest.first(1)!.value), IPAddress("2001:db8::10")!.bytes)
        XCTAssertEqual(Array(dest.first(2)!.value), [0, 80])
        XCTAssertEqual(try dest.uint32(3), 2)
        XCTAssertEqual(try dest.uint32(4), 3)
        XCTAssertEqual(try dest.uint32(5), 100)
        XCTAssertEqual(try dest.uint32(6), 10)
        XCTAssertEqual(try dest.uint8(13), 1)
        XCTAssertEqual(Array(dest.first(14)!.value), [0x17, 0xc0])
        XCTAssertEqual(try dest.uint16(15), 1)
        XCTAssertEqual(try IPVSDestination(parsing: dest, serviceFamily: .inet), destination)
    }

    func testEveryCommandAgainstTheFakeKernel() throws {
        let kernel = FakeIPVSKernel()
        let client = kernel.client
        XCTAssertEqual(try client.info(), IPVSInfo(version: 0x010201, connectionTableSize: 4096))
        XCTAssertEqual(try client.info().versionString, "1.2.1")
        let service = IPVSService(id: vip, scheduler: "mh", flags: [.mhFallback])
        try client.add(service)
        XCTAssertEqual(try client.services(), [service])
        XCTAssertEqual(try client.service(vip), service)
        var edited = service
        edited.scheduler = "rr"
        edited.persistence = Persistence(timeout: 30, netmask: .host(.inet))
        try client.update(edited)
        XCTAssertEqual(try client.service(vip), edited)

        let d1 = IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 1)), port: 80, forwarding: .masquerade, weight: 2)
        let d2 = IPVSDestination(address: IPAddress("2001:db8::2")!, port: 80, forwarding: .tunnel(.ipip))
        try client.add(d1, to: vip)
        try client.add(d2, to: vip)
        XCTAssertEqual(try client.destinations(of: vip), [d1, d2])
        var d1b = d1
        d1b.weight = 0
        try client.update(d1b, of: vip)
        XCTAssertEqual(try client.destinations(of: vip).first?.weight, 0)
        try client.deleteDestination(address: d2.address, port: d2.port, of: vip)
        XCTAssertEqual(try client.destinations(of: vip), [d1b])

        try client.zero(vip)
        try client.zero()
        XCTAssertEqual(try client.timeouts(), IPVSTimeouts(tcp: 900, tcpFin: 120, udp: 300))
        try client.setTimeouts(IPVSTimeouts(tcp: 60, tcpFin: 0, udp: 10))
        XCTAssertEqual(try client.timeouts(), IPVSTimeouts(tcp: 60, tcpFin: 120, udp: 10))

        let daemon = IPVSSyncDaemon(role: .master, interface: "eth0", syncID: 9, maximumLength: 1472,
                                    group: IPAddress("ff02::1:2"), port: 8848, ttl: 2)
        try client.startSyncDaemon(daemon)
        XCTAssertEqual(try client.syncDaemons(), [daemon])
        try client.stopSyncDaemon(.master)
        XCTAssertEqual(try client.syncDaemons(), [])

        try client.delete(vip)
        XCTAssertEqual(try client.services(), [])
        try client.add(service)
        try client.flush()
        XCTAssertEqual(try client.services(), [])
        // Every command was sent with the right genl command and IPVS family.
        let commands = Set(kernel.requests.compactMap { try? GenericMessage($0).header.command })
        XCTAssertEqual(commands, Set(IPVSWire.Command.allCases.filter { $0 != .setInfo }.map(\.rawValue)))
        XCTAssertTrue(kernel.requests.allSatisfy { $0.header.type == FakeIPVSKernel.familyID })
    }

    func testErrorsNameTheObjectAndTheReason() throws {
        let kernel = FakeIPVSKernel()
        let client = kernel.client
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message { try client.add(IPVSService(id: vip, scheduler: "lblcr")) },
                       "service 192.0.2.1:80/tcp: scheduler 'lblcr' not available (module ip_vs_lblcr not loaded)")
        try client.add(IPVSService(id: vip, scheduler: "rr"))
        XCTAssertEqual(message { try client.add(IPVSService(id: vip, scheduler: "rr")) }, "service 192.0.2.1:80/tcp: already exists")
        let other = VirtualService.address(.udp, IPAddress("2001:db8::1")!, 53)
        XCTAssertEqual(message { try client.delete(other) }, "service [2001:db8::1]:53/udp: no such service")
        let d = IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 1)), port: 80)
        XCTAssertEqual(message { try client.add(d, to: other) }, "service [2001:db8::1]:53/udp: no such service")
        XCTAssertEqual(message { try client.update(d, of: vip) }, "destination 10.0.0.1:80 of service 192.0.2.1:80/tcp: no such destination")
        try client.add(d, to: vip)
        XCTAssertEqual(message { try client.add(d, to: vip) }, "destination 10.0.0.1:80 of service 192.0.2.1:80/tcp: already exists")
        XCTAssertEqual(message { try client.stopSyncDaemon(.backup) }, "sync daemon backup: not running")

        let denied = ScriptedTransport { request in
            if request.header.type == Controller.familyID {
                var w = AttributeWriter(prefix: GenericHeader(command: 1, version: 2).bytes)
                GenericFamily(id: 0x22, name: "IPVS", version: 1).encodeAttributes(into: &w)
                return [ScriptedTransport.reply(0x10, for: request, payload: w.bytes), ScriptedTransport.ack(request)]
            }
            return [ScriptedTransport.error(Errno.EPERM, for: request)]
        }
        let deniedClient = IPVSClient(connection: NetlinkConnection(transport: denied))
        XCTAssertEqual(message { try deniedClient.flush() }, "IPVS flush: permission denied (CAP_NET_ADMIN required)")
        let missing = IPVSClient(connection: NetlinkConnection(transport: ScriptedTransport { [ScriptedTransport.error(2, for: $0)] }))
        XCTAssertEqual(message { _ = try missing.services() }, "IPVS: not available (module ip_vs not loaded)")
    }

    func testPipelinedApplyReportsEachFailure() throws {
        let kernel = FakeIPVSKernel()
        var changes: [IPVSClient.Change] = []
        for i in 0..<300 {
            let id = VirtualService.address(.tcp, .v4(IPv4Address(10, 1, UInt8(i / 256), UInt8(i % 256))), 80)
            changes.append(.addService(IPVSService(id: id, scheduler: "wrr")))
            changes.append(.addDestination(IPVSDestination(address: .v4(IPv4Address(10, 2, 0, 1)), port: 80), to: id))
        }
        changes.append(.addService(IPVSService(id: vip, scheduler: "nope")))
        let failures = try kernel.client.apply(changes, window: 64)
        XCTAssertEqual(failures.count, 1)
        XCTAssertEqual(failures.first?.index, 600)
        XCTAssertEqual(kernel.services.count, 300)
        XCTAssertEqual(kernel.destinations.values.map(\.count).reduce(0, +), 300)
    }

    func testStatsDecodeFromEitherNest() throws {
        var w = AttributeWriter()
        w.append(1, uint32: 5)
        w.append(4, uint64: 1 << 40)
        w.append(11, uint64: 0)
        let stats32 = try IPVSStats(parsing: NetlinkAttributes(parsing: w.finish()[...]))
        XCTAssertEqual(stats32.connections, 5)
        XCTAssertEqual(stats32.inBytes, 1 << 40)
        var w64 = AttributeWriter()
        w64.append(1, uint64: 1 << 33)
        XCTAssertEqual(try IPVSStats(parsing: NetlinkAttributes(parsing: w64.finish()[...])).connections, 1 << 33)
        var bad = AttributeWriter()
        bad.append(1, bytes: [1, 2, 3])
        XCTAssertThrowsError(try IPVSStats(parsing: NetlinkAttributes(parsing: bad.finish()[...])))
    }
}
