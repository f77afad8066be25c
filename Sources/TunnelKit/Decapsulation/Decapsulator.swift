/// Validates and decapsulates IPIP, IP6IP6, 4in6 and 6in4 packets in place.
///
/// ```swift
/// let decapsulator = Decapsulator(policy: DecapsulationPolicy(maximumDepth: 1))
/// let report = decapsulator.inspect(packet, linkLayerVersion: .v6)
/// if let range = report.innerRange { forward(packet[range]) } else { count(report.verdictName) }
/// ```
///
/// The checks run in the order Linux runs them (`ip_rcv_core` / `ipv6_rcv`, then the
/// tunnel handler, then the inner packet's own receive path):
/// 1. outer version (against the link layer's EtherType when given), IPv4 IHL, header
///    present, IPv4 checksum, length field against the bytes present, IPv6 extension headers;
/// 2. the tunnel kind (not a tunnel, or GRE/FOU/GUE), outer TTL, outer fragmentation,
///    the outer-source allow-list;
/// 3. inner version, header, checksum, length against the outer payload; inner TTL;
///    nesting; the RFC 6040 ECN table; the inner-destination allow-list.
///
/// A length field smaller than the bytes present is not an error: the link layer may pad
/// (Ethernet's 60-byte minimum), and an outer packet longer than its inner packet only
/// earns the ``DecapsulationWarnings/trailingBytes`` warning. Nothing is allocated and
/// nothing is copied; the report's ``DecapsulationReport/innerRange`` points into the input.
public struct Decapsulator: Hashable, Sendable {
    /// The operator's choices.
    public var policy: DecapsulationPolicy

    /// A decapsulator with `policy` (the defaults when omitted).
    public init(policy: DecapsulationPolicy = DecapsulationPolicy()) {
        self.policy = policy
    }

    /// Decapsulates `bytes` (starting at the outer IP header) or throws the first failed
    /// check. The report's ``DecapsulationReport/innerRange`` is the inner packet.
    @inline(__always)
    public func decapsulate(_ bytes: UnsafeRawBufferPointer, linkLayerVersion: IPVersion? = nil) throws(DecapsulationError) -> DecapsulationReport {
        let report = inspect(bytes, linkLayerVersion: linkLayerVersion)
        if let error = report.error { throw error }
        return report
    }

    /// Checks `bytes` (starting at the outer IP header) and reports the verdict with every
    /// fact gathered; never throws, never traps, reads nothing outside `bytes`.
    ///
    /// - Parameter linkLayerVersion: the IP version the link layer announced (EtherType
    ///   0x0800 or 0x86DD); `nil` for raw captures, where the version nibble decides.
    public func inspect(_ bytes: UnsafeRawBufferPointer, linkLayerVersion: IPVersion? = nil) -> DecapsulationReport {
        var report = DecapsulationReport()
        report.error = run(bytes, linkLayerVersion, &report)
        return report
    }

    /// The same as ``inspect(_:linkLayerVersion:)``, filling a report the caller keeps
    /// from packet to packet: the per-packet path then neither initialises nor copies a
    /// report. Every fact of the previous packet is forgotten first.
    public func inspect(_ bytes: UnsafeRawBufferPointer, linkLayerVersion: IPVersion? = nil,
                        into report: inout DecapsulationReport) {
        report.reset()
        report.error = run(bytes, linkLayerVersion, &report)
    }

    @inline(__always)
    private func run(_ bytes: UnsafeRawBufferPointer, _ linkLayerVersion: IPVersion?,
                     _ report: inout DecapsulationReport) -> DecapsulationError? {
        // 1. The outer header.
        guard !bytes.isEmpty else { return .truncated(offset: 0, needed: 1, available: 0) }
        let nibble = bytes[0] >> 4
        let outerVersion: IPVersion
        if let linkLayerVersion {
            guard nibble == linkLayerVersion.rawValue else {
                return .outerVersionMismatch(expected: linkLayerVersion, found: nibble)
            }
            outerVersion = linkLayerVersion
        } else if nibble == 4 {
            outerVersion = .v4
        } else if nibble == 6 {
            outerVersion = .v6
        } else {
            return .notIP(versionNibble: nibble)
        }
        report.outerStorage = IPHeaderFacts(version: outerVersion, offset: 0)
        let outerProblem = parseHeader(bytes, at: 0, end: bytes.count, into: &report.outerStorage)
        if let outerProblem {
            // Report what was readable: the addresses and the kind the protocol announces.
            if outerProblem.leftFixedHeaderReadable {
                report.present.insert(.outer)
                report.kind = classify(&report, bytes)
            }
            switch outerProblem {
            case let .truncated(o, n, a): return .truncated(offset: o, needed: n, available: a)
            case let .badIHL(ihl): return .outerIPv4BadIHL(ihl: ihl)
            case let .badChecksum(f, e): return .outerIPv4BadChecksum(found: f, expected: e)
            case let .lengthMismatch(f, a):
                return outerVersion == .v4 ? .outerIPv4TotalLengthMismatch(field: f, available: a)
                    : .outerIPv6PayloadLengthMismatch(field: f, available: a)
            case let .badExtensionHeader(o, r): return .outerIPv6BadExtensionHeader(offset: o, reason: r)
            }
        }
        report.present.insert(.outer)
        if report.outerStorage.ipv4OptionsLength > 0 { report.warnings.insert(.outerIPv4Options) }
        if !report.outerStorage.extensionHeaders.isEmpty { report.warnings.insert(.outerIPv6ExtensionHeaders) }
        if report.outerStorage.encapsulationLimit != nil { report.warnings.insert(.tunnelEncapsulationLimit) }

        // 2. The tunnel kind and the outer policy.
        let kind = classify(&report, bytes)
        report.kind = kind
        if kind == .none { return .notTunneled(protocol: report.outerStorage.upperProtocol) }
        // Only an encapsulator owes ECMP and RSS a per-flow label; plain traffic may use 0.
        if report.outerStorage.flowLabel == 0 { report.warnings.insert(.zeroFlowLabel) }
        if report.outerStorage.hopLimit == 0 { return .outerTTLZero }
        if !report.outerStorage.isWhole {
            switch report.outerStorage.fragment {
            case let .nonFirst(byteOffset):
                return .outerFragmentNonFirst(identification: report.outerStorage.identificationStorage, byteOffset: byteOffset)
            default:
                return .outerFragmentFirst(identification: report.outerStorage.identificationStorage)
            }
        }
        if kind == .gre || kind == .fou || kind == .gue {
            return .unsupportedKind(kind, offset: report.outerStorage.upperLayerOffset)
        }
        if let allowed = policy.allowedOuterSources, !allowed.contains(where: { $0.contains(report.outerStorage.source) }) {
            return .spoofedOuterSource(report.outerStorage.source)
        }

        // 3. The inner packet, once per level.
        var carrierECN = report.outerStorage.ecn
        var at = report.outerStorage.upperLayerOffset
        var end = report.outerStorage.end
        var expected: IPVersion = report.outerStorage.upperProtocol == IPProtocolNumber.ipv4 ? .v4 : .v6
        while true {
            guard at < end else { return .truncated(offset: at, needed: 1, available: 0) }
            let innerNibble = bytes[at] >> 4
            guard innerNibble == expected.rawValue else {
                return .innerVersionMismatch(offset: at, expected: expected, found: innerNibble)
            }
            report.innerStorage = IPHeaderFacts(version: expected, offset: at)
            let innerProblem = parseHeader(bytes, at: at, end: end, into: &report.innerStorage)
            if let innerProblem {
                if innerProblem.leftFixedHeaderReadable {
                    report.present.insert(.inner)
                    if case .badIHL = innerProblem {} else { readPorts(&report, bytes) }
                }
                switch innerProblem {
                case let .truncated(o, n, a): return .truncated(offset: o, needed: n, available: a)
                case let .badIHL(ihl): return .innerIPv4BadIHL(offset: at, ihl: ihl)
                case let .badChecksum(f, e): return .innerIPv4BadChecksum(offset: at, found: f, expected: e)
                case let .lengthMismatch(f, a):
                    return expected == .v4 ? .innerIPv4TotalLengthMismatch(offset: at, field: f, available: a)
                        : .innerIPv6PayloadLengthMismatch(offset: at, field: f, available: a)
                case let .badExtensionHeader(o, r): return .innerIPv6BadExtensionHeader(offset: o, reason: r)
                }
            }
            report.present.insert(.inner)
            report.depth += 1
            readPorts(&report, bytes)
            if report.innerStorage.end < end { report.warnings.insert(.trailingBytes) }
            if report.innerStorage.ipv4OptionsLength > 0 { report.warnings.insert(.innerIPv4Options) }
            if !report.innerStorage.extensionHeaders.isEmpty { report.warnings.insert(.innerIPv6ExtensionHeaders) }
            if report.innerStorage.encapsulationLimit != nil { report.warnings.insert(.tunnelEncapsulationLimit) }
            if report.innerStorage.upperProtocol == IPProtocolNumber.tcp { checkMSS(&report, bytes) }

            if report.innerStorage.hopLimit == 0, policy.innerTTLZero == .drop { return .innerTTLZero(offset: at) }
            let ecn = ECNDecapsulation(inner: ECN(trafficClass: report.innerStorage.trafficClass), outer: carrierECN)
            guard let forwarded = ecn.result else { return .ecnCEOnNotECT }
            if ecn.isCurrentlyUnused { report.warnings.insert(.unusedECNCombination) }
            report.decapsulatedECNStorage = forwarded
            report.present.insert(.decapsulatedECN)

            if report.innerStorage.isWhole, report.innerStorage.upperProtocol == IPProtocolNumber.ipv4 || report.innerStorage.upperProtocol == IPProtocolNumber.ipv6 {
                guard report.depth < policy.maximumDepth else {
                    return .nestedTunnel(offset: report.innerStorage.upperLayerOffset, protocol: report.innerStorage.upperProtocol, depth: policy.maximumDepth)
                }
                // One more level: this inner packet is the next carrier.
                carrierECN = forwarded
                at = report.innerStorage.upperLayerOffset
                end = report.innerStorage.end
                expected = report.innerStorage.upperProtocol == IPProtocolNumber.ipv4 ? .v4 : .v6
                report.present.remove([.flow, .ports, .icmpIdentifier])
                continue
            }
            if let allowed = policy.allowedInnerDestinations, !allowed.contains(where: { $0.contains(report.innerStorage.destination) }) {
                return .unexpectedInnerDestination(report.innerStorage.destination)
            }
            return nil
        }
    }

    @inline(__always)
    private func parseHeader(_ bytes: UnsafeRawBufferPointer, at offset: Int, end: Int,
                             into facts: inout IPHeaderFacts) -> IPHeaderProblem? {
        facts.version == .v4
            ? IPv4HeaderParser.parse(bytes, at: offset, end: end, into: &facts)
            : IPv6HeaderParser.parse(bytes, at: offset, end: end,
                                     maximumExtensionHeaders: policy.maximumExtensionHeaders, into: &facts)
    }

    /// The tunnel kind the outer header's protocol announces.
    @inline(__always)
    private func classify(_ report: inout DecapsulationReport, _ bytes: UnsafeRawBufferPointer) -> TunnelKind {
        switch report.outerStorage.upperProtocol {
        case IPProtocolNumber.ipv4: return TunnelKind(outer: report.outerStorage.version, inner: .v4)
        case IPProtocolNumber.ipv6: return TunnelKind(outer: report.outerStorage.version, inner: .v6)
        case IPProtocolNumber.gre: return .gre
        case IPProtocolNumber.udp:
            // A later fragment has no UDP header to read the port from.
            if report.outerStorage.isLaterFragment { return .none }
            let at = report.outerStorage.upperLayerOffset
            // min: a packet whose length field overstates the bytes is still classified.
            guard at >= report.outerStorage.offset + 20, at + 8 <= min(report.outerStorage.end, bytes.count) else { return .none }
            let port = bytes.uint16(at + 2)
            if policy.fooOverUDPPorts.contains(port) { return .fou }
            if policy.genericUDPEncapsulationPorts.contains(port) { return .gue }
            return .none
        default:
            return .none
        }
    }

    /// Records the inner flow's ports (or ICMP echo identifier), read from a whole packet
    /// or a first fragment when they lie inside both the packet and the bytes.
    @inline(__always)
    private func readPorts(_ report: inout DecapsulationReport, _ bytes: UnsafeRawBufferPointer) {
        report.present.insert(.flow)
        guard !report.innerStorage.isLaterFragment else { return }
        let inner = report.innerStorage
        let at = inner.upperLayerOffset
        let end = min(inner.end, bytes.count)
        switch inner.upperProtocol {
        case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.sctp, 33, 136:
            guard at + 4 <= end else { return }
            report.sourcePort = bytes.uint16(at)
            report.destinationPort = bytes.uint16(at + 2)
            report.present.insert(.ports)
        case IPProtocolNumber.icmp, IPProtocolNumber.icmpv6:
            guard at + 6 <= end else { return }
            let type = bytes[at]
            let isEcho = inner.upperProtocol == IPProtocolNumber.icmp ? (type == 8 || type == 0) : (type == 128 || type == 129)
            if isEcho {
                report.sourcePort = bytes.uint16(at + 4)
                report.present.insert(.icmpIdentifier)
            }
        default:
            return
        }
    }

    /// Records the MSS of an inner TCP SYN and warns when the tunnel cannot carry it.
    private func checkMSS(_ report: inout DecapsulationReport, _ bytes: UnsafeRawBufferPointer) {
        let inner = report.innerStorage
        guard inner.isWhole else { return }
        let tcp = inner.upperLayerOffset
        guard tcp + 20 <= inner.end, bytes[tcp + 13] & 0x02 != 0 else { return }
        let optionsEnd = min(tcp + Int(bytes[tcp + 12] >> 4) * 4, inner.end)
        var at = tcp + 20
        while at < optionsEnd {
            let kind = bytes[at]
            if kind == 0 { return }
            if kind == 1 { at += 1; continue }
            guard at + 2 <= optionsEnd else { return }
            let length = Int(bytes[at + 1])
            guard length >= 2, at + length <= optionsEnd else { return }
            if kind == 2, length == 4 {
                let mss = bytes.uint16(at + 2)
                report.innerTCPMSS = mss
                let innerFixed = inner.version == .v4 ? 20 : 40
                let budget = policy.pathMTU - inner.offset - innerFixed - 20
                if Int(mss) > budget { report.warnings.insert(.tcpMSSTooLarge) }
                return
            }
            at += length
        }
    }
}
