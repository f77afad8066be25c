/// Validates an IPv4 header in place, in the order Linux's `ip_rcv_core` does: length of
/// the fixed header, IHL, the options present, the checksum, then the total length.
enum IPv4HeaderParser {
    /// The fixed header length.
    static let minimumLength = 20

    /// Parses the header at `offset`, with the packet allowed to extend to `end`.
    /// Fills `facts` as far as the bytes allow, so a caller can report the addresses of a
    /// packet that fails a later check.
    @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer, at offset: Int, end: Int,
                      into facts: inout IPHeaderFacts) -> IPHeaderProblem? {
        let available = end - offset
        guard available >= minimumLength else {
            return .truncated(offset: offset, needed: minimumLength, available: max(available, 0))
        }
        facts.sourceLow = UInt64(bytes.uint32(offset + 12))
        facts.destinationLow = UInt64(bytes.uint32(offset + 16))
        facts.trafficClass = bytes[offset + 1]
        facts.hopLimit = bytes[offset + 8]
        facts.upperProtocol = bytes[offset + 9]
        facts.identificationStorage = UInt32(bytes.uint16(offset + 4))
        let fragmentField = bytes.uint16(offset + 6)
        var flags: IPHeaderFacts.Flags = .hasIdentification
        if fragmentField & 0x4000 != 0 { flags.insert(.dontFragment) }
        if fragmentField & 0x2000 != 0 { flags.insert(.moreFragments) }
        if fragmentField & 0x1FFF != 0 {
            flags.insert(.laterFragment)
            facts.fragmentByteOffset = (fragmentField & 0x1FFF) &* 8
        }
        facts.flags = flags
        let ihl = bytes[offset] & 0x0F
        guard ihl >= 5 else { return .badIHL(ihl: ihl) }
        let headerLength = Int(ihl) * 4
        facts.headerLengthStorage = UInt32(headerLength)
        facts.ipv4OptionsLengthStorage = UInt8(headerLength - minimumLength)
        guard available >= headerLength else {
            return .truncated(offset: offset, needed: headerLength, available: available)
        }
        let totalLength = Int(bytes.uint16(offset + 2))
        facts.packetLengthStorage = UInt32(totalLength)
        let sum = headerLength == minimumLength ? InternetChecksum.sumOf20Bytes(bytes, at: offset)
            : InternetChecksum.sum(bytes, offset..<(offset + headerLength))
        guard sum == 0xFFFF else {
            let found = bytes.uint16(offset + 10)
            // Take the stored value out of the sum (one's-complement subtraction).
            let without = InternetChecksum.fold(UInt64(sum) &+ UInt64(~found))
            return .badChecksum(found: found, expected: ~without)
        }
        guard totalLength >= headerLength, totalLength <= available else {
            return .lengthMismatch(field: totalLength, available: available)
        }
        return nil
    }
}
