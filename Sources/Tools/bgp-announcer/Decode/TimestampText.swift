import Glibc
import PcapKit

/// Capture times as text, always in UTC so that output does not depend on the machine.
enum TimestampText {
    /// `2026-11-22T01:41:22.360129000Z`.
    static func iso8601(_ t: PcapTimestamp) -> String {
        let (date, time) = parts(t)
        return "\(date)T\(time).\(nanoseconds(t))Z"
    }

    /// `2026-11-22 01:41:22.360129` (microseconds, as tcpdump and birdc show them).
    static func human(_ t: PcapTimestamp) -> String {
        let (date, time) = parts(t)
        return "\(date) \(time).\(nanoseconds(t).prefix(6))"
    }

    private static func nanoseconds(_ t: PcapTimestamp) -> String {
        let digits = String(t.nanoseconds)
        return String(repeating: "0", count: 9 - digits.count) + digits
    }

    private static func parts(_ t: PcapTimestamp) -> (String, String) {
        var seconds = time_t(truncatingIfNeeded: t.seconds)
        var fields = tm()
        guard gmtime_r(&seconds, &fields) != nil else { return ("????-??-??", "??:??:??") }
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return ("\(fields.tm_year + 1900)-\(two(fields.tm_mon + 1))-\(two(fields.tm_mday))",
                "\(two(fields.tm_hour)):\(two(fields.tm_min)):\(two(fields.tm_sec))")
    }
}
