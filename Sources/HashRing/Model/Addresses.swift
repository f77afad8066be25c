// The address types are IPAddressKit's, shared by every lbkit library; re-exported so
// that `import HashRing` is all a user needs.
@_exported import IPAddressKit

extension IPAddress {
    // Every HashRing algorithm sees an address as one 128-bit big-endian integer, IPv4 in
    // its IPv4-mapped form `::ffff:a.b.c.d` (RFC 4291 section 2.5.5.2), so that both
    // versions hash alike. These give its two halves.

    /// The first 64 bits of the 128-bit form.
    @inlinable
    var mappedHigh: UInt64 {
        switch self {
        case .v4: 0
        case let .v6(a): a.high
        }
    }

    /// The last 64 bits of the 128-bit form.
    @inlinable
    var mappedLow: UInt64 {
        switch self {
        case let .v4(a): 0x0000_FFFF_0000_0000 | UInt64(a.value)
        case let .v6(a): a.low
        }
    }

    /// The 128-bit form as four 32-bit words, most significant first.
    @inlinable
    var mappedWords: (UInt32, UInt32, UInt32, UInt32) {
        let high = mappedHigh, low = mappedLow
        return (UInt32(truncatingIfNeeded: high >> 32), UInt32(truncatingIfNeeded: high),
                UInt32(truncatingIfNeeded: low >> 32), UInt32(truncatingIfNeeded: low))
    }

    /// The 16 bytes of the 128-bit form.
    var mappedBytes: [UInt8] {
        switch self {
        case let .v4(a): [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + a.bytes
        case let .v6(a): a.bytes
        }
    }
}
