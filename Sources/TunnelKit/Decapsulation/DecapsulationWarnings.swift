/// Valid but notable facts about a decapsulated packet.
public struct DecapsulationWarnings: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The outer IPv4 header has options.
    public static let outerIPv4Options = DecapsulationWarnings(rawValue: 1 << 0)
    /// The inner IPv4 header has options.
    public static let innerIPv4Options = DecapsulationWarnings(rawValue: 1 << 1)
    /// The outer IPv6 header has extension headers.
    public static let outerIPv6ExtensionHeaders = DecapsulationWarnings(rawValue: 1 << 2)
    /// The inner IPv6 header has extension headers.
    public static let innerIPv6ExtensionHeaders = DecapsulationWarnings(rawValue: 1 << 3)
    /// An RFC 2473 tunnel encapsulation limit option is present.
    public static let tunnelEncapsulationLimit = DecapsulationWarnings(rawValue: 1 << 4)
    /// The outer packet is longer than the inner packet it carries.
    public static let trailingBytes = DecapsulationWarnings(rawValue: 1 << 5)
    /// An ECN combination RFC 6040 calls currently unused.
    public static let unusedECNCombination = DecapsulationWarnings(rawValue: 1 << 6)
    /// The outer IPv6 flow label is zero, so ECMP and RSS see no per-flow entropy.
    public static let zeroFlowLabel = DecapsulationWarnings(rawValue: 1 << 7)
    /// A TCP SYN advertises an MSS larger than the tunnel's path MTU allows.
    public static let tcpMSSTooLarge = DecapsulationWarnings(rawValue: 1 << 8)

    /// Each warning with its snake_case name, in a fixed order.
    public static let named: [(DecapsulationWarnings, String)] = [
        (.outerIPv4Options, "outer_ipv4_options"),
        (.innerIPv4Options, "inner_ipv4_options"),
        (.outerIPv6ExtensionHeaders, "outer_ipv6_extension_headers"),
        (.innerIPv6ExtensionHeaders, "inner_ipv6_extension_headers"),
        (.tunnelEncapsulationLimit, "tunnel_encapsulation_limit"),
        (.trailingBytes, "trailing_bytes"),
        (.unusedECNCombination, "ecn_unused_combination"),
        (.zeroFlowLabel, "zero_flow_label"),
        (.tcpMSSTooLarge, "tcp_mss_too_large"),
    ]

    /// The names of the warnings present, in the order of ``named``.
    public var names: [String] { Self.named.filter { contains($0.0) }.map(\.1) }
}
