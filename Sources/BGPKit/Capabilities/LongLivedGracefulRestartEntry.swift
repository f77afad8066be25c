/// One family of the long-lived graceful restart capability (RFC 9494).
public struct LongLivedGracefulRestartEntry: Hashable, Sendable, CustomStringConvertible {
    public var family: AddressFamily
    /// Flags; 0x80 says forwarding state was preserved.
    public var flags: UInt8
    /// Seconds stale routes are kept (24 bits).
    public var staleTime: UInt32

    public init(family: AddressFamily, flags: UInt8, staleTime: UInt32) {
        self.family = family
        self.flags = flags
        self.staleTime = staleTime
    }

    /// "IPv6 unicast stale 3600s".
    public var description: String { "\(family) stale \(staleTime)s" + (flags & 0x80 != 0 ? " (F)" : "") }
}
