/// The IP version of a header or an address.
public enum IPVersion: UInt8, Hashable, Sendable, CustomStringConvertible {
    case v4 = 4
    case v6 = 6

    /// The width of an address of this version in bits: 32 or 128.
    @inlinable
    public var addressBitWidth: Int { self == .v4 ? 32 : 128 }

    /// `IPv4` or `IPv6`.
    public var description: String { self == .v4 ? "IPv4" : "IPv6" }
}
