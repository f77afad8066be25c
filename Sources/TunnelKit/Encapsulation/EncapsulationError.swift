/// Why a packet was not encapsulated.
public enum EncapsulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer than `needed` bytes of headroom in front of the inner packet.
    case insufficientHeadroom(needed: Int, available: Int)
    /// The inner packet is not an IPv4 or IPv6 packet whose length field matches its bytes.
    case malformedInner(offset: Int)
    /// The inner TTL or hop limit is 0: forwarding it would be wrong (RFC 2003 section 3.1).
    case innerTTLZero
    /// The outer packet would exceed the link MTU; `mtu` is the largest inner packet that
    /// fits. Send back ``ICMPTooBig`` with it.
    case packetTooBig(mtu: Int)
    /// The configured source does not have the destination's IP version.
    case sourceVersionMismatch

    public var description: String {
        switch self {
        case let .insufficientHeadroom(n, a): "needs \(n) bytes of headroom, has \(a)"
        case let .malformedInner(o): "inner packet malformed at offset \(o)"
        case .innerTTLZero: "inner TTL is 0"
        case let .packetTooBig(mtu): "inner packet larger than the tunnel MTU \(mtu)"
        case .sourceVersionMismatch: "outer source and destination differ in IP version"
        }
    }
}
