/// The two-bit Explicit Congestion Notification field (RFC 3168), the low bits of the
/// IPv4 TOS byte and of the IPv6 traffic class.
public enum ECN: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Not ECN-capable transport.
    case notECT = 0b00
    /// ECN-capable transport, codepoint 1.
    case ect1 = 0b01
    /// ECN-capable transport, codepoint 0.
    case ect0 = 0b10
    /// Congestion experienced.
    case ce = 0b11

    /// The ECN bits of a TOS or traffic-class byte.
    @inline(__always)
    public init(trafficClass: UInt8) {
        switch trafficClass & 0b11 {
        case 0b00: self = .notECT
        case 0b01: self = .ect1
        case 0b10: self = .ect0
        default: self = .ce
        }
    }

    /// `Not-ECT`, `ECT(0)`, `ECT(1)` or `CE`, as RFC 3168 and Wireshark write them.
    public var description: String {
        switch self {
        case .notECT: "Not-ECT"
        case .ect1: "ECT(1)"
        case .ect0: "ECT(0)"
        case .ce: "CE"
        }
    }
}

/// What RFC 6040 (section 4.2, figure 4) says a decapsulator does with one pair of
/// arriving inner and outer ECN codepoints.
public struct ECNDecapsulation: Hashable, Sendable {
    /// The ECN field the forwarded inner packet gets; `nil` means drop (CE over Not-ECT).
    public var result: ECN?
    /// True for the combinations RFC 6040 calls currently unused (its `(!!!)` and `(!)`
    /// cells, other than the drop): worth logging, not an error.
    public var isCurrentlyUnused: Bool

    /// The table lookup for `inner` arriving under `outer`.
    @inline(__always)
    public init(inner: ECN, outer: ECN) {
        // Figure 4 packed four bits a cell, indexed by inner * 4 + outer (codepoint values):
        // bits 0-1 the result, bit 2 drop, bit 3 currently unused.
        //            outer: Not-ECT  ECT(1)  ECT(0)  CE
        // inner Not-ECT:     0       8|0     8|0     4      -> 0x4880
        // inner ECT(1):      1       1       8|1     3      -> 0x3911
        // inner ECT(0):      2       1       2       3      -> 0x3212
        // inner CE:          3       8|3     3       3      -> 0x33B3
        let table: UInt64 = 0x33B3_3212_3911_4880
        let shift = UInt64(inner.rawValue) &* 16 &+ UInt64(outer.rawValue) &* 4
        let cell = UInt8(truncatingIfNeeded: table >> shift) & 0xF
        let code = cell & 0b11
        self.init(result: cell & 0b100 != 0 ? nil : ECN(trafficClass: code), isCurrentlyUnused: cell & 0b1000 != 0)
    }

    @inline(__always)
    private init(result: ECN?, isCurrentlyUnused: Bool) {
        self.result = result
        self.isCurrentlyUnused = isCurrentlyUnused
    }
}

/// How an encapsulator sets the outer ECN field (RFC 6040 section 4.1).
public enum ECNEncapsulationMode: Hashable, Sendable {
    /// Normal mode: copy the inner ECN field to the outer header.
    case normal
    /// Compatibility mode, for decapsulators that predate RFC 6040: the outer is Not-ECT.
    case compatibility

    /// The outer ECN field for an inner packet marked `inner`.
    @inline(__always)
    public func outer(for inner: ECN) -> ECN {
        self == .normal ? inner : .notECT
    }
}
