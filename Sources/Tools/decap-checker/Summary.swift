import PcapKit
import ToolSupport
import TunnelKit

/// Counts over the whole capture (per kind, per verdict, per warning), the busiest inner
/// flows, and the per-flow checks: an inner flow should keep its outer source and IPv6
/// flow label, since an L4LB derives both from it so that ECMP and RSS keep the flow on
/// one path. A change means another L4LB took the flow over, or an encapsulator that
/// does not hash the flow.
///
/// Counters are arrays indexed by enum values, and each packet costs one hash-table
/// lookup, so that the summary does not dominate the cost of a large capture.
struct Summary {
    private(set) var packets = 0
    private(set) var errors = 0
    private var verdicts = [Int](repeating: 0, count: DecapsulationVerdict.allCases.count)
    private var kinds = [Int](repeating: 0, count: TunnelKind.allCases.count)
    /// `TunnelKind.allCases` builds a new array on every use; this is built once.
    private static let allKinds = TunnelKind.allCases
    private var tunnelWarnings = [Int](repeating: 0, count: 16)
    private var captureWarnings = [Int](repeating: 0, count: 8)
    private var flows: FlowTable
    /// A summary that tracks at most `flowCapacity` inner flows (bounded memory on huge captures).
    init(flowCapacity: Int = 1_000_000) { flows = FlowTable(capacity: flowCapacity) }

    /// Counts `packet`, adding the per-flow warnings to it first.
    mutating func add(_ packet: inout PacketVerdict) {
        if packet.verdict == .ok, let flow = packet.report.flow, let outer = packet.report.outer {
            packet.captureWarnings.formUnion(flows.observe(flow, source: outer.source, label: outer.flowLabel))
        }
        packets += 1
        if packet.verdict.isError { errors += 1 }
        verdicts[Int(packet.verdict.rawValue)] += 1
        kinds[Self.allKinds.firstIndex(of: packet.report.kind) ?? 0] += 1
        Self.countBits(UInt(packet.report.warnings.rawValue), into: &tunnelWarnings)
        Self.countBits(UInt(packet.captureWarnings.rawValue), into: &captureWarnings)
    }

    private static func countBits(_ bits: UInt, into counts: inout [Int]) {
        var bits = bits
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            if bit < counts.count { counts[bit] += 1 }
            bits &= bits - 1
        }
    }

    /// Non-zero counts by name, most first (ties by name).
    private var namedCounts: (kinds: [(String, Int)], verdicts: [(String, Int)], warnings: [(String, Int)]) {
        func ordered(_ pairs: [(String, Int)]) -> [(String, Int)] {
            pairs.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        let kindPairs = Self.allKinds.enumerated().map { ($1.name, kinds[$0]) }
        let verdictPairs = DecapsulationVerdict.allCases.map { ($0.name, verdicts[Int($0.rawValue)]) }
        var warningPairs: [(String, Int)] = DecapsulationWarnings.named.map { warning, name in
            (name, tunnelWarnings[warning.rawValue.trailingZeroBitCount])
        }
        warningPairs += CaptureWarnings.named.map { warning, name in
            (name, captureWarnings[warning.rawValue.trailingZeroBitCount])
        }
        return (ordered(kindPairs), ordered(verdictPairs), ordered(warningPairs))
    }

    /// The `top` busiest flows, most packets first, ties in address and port order.
    func busiestFlows(_ top: Int) -> [(FlowKey, Int)] {
        // Only flows at least as busy as the top-th busiest can make the list.
        let all = flows.all
        var counts = all.map(\.packets)
        let threshold: Int
        if counts.count > top, top > 0 {
            counts.sort(by: >)
            threshold = counts[top - 1]
        } else {
            threshold = 0
        }
        return all.filter { $0.packets >= threshold }
            .sorted { a, b in a.packets != b.packets ? a.packets > b.packets : a.key.precedes(b.key) }
            .prefix(top).map { ($0.key, $0.packets) }
    }

    func json(linkType: LinkType, top: Int) -> JSON {
        let counts = namedCounts
        func object(_ pairs: [(String, Int)]) -> JSON { .object(pairs.map { ($0.0, .int($0.1)) }) }
        return .object([("summary", .object([
            ("packets", .int(packets)),
            ("errors", .int(errors)),
            ("link_type", .string(linkType.name)),
            ("kinds", object(counts.kinds)),
            ("verdicts", object(counts.verdicts)),
            ("warnings", object(counts.warnings)),
            ("busiest_flows", .array(busiestFlows(top).map { flow, n in
                .object([("flow", .string(flow.text)), ("packets", .int(n))])
            })),
        ]))])
    }

    func text(linkType: LinkType, top: Int) -> [String] {
        let counts = namedCounts
        func line(_ pairs: [(String, Int)]) -> String {
            pairs.isEmpty ? "none" : pairs.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        }
        var lines = [
            "packets:  \(packets) (link type \(linkType)), \(errors) with errors",
            "kinds:    \(line(counts.kinds))",
            "verdicts: \(line(counts.verdicts))",
            "warnings: \(line(counts.warnings))",
        ]
        let busiest = busiestFlows(top)
        if !busiest.isEmpty {
            lines.append("busiest inner flows:")
            for (flow, n) in busiest {
                lines.append(String(repeating: " ", count: max(2, 10 - String(n).count)) + "\(n)  \(flow.text)")
            }
        }
        return lines
    }
}
