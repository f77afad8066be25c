/// A capture timestamp with nanosecond resolution.
///
/// Captures written with microsecond precision are read with the sub-microsecond digits
/// zero; nothing is rounded.
public struct PcapTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since the Unix epoch.
    public var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public var nanoseconds: UInt32

    /// Creates a timestamp; `nanoseconds` must be below one billion.
    public init(seconds: Int64, nanoseconds: UInt32) {
        precondition(nanoseconds < 1_000_000_000, "nanoseconds out of range")
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Orders by seconds, then nanoseconds.
    public static func < (a: PcapTimestamp, b: PcapTimestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// `seconds.nanoseconds` with nine fractional digits, as `tcpdump --nano -tt` prints it.
    public var description: String {
        let fraction = String(nanoseconds)
        return "\(seconds).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }
}
