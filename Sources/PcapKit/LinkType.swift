/// A libpcap data-link type (`DLT_*` / `LINKTYPE_*`): what header precedes the network layer.
///
/// A struct rather than an enum so that every value a capture can carry is representable;
/// the ones the toolkit decodes have names.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric data-link type as libpcap reports it (`pcap_datalink`).
    public let rawValue: Int32

    /// Creates a link type from its number.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// BSD loopback: a 4-byte address family in host byte order of the writer.
    public static let null = LinkType(rawValue: 0)
    /// Ethernet II, possibly with 802.1Q / 802.1ad tags.
    public static let ethernet = LinkType(rawValue: 1)
    /// Raw IP as libpcap maps it in memory on some platforms (DLT_RAW 12).
    public static let raw12 = LinkType(rawValue: 12)
    /// Raw IP as libpcap maps it in memory on other platforms (DLT_RAW 14).
    public static let raw14 = LinkType(rawValue: 14)
    /// Raw IPv4 or IPv6, no link header (LINKTYPE_RAW 101).
    public static let raw = LinkType(rawValue: 101)
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    public static let loop = LinkType(rawValue: 108)
    /// Linux "cooked" capture, version 1 (16-byte header).
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Raw IPv4 only.
    public static let ipv4 = LinkType(rawValue: 228)
    /// Raw IPv6 only.
    public static let ipv6 = LinkType(rawValue: 229)
    /// Linux "cooked" capture, version 2 (20-byte header), what `tcpdump -i any` writes.
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// Whether frames are bare IP packets with no link header (RAW in all its numbers,
    /// IPV4, IPV6): the packet's own version nibble is all that says IPv4 or IPv6.
    public var isBareIP: Bool {
        self == .raw || self == .raw12 || self == .raw14 || self == .ipv4 || self == .ipv6
    }

    /// The libpcap name, e.g. `EN10MB`, or `DLT_<n>` when the toolkit has none.
    public var name: String {
        switch self {
        case .null: "NULL"
        case .ethernet: "EN10MB"
        case .raw12, .raw14, .raw: "RAW"
        case .loop: "LOOP"
        case .linuxSLL: "LINUX_SLL"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        case .linuxSLL2: "LINUX_SLL2"
        default: "DLT_\(rawValue)"
        }
    }

    /// The name followed by the number, e.g. `EN10MB (1)`.
    public var description: String { "\(name) (\(rawValue))" }
}
