import TunnelKit

/// Which verdicts are errors, and which say the outer header is invalid, as bit masks by
/// raw value: asking the verdict itself is a call into TunnelKit on every packet.
struct VerdictClasses {
    private let errors: UInt64
    private let outerHeaderInvalid: UInt64

    init() {
        precondition(DecapsulationVerdict.allCases.count <= 64, "verdict masks hold 64 verdicts")
        func mask(_ property: (DecapsulationVerdict) -> Bool) -> UInt64 {
            DecapsulationVerdict.allCases.reduce(0) { property($1) ? $0 | 1 << UInt64($1.rawValue) : $0 }
        }
        errors = mask(\.isError)
        outerHeaderInvalid = mask(\.isOuterHeaderInvalid)
    }

    /// ``DecapsulationVerdict/isError``.
    @inline(__always)
    func isError(_ verdict: DecapsulationVerdict) -> Bool { errors >> UInt64(verdict.rawValue) & 1 != 0 }

    /// ``DecapsulationVerdict/isOuterHeaderInvalid``.
    @inline(__always)
    func isOuterHeaderInvalid(_ verdict: DecapsulationVerdict) -> Bool {
        outerHeaderInvalid >> UInt64(verdict.rawValue) & 1 != 0
    }
}
