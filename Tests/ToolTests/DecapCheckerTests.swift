import Foundation
import XCTest

/// decap-checker against the committed captures and their manifests
/// (Tests/Fixtures/tunnel, made by scapy and tcpdump), and against the independent corpus
/// in ../shared/corpus/tunnel when it exists.
final class DecapCheckerTests: XCTestCase {
    private static let fixtures = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/tunnel")
    private static let sample = ToolRunner.repositoryRoot.appendingPathComponent("Samples/l7lb-sample.pcap")

    private struct Report {
        var packets: [[String: Any]]
        var summary: [String: Any]
        var status: Int32
        var stderr: String
    }

    private func check(_ capture: URL, options: [String] = []) throws -> Report {
        let result = try ToolRunner.run("decap-checker", ["--json"] + options + [capture.path])
        var packets: [[String: Any]] = []
        var summary: [String: Any] = [:]
        for line in result.stdout.split(separator: "\n") {
            let object = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                "not a JSON object: \(line)"
            )
            if let s = object["summary"] as? [String: Any] { summary = s } else { packets.append(object) }
        }
        return Report(packets: packets, summary: summary, status: result.status, stderr: result.stderr)
    }

    private func manifests() throws -> [URL] {
        let files = try FileManager.default.contentsOfDirectory(at: Self.fixtures, includingPropertiesForKeys: nil)
        return files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
            + [Self.sample.deletingPathExtension().appendingPathExtension("json")]
    }

    private func load(_ manifest: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
    }

    func testEveryCommittedCaptureMatchesItsManifest() throws {
        for manifest in try manifests() {
            let m = try load(manifest)
            let capture = manifest.deletingLastPathComponent().appendingPathComponent(m["file"] as! String)
            let report = try check(capture, options: m["options"] as? [String] ?? [])
            let expected = m["packets"] as! [[String: Any]]
            XCTAssertEqual(report.packets.count, expected.count, "\(capture.lastPathComponent): packet count")
            var anyError = false
            for (got, want) in zip(report.packets, expected) {
                let frame = "\(capture.lastPathComponent) frame \(want["frame"]!)"
                XCTAssertEqual(got["index"] as? Int, want["frame"] as? Int, frame)
                XCTAssertEqual(got["verdict"] as? String, want["verdict"] as? String, frame)
                XCTAssertEqual(got["kind"] as? String, want["kind"] as? String, "\(frame): kind")
                XCTAssertEqual(
                    Set(got["warnings"] as? [String] ?? ["<missing>"]), Set(want["warnings"] as? [String] ?? []),
                    "\(frame): warnings"
                )
                if let outer = want["outer"] as? [String: Any], let src = outer["src"] as? String {
                    let gotOuter = got["outer"] as? [String: Any]
                    XCTAssertEqual(gotOuter?["src"] as? String, src, "\(frame): outer src")
                    XCTAssertEqual(gotOuter?["dst"] as? String, outer["dst"] as? String, "\(frame): outer dst")
                }
                if let inner = want["inner"] as? [String: Any] {
                    let gotInner = try XCTUnwrap(got["inner"] as? [String: Any], "\(frame): inner missing")
                    for key in ["proto", "src", "dst", "sport", "dport"] {
                        XCTAssertEqual("\(gotInner[key] ?? "nil")", "\(inner[key] ?? "nil")", "\(frame): inner \(key)")
                    }
                }
                if want["verdict"] as? String != "ok", want["verdict"] as? String != "not_tunneled",
                    want["verdict"] as? String != "not_ip" { anyError = true }
            }
            XCTAssertEqual(report.status, anyError ? 1 : 0, "\(capture.lastPathComponent): exit status; \(report.stderr)")
            XCTAssertEqual(report.summary["packets"] as? Int, expected.count, "\(capture.lastPathComponent): summary")
        }
    }

    func testSummaryCountsEveryInnerFlowsPackets() throws {
        // The sample holds 8 TCP flows of 4 tunnelled packets, then single packets.
        let report = try check(Self.sample, options: ["--top", "50"])
        let flows = try XCTUnwrap(report.summary["busiest_flows"] as? [[String: Any]])
        let counts = flows.compactMap { $0["packets"] as? Int }
        XCTAssertEqual(counts.count, flows.count)
        XCTAssertEqual(Array(counts.prefix(8)), Array(repeating: 4, count: 8))
        XCTAssertFalse(counts.contains { $0 < 1 }, "a flow counted with no packets: \(counts)")
        let ok = (report.summary["verdicts"] as? [String: Any])?["ok"] as? Int
        XCTAssertEqual(counts.reduce(0, +), ok, "every ok packet belongs to one flow")
    }

    func testAgreesWithTheIndependentCorpus() throws {
        let corpus = ToolRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/tunnel")
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            throw XCTSkip("no independent corpus at \(corpus.path)")
        }
        let files = try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
        var checked = 0
        for manifest in files.filter({ $0.pathExtension == "json" }).sorted(by: { $0.path < $1.path }) {
            let m = try load(manifest)
            let capture = corpus.appendingPathComponent(m["file"] as! String)
            let report = try check(capture)
            let expected = m["packets"] as! [[String: Any]]
            XCTAssertEqual(report.packets.count, expected.count, capture.lastPathComponent)
            for (got, want) in zip(report.packets, expected) {
                let frame = "\(capture.lastPathComponent) frame \(want["frame"]!) (\(want["case"] ?? ""))"
                let verdict = got["verdict"] as? String ?? "<none>"
                XCTAssertTrue((want["accept"] as? [String] ?? []).contains(verdict), "\(frame): got \(verdict), want \(want["accept"]!)")
                if verdict == "ok" {
                    XCTAssertEqual(got["kind"] as? String, want["tunnel_kind"] as? String, "\(frame): kind")
                    let inner = got["inner"] as? [String: Any]
                    XCTAssertEqual(inner?["src"] as? String, want["inner_src"] as? String, "\(frame): inner src")
                    XCTAssertEqual(inner?["dst"] as? String, want["inner_dst"] as? String, "\(frame): inner dst")
                    XCTAssertEqual(inner?["proto"] as? Int, want["inner_proto"] as? Int, "\(frame): inner proto")
                    XCTAssertEqual(inner?["sport"] as? Int, want["inner_sport"] as? Int, "\(frame): inner sport")
                    XCTAssertEqual(inner?["dport"] as? Int, want["inner_dport"] as? Int, "\(frame): inner dport")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testUnreadableInputsGiveOneLineAndStatusTwo() throws {
        let cases = ["broken-empty.pcap", "broken-not-a-capture.pcap", "broken-header-cut.pcap", "broken-record-cut.pcap", "no-such-file.pcap"]
        for name in cases {
            let result = try ToolRunner.run("decap-checker", ["--quiet", Self.fixtures.appendingPathComponent(name).path])
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(name): \(result.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("decap-checker: ") == true, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(name), "\(name): the message names the file: \(result.stderr)")
        }
    }

    func testStandardInputAndFilter() throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("verdicts.pcap"))
        let all = try ToolRunner.run("decap-checker", ["--json", "-"], stdin: data)
        let filtered = try ToolRunner.run("decap-checker", ["--json", "--filter", "ip6", "-"], stdin: data)
        let count = { (s: String) in s.split(separator: "\n").count - 1 }
        XCTAssertEqual(count(all.stdout), 29)
        XCTAssertGreaterThan(count(filtered.stdout), 0)
        XCTAssertLessThan(count(filtered.stdout), count(all.stdout))
        // Frame numbers keep counting the records the filter skipped.
        XCTAssertTrue(filtered.stdout.contains("\"index\":3,"), filtered.stdout)
        let bad = try ToolRunner.run("decap-checker", ["--filter", "no such filter (", "-"], stdin: data)
        XCTAssertEqual(bad.status, 2)
    }

    func testWritesInnerAndBadPacketsAsCapturesTcpdumpReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decap-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = folder.appendingPathComponent("inner.pcap"), bad = folder.appendingPathComponent("bad.pcap")
        let result = try ToolRunner.run("decap-checker", [
            "--quiet", "--write-inner", inner.path, "--write-bad", bad.path,
            Self.fixtures.appendingPathComponent("verdicts.pcap").path,
        ])
        XCTAssertEqual(result.status, 1, result.stderr)
        let m = try load(Self.fixtures.appendingPathComponent("verdicts.json"))
        let verdicts = (m["packets"] as! [[String: Any]]).map { $0["verdict"] as! String }
        let okCount = verdicts.filter { $0 == "ok" }.count
        let badCount = verdicts.filter { !["ok", "not_tunneled", "not_ip"].contains($0) }.count
        XCTAssertEqual(try recordCount(inner, linkType: 101), okCount)
        XCTAssertEqual(try recordCount(bad, linkType: 1), badCount)
    }

    /// Reads a classic pcap by hand (independently of PcapKit): checks the link type and
    /// counts the records.
    private func recordCount(_ url: URL, linkType: UInt32) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: url))
        func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        XCTAssertTrue([0xA1B2_3C4D, 0xA1B2_C3D4].contains(u32(0)), "magic of \(url.lastPathComponent)")
        XCTAssertEqual(u32(20), linkType, "link type of \(url.lastPathComponent)")
        var offset = 24, count = 0
        while offset + 16 <= bytes.count {
            offset += 16 + Int(u32(offset + 8))
            count += 1
        }
        XCTAssertEqual(offset, bytes.count)
        return count
    }
}

/// Bad input never crashes decap-checker: every cut of a capture and random bytes give a
/// clean error (status 2) or verdicts (status 0 or 1), never a signal.
final class DecapCheckerRobustnessTests: XCTestCase {
    private func run(_ bytes: [UInt8]) throws -> ToolRunner.Result {
        try ToolRunner.run("decap-checker", ["--json", "-"], stdin: Data(bytes))
    }

    func testACaptureCutAtEveryByteOffset() throws {
        let url = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/tunnel/link-ipv6-ns-le.pcap")
        let bytes = [UInt8](try Data(contentsOf: url))
        var statuses: [Int32: Int] = [:]
        // Every offset through the file header and the first two records, then every
        // seventh: each cut is a process launch, and the structure repeats after that.
        let cuts = Array(0..<min(bytes.count, 200)) + Array(stride(from: 200, to: bytes.count, by: 7))
        for cut in cuts {
            let result = try run(Array(bytes.prefix(cut)))
            XCTAssertTrue([0, 1, 2].contains(result.status), "cut at \(cut): status \(result.status) \(result.stderr)")
            if result.status == 2 {
                XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "cut at \(cut): \(result.stderr)")
            }
            statuses[result.status, default: 0] += 1
        }
        XCTAssertGreaterThan(statuses[2] ?? 0, 0)
    }

    func testEveryRecordCutAtEveryLength() throws {
        // Rewrite each record's caplen to every shorter length: packets truncated by the
        // snap length at every offset must all be `truncated`, whatever they held.
        let url = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/tunnel/verdicts.pcap")
        let bytes = [UInt8](try Data(contentsOf: url))
        var out = Array(bytes[0..<24])
        var offset = 24, expected = 0
        func le32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func put32(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        while offset + 16 <= bytes.count {
            let caplen = le32(offset + 8), length = le32(offset + 12)
            for cut in stride(from: 0, to: caplen, by: 3) {
                out += bytes[offset..<offset + 8]
                put32(cut)
                put32(length)
                out += bytes[offset + 16..<offset + 16 + cut]
                expected += 1
            }
            offset += 16 + caplen
        }
        let result = try run(out)
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, expected + 1)
        XCTAssertEqual(lines.dropLast().filter { !$0.contains("\"verdict\":\"truncated\"") }.count, 0)
    }

    func testRandomBytes() throws {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 3, 24, 40, 100, 1000] {
            for _ in 0..<5 {
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let result = try run(bytes)
                XCTAssertEqual(result.status, 2, "random \(size) bytes: \(result.stderr)")
            }
            // A valid header followed by random records.
            let header: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0]
            let result = try run(header + (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            XCTAssertTrue([0, 1, 2].contains(result.status), "header + random \(size) bytes: \(result.stderr)")
        }
    }
}
