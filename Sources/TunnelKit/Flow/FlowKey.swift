/// The 5-tuple of a packet: protocol, addresses, and ports (or the ICMP identifier).
///
/// Ports are read only from a whole packet or a first fragment; a later fragment has
/// none. For ICMP and ICMPv6 echo request and reply the identifier stands in for the
/// ports, as connection trackers do.
public struct FlowKey: Hashable, Sendable, CustomStringConvertible {
    /// The upper-layer protocol (after IPv6 extension headers).
    public var `protocol`: UInt8
    /// The source address.
    public var source: IPAddress
    /// The destination address.
    public var destination: IPAddress
    /// The TCP, UDP or SCTP source port.
    public var sourcePort: UInt16?
    /// The TCP, UDP or SCTP destination port.
    public var destinationPort: UInt16?
    /// The ICMP or ICMPv6 echo identifier.
    public var icmpIdentifier: UInt16?

    /// A flow key from its parts.
    public init(protocol: UInt8, source: IPAddress, destination: IPAddress,
                sourcePort: UInt16? = nil, destinationPort: UInt16? = nil, icmpIdentifier: UInt16? = nil) {
        self.protocol = `protocol`
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.icmpIdentifier = icmpIdentifier
    }

    /// The flow key of the packet whose (already validated) header is `header`, reading
    /// the ports from `bytes` when they are inside the packet.
    public init(header: IPHeaderFacts, in bytes: UnsafeRawBufferPointer) {
        self.init(protocol: header.upperProtocol, source: header.source, destination: header.destination)
        if case .nonFirst = header.fragment { return }
        let at = header.upperLayerOffset
        let end = min(header.end, bytes.count)
        switch header.upperProtocol {
        case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.sctp, 33 /* DCCP */, 136 /* UDP-Lite */:
            guard at >= 0, at + 4 <= end else { return }
            sourcePort = bytes.uint16(at)
            destinationPort = bytes.uint16(at + 2)
        case IPProtocolNumber.icmp, IPProtocolNumber.icmpv6:
            guard at >= 0, at + 6 <= end else { return }
            let type = bytes[at]
            let isEcho = header.upperProtocol == IPProtocolNumber.icmp ? (type == 8 || type == 0) : (type == 128 || type == 129)
            if isEcho { icmpIdentifier = bytes.uint16(at + 4) }
        default:
            return
        }
    }

    /// A 32-bit hash of the tuple, the same for every packet of the flow (and for both
    /// directions when `symmetric`). Used for the outer source address and the IPv6 flow
    /// label so that ECMP and RSS spread flows; not a cryptographic hash.
    @inline(__always)
    public func entropy(seed: UInt32 = 0, symmetric: Bool = false) -> UInt32 {
        var a = Self.fold(source), b = Self.fold(destination)
        var p = UInt64(sourcePort ?? icmpIdentifier ?? 0), q = UInt64(destinationPort ?? 0)
        if symmetric, (a, p) > (b, q) { swap(&a, &b); swap(&p, &q) }
        return Self.entropy(protocol: `protocol`, source: a, destination: b, sourcePort: p, destinationPort: q, seed: seed)
    }

    /// The hash over already-folded parts, shared with the encapsulator's hot path.
    ///
    /// Three independent multiplies (they run in parallel), one more to mix, a final
    /// shift: about a dozen cycles of latency, which matters at line rate, and enough
    /// avalanche for ECMP and RSS spreading.
    @inline(__always)
    static func entropy(protocol: UInt8, source: UInt64, destination: UInt64,
                        sourcePort: UInt64, destinationPort: UInt64, seed: UInt32) -> UInt32 {
        let ports = (sourcePort << 32 | destinationPort << 16 | UInt64(`protocol`)) ^ UInt64(seed)
        var h = (source &* 0x9E37_79B9_7F4A_7C15) ^ (destination &* 0xC2B2_AE3D_27D4_EB4F) ^ (ports &* 0x1656_67B1_9E37_79F9)
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    static func fold(_ address: IPAddress) -> UInt64 {
        switch address {
        case let .v4(a): UInt64(a.value)
        case let .v6(a): fold(high: a.high, low: a.low)
        }
    }

    /// An IPv6 address in 64 bits for hashing (the rotation keeps the halves apart).
    @inline(__always)
    static func fold(high: UInt64, low: UInt64) -> UInt64 { high ^ (low << 32 | low >> 32) }

    /// Spreads a 32-bit hash over 64 bits (for the host bits of a derived source).
    @inline(__always)
    static func spread(_ entropy: UInt32) -> UInt64 {
        let x = UInt64(entropy) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 31)
    }

    /// `proto src:sport -> dst:dport` (IPv6 addresses in brackets when a port follows).
    public var description: String {
        func end(_ address: IPAddress, _ port: UInt16?) -> String {
            guard let port else { return address.description }
            if case .v6 = address { return "[\(address)]:\(port)" }
            return "\(address):\(port)"
        }
        let id = icmpIdentifier.map { " id \($0)" } ?? ""
        return "\(`protocol`) \(end(source, sourcePort)) -> \(end(destination, destinationPort))\(id)"
    }
}
