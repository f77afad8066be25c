/// Why ``FlowKey/init(packet:)`` could not read a flow from a packet.
public enum FlowKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The packet ends before byte `needed` (a header or the ports were cut).
    case truncated(needed: Int, available: Int)
    /// The first nibble is neither 4 nor 6.
    case unknownVersion(UInt8)
    /// The IPv4 header length field is below 5 words.
    case badIPv4HeaderLength(UInt8)

    public var description: String {
        switch self {
        case .truncated(let needed, let available): "packet truncated: needs \(needed) bytes, has \(available)"
        case .unknownVersion(let version): "byte 0: IP version \(version) is neither 4 nor 6"
        case .badIPv4HeaderLength(let words): "byte 0: IPv4 header length \(words) words is below 5"
        }
    }
}

extension FlowKey {
    /// Reads the 5-tuple of an IPv4 or IPv6 packet that starts at the IP header.
    ///
    /// The protocol is IPv4's protocol field or IPv6's next-header field; IPv6 extension
    /// headers are not followed (a load balancer hashes what the first header says). For
    /// TCP, UDP, SCTP and UDP-Lite the ports are the first four transport bytes; for
    /// other protocols both ports are 0. A fragment's ports are read only from the first
    /// fragment's bytes, so callers that see fragments should hash without ports.
    /// Never reads outside `packet`.
    @inlinable
    public init(packet: UnsafeRawBufferPointer) throws(FlowKeyError) {
        guard let first = packet.first else { throw .truncated(needed: 1, available: 0) }
        let transportOffset: Int
        switch first >> 4 {
        case 6:
            guard packet.count >= 40 else { throw .truncated(needed: 40, available: packet.count) }
            transportProtocol = packet[6]
            source = .v6(IPv6Address(high: packet.bigEndianWord(at: 8), low: packet.bigEndianWord(at: 16)))
            destination = .v6(IPv6Address(high: packet.bigEndianWord(at: 24), low: packet.bigEndianWord(at: 32)))
            transportOffset = 40
        case 4:
            let words = first & 0x0f
            guard words >= 5 else { throw .badIPv4HeaderLength(words) }
            transportOffset = Int(words) * 4
            guard packet.count >= transportOffset else { throw .truncated(needed: transportOffset, available: packet.count) }
            transportProtocol = packet[9]
            source = .v4(IPv4Address(packet.bigEndianUInt32(at: 12)))
            destination = .v4(IPv4Address(packet.bigEndianUInt32(at: 16)))
        default:
            throw .unknownVersion(first >> 4)
        }
        if Self.protocolHasPorts(transportProtocol) {
            guard packet.count >= transportOffset + 4 else {
                throw .truncated(needed: transportOffset + 4, available: packet.count)
            }
            sourcePort = UInt16(packet[transportOffset]) << 8 | UInt16(packet[transportOffset + 1])
            destinationPort = UInt16(packet[transportOffset + 2]) << 8 | UInt16(packet[transportOffset + 3])
        } else {
            sourcePort = 0
            destinationPort = 0
        }
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian 64-bit value at `offset`; the caller has checked the length.
    @inlinable
    func bigEndianWord(at offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The big-endian 32-bit value at `offset`; the caller has checked the length.
    @inlinable
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
