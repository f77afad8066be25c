/// The next hop in MP_REACH_NLRI.
public enum MPNextHop: Hashable, Sendable, CustomStringConvertible {
    /// A 4-byte IPv4 next hop.
    case ipv4(IPv4Address)
    /// A 16-byte IPv6 global next hop, or 32 bytes: global then link-local (RFC 2545).
    /// For IPv4 NLRI this is the RFC 8950 extended next hop.
    case ipv6(IPv6Address, linkLocal: IPv6Address?)
    /// Any other length or family, kept as it was.
    case raw([UInt8])

    /// Bytes on the wire.
    public var encodedLength: Int {
        switch self {
        case .ipv4: 4
        case let .ipv6(_, linkLocal): linkLocal == nil ? 16 : 32
        case let .raw(bytes): bytes.count
        }
    }

    /// The addresses, global first.
    public var addresses: [IPAddress] {
        switch self {
        case let .ipv4(a): [.v4(a)]
        case let .ipv6(g, l): l.map { [.v6(g), .v6($0)] } ?? [.v6(g)]
        case .raw: []
        }
    }

    /// "192.0.2.1", "2001:db8::1", "2001:db8::1 fe80::1" or hex for raw.
    public var description: String {
        switch self {
        case let .raw(bytes): "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        default: addresses.map(\.description).joined(separator: " ")
        }
    }

    func encode(into buffer: inout [UInt8]) {
        switch self {
        case let .ipv4(a): buffer.appendUInt32(a.value)
        case let .ipv6(g, l):
            buffer.appendUInt64(g.high); buffer.appendUInt64(g.low)
            if let l { buffer.appendUInt64(l.high); buffer.appendUInt64(l.low) }
        case let .raw(bytes): buffer.append(contentsOf: bytes)
        }
    }
}
