/// A block of attributes in wire order, every one kept (unknown types included) so a
/// caller can look up the ones it knows and pass the rest on.
public struct NetlinkAttributes: Equatable, Sendable, RandomAccessCollection {
    public private(set) var attributes: [NetlinkAttribute]

    public var startIndex: Int { attributes.startIndex }
    public var endIndex: Int { attributes.endIndex }
    public subscript(position: Int) -> NetlinkAttribute { attributes[position] }

    public init(_ attributes: [NetlinkAttribute] = []) { self.attributes = attributes }

    /// Walks the TLVs in `bytes`. Each length is checked against what is left; the last
    /// attribute may omit its padding. `baseOffset` is added to offsets in errors so that
    /// they point into the enclosing message.
    public init(parsing bytes: ArraySlice<UInt8>, baseOffset: Int = 0) throws(NetlinkDecodingError) {
        var attributes: [NetlinkAttribute] = []
        var offset = 0
        while offset < bytes.count {
            let at = baseOffset + offset
            guard let length = bytes.native(UInt16.self, at: offset),
                  let rawType = bytes.native(UInt16.self, at: offset + 2)
            else {
                throw NetlinkDecodingError("attribute header needs 4 bytes, \(bytes.count - offset) left", at: at)
            }
            guard length >= 4 else {
                throw NetlinkDecodingError("attribute length \(length) below its 4-byte header", at: at)
            }
            guard let value = bytes.bytes(at: offset + 4, count: Int(length) - 4) else {
                throw NetlinkDecodingError("attribute length \(length) past the \(bytes.count - offset) bytes left", at: at)
            }
            attributes.append(NetlinkAttribute(
                type: rawType & NetlinkAttribute.typeMask, value: value,
                isNested: rawType & NetlinkAttribute.nestedFlag != 0,
                isNetworkByteOrder: rawType & NetlinkAttribute.networkByteOrderFlag != 0,
                offset: at))
            offset += Swift.min(netlinkAlign(Int(length)), bytes.count - offset)
        }
        self.attributes = attributes
    }

    /// The last attribute of `type` (the kernel, too, lets a later duplicate win).
    public func first(_ type: UInt16) -> NetlinkAttribute? {
        attributes.last { $0.type == type }
    }

    /// Every attribute of `type`, in order (for repeated attributes such as RTA_MULTIPATH entries).
    public func all(_ type: UInt16) -> [NetlinkAttribute] {
        attributes.filter { $0.type == type }
    }

    public func uint8(_ type: UInt16) throws(NetlinkDecodingError) -> UInt8? { try first(type)?.uint8() }
    public func uint16(_ type: UInt16) throws(NetlinkDecodingError) -> UInt16? { try first(type)?.uint16() }
    public func uint32(_ type: UInt16) throws(NetlinkDecodingError) -> UInt32? { try first(type)?.uint32() }
    public func uint64(_ type: UInt16) throws(NetlinkDecodingError) -> UInt64? { try first(type)?.uint64() }
    public func int32(_ type: UInt16) throws(NetlinkDecodingError) -> Int32? { try first(type)?.int32() }
    public func string(_ type: UInt16) -> String? { first(type)?.string() }
    public func nested(_ type: UInt16) throws(NetlinkDecodingError) -> NetlinkAttributes? { try first(type)?.nested() }

    /// A required attribute: throws naming `what` when it is absent.
    public func require(_ type: UInt16, _ what: String, in context: String) throws(NetlinkDecodingError) -> NetlinkAttribute {
        guard let attribute = first(type) else {
            throw NetlinkDecodingError("\(context) lacks its \(what) attribute (type \(type))", at: attributes.first?.offset ?? 0)
        }
        return attribute
    }
}
