/// One netlink message: its header and a view of its payload (no copy).
public struct NetlinkMessage: Equatable, Sendable {
    public var header: NetlinkHeader
    /// The bytes after the header, exactly `header.length - 16` of them.
    public var payload: ArraySlice<UInt8>
    /// Offset of this message's header in the datagram it came from.
    public var offset: Int

    public init(header: NetlinkHeader, payload: ArraySlice<UInt8>, offset: Int = 0) {
        self.header = header
        self.payload = payload
        self.offset = offset
    }

    /// Splits a received datagram into its messages. Every length is checked against
    /// what is left; the last message may omit its alignment padding.
    public static func split(_ datagram: ArraySlice<UInt8>) throws(NetlinkDecodingError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while offset < datagram.count {
            guard let rest = datagram.bytes(from: offset) else { break }
            let header = try NetlinkHeader(decoding: rest, offset: offset)
            let length = Int(header.length)
            guard length >= NetlinkHeader.size else {
                throw NetlinkDecodingError("message length \(length) below its 16-byte header", at: offset)
            }
            guard let payload = rest.bytes(at: NetlinkHeader.size, count: length - NetlinkHeader.size) else {
                throw NetlinkDecodingError("message length \(length) past the \(rest.count) bytes left", at: offset)
            }
            messages.append(NetlinkMessage(header: header, payload: payload, offset: offset))
            offset += Swift.min(netlinkAlign(length), rest.count)
        }
        return messages
    }

    /// Encodes a message with the given header fields; the length is computed.
    public static func encode(type: UInt16, flags: NetlinkFlags, sequence: UInt32, portID: UInt32 = 0,
                              payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(NetlinkHeader.size + payload.count)
        NetlinkHeader(length: UInt32(truncatingIfNeeded: NetlinkHeader.size + payload.count), type: type,
                      flags: flags, sequence: sequence, portID: portID).encode(into: &bytes)
        bytes.append(contentsOf: payload)
        while bytes.count % 4 != 0 { bytes.append(0) }
        return bytes
    }
}
