// The address types are IPAddressKit's, shared by every lbkit library; re-exported so
// that `import PcapKit` is all a user needs.
@_exported import IPAddressKit

extension IPAddress {
    /// Reads an address in network order at `offset`: 16 bytes when `ipv6`, else 4. The
    /// caller has checked they are there.
    static func read(_ bytes: UnsafeRawBufferPointer, at offset: Int, ipv6: Bool) -> IPAddress {
        func word(_ at: Int, _ count: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in at..<(at + count) { value = value << 8 | UInt64(bytes[index]) }
            return value
        }
        if ipv6 { return .v6(IPv6Address(high: word(offset, 8), low: word(offset + 8, 8))) }
        return .v4(IPv4Address(UInt32(truncatingIfNeeded: word(offset, 4))))
    }
}
