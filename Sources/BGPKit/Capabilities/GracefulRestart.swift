/// The graceful restart capability (RFC 4724).
public struct GracefulRestart: Hashable, Sendable, CustomStringConvertible {
    /// One family whose forwarding state may be preserved.
    public struct Family: Hashable, Sendable {
        public var family: AddressFamily
        /// The per-family flags; bit 0x80 says forwarding state was preserved.
        public var flags: UInt8
        public init(family: AddressFamily, flags: UInt8) {
            self.family = family
            self.flags = flags
        }
        /// Forwarding state was preserved across the restart.
        public var forwardingStatePreserved: Bool { flags & 0x80 != 0 }
    }

    /// The four flag bits (0x8 restart state "R", 0x4 notification "N", RFC 8538).
    public var flags: UInt8
    /// Seconds the peer should keep routes while the sender restarts (12 bits).
    public var restartTime: UInt16
    public var families: [Family]

    public init(flags: UInt8, restartTime: UInt16, families: [Family]) {
        self.flags = flags
        self.restartTime = restartTime
        self.families = families
    }

    /// The sender has restarted (R bit).
    public var restarting: Bool { flags & 0x8 != 0 }
    /// Graceful restart also covers NOTIFICATIONs (N bit, RFC 8538).
    public var notificationSupported: Bool { flags & 0x4 != 0 }

    /// "restart time 120s, R, IPv4 unicast (F)".
    public var description: String {
        var parts = ["restart time \(restartTime)s"]
        if restarting { parts.append("R") }
        if notificationSupported { parts.append("N") }
        parts += families.map { "\($0.family)" + ($0.forwardingStatePreserved ? " (F)" : "") }
        return parts.joined(separator: ", ")
    }
}
