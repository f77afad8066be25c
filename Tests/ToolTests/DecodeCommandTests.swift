import Foundation
import XCTest

/// `bgp-announcer decode` end to end: the committed captures of real speakers, hex input,
/// reordered and retransmitted segments, and the one-line errors.
final class DecodeCommandTests: XCTestCase {
    private let fixtures = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/bgp")
    private let captures = ["bird-gobgp", "exabgp-gobgp", "frr-gobgp", "bad-peer-as", "hold-timer-expired"]

    private func decodeJSON(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try ToolRunner.run("bgp-announcer", ["decode", "--json"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return try result.stdout.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    private func manifest(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("\(name).manifest.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func address(_ endpoint: Any?) -> String? {
        // "[2001:db8::1]:179" -> "2001:db8::1"
        guard let text = endpoint as? String, text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return nil }
        return String(text[text.index(after: text.startIndex)..<close])
    }

    private func attribute(_ message: [String: Any], _ code: Int) -> [String: Any]? {
        (message["attributes"] as? [[String: Any]])?.first { $0["code"] as? Int == code }
    }

    // MARK: Captures

    func testEveryMessageOfEveryCaptureHasTheCommonFields() throws {
        for name in captures {
            let messages = try decodeJSON(["--pcap", fixtures.appendingPathComponent("\(name).pcap").path])
            XCTAssertFalse(messages.isEmpty, name)
            for message in messages {
                let timestamp = try XCTUnwrap(message["timestamp"] as? String, name)
                XCTAssertTrue(timestamp.hasSuffix("Z") && timestamp.contains("T") && timestamp.count == 30, timestamp)
                XCTAssertNotNil(address(message["source"]), name)
                XCTAssertNotNil(address(message["destination"]), name)
                XCTAssertTrue(["OPEN", "UPDATE", "NOTIFICATION", "KEEPALIVE", "ROUTE-REFRESH"].contains(message["type"] as? String ?? ""), "\(message)")
                XCTAssertNil(message["error"], "\(message)")
            }
        }
    }

    func testJSONCarriesWhatTheManifestsAnnounced() throws {
        for name in captures {
            let messages = try decodeJSON(["--pcap", fixtures.appendingPathComponent("\(name).pcap").path])
            let updates = messages.filter { $0["type"] as? String == "UPDATE" }
            for announcement in try manifest(name)["announcements"] as? [[String: Any]] ?? [] {
                let from = announcement["from"] as? String
                let prefixes = Set(announcement["prefixes"] as? [String] ?? [])
                let update = try XCTUnwrap(updates.first { u in
                    let reach = attribute(u, 14)?["nlri"] as? [String] ?? []
                    return address(u["source"]) == from && prefixes.isSubset(of: Set(reach + (u["nlri"] as? [String] ?? [])))
                }, "\(name): no UPDATE announcing \(prefixes.sorted())")
                let hops = attribute(update, 14)?["next_hops"] as? [String] ?? (attribute(update, 3)?["next_hop"] as? String).map { [$0] }
                XCTAssertEqual(hops, announcement["next_hops"] as? [String], name)
                XCTAssertEqual((attribute(update, 1)?["value"] as? String)?.lowercased(), announcement["origin"] as? String, name)
                let segments = attribute(update, 2)?["segments"] as? [[String: Any]] ?? []
                let expected = announcement["as_path"] as? [[String: Any]] ?? []
                XCTAssertEqual(segments.map { $0["type"] as? String }, expected.map { _ in "AS_SEQUENCE" }, name)
                XCTAssertEqual(segments.map { $0["asns"] as? [Int] ?? [] }, expected.map { $0["asns"] as? [Int] ?? [] }, name)
                XCTAssertEqual(attribute(update, 4)?["value"] as? Int, announcement["med"] as? Int, name)
                XCTAssertEqual(attribute(update, 8)?["communities"] as? [String] ?? [], announcement["communities"] as? [String], name)
                XCTAssertEqual(attribute(update, 32)?["large_communities"] as? [String] ?? [], announcement["large_communities"] as? [String], name)
            }
            for expected in try manifest(name)["notifications"] as? [[String: Any]] ?? [] {
                let found = messages.first {
                    $0["type"] as? String == "NOTIFICATION" && address($0["source"]) == expected["from"] as? String
                        && $0["code"] as? Int == expected["code"] as? Int && $0["subcode"] as? Int == expected["subcode"] as? Int
                }
                let notification = try XCTUnwrap(found, "\(name): no NOTIFICATION like \(expected)")
                XCTAssertNotNil(notification["code_name"] as? String)
                XCTAssertNotNil(notification["subcode_name"] as? String)
                XCTAssertEqual(notification["shutdown_communication"] as? String, expected["shutdown_communication"] as? String, name)
            }
        }
    }

    func testCapabilitiesComeByNameWithTheirValues() throws {
        let messages = try decodeJSON(["--pcap", fixtures.appendingPathComponent("bird-gobgp.pcap").path])
        let open = try XCTUnwrap(messages.first { $0["type"] as? String == "OPEN" && address($0["source"]) == "2001:db8:ffff::1" })
        XCTAssertEqual(open["asn"] as? Int, 4_200_000_001)
        XCTAssertEqual(open["my_as"] as? Int, 23456)
        let capabilities = try XCTUnwrap(open["capabilities"] as? [[String: Any]])
        XCTAssertEqual(capabilities.compactMap { $0["name"] as? String }, [
            "multiprotocol", "multiprotocol", "route-refresh", "extended-next-hop", "extended-message", "graceful-restart",
            "4-octet-as", "add-path", "enhanced-route-refresh", "long-lived-graceful-restart", "fqdn",
        ])
        XCTAssertEqual(capabilities.first { $0["code"] as? Int == 65 }?["asn"] as? Int, 4_200_000_001)
        XCTAssertEqual(capabilities.first?["family"] as? String, "IPv4 unicast")
    }

    func testTextReadsLikeARoutingDaemon() throws {
        let result = try ToolRunner.run("bgp-announcer", ["decode", "--pcap", fixtures.appendingPathComponent("bird-gobgp.pcap").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        for expected in [
            "> [2001:db8:ffff::2]:",
            "OPEN  (107 bytes, frame ",
            "    AS              4200000001 (My AS 23456)",
            "        4-octet-as                  4200000001",
            "UPDATE  End-of-RIB IPv6 unicast",
            "    announce        198.51.100.0/24, 192.0.2.1/32  (IPv4 unicast)",
            "    next-hop        2001:db8:ffff::1 fe80::a",
            "    community       65000:1 NO_EXPORT",
            "    large-community 4200000001:1:2",
            "    withdraw        203.0.113.7/32",
            "ROUTE-REFRESH  IPv6 unicast request",
            "NOTIFICATION  Cease / Administrative Shutdown (6/2)",
            "    \"maintenance: lbkit capture\"",
        ] {
            XCTAssertTrue(result.stdout.contains(expected), "missing: \(expected)\n\(result.stdout)")
        }
    }

    // MARK: Reassembly through the tool

    /// Classic pcap records, reordered and duplicated: the decoded messages must not change.
    func testReorderedAndRetransmittedSegmentsDecodeTheSame() throws {
        let original = try Data(contentsOf: fixtures.appendingPathComponent("bird-gobgp.pcap"))
        let bytes = [UInt8](original)
        XCTAssertEqual(Array(bytes[0..<4]), [0xD4, 0xC3, 0xB2, 0xA1], "expected a little-endian microsecond pcap")
        var records: [[UInt8]] = []
        var offset = 24
        while offset + 16 <= bytes.count {
            let length = Int(bytes[offset + 8]) | Int(bytes[offset + 9]) << 8 | Int(bytes[offset + 10]) << 16 | Int(bytes[offset + 11]) << 24
            records.append(Array(bytes[offset..<(offset + 16 + length)]))
            offset += 16 + length
        }
        // Swap neighbours pairwise from the tenth record on and send every fifth record twice.
        var shuffled: [[UInt8]] = Array(records.prefix(10))
        var index = 10
        while index < records.count {
            if index + 1 < records.count { shuffled += [records[index + 1], records[index]] } else { shuffled.append(records[index]) }
            if index % 5 == 0 { shuffled.append(records[index]) }
            index += 2
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reordered-\(getpid()).pcap")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data(bytes[0..<24] + shuffled.flatMap { $0 }).write(to: path)

        func messages(_ file: String) throws -> [String] {
            try decodeJSON(["--pcap", file]).map { m in
                var copy = m
                copy["frame"] = nil
                copy["timestamp"] = nil
                return String(decoding: try JSONSerialization.data(withJSONObject: copy, options: .sortedKeys), as: UTF8.self)
            }
        }
        let expected = try messages(fixtures.appendingPathComponent("bird-gobgp.pcap").path)
        let got = try messages(path.path)
        XCTAssertEqual(got.count, expected.count)
        // Both directions are reassembled independently, so only each direction's order is kept.
        XCTAssertEqual(got.sorted(), expected.sorted())
    }

    // MARK: Hex

    private let keepalive = "ffffffffffffffffffffffffffffffff001304"
    /// ORIGIN IGP, AS_PATH 65000, NEXT_HOP 192.0.2.254, NLRI 192.0.2.1/32.
    private let vipUpdate = "ffffffffffffffffffffffffffffffff 0030 02 0000 0014 400101 00 400206 0201 0000fde8 400304 c00002fe 20c0000201"

    func testHexKeepaliveAndUpdate() throws {
        let result = try ToolRunner.run("bgp-announcer", ["decode", "--hex", keepalive, "--hex", vipUpdate])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("KEEPALIVE  (19 bytes)\nUPDATE  (48 bytes)\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("    announce        192.0.2.1/32\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("    as-path         65000\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("    next-hop        192.0.2.254\n"), result.stdout)
    }

    func testHexJSONHasNullEndpointsAndDecodedFields() throws {
        let messages = try decodeJSON(["--hex", "0x" + keepalive + vipUpdate])
        XCTAssertEqual(messages.count, 2)
        XCTAssertTrue(messages[0]["timestamp"] is NSNull)
        XCTAssertTrue(messages[0]["source"] is NSNull)
        XCTAssertEqual(messages[1]["nlri"] as? [String], ["192.0.2.1/32"])
        XCTAssertEqual(attribute(messages[1], 3)?["next_hop"] as? String, "192.0.2.254")
    }

    func testHexTwoOctetASSession() throws {
        let update = "ffffffffffffffffffffffffffffffff 002e 02 0000 0012 400101 00 400204 0201 fde8 400304 c00002fe 20c0000201"
        let messages = try decodeJSON(["--two-octet-as", "--hex", update])
        let segments = attribute(messages[0], 2)?["segments"] as? [[String: Any]]
        XCTAssertEqual(segments?.first?["asns"] as? [Int], [65000])
    }

    func testHexNotificationWithShutdownCommunication() throws {
        // Cease / Administrative Shutdown, "bye".
        let messages = try decodeJSON(["--hex", "ffffffffffffffffffffffffffffffff 0019 03 06 02 03 627965"])
        XCTAssertEqual(messages[0]["code"] as? Int, 6)
        XCTAssertEqual(messages[0]["code_name"] as? String, "Cease")
        XCTAssertEqual(messages[0]["subcode_name"] as? String, "Administrative Shutdown")
        XCTAssertEqual(messages[0]["shutdown_communication"] as? String, "bye")
    }

    // MARK: Errors: one line on stderr, non-zero exit

    private func assertOneLineError(_ arguments: [String], status: Int32, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try ToolRunner.run("bgp-announcer", arguments)
        XCTAssertEqual(result.status, status, result.stderr, file: file, line: line)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(mentions), result.stderr, file: file, line: line)
    }

    func testErrorsAreOneLine() throws {
        try assertOneLineError(["decode"], status: 64, mentions: "--pcap")
        try assertOneLineError(["decode", "--pcap", "x.pcap", "--hex", keepalive], status: 64, mentions: "not both")
        try assertOneLineError(["decode", "--hex", "ffz"], status: 65, mentions: "'z' at position 3")
        try assertOneLineError(["decode", "--hex", "fff"], status: 65, mentions: "odd number")
        try assertOneLineError(["decode", "--pcap", "/nonexistent/session.pcap"], status: 66, mentions: "/nonexistent/session.pcap")
        try assertOneLineError(["decode", "--hex", String(keepalive.dropLast(2))], status: 65, mentions: "ends inside a message")
        try assertOneLineError(["decode", "--hex", "00" + keepalive.dropFirst(2)], status: 65, mentions: "marker")
        try assertOneLineError(["decode", "--add-path", "l2vpn", "--hex", keepalive], status: 64, mentions: "l2vpn")
        let notACapture = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-capture-\(getpid()).pcap")
        try Data("hello".utf8).write(to: notACapture)
        defer { try? FileManager.default.removeItem(at: notACapture) }
        try assertOneLineError(["decode", "--pcap", notACapture.path], status: 65, mentions: notACapture.path)
    }

    func testMalformedMessageIsShownAndFailsTheRun() throws {
        // An UPDATE whose attribute length runs past the message end.
        let result = try ToolRunner.run("bgp-announcer", ["decode", "--json", "--hex", "ffffffffffffffffffffffffffffffff 0017 02 0000 00ff"])
        XCTAssertEqual(result.status, 65)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let error = try XCTUnwrap(object["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? Int, 3)
        XCTAssertNotNil(error["offset"] as? Int)
        XCTAssertEqual(object["raw"] as? String, "ffffffffffffffffffffffffffffffff0017020000" + "00ff")
    }
}
