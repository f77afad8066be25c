/// The network-layer header of a captured packet: addresses, the transport protocol, and
/// where the transport header starts.
///
/// Decoding is total: any byte string gives a packet or an ``IPPacketError``. IPv6
/// extension headers (hop-by-hop, routing, destination options, authentication) are
/// skipped with every length checked, at most ``IPPacket/maximumExtensionHeaders`` of
/// them. Fragments other than a whole datagram are reported as ``IPPacketError/fragment``
/// rather than reassembled.
public struct IPPacket: Hashable, Sendable {
    /// Where the packet came from.
    public var source: IPAddress
    /// Where the packet goes.
    public var destination: IPAddress
    /// The upper-layer protocol number (6 is TCP), after any IPv6 extension headers.
    public var transportProtocol: UInt8
    /// Offset of the transport header within the bytes given to ``init(decoding:)``.
    public var transportOffset: Int
    /// Offset one past the last byte the IP header says belongs to the packet (capped at
    /// what was captured), so Ethernet padding is never taken for payload.
    public var endOffset: Int

    /// More IPv6 extension headers than this make the packet an error rather than a long walk.
    public static let maximumExtensionHeaders = 8

    /// Decodes the IPv4 or IPv6 header that starts `bytes`.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(IPPacketError) {
        guard let first = bytes.first else { throw .truncated(offset: 0) }
        switch first >> 4 {
        case 4: try self.init(ipv4: bytes)
        case 6: try self.init(ipv6: bytes)
        case let version: throw .unknownVersion(version)
        }
    }

    private init(ipv4 bytes: UnsafeRawBufferPointer) throws(IPPacketError) {
        guard bytes.count >= 20 else { throw .truncated(offset: bytes.count) }
        let headerLength = Int(bytes[0] & 0x0F) * 4
        guard headerLength >= 20 else { throw .badHeaderLength(offset: 0) }
        guard bytes.count >= headerLength else { throw .truncated(offset: bytes.count) }
        let totalLength = Int(bytes[2]) << 8 | Int(bytes[3])
        guard totalLength >= headerLength else { throw .badHeaderLength(offset: 2) }
        // Any fragment (more-fragments set or a non-zero offset) is only part of a datagram.
        let fragment = (Int(bytes[6]) << 8 | Int(bytes[7])) & 0x3FFF
        if fragment != 0 { throw .fragment }
        self.init(
            source: .read(bytes, at: 12, ipv6: false),
            destination: .read(bytes, at: 16, ipv6: false),
            transportProtocol: bytes[9],
            transportOffset: headerLength,
            endOffset: min(totalLength, bytes.count)
        )
    }

    private init(ipv6 bytes: UnsafeRawBufferPointer) throws(IPPacketError) {
        guard bytes.count >= 40 else { throw .truncated(offset: bytes.count) }
        let payloadLength = Int(bytes[4]) << 8 | Int(bytes[5])
        // A zero payload length means a jumbogram (RFC 2675): trust the capture instead.
        let end = payloadLength == 0 ? bytes.count : min(40 + payloadLength, bytes.count)
        var next = bytes[6]
        var offset = 40
        var walked = 0
        while true {
            let length: Int
            switch next {
            case 0, 43, 60: // hop-by-hop, routing, destination options: 8-octet units after the first 8
                guard offset + 2 <= end else { throw .truncated(offset: offset) }
                length = (Int(bytes[offset + 1]) + 1) * 8
            case 51: // authentication header: 4-octet units, minus 2
                guard offset + 2 <= end else { throw .truncated(offset: offset) }
                length = (Int(bytes[offset + 1]) + 2) * 4
            case 44: // fragment header
                guard offset + 8 <= end else { throw .truncated(offset: offset) }
                let fragment = (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
                // Offset zero and no more fragments is an atomic fragment (RFC 6946): whole.
                if fragment & 0xFFF9 != 0 { throw .fragment }
                length = 8
            default:
                self.init(
                    source: .read(bytes, at: 8, ipv6: true),
                    destination: .read(bytes, at: 24, ipv6: true),
                    transportProtocol: next,
                    transportOffset: offset,
                    endOffset: end
                )
                return
            }
            walked += 1
            if walked > Self.maximumExtensionHeaders { throw .tooManyExtensionHeaders }
            guard offset + length <= end else { throw .truncated(offset: offset) }
            next = bytes[offset]
            offset += length
        }
    }

    private init(source: IPAddress, destination: IPAddress, transportProtocol: UInt8, transportOffset: Int, endOffset: Int) {
        self.source = source
        self.destination = destination
        self.transportProtocol = transportProtocol
        self.transportOffset = transportOffset
        self.endOffset = endOffset
    }
}

/// Why a network-layer header could not be decoded.
public enum IPPacketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes end inside a header that starts or continues at `offset`.
    case truncated(offset: Int)
    /// The version nibble is neither 4 nor 6.
    case unknownVersion(UInt8)
    /// A header length field (at `offset`) is smaller than the header itself.
    case badHeaderLength(offset: Int)
    /// More IPv6 extension headers than ``IPPacket/maximumExtensionHeaders``.
    case tooManyExtensionHeaders
    /// The packet is one fragment of a larger datagram; fragments are not reassembled.
    case fragment

    /// One line for a report.
    public var description: String {
        switch self {
        case let .truncated(offset): "IP packet truncated at byte \(offset)"
        case let .unknownVersion(version): "IP version \(version) is neither 4 nor 6"
        case let .badHeaderLength(offset): "IP header length field at byte \(offset) is too small"
        case .tooManyExtensionHeaders: "more than \(IPPacket.maximumExtensionHeaders) IPv6 extension headers"
        case .fragment: "IP fragment (fragments are not reassembled)"
        }
    }
}
