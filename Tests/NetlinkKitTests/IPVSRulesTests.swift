import XCTest
@testable import NetlinkKit

final class IPVSRulesTests: XCTestCase {
    func testSaveFormatMatchesIPVSAdm() throws {
        let tcp = VirtualService.address(.tcp, .v4(IPv4Address(192, 0, 2, 1)), 80)
        let udp6 = VirtualService.address(.udp, IPAddress("2001:db8::1")!, 53)
        let mark = VirtualService.firewallMark(7, .inet)
        let mark6 = VirtualService.firewallMark(8, .inet6)
        let sctp = VirtualService.address(.sctp, .v4(IPv4Address(192, 0, 2, 3)), 9)
        let table: [(service: IPVSService, destinations: [IPVSDestination])] = [
            (IPVSService(id: mark6, scheduler: "rr"), []),
            (IPVSService(id: mark, scheduler: "wlc", persistence: Persistence(timeout: 300, netmask: .ipv4(IPv4Address(255, 255, 255, 0)))),
             [IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 2)), port: 0, forwarding: .masquerade, weight: 0)]),
            (IPVSService(id: udp6, scheduler: "sh", flags: [.shFallback, .shPort], persistence: Persistence(timeout: 60, netmask: .ipv6(prefixLength: 64)),
                         persistenceEngine: "sip"), []),
            (IPVSService(id: tcp, scheduler: "mh", flags: [.mhPort]), [
                IPVSDestination(address: IPAddress("2001:db8::20")!, port: 80, forwarding: .tunnel(TunnelEncapsulation(.gue(port: 6080), checksum: .remoteChecksum)), weight: 5),
                IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 3)), port: 80, forwarding: .tunnel(TunnelEncapsulation(.gre, checksum: .checksum))),
                IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 1)), port: 80, forwarding: .tunnel(.ipip)),
                IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 2)), port: 80, forwarding: .directRouting, weight: 2),
            ]),
            (IPVSService(id: sctp, scheduler: "rr", flags: [.scheduler1, .onePacket]), []),
        ]
        XCTAssertEqual(IPVSRules.format(table), """
        -A -t 192.0.2.1:80 -s mh -b mh-port
        -a -t 192.0.2.1:80 -r 10.0.0.1:80 -i -w 1 --tun-type ipip
        -a -t 192.0.2.1:80 -r 10.0.0.2:80 -g -w 2
        -a -t 192.0.2.1:80 -r 10.0.0.3:80 -i -w 1 --tun-type gre --tun-csum
        -a -t 192.0.2.1:80 -r [2001:db8::20]:80 -i -w 5 --tun-type gue --tun-port 6080 --tun-remcsum
        -A --sctp-service 192.0.2.3:9 -s rr -o -b flag-1
        -A -u [2001:db8::1]:53 -s sh -p 60 -M 64 --pe sip -b sh-fallback,sh-port
        -A -f 7 -s wlc -p 300 -M 255.255.255.0
        -a -f 7 -r 10.0.0.2:0 -m -w 0
        -A -f 8 -6 -s rr

        """)
    }

    func testRestoreParsesWhatSaveWrites() throws {
        let text = """
        # a comment
        -A -t 192.0.2.1:80 -s mh -b mh-fallback,mh-port
        -a -t 192.0.2.1:80 -r [2001:db8::20]:80 -i -w 5 --tun-type gue --tun-port 6080 --tun-csum

        -a -t 192.0.2.1:80 -r 10.0.0.2 -g -w 2 -x 100 -y 10
        -A -u [2001:db8::1]:53 -s sh -p -M 64
        -A -f 7 -6 -s rr -p 30 -o
        -a -f 7 -6 -r [2001:db8::9]:0 -m -w 1
        --set 900 120 300
        -C
        -D -t 192.0.2.1:80
        -d -t 192.0.2.1:80 -r 10.0.0.2:80
        """
        let rules = try IPVSRules.parse(text)
        XCTAssertEqual(rules.count, 10)
        let vip = VirtualService.address(.tcp, .v4(IPv4Address(192, 0, 2, 1)), 80)
        XCTAssertEqual(rules[0], .addService(IPVSService(id: vip, scheduler: "mh", flags: [.mhFallback, .mhPort])))
        XCTAssertEqual(rules[1], .addDestination(IPVSDestination(address: IPAddress("2001:db8::20")!, port: 80,
                                                                 forwarding: .tunnel(TunnelEncapsulation(.gue(port: 6080), checksum: .checksum)), weight: 5), vip))
        XCTAssertEqual(rules[2], .addDestination(IPVSDestination(address: .v4(IPv4Address(10, 0, 0, 2)), port: 80, weight: 2,
                                                                 upperThreshold: 100, lowerThreshold: 10), vip))
        XCTAssertEqual(rules[3], .addService(IPVSService(id: .address(.udp, IPAddress("2001:db8::1")!, 53), scheduler: "sh",
                                                         persistence: Persistence(timeout: 300, netmask: .ipv6(prefixLength: 64)))))
        XCTAssertEqual(rules[4], .addService(IPVSService(id: .firewallMark(7, .inet6), scheduler: "rr", flags: [.onePacket],
                                                         persistence: Persistence(timeout: 30, netmask: .ipv6(prefixLength: 128)))))
        XCTAssertEqual(rules[6], .setTimeouts(IPVSTimeouts(tcp: 900, tcpFin: 120, udp: 300)))
        XCTAssertEqual(rules[7], .clear)
        XCTAssertEqual(rules[8], .deleteService(vip))
        XCTAssertEqual(rules[9], .deleteDestination(.v4(IPv4Address(10, 0, 0, 2)), 80, vip))
    }

    func testMalformedLinesGiveTheirNumber() {
        let cases: [(String, IPVSRuleError)] = [
            ("-A -t 192.0.2.1:80 -s rr\n-A -t 192.0.2.300:80", IPVSRuleError(line: 2, reason: "invalid service address '192.0.2.300:80' (numeric address[:port] expected)")),
            ("\n\n-A -t 192.0.2.1:80 -s rr -b mh-port", IPVSRuleError(line: 3, reason: "incompatible scheduler flag 'mh-port' for scheduler 'rr'")),
            ("-a -t 192.0.2.1:80 -r [2001:db8::1]:80 -g", IPVSRuleError(line: 1, reason: "a destination of the other address family needs tunnelling (-i)")),
            ("-a -t 192.0.2.1:80 -r 10.0.0.1 -i --tun-type gue", IPVSRuleError(line: 1, reason: "--tun-type gue needs --tun-port")),
            ("-A -t 192.0.2.1:80 --bogus", IPVSRuleError(line: 1, reason: "unknown option '--bogus'")),
            ("-t 192.0.2.1:80", IPVSRuleError(line: 1, reason: "no command (-A, -E, -D, -a, -e, -d, -C or --set)")),
            ("-A -t 192.0.2.1:0 -s rr", IPVSRuleError(line: 1, reason: "zero port specified for non-persistent service 192.0.2.1:0")),
            ("-a -t 192.0.2.1:80 -r 10.0.0.1 -w", IPVSRuleError(line: 1, reason: "option -w needs a value")),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try IPVSRules.parse(text)) { error in
                XCTAssertEqual(error as? IPVSRuleError, expected, text)
            }
        }
    }

    func testSortingFollowsLibIPVSWrapAroundComparison() {
        // libipvs subtracts addresses as 32-bit ints: 10.0.0.1 - 192.0.2.1 wraps positive.
        let a = VirtualService.address(.tcp, .v4(IPv4Address(10, 0, 0, 1)), 80)
        let b = VirtualService.address(.tcp, .v4(IPv4Address(192, 0, 2, 1)), 80)
        XCTAssertTrue(IPVSRules.serviceOrder(b, a))
        XCTAssertFalse(IPVSRules.serviceOrder(a, b))
    }
}
