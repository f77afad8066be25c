import BenchSupport
import HashRing

// HashRing's targets (issue 6): a Maglev build for N = 1,000 and M = 65,537 in under
// 1 ms, and a lookup from a raw IPv6 5-tuple in under 15 ns, on one core.

func backends(_ count: Int) -> [Backend] {
    (1...count).map { Backend(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: UInt64($0))), port: 80) }
}

let thousand = backends(1000)
let table = try! Maglev.table(for: thousand, size: 65_537)

// 4,096 raw IPv6 TCP packet headers (IPv6 header and the ports), random sources and ports.
struct Random {
    var state: UInt64 = 1
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return Mixing.mix64(state)
    }
}
var generator = Random()
let packetCount = 4096
var packets = [UInt8](repeating: 0, count: packetCount * 44)
for index in 0..<packetCount {
    let base = index * 44
    packets[base] = 0x60
    packets[base + 6] = 6
    for byte in 8..<24 { packets[base + byte] = UInt8(truncatingIfNeeded: generator.next()) }
    packets[base + 24] = 0x20; packets[base + 25] = 0x01; packets[base + 26] = 0x0d; packets[base + 27] = 0xb8
    packets[base + 39] = 1
    packets[base + 40] = UInt8(truncatingIfNeeded: generator.next()); packets[base + 41] = UInt8(truncatingIfNeeded: generator.next())
    packets[base + 42] = 0x01; packets[base + 43] = 0xbb
}
let hasher = FlowHash()
let flows = (0..<packetCount).map { index in
    packets.withUnsafeBytes { try! FlowKey(packet: UnsafeRawBufferPointer(rebasing: $0[(index * 44)..<(index * 44 + 44)])) }
}
let ipvs = try! IPVSMaglevProfile().table(destinations: thousand.prefix(100).map { IPVSDestination(key: $0.key, weight: 1) })

let results = [
    measure("maglev build N=1000 M=65537", runs: 7, seconds: 0.5) {
        (try? Maglev.table(for: thousand, size: 65_537))?.size ?? 0
    },
    measure("maglev build N=100 M=65537", runs: 7, seconds: 0.5) {
        (try? Maglev.table(for: thousand.prefix(100), size: 65_537))?.size ?? 0
    },
    measure("maglev build N=1000 M=655373", runs: 3, seconds: 0.5) {
        (try? Maglev.table(for: thousand, size: 655_373))?.size ?? 0
    },
    measure("lookup: raw IPv6 header -> flow key -> hash -> slot", operationsPerCall: packetCount) {
        packets.withUnsafeBytes { bytes in
            var sum = 0
            for index in 0..<packetCount {
                let packet = UnsafeRawBufferPointer(rebasing: bytes[(index * 44)..<(index * 44 + 44)])
                guard let flow = try? FlowKey(packet: packet) else { continue }
                sum &+= Int(table.slots[table.slot(forHash: hasher.hash(flow))])
            }
            return sum
        }
    },
    measure("flow hash alone (IPv6 5-tuple)", operationsPerCall: packetCount) {
        var sum: UInt64 = 0
        for flow in flows { sum &+= hasher.hash(flow) }
        return Int(truncatingIfNeeded: sum)
    },
    measure("ipvs-mh schedule (100 destinations, 4093 slots)", operationsPerCall: packetCount) {
        var sum = 0
        for flow in flows { sum &+= ipvs.destinationIndex(clientAddress: flow.source, clientPort: flow.sourcePort, transportProtocol: 6) ?? 0 }
        return sum
    },
    measure("rendezvous table N=100 M=65537", runs: 3) {
        (try? Rendezvous(backends: thousand.prefix(100)).table(size: 65_537))?.size ?? 0
    },
    measure("resilient buckets N=1000 M=65537 remove + add + rebalance", runs: 3) {
        guard var buckets = try? ResilientBuckets(bucketCount: 65_537, members: thousand) else { return 0 }
        _ = try? buckets.remove(thousand[500].key)
        _ = try? buckets.add(thousand[500])
        return buckets.rebalance().changedSlots.count
    },
]
printTable(results)
printTable([
    measure("parts: 1000 permutations") { thousand.map { MaglevPermutation(key: $0.key, size: 65_537) }.count },
    measure("parts: quotas of 1000") { (try? Maglev.quotas(for: thousand, size: 65_537))?.count ?? 0 },
    measure("parts: sort 1000") { thousand.sorted { $0.key < $1.key }.count },
])
