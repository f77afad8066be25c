/// The verdict of one decapsulation, without the fields that explain it: what a tool
/// counts per packet and a script matches on.
///
/// The cases are in the order ``Decapsulator`` checks them, after `ok`. The raw values
/// are dense (`0..<allCases.count`), so a per-verdict counter can be a plain array
/// indexed by `rawValue`.
public enum DecapsulationVerdict: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case ok
    case notIP
    case truncated
    case outerVersionMismatch
    case outerIPv4BadIHL
    case outerIPv4BadChecksum
    case outerIPv4TotalLengthMismatch
    case outerIPv6PayloadLengthMismatch
    case outerIPv6BadExtensionHeader
    case notTunneled
    case outerTTLZero
    case outerFragmentFirst
    case outerFragmentNonFirst
    case unsupportedKind
    case spoofedOuterSource
    case innerVersionMismatch
    case innerIPv4BadIHL
    case innerIPv4BadChecksum
    case innerIPv4TotalLengthMismatch
    case innerIPv6PayloadLengthMismatch
    case innerIPv6BadExtensionHeader
    case innerTTLZero
    case nestedTunnel
    case ecnCEOnNotECT
    case unexpectedInnerDestination

    /// The snake_case name decap-checker prints: `ok`, `not_tunneled`, `outer_ipv4_bad_checksum`, ...
    public var name: String {
        switch self {
        case .ok: "ok"
        case .notTunneled: "not_tunneled"
        case .notIP: "not_ip"
        case .truncated: "truncated"
        case .outerVersionMismatch: "outer_version_mismatch"
        case .outerIPv4BadIHL: "outer_ipv4_bad_ihl"
        case .outerIPv4BadChecksum: "outer_ipv4_bad_checksum"
        case .outerIPv4TotalLengthMismatch: "outer_ipv4_total_length_mismatch"
        case .outerIPv6PayloadLengthMismatch: "outer_ipv6_payload_length_mismatch"
        case .outerIPv6BadExtensionHeader: "outer_ipv6_bad_extension_header"
        case .outerTTLZero: "outer_ttl_zero"
        case .outerFragmentFirst: "outer_fragment_first"
        case .outerFragmentNonFirst: "outer_fragment_non_first"
        case .unsupportedKind: "unsupported_kind"
        case .spoofedOuterSource: "spoofed_outer_source"
        case .innerVersionMismatch: "inner_version_mismatch"
        case .innerIPv4BadIHL: "inner_ipv4_bad_ihl"
        case .innerIPv4BadChecksum: "inner_ipv4_bad_checksum"
        case .innerIPv4TotalLengthMismatch: "inner_ipv4_total_length_mismatch"
        case .innerIPv6PayloadLengthMismatch: "inner_ipv6_payload_length_mismatch"
        case .innerIPv6BadExtensionHeader: "inner_ipv6_bad_extension_header"
        case .innerTTLZero: "inner_ttl_zero"
        case .nestedTunnel: "nested_tunnel"
        case .ecnCEOnNotECT: "ecn_ce_on_not_ect"
        case .unexpectedInnerDestination: "unexpected_inner_destination"
        }
    }

    /// Whether the verdict is an error: anything but `ok`, `not_tunneled` and `not_ip`
    /// (traffic that is not a tunnel is not wrong).
    public var isError: Bool { !(self == .ok || self == .notTunneled || self == .notIP) }

    /// Whether the outer header itself failed validation, so that its length field and
    /// anything past it are not to be trusted.
    public var isOuterHeaderInvalid: Bool {
        switch self {
        case .outerVersionMismatch, .outerIPv4BadIHL, .outerIPv4BadChecksum, .outerIPv4TotalLengthMismatch,
             .outerIPv6PayloadLengthMismatch, .outerIPv6BadExtensionHeader: true
        default: false
        }
    }

    /// The ``name``.
    public var description: String { name }
}

extension DecapsulationError {
    /// The verdict without its explaining fields.
    public var verdict: DecapsulationVerdict {
        switch self {
        case .notTunneled: .notTunneled
        case .notIP: .notIP
        case .truncated: .truncated
        case .outerVersionMismatch: .outerVersionMismatch
        case .outerIPv4BadIHL: .outerIPv4BadIHL
        case .outerIPv4BadChecksum: .outerIPv4BadChecksum
        case .outerIPv4TotalLengthMismatch: .outerIPv4TotalLengthMismatch
        case .outerIPv6PayloadLengthMismatch: .outerIPv6PayloadLengthMismatch
        case .outerIPv6BadExtensionHeader: .outerIPv6BadExtensionHeader
        case .outerTTLZero: .outerTTLZero
        case .outerFragmentFirst: .outerFragmentFirst
        case .outerFragmentNonFirst: .outerFragmentNonFirst
        case .unsupportedKind: .unsupportedKind
        case .spoofedOuterSource: .spoofedOuterSource
        case .innerVersionMismatch: .innerVersionMismatch
        case .innerIPv4BadIHL: .innerIPv4BadIHL
        case .innerIPv4BadChecksum: .innerIPv4BadChecksum
        case .innerIPv4TotalLengthMismatch: .innerIPv4TotalLengthMismatch
        case .innerIPv6PayloadLengthMismatch: .innerIPv6PayloadLengthMismatch
        case .innerIPv6BadExtensionHeader: .innerIPv6BadExtensionHeader
        case .innerTTLZero: .innerTTLZero
        case .nestedTunnel: .nestedTunnel
        case .ecnCEOnNotECT: .ecnCEOnNotECT
        case .unexpectedInnerDestination: .unexpectedInnerDestination
        }
    }
}

extension DecapsulationReport {
    /// `.ok`, or the error's verdict.
    public var verdict: DecapsulationVerdict { error?.verdict ?? .ok }
}
