/// The `nlmsg_flags` of a netlink message header. The same bits mean different things
/// for GET, NEW and DELETE requests and for ACKs, hence the overlapping constants.
public struct NetlinkFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let request = NetlinkFlags(rawValue: 0x01)
    public static let multi = NetlinkFlags(rawValue: 0x02)
    public static let acknowledge = NetlinkFlags(rawValue: 0x04)
    public static let echo = NetlinkFlags(rawValue: 0x08)
    /// The dump was inconsistent because the object set changed while it ran.
    public static let dumpInterrupted = NetlinkFlags(rawValue: 0x10)
    public static let dumpFiltered = NetlinkFlags(rawValue: 0x20)

    // GET requests
    public static let root = NetlinkFlags(rawValue: 0x100)
    public static let match = NetlinkFlags(rawValue: 0x200)
    public static let atomic = NetlinkFlags(rawValue: 0x400)
    public static let dump: NetlinkFlags = [.root, .match]

    // NEW requests
    public static let replace = NetlinkFlags(rawValue: 0x100)
    public static let exclusive = NetlinkFlags(rawValue: 0x200)
    public static let create = NetlinkFlags(rawValue: 0x400)
    public static let append = NetlinkFlags(rawValue: 0x800)

    // DELETE requests
    public static let nonRecursive = NetlinkFlags(rawValue: 0x100)
    public static let bulk = NetlinkFlags(rawValue: 0x200)

    // ACK and error messages
    /// The echoed request was cut to its header (NETLINK_CAP_ACK, or an ACK).
    public static let capped = NetlinkFlags(rawValue: 0x100)
    /// Extended-ACK attributes follow the echoed request.
    public static let acknowledgementTLVs = NetlinkFlags(rawValue: 0x200)
}
