import HashRing
import ToolSupport

/// The measurements behind `lbctl hash metrics`.
enum HashMetrics {
    struct Row {
        var algorithm: HashAlgorithm
        var backends: Int
        var size: Int
        var buildMilliseconds: Double
        var lookupNanoseconds: Double
        var maxOverMean: Double
        var movedOnRemoval: Double
        var movedOnAddition: Double

        var idealOnRemoval: Double { 1 / Double(backends) }
        var idealOnAddition: Double { 1 / Double(backends + 1) }

        static let header = "algorithm   backends     size   build_ms  lookup_ns  max/mean  removed_moved  ideal     added_moved  ideal"

        var text: String {
            func pad(_ text: String, _ width: Int) -> String {
                String(repeating: " ", count: max(0, width - text.count)) + text
            }
            return algorithm.rawValue + String(repeating: " ", count: max(0, 10 - algorithm.rawValue.count))
                + pad(String(backends), 10) + pad(String(size), 9)
                + pad(fixed(buildMilliseconds, 3), 11) + pad(fixed(lookupNanoseconds, 1), 11)
                + pad(fixed(maxOverMean, 3), 10)
                + pad(fixed(movedOnRemoval, 5), 15) + pad(fixed(idealOnRemoval, 5), 8)
                + pad(fixed(movedOnAddition, 5), 13) + pad(fixed(idealOnAddition, 5), 8)
        }

        var json: JSON {
            .object([
                ("algorithm", .string(algorithm.rawValue)),
                ("backends", .int(backends)),
                ("size", .int(size)),
                ("build_ms", .double(rounded(buildMilliseconds, 4))),
                ("lookup_ns", .double(rounded(lookupNanoseconds, 2))),
                ("max_over_mean", .double(rounded(maxOverMean, 4))),
                ("moved_on_removal", .double(rounded(movedOnRemoval, 6))),
                ("ideal_on_removal", .double(rounded(idealOnRemoval, 6))),
                ("moved_on_addition", .double(rounded(movedOnAddition, 6))),
                ("ideal_on_addition", .double(rounded(idealOnAddition, 6))),
            ])
        }
    }

    /// The backends used for N: `[2001:db8::i]:80` for i in 1...N, equal weights.
    static func backends(_ count: Int) -> [Backend] {
        (1...max(count, 1)).prefix(count).map {
            Backend(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: UInt64($0))), port: 80)
        }
    }

    static func build(_ algorithm: HashAlgorithm, _ backends: [Backend], size: Int) throws -> LookupTable {
        switch algorithm {
        case .maglev: try Maglev.table(for: backends, size: size)
        case .jump: try JumpHash.table(for: backends, size: size)
        case .rendezvous: try Rendezvous(backends: backends).table(size: size)
        case .resilient: try ResilientBuckets(bucketCount: size, members: backends).table
        case .ipvsMH: throw HashToolError("ipvs-mh is not measured")
        }
    }

    static func measure(algorithm: HashAlgorithm, backendCount: Int, size: Int) throws -> Row {
        let clock = ContinuousClock()
        let members = backends(backendCount)
        do {
            // Build: the best of up to five builds, stopping after about half a second.
            var table = try build(algorithm, members, size: size)
            var best = Duration.seconds(1_000_000)
            var spent = Duration.zero
            for _ in 0..<5 where spent < .milliseconds(500) {
                let elapsed = try clock.measure { table = try build(algorithm, members, size: size) }
                best = min(best, elapsed)
                spent += elapsed
            }

            let loads = table.loads
            let maxOverMean = Double(loads.max() ?? 0) / (Double(size) / Double(backendCount))

            // Removal of the last backend in key order (the only one jump hash can remove
            // without renumbering), and addition of a new last one.
            let newcomer = Backend(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: UInt64(backendCount + 1))), port: 80)
            let removed: TableDiff
            let added: TableDiff
            if algorithm == .resilient {
                var buckets = try ResilientBuckets(bucketCount: size, members: members)
                let before = buckets.table
                try buckets.remove(members[members.count - 1].key)
                removed = before.changes(to: buckets.table)
                buckets = try ResilientBuckets(bucketCount: size, members: members)
                try buckets.add(newcomer)
                buckets.rebalance()
                added = before.changes(to: buckets.table)
            } else {
                removed = table.changes(to: try build(algorithm, Array(members.dropLast()), size: size))
                added = table.changes(to: try build(algorithm, members + [newcomer], size: size))
            }

            return Row(
                algorithm: algorithm, backends: backendCount, size: size,
                buildMilliseconds: milliseconds(best), lookupNanoseconds: lookupTime(table),
                maxOverMean: maxOverMean,
                movedOnRemoval: removed.movedFraction, movedOnAddition: added.movedFraction
            )
        } catch let error as HashRingError {
            throw HashToolError("\(algorithm.rawValue) with \(backendCount) backends and \(size) slots: \(error)")
        }
    }

    /// Nanoseconds per lookup: flow hash of a random IPv6 TCP flow, then its slot.
    static func lookupTime(_ table: LookupTable) -> Double {
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        func random() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            return Mixing.mix64(state)
        }
        let destination = IPAddress.v6(IPv6Address(high: 0x2001_0db8_00ff_0000, low: 1))
        let flows = (0..<4096).map { _ in
            FlowKey(transportProtocol: 6, source: IPAddress.v6(IPv6Address(high: random(), low: random())),
                    sourcePort: UInt16(truncatingIfNeeded: random()), destination: destination, destinationPort: 443)
        }
        let hasher = FlowHash()
        let rounds = 256
        var sink = 0
        let elapsed = ContinuousClock().measure {
            for _ in 0..<rounds {
                for flow in flows {
                    sink &+= Int(table.slots[table.slot(forHash: hasher.hash(flow))])
                }
            }
        }
        if sink == 42 { print("", terminator: "") }  // keeps the loop from being optimised away
        return Double(elapsed.components.attoseconds) / 1e9 / Double(rounds * flows.count)
            + Double(elapsed.components.seconds) * 1e9 / Double(rounds * flows.count)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let scaled = rounded(value, decimals)
        var text = "\(scaled)"
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        }
        return text
    }

    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
