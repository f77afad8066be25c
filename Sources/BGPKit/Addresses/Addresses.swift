// The address and prefix types are IPAddressKit's, shared by every lbkit library;
// re-exported so that `import BGPKit` is all a user needs.
@_exported import IPAddressKit

extension IPAddress {
    /// The BGP address family identifier of the address's version.
    public var afi: AFI { switch self { case .v4: .ipv4; case .v6: .ipv6 } }
}

extension IPPrefix {
    /// The BGP address family identifier.
    public var afi: AFI { address.afi }

    /// How many bytes of address the prefix takes in NLRI: the length rounded up to octets.
    public var encodedByteCount: Int { (length + 7) / 8 }

    /// A prefix decoded from NLRI, whose length the caller has checked against the
    /// address's width; stray bits past the length are kept for a byte-identical re-encode.
    init(unchecked address: IPAddress, length: UInt8) {
        // The caller checked the length, so the fallback is never taken.
        self = IPPrefix(keepingHostBits: address, length: Int(length)) ?? IPPrefix(keepingHostBits: address, length: 0)!
    }
}
