import TunnelKit

/// A ``FlowKey`` in five machine words: what the flow table stores, compares and hashes.
///
/// `FlowKey` holds two `IPAddress` enums and three optionals; comparing two of them is
/// a switch per field. Packed, equality is five integer compares and nothing is copied
/// through a witness. The packing is exact: ``flowKey`` gives back the key it came from.
struct PackedFlowKey: Equatable {
    /// An IPv4 address is in the low 32 bits of `sourceLow`, `sourceHigh` is 0, and the
    /// flags say which version it is, so `::c000:201` and `192.0.2.1` stay apart.
    var sourceHigh: UInt64
    var sourceLow: UInt64
    var destinationHigh: UInt64
    var destinationLow: UInt64
    /// Bits 0-7 the protocol, 8-15 ``Flags``, 16-31 the source port, 32-47 the
    /// destination port, 48-63 the ICMP identifier (each 0 when absent).
    var rest: UInt64

    struct Flags: OptionSet {
        var rawValue: UInt64
        static let sourceV6 = Flags(rawValue: 1 << 0)
        static let destinationV6 = Flags(rawValue: 1 << 1)
        static let sourcePort = Flags(rawValue: 1 << 2)
        static let destinationPort = Flags(rawValue: 1 << 3)
        static let icmpIdentifier = Flags(rawValue: 1 << 4)
    }

    init(_ key: FlowKey) {
        var flags: Flags = []
        (sourceHigh, sourceLow) = Self.words(key.source)
        (destinationHigh, destinationLow) = Self.words(key.destination)
        if key.source.version == .v6 { flags.insert(.sourceV6) }
        if key.destination.version == .v6 { flags.insert(.destinationV6) }
        if key.sourcePort != nil { flags.insert(.sourcePort) }
        if key.destinationPort != nil { flags.insert(.destinationPort) }
        if key.icmpIdentifier != nil { flags.insert(.icmpIdentifier) }
        rest = UInt64(key.protocol) | flags.rawValue << 8 | UInt64(key.sourcePort ?? 0) << 16
            | UInt64(key.destinationPort ?? 0) << 32 | UInt64(key.icmpIdentifier ?? 0) << 48
    }

    /// A key of a packet with both ports, from its parts.
    @inline(__always)
    init(v6: Bool, source: (UInt64, UInt64), destination: (UInt64, UInt64), protocol: UInt8, ports: (UInt16, UInt16)) {
        (sourceHigh, sourceLow) = source
        (destinationHigh, destinationLow) = destination
        let flags: Flags = v6 ? [.sourceV6, .destinationV6, .sourcePort, .destinationPort] : [.sourcePort, .destinationPort]
        rest = UInt64(`protocol`) | flags.rawValue << 8 | UInt64(ports.0) << 16 | UInt64(ports.1) << 32
    }

    private static func words(_ address: IPAddress) -> (UInt64, UInt64) {
        switch address {
        case let .v4(a): (0, UInt64(a.value))
        case let .v6(a): (a.high, a.low)
        }
    }

    /// The key this was packed from.
    var flowKey: FlowKey {
        let flags = Flags(rawValue: rest >> 8 & 0xFF)
        func address(_ high: UInt64, _ low: UInt64, v6: Bool) -> IPAddress {
            v6 ? .v6(IPv6Address(high: high, low: low)) : .v4(IPv4Address(UInt32(truncatingIfNeeded: low)))
        }
        func field(_ shift: UInt64, _ flag: Flags) -> UInt16? {
            flags.contains(flag) ? UInt16(truncatingIfNeeded: rest >> shift) : nil
        }
        return FlowKey(protocol: UInt8(truncatingIfNeeded: rest),
                       source: address(sourceHigh, sourceLow, v6: flags.contains(.sourceV6)),
                       destination: address(destinationHigh, destinationLow, v6: flags.contains(.destinationV6)),
                       sourcePort: field(16, .sourcePort), destinationPort: field(32, .destinationPort),
                       icmpIdentifier: field(48, .icmpIdentifier))
    }

    /// A multiply-xorshift mix of the five words (its low bits pick the flow table slot).
    @inline(__always)
    var hash: UInt64 {
        var h = (sourceHigh ^ (sourceLow << 32 | sourceLow >> 32)) &* 0xFF51_AFD7_ED55_8CCD
        h ^= (destinationHigh ^ (destinationLow << 32 | destinationLow >> 32)) &* 0xC4CE_B9FE_1A85_EC53
        h ^= rest &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        return h ^ h >> 29
    }
}

/// One packet's contribution to the per-flow checks: its inner flow, and the outer source
/// and flow label that carried it.
struct FlowObservation {
    var key: PackedFlowKey
    /// The outer source address, packed like the key's addresses.
    var outerHigh: UInt64
    var outerLow: UInt64
    /// The outer IPv6 flow label, or ``ipv4Outer``.
    var label: UInt32
    /// The label of an IPv4 outer header, which has none (no flow label is 32 bits wide).
    static let ipv4Outer = UInt32.max

    /// The flow of a packet that decapsulated (`report.error == nil`), `network` being
    /// the bytes the report's offsets refer to.
    ///
    /// A TCP, UDP, SCTP, DCCP or UDP-Lite inner packet, nearly every packet of a capture,
    /// is read from the header bytes TunnelKit validated: the report's `flow` and `outer`
    /// build `IPAddress` enums and copy 64-byte header facts, which cost more than the
    /// rest of the per-flow work together. Anything else (ICMP, no ports, IPv6 extension
    /// headers before the ports) takes those accessors.
    @inline(__always)
    init?(_ report: inout DecapsulationReport, network: UnsafeRawBufferPointer) {
        // inout, and the report's inlinable accessors: nothing is copied on this path.
        if let inner = report.innerRange, let ports = report.innerPorts,
           let fast = Self(innerAt: inner.lowerBound, ports: ports, network) {
            self = fast
        } else if let slow = Self(accessorsOf: report) {
            self = slow
        } else {
            return nil
        }
    }

    @inline(never)
    private init?(accessorsOf report: DecapsulationReport) {
        guard let flow = report.flow, let outer = report.outer else { return nil }
        key = PackedFlowKey(flow)
        let (high, low): (UInt64, UInt64) = switch outer.source {
        case let .v4(a): (0, UInt64(a.value))
        case let .v6(a): (a.high, a.low)
        }
        (outerHigh, outerLow) = (high, low)
        label = outer.flowLabel ?? Self.ipv4Outer
    }

    /// The fast path: the inner header at `at` with `ports`, the outer header at 0.
    @inline(__always)
    private init?(innerAt at: Int, ports: (source: UInt16, destination: UInt16), _ network: UnsafeRawBufferPointer) {
        // The report vouches for these bounds; checking them again keeps a wrong report
        // from becoming an over-read.
        guard at >= 0, at + 20 <= network.count else { return nil }
        @inline(__always) func u32(_ offset: Int) -> UInt64 {
            UInt64(network.loadUnaligned(fromByteOffset: offset, as: UInt32.self).bigEndian)
        }
        @inline(__always) func u64(_ offset: Int) -> UInt64 {
            network.loadUnaligned(fromByteOffset: offset, as: UInt64.self).bigEndian
        }
        switch network[at] >> 4 {
        case 4:
            // IPv4 has no header chain: the protocol field is the upper-layer protocol.
            key = PackedFlowKey(v6: false, source: (0, u32(at + 12)), destination: (0, u32(at + 16)),
                                protocol: network[at + 9], ports: ports)
        case 6 where at + 40 <= network.count:
            // Ports were read, so the chain ended in a port protocol; when the fixed
            // header's next header is that protocol there was no extension header.
            let next = network[at + 6]
            guard next == IPProtocolNumber.tcp || next == IPProtocolNumber.udp || next == IPProtocolNumber.sctp
                || next == 33 || next == 136 else { return nil }
            key = PackedFlowKey(v6: true, source: (u64(at + 8), u64(at + 16)), destination: (u64(at + 24), u64(at + 32)),
                                protocol: next, ports: ports)
        default:
            return nil
        }
        switch network[0] >> 4 {
        case 4:
            (outerHigh, outerLow) = (0, u32(12))
            label = Self.ipv4Outer
        case 6 where network.count >= 40:
            (outerHigh, outerLow) = (u64(8), u64(16))
            label = UInt32(truncatingIfNeeded: u32(0)) & 0x000F_FFFF
        default:
            return nil
        }
    }
}
