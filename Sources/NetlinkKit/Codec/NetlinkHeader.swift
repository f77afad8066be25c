/// `struct nlmsghdr`: the 16-byte header in front of every netlink message, in host
/// byte order.
public struct NetlinkHeader: Equatable, Sendable {
    /// The size of the encoded header.
    public static let size = 16

    /// Length of the message including this header.
    public var length: UInt32
    /// Message type: one of ``NetlinkMessageType`` or a protocol's (a generic netlink family id).
    public var type: UInt16
    public var flags: NetlinkFlags
    public var sequence: UInt32
    /// Port id of the socket that sent or is to receive the message.
    public var portID: UInt32

    public init(length: UInt32, type: UInt16, flags: NetlinkFlags, sequence: UInt32, portID: UInt32) {
        self.length = length
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
    }

    /// Decodes the header at the start of `bytes` (which must hold at least 16 bytes).
    public init(decoding bytes: ArraySlice<UInt8>, offset: Int = 0) throws(NetlinkDecodingError) {
        guard let length = bytes.native(UInt32.self, at: 0),
              let type = bytes.native(UInt16.self, at: 4),
              let flags = bytes.native(UInt16.self, at: 6),
              let sequence = bytes.native(UInt32.self, at: 8),
              let portID = bytes.native(UInt32.self, at: 12)
        else {
            throw NetlinkDecodingError("message header needs 16 bytes, \(bytes.count) left", at: offset)
        }
        self.init(length: length, type: type, flags: NetlinkFlags(rawValue: flags), sequence: sequence, portID: portID)
    }

    /// Appends the encoded header.
    public func encode(into bytes: inout [UInt8]) {
        bytes.appendNative(length)
        bytes.appendNative(type)
        bytes.appendNative(flags.rawValue)
        bytes.appendNative(sequence)
        bytes.appendNative(portID)
    }
}

/// The control message types every netlink protocol shares.
public enum NetlinkMessageType {
    public static let noop: UInt16 = 1
    public static let error: UInt16 = 2
    public static let done: UInt16 = 3
    public static let overrun: UInt16 = 4
    /// Types below this are control messages; protocols use the rest.
    public static let minimumProtocolType: UInt16 = 0x10
}
