// One real thing with each library, as a user's package would do it. The libraries share
// their address types (IPAddressKit, re-exported by each), so the L7LB that HashRing
// picks is the address TunnelKit encapsulates to, without a conversion.
import BGPKit
import HashRing
import NetlinkKit
import TunnelKit

// BGPKit: frame and decode what a peer sent: a KEEPALIVE, then an UPDATE announcing the
// VIP 203.0.113.10/32 with next hop 192.0.2.1 (ORIGIN IGP, AS_PATH 65001).
let fromPeer: [UInt8] = Array(repeating: 0xFF, count: 16) + [0x00, 0x13, 0x04]
    + Array(repeating: 0xFF, count: 16) + [0x00, 0x30, 0x02, 0x00, 0x00, 0x00, 0x14,
        0x40, 0x01, 0x01, 0x00,
        0x40, 0x02, 0x06, 0x02, 0x01, 0x00, 0x00, 0xFD, 0xE9,
        0x40, 0x03, 0x04, 192, 0, 2, 1,
        32, 203, 0, 113, 10]
var framer = BGPFramer()
framer.append(fromPeer)
while let message = try framer.nextDecodedMessage(context: .default) {
    print("BGPKit: \(message)")
}

// HashRing: a Maglev table over three L7LBs, and the one a flow goes to; every L4LB
// that builds the table from the same backends picks the same.
let backends = ["2001:db8:a7::71", "2001:db8:a7::72", "2001:db8:a7::73"].map { Backend(address: IPAddress($0)!) }
let table = try Maglev.table(for: backends, size: 65_537)
let flow = HashRing.FlowKey(transportProtocol: 6, source: IPAddress("198.18.0.1")!, sourcePort: 40_000,
                            destination: IPAddress("203.0.113.10")!, destinationPort: 443)
let chosen = table.backend(forHash: FlowHash().hash(flow))!
print("HashRing: \(flow) -> \(chosen)")

// TunnelKit: encapsulate that flow's IPv4 packet for the chosen IPv6-only L7LB (4in6), in
// place, then decapsulate and validate it as the L7LB would.
var inner: [UInt8] = [0x45, 0, 0, 40, 0x12, 0x34, 0x40, 0, 64, 6, 0, 0, 198, 18, 0, 1, 203, 0, 113, 10,
                      0x9C, 0x40, 0x01, 0xBB, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0x00, 0, 0, 0, 0]
let checksum = inner.withUnsafeBytes { InternetChecksum.checksum($0, 0..<20) }
inner[10] = UInt8(checksum >> 8)
inner[11] = UInt8(checksum & 0xFF)
let encapsulator = try Encapsulator(EncapsulationConfiguration(
    destination: chosen.address,
    source: .derivedFromFlow(IPPrefix("2001:db8:100::/64")!)
))
var buffer = [UInt8](repeating: 0, count: encapsulator.headroom) + inner
let outer = try buffer.withUnsafeMutableBytes { bytes in
    try encapsulator.encapsulate(bytes, inner: encapsulator.headroom..<bytes.count)
}
let report = buffer[outer].withUnsafeBytes { Decapsulator().inspect($0) }
print("TunnelKit: \(report.kind) to \(report.outer!.destination) from \(report.outer!.source), verdict \(report.verdict), inner \(report.flow!)")

// NetlinkKit: read IPVS rules in ipvsadm's -S format (what `lbctl restore` sends to the
// kernel): an IPv4 VIP with the mh scheduler and an IPv6 tunnel destination.
let rules = try IPVSRules.parse("""
    -A -t 203.0.113.10:443 -s mh -b mh-port
    -a -t 203.0.113.10:443 -r [2001:db8:a7::72]:443 -i -w 1
    """)
print("NetlinkKit: parsed \(rules.count) ipvsadm rules for 203.0.113.10:443")
