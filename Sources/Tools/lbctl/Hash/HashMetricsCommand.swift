import ArgumentParser
import HashRing
import ToolSupport

/// `lbctl hash metrics`: build time, lookup time, balance and disruption, per algorithm.
struct HashMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Measure build time, lookup time, balance and disruption of the algorithms.",
        discussion: """
        For each algorithm, number of backends N and table size M (equal weights; backends
        2001:db8::1 to 2001:db8::N, port 80): the build time (best of up to 5 builds), the
        time of one lookup (flow hash of a random IPv6 TCP flow, then its slot), the
        largest backend load over the mean (M / N), and the fraction of slots that move
        when the last backend is removed and when a new one is added, next to the ideal
        (1/N and 1/(N+1)). Resilient buckets are rebalanced after the addition.
        Rendezvous fills each slot by hashing it against every backend (N x M hashes),
        the Maglev paper's "rendezvous per slot"; at N = 1000 it is slow.

        Examples:
          lbctl hash metrics
          lbctl hash metrics --quick
          lbctl hash metrics --backends 10,100 --sizes 251 --algorithms maglev,jump --json
        """
    )

    @Option(name: .long, help: "Backend counts, comma-separated (default 10,100,1000).")
    var backends: String = "10,100,1000"

    @Option(name: .long, help: "Table sizes, comma-separated (default 65537,655373).")
    var sizes: String = "65537,655373"

    @Option(name: .long, help: "Algorithms, comma-separated, of maglev, rendezvous, jump, resilient (default all four).")
    var algorithms: String = "maglev,rendezvous,jump,resilient"

    @Flag(name: .long, help: "Only M = 65537 (skips the slow 655,373-slot rendezvous tables).")
    var quick = false

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    func run() throws {
        let counts = try Self.integers(backends, name: "backends", range: 1...1_000_000)
        let tableSizes = quick ? [Maglev.defaultSize] : try Self.integers(sizes, name: "sizes", range: 1...(1 << 26))
        let chosen = try algorithms.split(separator: ",").map { name in
            guard let algorithm = HashAlgorithm(rawValue: String(name)), algorithm != .ipvsMH else {
                throw HashToolError("algorithm '\(name)': not one of maglev, rendezvous, jump, resilient")
            }
            return algorithm
        }
        var rows: [HashMetrics.Row] = []
        if !json {
            print(HashMetrics.Row.header)
        }
        for algorithm in chosen {
            for size in tableSizes {
                for count in counts {
                    let row = try HashMetrics.measure(algorithm: algorithm, backendCount: count, size: size)
                    rows.append(row)
                    if !json { print(row.text) }
                }
            }
        }
        if json {
            print(JSON.object([("metrics", .array(rows.map(\.json)))]).serialized)
        }
    }

    static func integers(_ text: String, name: String, range: ClosedRange<Int>) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let value = Int(part), range.contains(value) else {
                throw HashToolError("--\(name) '\(part)': not an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }
    }
}
