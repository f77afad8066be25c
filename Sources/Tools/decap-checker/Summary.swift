import PcapKit
import ToolSupport
import TunnelKit

/// Counts over the whole capture (per kind, per verdict, per warning), the busiest inner
/// flows, and the per-flow checks: an inner flow should keep its outer source and IPv6
/// flow label, since an L4LB derives both from it so that ECMP and RSS keep the flow on
/// one path. A change means another L4LB took the flow over, or an encapsulator that
/// does not hash the flow.
///
/// Counters live in one block indexed by enum values, and each packet costs one flow-table
/// lookup, so that the summary does not dominate the cost of a large capture. Noncopyable
/// because it owns that block: no copy-on-write or uniqueness checks per packet.
struct Summary: ~Copyable {
    private(set) var packets = 0
    /// Per verdict (by raw value), then per kind, per TunnelKit warning bit, per capture
    /// warning bit.
    private let counts: UnsafeMutablePointer<Int>
    private static let kindBase = 32, tunnelWarningBase = 40, captureWarningBase = 56, countsSize = 64
    /// `TunnelKind.allCases` builds a new array on every use; this is built once.
    private static let allKinds = TunnelKind.allCases
    private var flows: FlowTable

    /// A summary that tracks at most `flowCapacity` inner flows (bounded memory on huge captures).
    init(flowCapacity: Int = 1_000_000) {
        precondition(DecapsulationVerdict.allCases.count <= Self.kindBase && Self.allKinds.count <= 8)
        counts = .allocate(capacity: Self.countsSize)
        counts.initialize(repeating: 0, count: Self.countsSize)
        flows = FlowTable(capacity: flowCapacity)
    }

    deinit { counts.deallocate() }

    /// Packets with an error verdict.
    var errors: Int {
        DecapsulationVerdict.allCases.reduce(0) { $0 + ($1.isError ? counts[Int($1.rawValue)] : 0) }
    }

    /// Counts `packet`, adding the per-flow warnings to it first. `frame` is the captured
    /// frame, whose bytes from `packet.networkOffset` TunnelKit inspected.
    @inline(__always)
    mutating func add(_ packet: inout PacketVerdict, frame: UnsafeRawBufferPointer) {
        if packet.verdict == .ok, packet.networkOffset <= frame.count,
           let seen = FlowObservation(&packet.report, network: UnsafeRawBufferPointer(rebasing: frame[packet.networkOffset...])) {
            packet.captureWarnings.formUnion(flows.observe(seen))
        }
        packets += 1
        counts[Int(packet.verdict.rawValue)] += 1
        counts[Self.kindBase + Self.index(of: packet.report.kind)] += 1
        Self.countBits(UInt(packet.report.warnings.rawValue), into: counts + Self.tunnelWarningBase, limit: 16)
        Self.countBits(UInt(packet.captureWarnings.rawValue), into: counts + Self.captureWarningBase, limit: 8)
    }

    /// The position of `kind` in `TunnelKind.allCases`.
    @inline(__always)
    private static func index(of kind: TunnelKind) -> Int {
        switch kind {
        case .ipip: 0
        case .ip6ip6: 1
        case .fourInSix: 2
        case .sixInFour: 3
        case .gre: 4
        case .fou: 5
        case .gue: 6
        case .none: 7
        }
    }

    @inline(__always)
    private static func countBits(_ bits: UInt, into counts: UnsafeMutablePointer<Int>, limit: Int) {
        var bits = bits
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            if bit < limit { counts[bit] += 1 }
            bits &= bits - 1
        }
    }

    /// Non-zero counts by name, most first (ties by name).
    private var namedCounts: (kinds: [(String, Int)], verdicts: [(String, Int)], warnings: [(String, Int)]) {
        func ordered(_ pairs: [(String, Int)]) -> [(String, Int)] {
            pairs.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        precondition(Self.allKinds.map(Self.index(of:)) == Array(Self.allKinds.indices))
        let kindPairs = Self.allKinds.map { ($0.name, counts[Self.kindBase + Self.index(of: $0)]) }
        let verdictPairs = DecapsulationVerdict.allCases.map { ($0.name, counts[Int($0.rawValue)]) }
        var warningPairs: [(String, Int)] = DecapsulationWarnings.named.map { warning, name in
            (name, counts[Self.tunnelWarningBase + warning.rawValue.trailingZeroBitCount])
        }
        warningPairs += CaptureWarnings.named.map { warning, name in
            (name, counts[Self.captureWarningBase + warning.rawValue.trailingZeroBitCount])
        }
        return (ordered(kindPairs), ordered(verdictPairs), ordered(warningPairs))
    }

    /// The `top` busiest flows, most packets first, ties in address and port order.
    func busiestFlows(_ top: Int) -> [(FlowKey, Int)] {
        // Only flows at least as busy as the top-th busiest can make the list.
        let counts = flows.packetCounts
        let threshold: Int
        if counts.count > top, top > 0 {
            threshold = top <= 64 ? Self.largest(top, of: counts) : counts.sorted(by: >)[top - 1]
        } else {
            threshold = 0
        }
        return flows.flows(withAtLeast: threshold)
            .sorted { a, b in a.packets != b.packets ? a.packets > b.packets : a.key.precedes(b.key) }
            .prefix(top).map { ($0.key, $0.packets) }
    }

    /// The `rank`-th largest of `values` (`0 < rank <= values.count`), found with a small
    /// sorted array: a large capture has hundreds of thousands of flows to sort otherwise.
    private static func largest(_ rank: Int, of values: [Int]) -> Int {
        var largest: [Int] = []
        for value in values where largest.count < rank || value > largest[rank - 1] {
            largest.insert(value, at: largest.firstIndex { $0 < value } ?? largest.count)
            if largest.count > rank { largest.removeLast() }
        }
        return largest[rank - 1]
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
