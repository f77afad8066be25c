import Foundation
import XCTest

/// `lbctl hash`, run as a built executable, against the golden tables of
/// Tests/Fixtures/HashRing (made by the independent Python reference).
final class HashToolTests: XCTestCase {
    private let fixtures = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/HashRing")

    private func lines(_ name: String) throws -> [String] {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// The three IPv6 destinations of ipvs-mh-251-ipv6, in the kernel's list order.
    private let ipvsBackends = ["--backend", "[2001:db8::12]:80=1", "--backend", "[2001:db8::11]:80=2", "--backend", "[2001:db8::10]:80=3"]

    func testTableJSONMatchesTheGoldenMaglevTable() throws {
        let arguments = try lines("maglev-251-mixed.args")
        let result = try ToolRunner.run("lbctl", ["hash", "table", "--algorithm", "maglev", "--size", arguments[1], "--json"]
            + arguments.dropFirst(2).flatMap { ["--backend", $0] })
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("{\"algorithm\":\"maglev\",\"size\":251,\"backends\":["), "keys in the documented order")
        XCTAssertEqual(result.stdout.filter { $0 == "\n" }.count, 1, "exactly one object on one line")
        let object = try json(result.stdout)
        XCTAssertEqual(object["slots"] as? [String], try lines("maglev-251-mixed.table"))
        let backends = try XCTUnwrap(object["backends"] as? [[String: Any]])
        XCTAssertEqual(backends.map { $0["backend"] as? String },
                       ["10.0.0.1:80", "10.0.0.2:80", "192.0.2.7", "[2001:db8::10]:80", "[2001:db8::11]:443"])
        XCTAssertEqual(backends.compactMap { $0["slots"] as? Int }.reduce(0, +), 251)
    }

    func testTableOfIPVSMaglevMatchesTheKernelModel() throws {
        let listed = try ToolRunner.run("lbctl", ["hash", "table", "--algorithm", "ipvs-mh", "--size", "251", "--listed-order", "--json"] + ipvsBackends)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(try json(listed.stdout)["slots"] as? [String], try lines("ipvs-mh-251-ipv6.table"))
        // The same service described in the order the destinations were added.
        let added = try ToolRunner.run("lbctl", ["hash", "table", "--algorithm", "ipvs-mh", "--size", "251", "--json",
                                                 "--backend", "[2001:db8::10]:80=3", "--backend", "[2001:db8::11]:80=2", "--backend", "[2001:db8::12]:80=1"])
        XCTAssertEqual(try json(added.stdout)["slots"] as? [String], try lines("ipvs-mh-251-ipv6.table"))
    }

    func testTextTableListsBackendsThenSlots() throws {
        let result = try ToolRunner.run("lbctl", ["hash", "table", "--size", "13", "--backend", "10.0.0.1", "--backend", "10.0.0.2=2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "# maglev, 13 slots, 2 backends")
        XCTAssertTrue(lines.contains("backend 10.0.0.2 2 9"), result.stdout)
        XCTAssertEqual(lines.filter { $0.first?.isNumber == true }.count, 13)
    }

    func testLookupPrintsOneBackendPerFlowInOrder() throws {
        let flows = (1...8).map { "tcp [2001:db8:1::\($0)]:\(40000 + $0) [2001:db8:ff::1]:80" }
        // Expected from reference.py ipvs-lookup, with and without mh-port.
        let withPort = ["[2001:db8::12]:80", "[2001:db8::10]:80", "[2001:db8::10]:80", "[2001:db8::10]:80",
                        "[2001:db8::12]:80", "[2001:db8::11]:80", "[2001:db8::10]:80", "[2001:db8::10]:80"]
        let withoutPort = ["[2001:db8::11]:80"] + Array(repeating: "[2001:db8::10]:80", count: 7)
        let base = ["hash", "lookup", "--algorithm", "ipvs-mh", "--size", "251", "--listed-order"] + ipvsBackends
        let ported = try ToolRunner.run("lbctl", base + ["--mh-port"] + flows.flatMap { ["--flow", $0] })
        XCTAssertEqual(ported.status, 0, ported.stderr)
        XCTAssertEqual(ported.stdout.split(separator: "\n").map(String.init), withPort)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lbctl-flows-\(getpid()).txt")
        try ("# client flows\n\n" + flows.joined(separator: "\r\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let unported = try ToolRunner.run("lbctl", base + ["--flows", file.path])
        XCTAssertEqual(unported.status, 0, unported.stderr)
        XCTAssertEqual(unported.stdout.split(separator: "\n").map(String.init), withoutPort)
    }

    func testLookupJSONAndTheFlowHash() throws {
        let result = try ToolRunner.run("lbctl", ["hash", "lookup", "--size", "251", "--backend", "10.0.0.1", "--backend", "10.0.0.2",
                                                  "--flow", "tcp 192.0.2.10:40000 203.0.113.1:443", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lookups = try XCTUnwrap(try json(result.stdout)["lookups"] as? [[String: Any]])
        XCTAssertEqual(lookups.first?["flow"] as? String, "tcp 192.0.2.10:40000 203.0.113.1:443")
        // Flow hash 0xa067a6e7cfa4645e (flowhash-vectors.txt) takes slot (hash * 251) >> 64 = 157.
        let table = try json(try ToolRunner.run("lbctl", ["hash", "table", "--size", "251", "--backend", "10.0.0.1", "--backend", "10.0.0.2", "--json"]).stdout)
        XCTAssertEqual(lookups.first?["backend"] as? String, (table["slots"] as? [String])?[157])
    }

    func testErrorsNameTheObjectAndExitNonZero() throws {
        let cases: [([String], String)] = [
            (["hash", "lookup", "--backend", "10.0.0.1", "--flow", "tcp 192.0.2.10:x 203.0.113.1:443"], "source '192.0.2.10:x'"),
            (["hash", "lookup", "--backend", "10.0.0.1", "--flow", "tcp 192.0.2.10:1"], "expected 'PROTOCOL SOURCE DESTINATION'"),
            (["hash", "lookup", "--backend", "10.0.0.1", "--flow", "bogus 192.0.2.10:1 192.0.2.1:2"], "protocol 'bogus'"),
            (["hash", "lookup", "--backend", "10.0.0.1", "--flows", "/nonexistent/flows"], "flows file '/nonexistent/flows'"),
            (["hash", "table", "--size", "12", "--backend", "10.0.0.1"], "table size 12 is not a prime"),
            (["hash", "table", "--backend", "10.0.0.300"], "backend '10.0.0.300'"),
            (["hash", "table", "--backend", "10.0.0.1", "--backend", "10.0.0.1"], "backend 10.0.0.1 is given twice"),
            (["hash", "table", "--algorithm", "ipvs-mh", "--size", "4099", "--backend", "10.0.0.1"], "not an IPVS mh size"),
            (["hash", "table", "--algorithm", "jump", "--backend", "10.0.0.1=2", "--backend", "10.0.0.2"], "weights must be equal"),
        ]
        for (arguments, expected) in cases {
            let result = try ToolRunner.run("lbctl", arguments)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
        }
    }

    func testMetricsOnSmallTables() throws {
        let result = try ToolRunner.run("lbctl", ["hash", "metrics", "--backends", "5,20", "--sizes", "251",
                                                  "--algorithms", "maglev,rendezvous,jump,resilient", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(try json(result.stdout)["metrics"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 8)
        for row in rows {
            let algorithm = try XCTUnwrap(row["algorithm"] as? String)
            let backends = try XCTUnwrap(row["backends"] as? Int)
            XCTAssertEqual(row["ideal_on_removal"] as? Double ?? 0, 1 / Double(backends), accuracy: 1e-6)
            XCTAssertGreaterThanOrEqual(row["max_over_mean"] as? Double ?? 0, 1)
            if algorithm == "maglev" || algorithm == "resilient" {
                XCTAssertLessThan(row["max_over_mean"] as? Double ?? 9, 1.1, "\(row)")
            }
            if algorithm == "resilient" || algorithm == "rendezvous" || algorithm == "jump" {
                // These move exactly the removed backend's keys.
                let moved = try XCTUnwrap(row["moved_on_removal"] as? Double)
                XCTAssertLessThan(moved, 2.5 / Double(backends), "\(row)")
            }
        }
        let text = try ToolRunner.run("lbctl", ["hash", "metrics", "--backends", "3", "--sizes", "13", "--algorithms", "maglev"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("algorithm"), text.stdout)
        XCTAssertEqual(text.stdout.split(separator: "\n").count, 2)
    }
}
