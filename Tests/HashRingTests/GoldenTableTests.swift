import Foundation
import XCTest
@testable import HashRing

/// Compares tables with the golden files in Tests/Fixtures/HashRing, made by an
/// independent Python implementation of the specification (reference.py).
final class GoldenTableTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/HashRing")

    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// The algorithm, size and backends of a `.args` file.
    static func arguments(_ name: String) throws -> (String, Int, [Backend]) {
        let lines = try lines(name + ".args")
        let backends = try lines.dropFirst(2).map { try XCTUnwrap(Backend($0), $0) }
        return (lines[0], try XCTUnwrap(Int(lines[1])), backends)
    }

    static func names(_ table: LookupTable) -> [String] {
        table.slots.indices.map { slot in table.backendIndex(slot: slot).map { table.backends[$0].description } ?? "None" }
    }

    func testMaglevMatchesTheGoldenTables() throws {
        for name in ["maglev-251-mixed", "maglev-4099-ipv6"] {
            let (_, size, backends) = try Self.arguments(name)
            let table = try Maglev.table(for: backends, size: size)
            XCTAssertEqual(Self.names(table), try Self.lines(name + ".table"), name)
        }
    }

    func testIPVSMaglevMatchesTheGoldenTables() throws {
        for name in ["ipvs-mh-251-ipv6", "ipvs-mh-4093-ipv4"] {
            let (_, size, backends) = try Self.arguments(name)
            let family: IPVersion = backends.contains { $0.address.version == .v6 } ? .v6 : .v4
            let profile = try IPVSMaglevProfile(tableSize: size, serviceVersion: family)
            let destinations = backends.map { IPVSDestination(key: $0.key, weight: Int32($0.weight)) }
            let table = try profile.table(destinations: destinations).table
            XCTAssertEqual(Self.names(table), try Self.lines(name + ".table"), name)
        }
    }

    func testFlowHashMatchesTheVectors() throws {
        for line in try Self.lines("flowhash-vectors.txt") {
            let fields = line.split(separator: " ").map(String.init)
            let flow = FlowKey(
                transportProtocol: try XCTUnwrap(UInt8(fields[0])),
                source: try XCTUnwrap(IPAddress(fields[1])), sourcePort: try XCTUnwrap(UInt16(fields[2])),
                destination: try XCTUnwrap(IPAddress(fields[3])), destinationPort: try XCTUnwrap(UInt16(fields[4]))
            )
            XCTAssertEqual(String(FlowHash().hash(flow), radix: 16).leftPadded(16), fields[5], line)
            XCTAssertEqual(String(FlowHash(includesSourcePort: false).hash(flow), radix: 16).leftPadded(16), fields[6], line)
            XCTAssertEqual(String(FlowHash(seed: 1).hash(flow), radix: 16).leftPadded(16), fields[7], line)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
