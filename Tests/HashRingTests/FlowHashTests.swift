import XCTest
@testable import HashRing

final class FlowHashTests: XCTestCase {
    private func ipv6Packet(protocol number: UInt8, flowLabel: UInt32 = 0) -> [UInt8] {
        var packet = [UInt8](repeating: 0, count: 48)
        packet[0] = 0x60 | UInt8(flowLabel >> 16 & 0x0f)
        packet[2] = UInt8(truncatingIfNeeded: flowLabel >> 8)
        packet[3] = UInt8(truncatingIfNeeded: flowLabel)
        packet[6] = number
        let source = IPAddress("2001:db8:1::5")!.bytes, destination = IPAddress("2001:db8:ff::1")!.bytes
        packet.replaceSubrange(8..<24, with: source)
        packet.replaceSubrange(24..<40, with: destination)
        packet.replaceSubrange(40..<44, with: [0x9c, 0x40, 0x01, 0xbb])  // 40000 -> 443
        return packet
    }

    func testReadsTheFiveTupleOfAnIPv6PacketAndIgnoresTheFlowLabel() throws {
        let one = try ipv6Packet(protocol: 6).withUnsafeBytes { try FlowKey(packet: $0) }
        let relabelled = try ipv6Packet(protocol: 6, flowLabel: 0xabcde).withUnsafeBytes { try FlowKey(packet: $0) }
        XCTAssertEqual(one.description, "tcp [2001:db8:1::5]:40000 [2001:db8:ff::1]:443")
        XCTAssertEqual(FlowHash().hash(one), FlowHash().hash(relabelled))
        XCTAssertEqual(FlowHash().hash(one), 0x27f3_1c1a_534b_dc6d)  // flowhash-vectors.txt, line 3
    }

    func testReadsIPv4PacketsWithOptions() throws {
        var packet = [UInt8](repeating: 0, count: 28)
        packet[0] = 0x46  // 6 words: one word of options
        packet[9] = 17
        packet.replaceSubrange(12..<20, with: [192, 0, 2, 10, 203, 0, 113, 1])
        packet.replaceSubrange(24..<28, with: [0xcf, 0x08, 0x00, 0x35])  // 53000 -> 53
        let key = try packet.withUnsafeBytes { try FlowKey(packet: $0) }
        XCTAssertEqual(key.description, "udp 192.0.2.10:53000 203.0.113.1:53")
        XCTAssertEqual(FlowHash().hash(key), 0x1785_f9b4_b751_c980)  // flowhash-vectors.txt, line 2
    }

    func testTruncatedAndForeignPacketsAreTypedErrors() {
        func decode(_ bytes: [UInt8]) -> FlowKeyError? {
            bytes.withUnsafeBytes { bytes -> FlowKeyError? in
                do throws(FlowKeyError) { _ = try FlowKey(packet: bytes); return nil } catch { return error }
            }
        }
        XCTAssertEqual(decode([]), .truncated(needed: 1, available: 0))
        XCTAssertEqual(decode([0x60] + [UInt8](repeating: 0, count: 20)), .truncated(needed: 40, available: 21))
        XCTAssertEqual(decode(Array(ipv6Packet(protocol: 6).prefix(42))), .truncated(needed: 44, available: 42))
        XCTAssertEqual(decode([0x44] + [UInt8](repeating: 0, count: 30)), .badIPv4HeaderLength(4))
        XCTAssertEqual(decode([0x50]), .unknownVersion(5))
        // A protocol without ports needs no transport bytes.
        XCTAssertNotNil(try? Array(ipv6Packet(protocol: 58).prefix(40)).withUnsafeBytes { try FlowKey(packet: $0) })
    }

    /// Every truncation of a valid packet decodes or throws; none traps.
    func testEveryPrefixIsHandled() {
        let packet = ipv6Packet(protocol: 17)
        for length in 0...packet.count {
            _ = Array(packet.prefix(length)).withUnsafeBytes { try? FlowKey(packet: $0) }
        }
    }

    /// Random flows spread evenly over a table: the count per slot group stays near the mean.
    func testSpreadsFlowsEvenly() {
        var generator = SplitMix(seed: 1)
        var counts = [Int](repeating: 0, count: 64)
        let destination = IPAddress("2001:db8:ff::1")!
        let samples = 64_000
        for _ in 0..<samples {
            let flow = FlowKey(transportProtocol: 6, source: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: generator.next() & 0xffff)),
                               sourcePort: UInt16(truncatingIfNeeded: generator.next()), destination: destination, destinationPort: 443)
            counts[Mixing.reduce(FlowHash().hash(flow), into: 64)] += 1
        }
        // Mean 1000, standard deviation about 31: six deviations either side.
        XCTAssertTrue(counts.allSatisfy { (810...1190).contains($0) }, "\(counts.min()!)...\(counts.max()!)")
    }
}
