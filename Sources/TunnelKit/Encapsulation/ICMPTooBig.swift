/// Builds the ICMP Fragmentation Needed (IPv4, RFC 792 / RFC 1191) or ICMPv6 Packet Too
/// Big (RFC 4443 section 3.2) message that tells a sender its packet does not fit a tunnel.
public enum ICMPTooBig {
    /// Why no message was built.
    public enum Failure: Error, Hashable, Sendable {
        /// The offending packet is not an IP packet with a readable header.
        case malformedOffending
        /// RFC 1122 section 3.2.2 / RFC 4443 section 2.4(e): no error about an ICMP
        /// error, nor about a later fragment.
        case errorNotAllowed
        /// The source address has the other IP version.
        case sourceVersionMismatch
        /// `output` is smaller than the `needed` bytes.
        case outputTooSmall(needed: Int)
    }

    /// The length of the message `build` writes for an offending packet of `offendingLength` bytes.
    public static func messageLength(version: IPVersion, offendingLength: Int) -> Int {
        // As much of the offending packet as fits the minimum MTU: 576 (RFC 1812
        // section 4.3.2.3) or 1280 (RFC 4443 section 2.4(c)).
        version == .v4 ? 28 + min(offendingLength, 576 - 28) : 48 + min(offendingLength, 1280 - 48)
    }

    /// Writes into `output` the message from `source` back to the sender of `offending`
    /// (the bytes of the inner packet, from its IP header), saying that `mtu` fits.
    /// Returns the message length. Checksums are computed; nothing is allocated.
    public static func build(offending: UnsafeRawBufferPointer, mtu: Int, source: IPAddress, hopLimit: UInt8 = 64,
                             into output: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        guard offending.count >= 20 else { throw .malformedOffending }
        switch (offending[0] >> 4, source) {
        case let (4, .v4(src)):
            let ihl = Int(offending[0] & 0x0F) * 4
            guard ihl >= 20, ihl <= offending.count else { throw .malformedOffending }
            guard offending.uint16(6) & 0x1FFF == 0 else { throw .errorNotAllowed }
            if offending[9] == IPProtocolNumber.icmp {
                guard offending.count >= ihl + 1 else { throw .malformedOffending }
                let type = offending[ihl]
                if type != 0, type != 8, type != 13, type != 14 { throw .errorNotAllowed } // only queries are answered
            }
            let total = messageLength(version: .v4, offendingLength: offending.count)
            guard output.count >= total else { throw .outputTooSmall(needed: total) }
            let quote = total - 28
            output.setUInt16(0x45C0, at: 0) // precedence "internetwork control" (RFC 1812 section 4.3.2.5)
            output.setUInt16(UInt16(total), at: 2)
            output.setUInt32(0, at: 4)
            output.setUInt16(UInt16(hopLimit) << 8 | UInt16(IPProtocolNumber.icmp), at: 8)
            output.setUInt16(0, at: 10)
            output.setUInt32(src.value, at: 12)
            output.setUInt32(offending.uint32(12), at: 16)
            output.setUInt16(InternetChecksum.checksum(UnsafeRawBufferPointer(output), 0..<20), at: 10)
            output.setUInt16(0x0304, at: 20) // type 3 destination unreachable, code 4 fragmentation needed
            output.setUInt16(0, at: 22)
            output.setUInt16(0, at: 24)
            output.setUInt16(UInt16(clamping: mtu), at: 26)
            UnsafeMutableRawBufferPointer(rebasing: output[28..<total]).copyMemory(from: UnsafeRawBufferPointer(rebasing: offending[0..<quote]))
            output.setUInt16(InternetChecksum.checksum(UnsafeRawBufferPointer(output), 20..<total), at: 22)
            return total
        case let (6, .v6(src)):
            guard offending.count >= 40 else { throw .malformedOffending }
            var facts = IPHeaderFacts(version: .v6, offset: 0)
            // Walk as far as the bytes go (the quoted packet may be cut short).
            let problem = IPv6HeaderParser.parse(offending, at: 0, end: offending.count, maximumExtensionHeaders: 8, into: &facts)
            if problem == nil {
                if case .nonFirst = facts.fragment { throw .errorNotAllowed }
                if facts.upperProtocol == IPProtocolNumber.icmpv6 {
                    guard facts.upperLayerOffset < offending.count else { throw .malformedOffending }
                    if offending[facts.upperLayerOffset] < 128 { throw .errorNotAllowed }
                }
            }
            let total = messageLength(version: .v6, offendingLength: offending.count)
            guard output.count >= total else { throw .outputTooSmall(needed: total) }
            let quote = total - 48
            let destination = IPv6Address(reading: offending, at: 8)
            output.setUInt32(6 << 28, at: 0)
            output.setUInt16(UInt16(total - 40), at: 4)
            output[6] = IPProtocolNumber.icmpv6
            output[7] = hopLimit
            output.setUInt64(src.high, at: 8)
            output.setUInt64(src.low, at: 16)
            output.setUInt64(destination.high, at: 24)
            output.setUInt64(destination.low, at: 32)
            output.setUInt16(0x0200, at: 40) // type 2 packet too big, code 0
            output.setUInt16(0, at: 42)
            output.setUInt32(UInt32(clamping: mtu), at: 44)
            UnsafeMutableRawBufferPointer(rebasing: output[48..<total]).copyMemory(from: UnsafeRawBufferPointer(rebasing: offending[0..<quote]))
            let pseudo = InternetChecksum.pseudoHeaderSum(source: .v6(src), destination: .v6(destination),
                                                         protocol: IPProtocolNumber.icmpv6, length: total - 40)
            output.setUInt16(InternetChecksum.checksum(UnsafeRawBufferPointer(output), 40..<total, initial: pseudo), at: 42)
            return total
        case (4, .v6), (6, .v4):
            throw .sourceVersionMismatch
        default:
            throw .malformedOffending
        }
    }
}
