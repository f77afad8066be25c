// The address types are IPAddressKit's, shared by every lbkit library; re-exported so
// that `import TunnelKit` is all a user needs.
@_exported import IPAddressKit

extension IPv4Address {
    /// Reads four bytes at `offset`; the caller has checked they are there.
    @inline(__always)
    init(reading bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.init(bytes.uint32(offset))
    }
}

extension IPv6Address {
    /// Reads sixteen bytes at `offset`; the caller has checked they are there.
    @inline(__always)
    init(reading bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.init(high: bytes.uint64(offset), low: bytes.uint64(offset + 8))
    }
}
