/// Why a packet does not decapsulate, one case per verdict, each with the fields that
/// explain it. Offsets count from the first byte of the outer IP header.
///
/// ``Decapsulator`` checks in the order a kernel does: the outer header, the tunnel
/// kind and the outer policy, then the inner header, nesting, ECN and the inner policy.
/// The first failed check is the error.
public enum DecapsulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A valid IP packet that is not IP-in-IP (nor GRE, FOU or GUE); `protocol` is its
    /// upper-layer protocol.
    case notTunneled(protocol: UInt8)
    /// The first nibble is neither 4 nor 6 (and the link layer did not say which to expect).
    case notIP(versionNibble: UInt8)
    /// A header does not fit: `needed` bytes from `offset`, only `available` there.
    case truncated(offset: Int, needed: Int, available: Int)
    /// The link layer announced `expected` but the version nibble is `found`.
    case outerVersionMismatch(expected: IPVersion, found: UInt8)
    /// The outer IPv4 IHL is below 5 words.
    case outerIPv4BadIHL(ihl: UInt8)
    /// The outer IPv4 header checksum is `found`; the header sums to `expected`.
    case outerIPv4BadChecksum(found: UInt16, expected: UInt16)
    /// The outer IPv4 total length `field` is below the header length or above the
    /// `available` bytes.
    case outerIPv4TotalLengthMismatch(field: Int, available: Int)
    /// The outer IPv6 payload length `field` is above the `available` payload bytes.
    case outerIPv6PayloadLengthMismatch(field: Int, available: Int)
    /// The outer IPv6 extension-header chain is malformed (an extra verdict).
    case outerIPv6BadExtensionHeader(offset: Int, reason: ExtensionHeaderProblem)
    /// The outer TTL or hop limit is 0.
    case outerTTLZero
    /// The outer packet is the first fragment of a datagram (`identification`).
    case outerFragmentFirst(identification: UInt32)
    /// The outer packet is a later fragment, at `byteOffset` in the datagram.
    case outerFragmentNonFirst(identification: UInt32, byteOffset: Int)
    /// GRE, FOU or GUE: recognised, not decapsulated. `offset` is where the GRE or UDP
    /// header starts.
    case unsupportedKind(TunnelKind, offset: Int)
    /// The outer source is outside every allowed prefix.
    case spoofedOuterSource(IPAddress)
    /// The outer protocol announced IP version `expected`; the inner nibble at `offset` is `found`.
    case innerVersionMismatch(offset: Int, expected: IPVersion, found: UInt8)
    /// The inner IPv4 IHL at `offset` is below 5 words (an extra verdict).
    case innerIPv4BadIHL(offset: Int, ihl: UInt8)
    /// The inner IPv4 checksum at `offset` is `found`; the header sums to `expected`.
    case innerIPv4BadChecksum(offset: Int, found: UInt16, expected: UInt16)
    /// The inner IPv4 total length `field` is below its header length or above the
    /// `available` bytes of the outer payload.
    case innerIPv4TotalLengthMismatch(offset: Int, field: Int, available: Int)
    /// The inner IPv6 payload length `field` is above the `available` bytes after its header.
    case innerIPv6PayloadLengthMismatch(offset: Int, field: Int, available: Int)
    /// The inner IPv6 extension-header chain is malformed (an extra verdict).
    case innerIPv6BadExtensionHeader(offset: Int, reason: ExtensionHeaderProblem)
    /// The inner TTL or hop limit is 0 and the policy drops such packets.
    case innerTTLZero(offset: Int)
    /// The inner packet at `offset` is itself IP-in-IP (`protocol` 4 or 41) deeper than
    /// the configured maximum `depth`.
    case nestedTunnel(offset: Int, protocol: UInt8, depth: Int)
    /// Outer CE over an inner Not-ECT packet: RFC 6040 says drop.
    case ecnCEOnNotECT
    /// The inner destination is outside every allowed prefix (the VIPs).
    case unexpectedInnerDestination(IPAddress)

    /// The verdict name decap-checker prints: `not_tunneled`, `outer_ipv4_bad_checksum`, ...
    public var verdictName: String { verdict.name }

    /// Every verdict name an error can have, in checking order.
    public static let allVerdictNames: [String] = DecapsulationVerdict.allCases.dropFirst().map(\.name)

    /// The explaining fields, in one line (without the verdict name).
    public var description: String {
        func hex(_ v: UInt16) -> String {
            let digits = String(v, radix: 16)
            return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        switch self {
        case let .notTunneled(p): return "protocol \(p)"
        case let .notIP(v): return "version nibble \(v)"
        case let .truncated(o, n, a): return "needs \(n) bytes at offset \(o), has \(a)"
        case let .outerVersionMismatch(e, f): return "link layer says \(e), version nibble is \(f)"
        case let .outerIPv4BadIHL(ihl): return "IHL \(ihl)"
        case let .outerIPv4BadChecksum(f, e): return "checksum \(hex(f)), expected \(hex(e))"
        case let .outerIPv4TotalLengthMismatch(f, a): return "total length \(f), \(a) bytes present"
        case let .outerIPv6PayloadLengthMismatch(f, a): return "payload length \(f), \(a) bytes present"
        case let .outerIPv6BadExtensionHeader(o, r): return "\(r) at offset \(o)"
        case .outerTTLZero: return "outer TTL 0"
        case let .outerFragmentFirst(id): return "first fragment, id \(id)"
        case let .outerFragmentNonFirst(id, o): return "fragment at byte \(o), id \(id)"
        case let .unsupportedKind(k, o): return "\(k.name) at offset \(o)"
        case let .spoofedOuterSource(a): return "outer source \(a) not allowed"
        case let .innerVersionMismatch(o, e, f): return "expected \(e) at offset \(o), version nibble is \(f)"
        case let .innerIPv4BadIHL(o, ihl): return "IHL \(ihl) at offset \(o)"
        case let .innerIPv4BadChecksum(o, f, e): return "checksum \(hex(f)), expected \(hex(e)) at offset \(o)"
        case let .innerIPv4TotalLengthMismatch(o, f, a): return "total length \(f), \(a) bytes present at offset \(o)"
        case let .innerIPv6PayloadLengthMismatch(o, f, a): return "payload length \(f), \(a) bytes present at offset \(o)"
        case let .innerIPv6BadExtensionHeader(o, r): return "\(r) at offset \(o)"
        case let .innerTTLZero(o): return "inner TTL 0 at offset \(o)"
        case let .nestedTunnel(o, p, d): return "protocol \(p) at offset \(o), beyond depth \(d)"
        case .ecnCEOnNotECT: return "outer CE over inner Not-ECT"
        case let .unexpectedInnerDestination(a): return "inner destination \(a) not allowed"
        }
    }
}
