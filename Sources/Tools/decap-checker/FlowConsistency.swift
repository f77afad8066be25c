import TunnelKit

/// Watches, per inner flow, the outer source address and IPv6 flow label that carried it.
///
/// An L4LB derives both from the inner flow so that ECMP and RSS keep the flow on one
/// path; a change within a flow means a different L4LB took it over, or an encapsulator
/// that does not hash the flow. Each change is reported once, on the packet that shows it.
struct FlowConsistency {
    private struct Seen {
        var outerSource: IPAddress
        var flowLabel: UInt32?
    }

    private var flows: [FlowKey: Seen] = [:]
    /// Flows tracked at most; past it new flows are not tracked (bounded memory).
    let capacity: Int

    init(capacity: Int = 1_000_000) { self.capacity = capacity }

    /// The warnings for a decapsulated packet of `flow` carried by `outer`.
    mutating func warnings(flow: FlowKey, outer: IPHeaderFacts) -> [String] {
        guard let seen = flows[flow] else {
            if flows.count < capacity { flows[flow] = Seen(outerSource: outer.source, flowLabel: outer.flowLabel) }
            return []
        }
        var warnings: [String] = []
        if seen.outerSource != outer.source {
            warnings.append("outer_source_changed")
        } else if seen.flowLabel != outer.flowLabel {
            warnings.append("flow_label_changed")
        }
        flows[flow] = Seen(outerSource: outer.source, flowLabel: outer.flowLabel)
        return warnings
    }
}
