/// An address prefix such as `2001:db8::/32` or `192.0.2.0/24`.
///
/// The stored address keeps only the network bits: `192.0.2.7/24` parses to
/// `192.0.2.0/24`, so two spellings of one prefix compare equal.
public struct IPPrefix: Hashable, Sendable, CustomStringConvertible {
    /// The network address, host bits cleared.
    public private(set) var address: IPAddress
    /// The prefix length: 0...32 for IPv4, 0...128 for IPv6.
    public private(set) var length: Int

    /// The prefix of `length` bits of `address`; `nil` when the length is out of range.
    public init?(_ address: IPAddress, length: Int) {
        let maximum = address.version == .v4 ? 32 : 128
        guard length >= 0, length <= maximum else { return nil }
        self.length = length
        self.address = Self.masked(address, length)
    }

    /// Parses `ADDRESS/LENGTH`, or a bare address (a host prefix, /32 or /128).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        var length = address.version == .v4 ? 32 : 128
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 3, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  digits.count == 1 || digits.first != "0",
                  let value = Int(digits) else { return nil }
            length = value
        }
        self.init(address, length: length)
    }

    /// True when `candidate` is inside this prefix (same version, same network bits).
    public func contains(_ candidate: IPAddress) -> Bool {
        candidate.version == address.version && Self.masked(candidate, length) == address
    }

    /// `address/length`.
    public var description: String { "\(address)/\(length)" }

    private static func masked(_ address: IPAddress, _ length: Int) -> IPAddress {
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
