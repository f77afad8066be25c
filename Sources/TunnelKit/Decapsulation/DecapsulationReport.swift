/// Everything a decapsulator learned about one packet: the verdict, and as many facts as
/// the bytes allowed before the first failed check.
///
/// The outer facts are present whenever the outer header's fixed part was readable, even
/// when a later check (outer or inner) failed, so a tool can print the addresses of a bad
/// packet. The inner facts are present once the inner header's fixed part was readable.
///
/// Stored flat (no optionals of large structs) so that filling and returning a report
/// costs a few cache lines and no copies; the optional views are computed.
public struct DecapsulationReport: Hashable, Sendable {
    /// The first failed check, or `nil` when the packet decapsulates.
    public internal(set) var error: DecapsulationError?
    /// The tunnel kind of the outermost level (``TunnelKind/none`` when not a tunnel).
    public internal(set) var kind: TunnelKind = .none
    /// How many IP-in-IP levels were removed.
    public internal(set) var depth: Int = 0
    /// Valid but notable facts.
    public internal(set) var warnings: DecapsulationWarnings = []
    /// The MSS option of an inner TCP SYN, if there was one.
    public internal(set) var innerTCPMSS: UInt16?

    // Visible to inlinable accessors so a caller in another module reads the inner
    // range and ports without a call.
    @usableFromInline var outerStorage = IPHeaderFacts(version: .v4, offset: 0)
    @usableFromInline var innerStorage = IPHeaderFacts(version: .v4, offset: 0)
    @usableFromInline var present: Present = []
    @usableFromInline var sourcePort: UInt16 = 0
    @usableFromInline var destinationPort: UInt16 = 0
    var decapsulatedECNStorage: ECN = .notECT

    @usableFromInline
    struct Present: OptionSet, Hashable, Sendable {
        @usableFromInline var rawValue: UInt8
        @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }
        @usableFromInline static let outer = Present(rawValue: 1 << 0)
        @usableFromInline static let inner = Present(rawValue: 1 << 1)
        @usableFromInline static let flow = Present(rawValue: 1 << 2)
        @usableFromInline static let ports = Present(rawValue: 1 << 3)
        @usableFromInline static let icmpIdentifier = Present(rawValue: 1 << 4)
        @usableFromInline static let decapsulatedECN = Present(rawValue: 1 << 5)
    }

    /// An empty report for a packet not yet looked at.
    @inline(__always)
    public init() {}

    /// `ok`, or the error's ``DecapsulationError/verdictName``.
    public var verdictName: String { error?.verdictName ?? "ok" }

    /// The outermost IP header.
    public var outer: IPHeaderFacts? { present.contains(.outer) ? outerStorage : nil }

    /// The innermost IP header reached.
    public var inner: IPHeaderFacts? { present.contains(.inner) ? innerStorage : nil }

    /// The inner packet's 5-tuple, once its header was readable.
    public var flow: FlowKey? {
        guard present.contains(.flow) else { return nil }
        var key = FlowKey(protocol: innerStorage.upperProtocol, source: innerStorage.source,
                          destination: innerStorage.destination)
        if present.contains(.ports) {
            key.sourcePort = sourcePort
            key.destinationPort = destinationPort
        } else if present.contains(.icmpIdentifier) {
            key.icmpIdentifier = sourcePort
        }
        return key
    }

    /// The ECN field the forwarded inner packet gets under RFC 6040 (`nil` when dropped or
    /// not reached).
    public var decapsulatedECN: ECN? { present.contains(.decapsulatedECN) ? decapsulatedECNStorage : nil }

    /// The bytes of the inner packet (from its header to the end its length field gives),
    /// as offsets into the parsed bytes: a view, no copy. `nil` unless decapsulation succeeded.
    @inlinable
    public var innerRange: Range<Int>? {
        guard error == nil, present.contains(.inner) else { return nil }
        return innerStorage.offset..<innerStorage.end
    }

    /// Back to the state of a packet not yet looked at, field by field (no new report).
    @inline(__always)
    public mutating func reset() {
        error = nil
        kind = .none
        depth = 0
        warnings = []
        innerTCPMSS = nil
        present = []
    }

    /// The inner TCP, UDP or SCTP ports (source, destination), when the inner packet is a
    /// whole packet or first fragment that has them: the cheap part of ``flow``.
    @inlinable
    public var innerPorts: (source: UInt16, destination: UInt16)? {
        present.contains(.ports) ? (sourcePort, destinationPort) : nil
    }
}

extension DecapsulationReport {
    /// Reports are equal when everything they say is equal (storage left over from an
    /// earlier packet, behind an absent fact, does not count).
    public static func == (a: DecapsulationReport, b: DecapsulationReport) -> Bool {
        a.error == b.error && a.kind == b.kind && a.depth == b.depth && a.warnings == b.warnings
            && a.innerTCPMSS == b.innerTCPMSS && a.outer == b.outer && a.inner == b.inner
            && a.flow == b.flow && a.decapsulatedECN == b.decapsulatedECN
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(error)
        hasher.combine(kind)
        hasher.combine(depth)
        hasher.combine(warnings)
        hasher.combine(innerTCPMSS)
        hasher.combine(outer)
        hasher.combine(inner)
        hasher.combine(flow)
        hasher.combine(decapsulatedECN)
    }
}
