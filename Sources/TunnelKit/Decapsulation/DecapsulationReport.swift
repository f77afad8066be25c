/// Everything a decapsulator learned about one packet: the verdict, and as many facts as
/// the bytes allowed before the first failed check.
///
/// The outer facts are present whenever the outer header's fixed part was readable, even
/// when a later check (outer or inner) failed, so a tool can print the addresses of a bad
/// packet. The inner facts are present once the inner header's fixed part was readable.
public struct DecapsulationReport: Hashable, Sendable {
    /// The first failed check, or `nil` when the packet decapsulates.
    public var error: DecapsulationError?
    /// The tunnel kind of the outermost level (``TunnelKind/none`` when not a tunnel).
    public var kind: TunnelKind
    /// The outermost IP header.
    public var outer: IPHeaderFacts?
    /// The innermost IP header reached.
    public var inner: IPHeaderFacts?
    /// The inner packet's 5-tuple, once its header was readable.
    public var flow: FlowKey?
    /// The MSS option of an inner TCP SYN, if there was one.
    public var innerTCPMSS: UInt16?
    /// The ECN field the forwarded inner packet gets under RFC 6040 (`nil` when dropped or
    /// not reached).
    public var decapsulatedECN: ECN?
    /// How many IP-in-IP levels were removed.
    public var depth: Int
    /// Valid but notable facts.
    public var warnings: DecapsulationWarnings

    /// `ok`, or the error's ``DecapsulationError/verdictName``.
    public var verdictName: String { error?.verdictName ?? "ok" }

    /// The bytes of the inner packet (from its header to the end its length field gives),
    /// as offsets into the parsed bytes: a view, no copy. `nil` unless decapsulation succeeded.
    public var innerRange: Range<Int>? {
        guard error == nil, let inner else { return nil }
        return inner.offset..<inner.end
    }

    /// An empty report for a packet not yet looked at.
    public init() {
        error = nil
        kind = .none
        outer = nil
        inner = nil
        flow = nil
        innerTCPMSS = nil
        decapsulatedECN = nil
        depth = 0
        warnings = []
    }

    /// Back to the state of a packet not yet looked at, field by field (no new report).
    @inline(__always)
    public mutating func reset() {
        error = nil
        kind = .none
        outer = nil
        inner = nil
        flow = nil
        innerTCPMSS = nil
        decapsulatedECN = nil
        depth = 0
        warnings = []
    }
}
