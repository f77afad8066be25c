import PcapKit
import ToolSupport
import TunnelKit

/// Counts over the whole capture: per kind, per verdict, per warning, and the busiest
/// inner flows.
struct Summary {
    var packets = 0
    var errors = 0
    var kinds: [String: Int] = [:]
    var verdicts: [String: Int] = [:]
    var warnings: [String: Int] = [:]
    var flows: [FlowKey: Int] = [:]
    /// Flows counted at most (bounded memory on huge captures).
    let flowCapacity = 1_000_000

    mutating func add(_ packet: PacketVerdict) {
        packets += 1
        if packet.isError { errors += 1 }
        kinds[packet.kind.name, default: 0] += 1
        verdicts[packet.verdict, default: 0] += 1
        for warning in packet.warnings { warnings[warning, default: 0] += 1 }
        if packet.verdict == "ok", let flow = packet.report?.flow {
            if flows[flow] != nil || flows.count < flowCapacity { flows[flow, default: 0] += 1 }
        }
    }

    /// The `top` busiest flows, most packets first, ties in flow order.
    func busiestFlows(_ top: Int) -> [(FlowKey, Int)] {
        flows.sorted { a, b in a.value != b.value ? a.value > b.value : a.key.text < b.key.text }
            .prefix(top).map { ($0.key, $0.value) }
    }

    func json(linkType: LinkType, top: Int) -> JSON {
        func counts(_ d: [String: Int]) -> JSON { .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }) }
        return .object([("summary", .object([
            ("packets", .int(packets)),
            ("errors", .int(errors)),
            ("link_type", .string(linkType.name)),
            ("kinds", counts(kinds)),
            ("verdicts", counts(verdicts)),
            ("warnings", counts(warnings)),
            ("busiest_flows", .array(busiestFlows(top).map { flow, n in
                .object([("flow", .string(flow.text)), ("packets", .int(n))])
            })),
        ]))])
    }

    func text(linkType: LinkType, top: Int) -> [String] {
        func counts(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "packets:  \(packets) (link type \(linkType)), \(errors) with errors",
            "kinds:    \(counts(kinds))",
            "verdicts: \(counts(verdicts))",
            "warnings: \(counts(warnings))",
        ]
        let busiest = busiestFlows(top)
        if !busiest.isEmpty {
            lines.append("busiest inner flows:")
            for (flow, n) in busiest { lines.append("  \(String(n).leftPadded(8))  \(flow.text)") }
        }
        return lines
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
