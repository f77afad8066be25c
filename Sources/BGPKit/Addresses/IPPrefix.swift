/// An IPv4 or IPv6 prefix as carried in NLRI: an address and a length in bits.
///
/// The address keeps the bits as they were on the wire; NLRI pads the last octet and a
/// sender may leave stray bits past the length there, which a re-encode reproduces.
public struct IPPrefix: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The network address.
    public var address: IPAddress
    /// The prefix length in bits (0–32 or 0–128).
    public var length: UInt8

    /// A prefix; nil when the length is longer than the address family allows.
    public init?(_ address: IPAddress, length: Int) {
        guard length >= 0, length <= address.bitWidth else { return nil }
        self.address = address
        self.length = UInt8(length)
    }

    init(unchecked address: IPAddress, length: UInt8) {
        self.address = address
        self.length = length
    }

    /// An IPv4 prefix; nil when `length` > 32.
    public static func v4(_ address: IPv4Address, _ length: Int) -> IPPrefix? { IPPrefix(.v4(address), length: length) }
    /// An IPv6 prefix; nil when `length` > 128.
    public static func v6(_ address: IPv6Address, _ length: Int) -> IPPrefix? { IPPrefix(.v6(address), length: length) }

    /// Parses "192.0.2.0/24" or "2001:db8::/32"; a bare address is a host prefix.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        var length = address.bitWidth
        if parts.count == 2 {
            guard parts[1].utf8.count <= 3, let parsed = Int(parts[1]) else { return nil }
            length = parsed
        }
        self.init(address, length: length)
    }

    /// The address family identifier.
    public var afi: AFI { address.afi }

    /// Octets this prefix takes in NLRI after its length byte.
    public var encodedByteCount: Int { (Int(length) + 7) / 8 }

    /// "address/length", e.g. "192.0.2.1/32".
    public var description: String { "\(address)/\(length)" }

    public static func < (a: Self, b: Self) -> Bool { (a.address, a.length) < (b.address, b.length) }
}
