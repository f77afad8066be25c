import TunnelKit
import XCTest

/// Every scapy-built decapsulation case: verdict, kind, outer addresses, inner range,
/// RFC 6040 result, warnings and flow key, as the generator script expects them.
final class DecapsulationFixtureTests: XCTestCase {
    func testEveryFixtureCase() throws {
        let cases = try Fixtures.cases("decapsulation.json")
        XCTAssertGreaterThan(cases.count, 150)
        var reused = DecapsulationReport()
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let packet = Fixtures.bytes(c["packet"] as? String ?? "")
            let link: IPVersion? = switch c["link_version"] as? Int { case 4: .v4; case 6: .v6; default: nil }
            let decapsulator = Decapsulator(policy: Fixtures.policy(c["policy"] as? [String: Any]))
            let report = packet.withUnsafeBytes { decapsulator.inspect($0, linkLayerVersion: link) }
            XCTAssertEqual(report.verdictName, c["verdict"] as? String, "\(name): \(report.error?.description ?? "")")
            XCTAssertEqual(report.kind.name, c["kind"] as? String, name)
            if let src = c["outer_src"] as? String {
                XCTAssertEqual(report.outer?.source.description, src, name)
                XCTAssertEqual(report.outer?.destination.description, c["outer_dst"] as? String, name)
            }
            if let range = c["inner_range"] as? [Int] {
                XCTAssertEqual(report.innerRange, range[0]..<range[1], name)
            }
            if let ecn = c["decap_ecn"] as? String {
                XCTAssertEqual(report.decapsulatedECN?.description, ecn, name)
            }
            if report.error == nil {
                XCTAssertEqual(report.warnings.names.sorted(), c["warnings"] as? [String], name)
            }
            if let depth = c["depth"] as? Int { XCTAssertEqual(report.depth, depth, name) }
            if let flow = c["flow"] as? [String: Any] {
                XCTAssertEqual(report.flow.map { Int($0.protocol) }, flow["proto"] as? Int, name)
                XCTAssertEqual(report.flow?.source.description, flow["src"] as? String, name)
                XCTAssertEqual(report.flow?.destination.description, flow["dst"] as? String, name)
                XCTAssertEqual(report.flow?.sourcePort.map(Int.init), flow["sport"] as? Int, name)
                XCTAssertEqual(report.flow?.destinationPort.map(Int.init), flow["dport"] as? Int, name)
                XCTAssertEqual(report.flow?.icmpIdentifier.map(Int.init), flow["icmp_id"] as? Int, name)
            }
            // The throwing form agrees with the report.
            let thrown: String = packet.withUnsafeBytes { bytes in
                do throws(DecapsulationError) { _ = try decapsulator.decapsulate(bytes, linkLayerVersion: link); return "ok" } catch { return error.verdictName }
            }
            XCTAssertEqual(thrown, report.verdictName, name)
            // The reusing form forgets the previous packet and agrees with the report.
            packet.withUnsafeBytes { decapsulator.inspect($0, linkLayerVersion: link, into: &reused) }
            XCTAssertEqual(reused, report, name)
        }
    }

    /// Cutting a valid packet at any byte gives an error, never a crash, an over-read or
    /// an accepted packet (the length field then exceeds the bytes).
    func testTruncationAtEveryOffsetIsAnError() throws {
        let decapsulator = Decapsulator()
        var checked = 0
        for c in try Fixtures.cases("decapsulation.json") where c["verdict"] as? String == "ok" && c["policy"] == nil {
            let packet = Fixtures.bytes(c["packet"] as? String ?? "")
            let name = c["name"] as? String ?? "?"
            // Link padding cases are longer than their length field; cut below the field.
            let declared = packet[0] >> 4 == 4 ? Int(packet[2]) << 8 | Int(packet[3]) : 40 + (Int(packet[4]) << 8 | Int(packet[5]))
            for cut in 0..<declared {
                // A copy of exactly `cut` bytes, so any over-read is outside the allocation.
                let piece = Array(packet[0..<cut])
                let report = piece.withUnsafeBytes { decapsulator.inspect($0) }
                XCTAssertNotNil(report.error, "\(name) cut at \(cut)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }
}
