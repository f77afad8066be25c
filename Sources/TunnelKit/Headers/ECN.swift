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
        // Two bits always name a case.
        self = ECN(rawValue: trafficClass & 0b11) ?? .notECT
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
        switch (inner, outer) {
        case (.notECT, .notECT): self.init(result: .notECT, isCurrentlyUnused: false)
        case (.notECT, .ect0), (.notECT, .ect1): self.init(result: .notECT, isCurrentlyUnused: true)
        case (.notECT, .ce): self.init(result: nil, isCurrentlyUnused: false)
        case (.ect0, .notECT), (.ect0, .ect0): self.init(result: .ect0, isCurrentlyUnused: false)
        case (.ect0, .ect1): self.init(result: .ect1, isCurrentlyUnused: false)
        case (.ect1, .notECT), (.ect1, .ect1): self.init(result: .ect1, isCurrentlyUnused: false)
        case (.ect1, .ect0): self.init(result: .ect1, isCurrentlyUnused: true)
        case (.ce, .ect1): self.init(result: .ce, isCurrentlyUnused: true)
        case (_, .ce), (.ce, _): self.init(result: .ce, isCurrentlyUnused: false)
        }
    }

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
