/// Builds a block of attributes: each value padded to 4 bytes, nested attributes'
/// lengths back-patched when the nest closes. A value too long for the 16-bit length
/// field is refused; the error is sticky and reported by ``finish()``.
public struct AttributeWriter: Sendable {
    /// The encoded bytes so far (only meaningful once every nest is closed).
    public private(set) var bytes: [UInt8]
    private var openNests: [Int] = []
    private var failure: NetlinkEncodingError?

    /// Starts a block after `prefix` (for example a generic netlink header).
    public init(prefix: [UInt8] = []) {
        bytes = prefix
        bytes.reserveCapacity(128)
    }

    private mutating func header(_ type: UInt16, valueLength: Int) -> Bool {
        guard valueLength <= Int(UInt16.max) - 4 else {
            if failure == nil { failure = NetlinkEncodingError("attribute \(type) value of \(valueLength) bytes exceeds 65531") }
            return false
        }
        bytes.appendNative(UInt16(valueLength + 4))
        bytes.appendNative(type)
        return true
    }

    private mutating func pad() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    public mutating func append(_ type: UInt16, bytes value: some Collection<UInt8>) {
        guard header(type, valueLength: value.count) else { return }
        bytes.append(contentsOf: value)
        pad()
    }

    public mutating func append(_ type: UInt16, flag: Void = ()) {
        append(type, bytes: EmptyCollection<UInt8>())
    }

    public mutating func append(_ type: UInt16, uint8 value: UInt8) { append(type, bytes: CollectionOfOne(value)) }

    public mutating func append<T: FixedWidthInteger>(_ type: UInt16, native value: T) {
        guard header(type, valueLength: MemoryLayout<T>.size) else { return }
        bytes.appendNative(value)
        pad()
    }

    public mutating func append(_ type: UInt16, uint16 value: UInt16) { append(type, native: value) }
    public mutating func append(_ type: UInt16, uint32 value: UInt32) { append(type, native: value) }
    public mutating func append(_ type: UInt16, uint64 value: UInt64) { append(type, native: value) }
    public mutating func append(_ type: UInt16, int32 value: Int32) { append(type, native: value) }

    /// A value the kernel keeps in network byte order.
    public mutating func append<T: FixedWidthInteger>(_ type: UInt16, bigEndian value: T) {
        guard header(type, valueLength: MemoryLayout<T>.size) else { return }
        bytes.appendBigEndian(value)
        pad()
    }

    /// A NUL-terminated string (NLA_NUL_STRING and NLA_STRING both accept it).
    public mutating func append(_ type: UInt16, string value: String) {
        var utf8 = Array(value.utf8)
        utf8.append(0)
        append(type, bytes: utf8)
    }

    /// Appends bytes with no attribute header (a struct inside a nest, such as the peer
    /// ifinfomsg of a veth), padded to 4 bytes.
    mutating func appendRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
        pad()
    }

    /// Opens a nested attribute; close it with ``endNested()``.
    public mutating func beginNested(_ type: UInt16) {
        openNests.append(bytes.count)
        bytes.appendNative(UInt16(0))
        bytes.appendNative(type | NetlinkAttribute.nestedFlag)
    }

    /// Closes the innermost nest, writing its final length into its header.
    public mutating func endNested() {
        guard let start = openNests.popLast() else {
            if failure == nil { failure = NetlinkEncodingError("endNested without a matching beginNested") }
            return
        }
        let length = bytes.count - start
        guard length <= Int(UInt16.max) else {
            if failure == nil { failure = NetlinkEncodingError("nested attribute of \(length) bytes exceeds 65535") }
            return
        }
        bytes.storeNative(UInt16(length), at: start)
    }

    /// Writes a nest whose content `body` appends.
    public mutating func nested(_ type: UInt16, _ body: (inout AttributeWriter) -> Void) {
        beginNested(type)
        body(&self)
        endNested()
    }

    /// The finished block, or the first error met while writing it.
    public func finish() throws(NetlinkEncodingError) -> [UInt8] {
        if let failure { throw failure }
        guard openNests.isEmpty else { throw NetlinkEncodingError("\(openNests.count) nested attribute(s) left open") }
        return bytes
    }
}

/// A request that cannot be encoded (a value too long for its length field, a nest left open).
public struct NetlinkEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "cannot encode netlink request: \(reason)" }
}
