import CMallocCounter
#if canImport(Glibc)
import Glibc
#endif

/// The result of one measured loop.
public struct Measurement: Sendable {
    /// What was measured.
    public var name: String
    /// Operations performed in the best run.
    public var operations: Int
    /// Nanoseconds per operation in the best (fastest) of the runs.
    public var nanosecondsPerOperation: Double
    /// Heap allocations per operation in that run.
    public var allocationsPerOperation: Double

    /// Operations per second in the best run.
    public var operationsPerSecond: Double { 1e9 / nanosecondsPerOperation }
}

/// Monotonic nanoseconds.
public func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Heap allocations so far in this process (every malloc, calloc, realloc, memalign).
public func allocationCount() -> UInt64 { lbkit_allocation_count() }

/// Runs `body` (which performs `operationsPerCall` operations) repeatedly for about
/// `seconds`, `runs` times, and keeps the fastest run. `body` returns a value that is
/// folded into a checksum so the optimiser cannot drop the work.
public func measure(
    _ name: String,
    operationsPerCall: Int = 1,
    runs: Int = 5,
    seconds: Double = 0.3,
    _ body: () -> Int
) -> Measurement {
    var sink = 0
    // Calibrate: how many calls fill the time budget.
    var calls = 1
    while true {
        let start = monotonicNanoseconds()
        for _ in 0..<calls { sink &+= body() }
        let elapsed = Double(monotonicNanoseconds() - start)
        if elapsed > seconds * 1e8 || calls > 1 << 30 { 
            calls = max(1, Int(Double(calls) * seconds * 1e9 / max(elapsed, 1)))
            break
        }
        calls *= 2
    }
    var best = Measurement(name: name, operations: 0, nanosecondsPerOperation: .infinity, allocationsPerOperation: 0)
    for _ in 0..<runs {
        let allocationsBefore = allocationCount()
        let start = monotonicNanoseconds()
        for _ in 0..<calls { sink &+= body() }
        let elapsed = Double(monotonicNanoseconds() - start)
        let allocations = Double(allocationCount() - allocationsBefore)
        let operations = calls * operationsPerCall
        let perOp = elapsed / Double(operations)
        if perOp < best.nanosecondsPerOperation {
            best = Measurement(
                name: name, operations: operations,
                nanosecondsPerOperation: perOp,
                allocationsPerOperation: allocations / Double(operations)
            )
        }
    }
    blackHole(sink)
    return best
}

/// Keeps a value alive as far as the optimiser can tell.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Prints measurements as an aligned table.
public func printTable(_ measurements: [Measurement]) {
    let width = max(40, measurements.map(\.name.count).max() ?? 0)
    print("\("benchmark".padding(width))  \("ns/op".leftPad(10))  \("ops/s".leftPad(14))  \("allocs/op".leftPad(10))")
    for m in measurements {
        print("\(m.name.padding(width))  \(format(m.nanosecondsPerOperation, 2).leftPad(10))  \(format(m.operationsPerSecond, 0).leftPad(14))  \(format(m.allocationsPerOperation, 3).leftPad(10))")
    }
}

/// Formats a number with a fixed count of decimals, without Foundation.
public func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    let whole = Int(rounded)
    if decimals == 0 { return String(whole) }
    let fraction = Int(((abs(rounded) - Double(abs(whole))) * scale).rounded())
    let digits = String(fraction)
    let sign = rounded < 0 && whole == 0 ? "-" : ""
    return "\(sign)\(whole).\(String(repeating: "0", count: max(0, decimals - digits.count)))\(digits)"
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
