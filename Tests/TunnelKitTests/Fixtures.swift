import Foundation
import TunnelKit
import XCTest

/// Reads the scapy-made fixtures in `Tests/Fixtures/tunnelkit` (see its README).
enum Fixtures {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tunnelkit")

    static func cases(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]], name)
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8? = nil
        for c in hex.utf8 {
            let v: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func policy(_ dict: [String: Any]?) -> DecapsulationPolicy {
        var policy = DecapsulationPolicy()
        guard let dict else { return policy }
        if let depth = dict["max_depth"] as? Int { policy.maximumDepth = depth }
        if dict["inner_ttl_zero"] as? String == "allow" { policy.innerTTLZero = .allow }
        if let list = dict["allowed_outer_sources"] as? [String] { policy.allowedOuterSources = list.compactMap { IPPrefix($0) } }
        if let list = dict["vips"] as? [String] { policy.allowedInnerDestinations = list.compactMap { IPPrefix($0) } }
        if let ports = dict["fou_ports"] as? [Int] { policy.fooOverUDPPorts = ports.map { UInt16($0) } }
        return policy
    }
}

/// A small deterministic generator (SplitMix64) so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
