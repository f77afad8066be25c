/// One tuple of the extended next hop capability (RFC 8950): NLRI of this AFI/SAFI may
/// carry a next hop of that AFI.
public struct ExtendedNextHopEntry: Hashable, Sendable, CustomStringConvertible {
    public var nlriFamily: AddressFamily
    public var nextHopAFI: AFI
    /// The SAFI field is two bytes here; its high byte is kept for a faithful re-encode.
    public var safiHighByte: UInt8

    public init(nlriFamily: AddressFamily, nextHopAFI: AFI, safiHighByte: UInt8 = 0) {
        self.nlriFamily = nlriFamily
        self.nextHopAFI = nextHopAFI
        self.safiHighByte = safiHighByte
    }

    /// "IPv4 unicast via IPv6".
    public var description: String { "\(nlriFamily) via \(nextHopAFI)" }
}
