/// One type-length-value attribute (`struct nlattr`), viewing its value without a copy.
public struct NetlinkAttribute: Equatable, Sendable {
    /// The attribute type without the nested and byte-order flag bits.
    public var type: UInt16
    /// NLA_F_NESTED was set.
    public var isNested: Bool
    /// NLA_F_NET_BYTEORDER was set.
    public var isNetworkByteOrder: Bool
    /// The value, without the 4-byte header and without padding.
    public var value: ArraySlice<UInt8>
    /// Offset of the attribute's header in the block it was read from.
    public var offset: Int

    static let nestedFlag: UInt16 = 0x8000
    static let networkByteOrderFlag: UInt16 = 0x4000
    static let typeMask: UInt16 = 0x3fff

    public init(type: UInt16, value: ArraySlice<UInt8>, isNested: Bool = false,
                isNetworkByteOrder: Bool = false, offset: Int = 0) {
        self.type = type
        self.value = value
        self.isNested = isNested
        self.isNetworkByteOrder = isNetworkByteOrder
        self.offset = offset
    }

    private func requireLength(_ length: Int, _ what: String) throws(NetlinkDecodingError) {
        guard value.count == length else {
            throw NetlinkDecodingError("attribute \(type) is \(value.count) bytes, a \(what) needs \(length)", at: offset)
        }
    }

    public func uint8() throws(NetlinkDecodingError) -> UInt8 {
        try requireLength(1, "u8")
        return value.native(UInt8.self, at: 0) ?? 0
    }

    public func uint16() throws(NetlinkDecodingError) -> UInt16 {
        try requireLength(2, "u16")
        return value.native(UInt16.self, at: 0) ?? 0
    }

    public func uint32() throws(NetlinkDecodingError) -> UInt32 {
        try requireLength(4, "u32")
        return value.native(UInt32.self, at: 0) ?? 0
    }

    public func uint64() throws(NetlinkDecodingError) -> UInt64 {
        try requireLength(8, "u64")
        return value.native(UInt64.self, at: 0) ?? 0
    }

    public func int32() throws(NetlinkDecodingError) -> Int32 {
        try requireLength(4, "s32")
        return value.native(Int32.self, at: 0) ?? 0
    }

    /// A 16-bit value the kernel keeps in network byte order (`__be16`, e.g. a port).
    public func bigEndianUInt16() throws(NetlinkDecodingError) -> UInt16 {
        try requireLength(2, "be16")
        return value.bigEndian(UInt16.self, at: 0) ?? 0
    }

    /// A 32-bit value the kernel keeps in network byte order (`__be32`).
    public func bigEndianUInt32() throws(NetlinkDecodingError) -> UInt32 {
        try requireLength(4, "be32")
        return value.bigEndian(UInt32.self, at: 0) ?? 0
    }

    /// A string: the bytes up to the first NUL (or all of them when there is none),
    /// decoded as UTF-8 with invalid sequences repaired.
    public func string() -> String {
        let end = value.firstIndex(of: 0) ?? value.endIndex
        return String(decoding: value[value.startIndex..<end], as: UTF8.self)
    }

    /// The attributes nested inside this one.
    public func nested() throws(NetlinkDecodingError) -> NetlinkAttributes {
        try NetlinkAttributes(parsing: value, baseOffset: offset + 4)
    }
}
