/// An address prefix such as `2001:db8::/32` or `192.0.2.0/24`.
///
/// Made from text or from an address and a length, the stored address keeps only the
/// network bits: `192.0.2.7/24` becomes `192.0.2.0/24`, so two spellings of one prefix
/// compare equal. A decoder that must reproduce its input byte for byte (BGP NLRI, whose
/// last octet may carry stray bits past the length) uses ``init(keepingHostBits:length:)``;
/// ``contains(_:)`` and ``network`` ignore such bits either way.
public struct IPPrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address, host bits cleared unless made with ``init(keepingHostBits:length:)``.
    public private(set) var address: IPAddress
    // UInt8 keeps the struct at 18 bytes: routes are held by the million.
    @usableFromInline var storedLength: UInt8

    /// The prefix length: 0...32 for IPv4, 0...128 for IPv6.
    @inlinable
    public var length: Int { Int(storedLength) }

    /// The prefix of `length` bits of `address`, host bits cleared; `nil` when the length
    /// is out of range for the address's version.
    public init?(_ address: IPAddress, length: Int) {
        guard length >= 0, length <= address.bitWidth else { return nil }
        self.address = Self.masked(address, length)
        storedLength = UInt8(length)
    }

    /// The prefix of `length` bits with `address` kept exactly as given, host bits and
    /// all; `nil` when the length is out of range.
    public init?(keepingHostBits address: IPAddress, length: Int) {
        guard length >= 0, length <= address.bitWidth else { return nil }
        self.address = address
        storedLength = UInt8(truncatingIfNeeded: length)
    }

    /// An IPv4 prefix, host bits cleared; `nil` when `length` > 32.
    public static func v4(_ address: IPv4Address, _ length: Int) -> IPPrefix? { IPPrefix(.v4(address), length: length) }
    /// An IPv6 prefix, host bits cleared; `nil` when `length` > 128.
    public static func v6(_ address: IPv6Address, _ length: Int) -> IPPrefix? { IPPrefix(.v6(address), length: length) }

    /// Parses `ADDRESS/LENGTH`, or a bare address (a host prefix, /32 or /128). The length
    /// is decimal without leading zeros.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        var length = address.bitWidth
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.utf8.count <= 3,
                  digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  digits.utf8.count == 1 || digits.utf8.first != UInt8(ascii: "0"),
                  let value = Int(digits) else { return nil }
            length = value
        }
        self.init(address, length: length)
    }

    /// Which version the prefix belongs to.
    @inlinable
    public var version: IPVersion { address.version }

    /// The network address: ``address`` with the host bits cleared.
    public var network: IPAddress { Self.masked(address, length) }

    /// True when `candidate` is inside this prefix (same version, same network bits).
    public func contains(_ candidate: IPAddress) -> Bool {
        candidate.version == address.version && Self.masked(candidate, length) == network
    }

    /// `address/length`.
    public var description: String { "\(address)/\(length)" }

    /// Ordered by address, then by length.
    public static func < (a: IPPrefix, b: IPPrefix) -> Bool {
        a.address != b.address ? a.address < b.address : a.storedLength < b.storedLength
    }

    static func masked(_ address: IPAddress, _ length: Int) -> IPAddress {
        switch address {
        case let .v4(a):
            let mask: UInt32 = length == 0 ? 0 : ~0 << UInt32(32 - length)
            return .v4(IPv4Address(a.value & mask))
        case let .v6(a):
            let highMask: UInt64 = length == 0 ? 0 : length >= 64 ? ~0 : ~0 << UInt64(64 - length)
            let lowMask: UInt64 = length <= 64 ? 0 : length == 128 ? ~0 : ~0 << UInt64(128 - length)
            return .v6(IPv6Address(high: a.high & highMask, low: a.low & lowMask))
        }
    }
}
