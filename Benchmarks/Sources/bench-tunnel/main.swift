import BenchSupport
import Glibc
import TunnelKit

// Encapsulation and decapsulation-with-full-validation of a 134-byte packet (4in6: a
// 40-byte IPv6 header, then a 94-byte IPv4/TCP packet), and the same header work in C
// (Benchmarks/C/tunnel_headers.c, compiled and run from here) for the 1.5x comparison.

/// A 94-byte IPv4/TCP packet with a valid header checksum.
func innerIPv4Packet() -> [UInt8] {
    var p = [UInt8](repeating: 0x61, count: 94)
    let header: [UInt8] = [0x45, 0x02, 0, 94, 0x12, 0x34, 0x40, 0, 57, 6, 0, 0, 198, 18, 7, 9, 203, 0, 113, 10]
    p.replaceSubrange(0..<20, with: header)
    let tcp: [UInt8] = [0xA2, 0x3B, 0x01, 0xBB, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x50, 0x18, 0x01, 0xF5, 0, 0, 0, 0]
    p.replaceSubrange(20..<40, with: tcp)
    let sum = p.withUnsafeBytes { InternetChecksum.checksum($0, 0..<20) }
    p[10] = UInt8(sum >> 8); p[11] = UInt8(sum & 0xFF)
    return p
}

/// A 94-byte IPv6/UDP packet.
func innerIPv6Packet() -> [UInt8] {
    var p = [UInt8](repeating: 0x62, count: 94)
    let header: [UInt8] = [0x60, 0, 0, 0, 0, 54, 17, 64] + [UInt8](repeating: 0x20, count: 32)
    p.replaceSubrange(0..<40, with: header)
    return p
}

func encapsulator(_ destination: String, _ prefix: String) -> Encapsulator {
    // Constants of this program: a failure here is a bug in the benchmark itself.
    guard let d = IPAddress(destination), let s = IPPrefix(prefix),
          let e = try? Encapsulator(EncapsulationConfiguration(destination: d, source: .derivedFromFlow(s))) else {
        fatalError("bad benchmark configuration")
    }
    return e
}

let to6 = encapsulator("2001:db8:a7::71", "2001:db8:100::/64")
let to4 = encapsulator("192.0.2.71", "198.19.0.0/16")

/// The outer packet `encapsulator` makes of `inner`.
func tunnelled(_ inner: [UInt8], _ e: Encapsulator) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: e.headroom) + inner
    let range = buffer.withUnsafeMutableBytes { try? e.encapsulate($0, inner: e.headroom..<$0.count) }
    guard let range else { fatalError("benchmark packet does not encapsulate") }
    return Array(buffer[range])
}

let packets: [(String, [UInt8])] = [
    ("4in6", tunnelled(innerIPv4Packet(), to6)),
    ("ip6ip6", tunnelled(innerIPv6Packet(), to6)),
    ("ipip", tunnelled(innerIPv4Packet(), to4)),
    ("6in4", tunnelled(innerIPv6Packet(), to4)),
]
let decapsulator = Decapsulator()
for (name, packet) in packets {
    let verdict = packet.withUnsafeBytes { decapsulator.inspect($0).verdictName }
    guard verdict == "ok" else { fatalError("\(name) benchmark packet: \(verdict)") }
}

var results: [Measurement] = []
let batch = 1000
for (name, packet) in packets {
    results.append(measure("decapsulate \(name), \(packet.count) B, full validation", operationsPerCall: batch) {
        packet.withUnsafeBytes { bytes in
            var total = 0
            var report = DecapsulationReport()
            for _ in 0..<batch {
                decapsulator.inspect(bytes, linkLayerVersion: nil, into: &report)
                total &+= report.innerRange?.upperBound ?? -1
                total &+= Int(report.innerPorts?.source ?? 0)
            }
            return total
        }
    })
}
for (name, e, inner) in [("4in6", to6, innerIPv4Packet()), ("ip6ip6", to6, innerIPv6Packet()),
                         ("ipip", to4, innerIPv4Packet()), ("6in4", to4, innerIPv6Packet())] {
    var buffer = [UInt8](repeating: 0, count: e.headroom) + inner
    results.append(measure("encapsulate \(name), \(buffer.count) B, flow-derived source", operationsPerCall: batch) {
        buffer.withUnsafeMutableBytes { bytes in
            var total = 0
            let range = e.headroom..<bytes.count
            for _ in 0..<batch {
                total &+= (try? e.encapsulate(bytes, inner: range))?.lowerBound ?? -1
            }
            return total
        }
    })
}
printTable(results)

// The C program over the same 4in6 packet.
let here = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/"))
let source = here + "/C/tunnel_headers.c"
let binary = here + "/../.build-bench/tunnel_headers_c"
let hex = packets[0].1.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
var c: [String: Double] = [:]
if let pipe = popen("cc -O2 -o '\(binary)' '\(source)' && '\(binary)' \(hex)", "r") {
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), pipe) != nil {
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let parts = text.split(separator: " ")
        if parts.count == 2, let ns = Double(parts[1].filter { $0 != "\n" }) { c[String(parts[0])] = ns }
    }
    pclose(pipe)
}
print("")
print("C comparison (Benchmarks/C/tunnel_headers.c, cc -O2), 4in6, 134 B:")
for (label, key, swift) in [("decapsulate", "decapsulate-4in6-134", results[0]), ("encapsulate", "encapsulate-4in6-134", results[4])] {
    guard let ns = c[key] else { print("  \(label): the C program did not run"); continue }
    print("  \(label): Swift \(format(swift.nanosecondsPerOperation, 2)) ns, C \(format(ns, 2)) ns, ratio \(format(swift.nanosecondsPerOperation / ns, 2))")
}
