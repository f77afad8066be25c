/// `struct genlmsghdr`: the 4 bytes after the netlink header of a generic netlink message.
public struct GenericHeader: Equatable, Sendable {
    public static let size = 4
    public var command: UInt8
    public var version: UInt8

    public init(command: UInt8, version: UInt8) {
        self.command = command
        self.version = version
    }

    public init(decoding payload: ArraySlice<UInt8>, offset: Int = 0) throws(NetlinkDecodingError) {
        guard let command = payload.native(UInt8.self, at: 0), let version = payload.native(UInt8.self, at: 1),
              payload.count >= Self.size
        else {
            throw NetlinkDecodingError("generic netlink header needs 4 bytes, has \(payload.count)", at: offset)
        }
        self.init(command: command, version: version)
    }

    /// The header's bytes (command, version, two reserved zero bytes).
    public var bytes: [UInt8] { [command, version, 0, 0] }
}

/// A generic netlink message split into its header and attributes.
public struct GenericMessage: Equatable, Sendable {
    public var header: GenericHeader
    public var attributes: NetlinkAttributes

    public init(_ message: NetlinkMessage) throws(NetlinkDecodingError) {
        let base = message.offset + NetlinkHeader.size
        header = try GenericHeader(decoding: message.payload, offset: base)
        attributes = try NetlinkAttributes(parsing: message.payload.bytes(from: GenericHeader.size) ?? [],
                                           baseOffset: base + GenericHeader.size)
    }
}
