/// Bytes that are not a well-formed netlink message or attribute: what was wrong and
/// where, as a byte offset from the start of the datagram or attribute block decoded.
public struct NetlinkDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was malformed, e.g. "attribute length 3 below its 4-byte header".
    public var reason: String
    /// Byte offset of the malformed element.
    public var offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "malformed netlink data at byte \(offset): \(reason)" }
}
