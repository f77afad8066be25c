import Foundation
import PcapKit
import TunnelKit
import XCTest

/// Checks the decapsulator against the independent corpus in `../shared/corpus/tunnel`
/// (skipped when the folder is absent): every packet's verdict must be one the manifest
/// accepts, and the outer and inner facts must match the manifest's.
final class CorpusTests: XCTestCase {
    static let corpus: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() } // Tests/TunnelKitTests/X.swift -> repo
        // The shared folder sits beside the repository (or the worktrees' parent).
        let candidates = [
            url.deletingLastPathComponent().appendingPathComponent("shared/corpus/tunnel"),
            url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/tunnel"),
            URL(fileURLWithPath: "/work/shared/corpus/tunnel"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()

    func testEveryCorpusPacketGetsAnAcceptedVerdictAndTheManifestFacts() throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)) ?? []
        let manifests = files.filter { $0.hasSuffix(".json") }.sorted()
        try XCTSkipIf(manifests.isEmpty, "no corpus at \(Self.corpus.path)")
        let decapsulator = Decapsulator()
        var checked = 0
        var verdicts: [String: Int] = [:]
        for name in manifests {
            let data = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
            let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            let capture = try XCTUnwrap(manifest["file"] as? String)
            let packets = try XCTUnwrap(manifest["packets"] as? [[String: Any]])
            let reader = try PcapReader(path: Self.corpus.appendingPathComponent(capture).path)
            var index = 0
            while let record = try reader.next() {
                defer { index += 1 }
                let expected = packets[index]
                let accept = expected["accept"] as? [String] ?? []
                let frame = "\(capture) frame \(record.frameNumber)"
                let verdict: String
                var report: DecapsulationReport? = nil
                if record.isTruncated {
                    verdict = "truncated"
                } else if let link = try? LinkLayerFrame(decoding: record.bytes, linkType: reader.linkType) {
                    let ip = UnsafeRawBufferPointer(rebasing: record.bytes[link.headerLength...])
                    switch link.network {
                    case .ipv4: report = decapsulator.inspect(ip, linkLayerVersion: .v4)
                    case .ipv6: report = decapsulator.inspect(ip, linkLayerVersion: .v6)
                    case .other: break
                    }
                    verdict = report?.verdictName ?? "not_ip"
                } else {
                    verdict = "not_ip"
                }
                verdicts[verdict, default: 0] += 1
                checked += 1
                XCTAssert(accept.contains(verdict), "\(frame): \(verdict) (\(report?.error?.description ?? "")), manifest accepts \(accept)")
                guard let report else { continue }
                if let src = expected["outer_src"] as? String {
                    XCTAssertEqual(report.outer?.source.description, src, frame)
                    XCTAssertEqual(report.outer?.destination.description, expected["outer_dst"] as? String, frame)
                }
                let kind = expected["tunnel_kind"] as? String ?? "none"
                if verdict != "not_tunneled" || kind == "none" {
                    XCTAssertEqual(report.kind.name, kind, frame)
                }
                if verdict == "ok" || verdict == "inner_ttl_zero" || verdict == "ecn_ce_on_not_ect" || verdict == "nested_tunnel" {
                    let flow = try XCTUnwrap(report.flow, frame)
                    XCTAssertEqual(flow.source.description, expected["inner_src"] as? String, frame)
                    XCTAssertEqual(flow.destination.description, expected["inner_dst"] as? String, frame)
                    XCTAssertEqual(Int(flow.protocol), expected["inner_proto"] as? Int, frame)
                    XCTAssertEqual(flow.sourcePort.map(Int.init), expected["inner_sport"] as? Int, frame)
                    XCTAssertEqual(flow.destinationPort.map(Int.init), expected["inner_dport"] as? Int, frame)
                    XCTAssertEqual(report.inner?.packetLength, expected["inner_total_len"] as? Int, frame)
                }
                if verdict.hasPrefix("inner_"), verdict != "inner_version_mismatch", let src = expected["inner_src"] as? String {
                    XCTAssertEqual(report.flow?.source.description, src, frame)
                    XCTAssertEqual(report.flow?.destination.description, expected["inner_dst"] as? String, frame)
                }
                if verdict == "ok", let ecn = (expected["details"] as? [String: Any])?["ecn_decap"] as? [String: Any] {
                    XCTAssertEqual(report.decapsulatedECN?.description, ecn["result"] as? String, frame)
                }
            }
            XCTAssertEqual(index, packets.count, "\(capture): record count")
        }
        XCTAssertGreaterThan(checked, 1000)
        print("corpus: \(checked) packets, verdicts \(verdicts.sorted { $0.key < $1.key })")
    }
}
