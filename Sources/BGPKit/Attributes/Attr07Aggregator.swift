/// AGGREGATOR (type 7) and AS4_AGGREGATOR (type 18): the AS and router that aggregated
/// the route.
public struct Aggregator: Hashable, Sendable, CustomStringConvertible {
    /// The aggregating AS (AS_TRANS, 23456, on a 2-octet session when it does not fit).
    public var asn: UInt32
    /// The aggregating router's BGP identifier.
    public var address: IPv4Address

    public init(asn: UInt32, address: IPv4Address) {
        self.asn = asn
        self.address = address
    }

    /// "65000 192.0.2.1".
    public var description: String { "\(asn) \(address)" }

    /// RFC 7606 sections 7.7 and 7.9 (with RFC 6793): a length other than 6 (2-octet
    /// ASN) or 8 (4-octet) is attribute-discard.
    static func decode(_ value: ByteReader, asnSize: Int, code: AttributeCode) throws(BGPError) -> Aggregator {
        guard value.bytes.count == asnSize + 4 else {
            throw ErrorTemplate(.attributeLength, .updateMessageError, NotificationCode.Update.attributeLength,
                                .attributeDiscard, attribute: code)
                .error(at: value.base, detail: "length \(value.bytes.count), expected \(asnSize + 4)")
        }
        var reader = value
        let asn = asnSize == 4 ? try reader.readUInt32() : UInt32(try reader.readUInt16())
        return Aggregator(asn: asn, address: IPv4Address(try reader.readUInt32()))
    }

    func encode(asnSize: Int, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        if asnSize == 4 {
            buffer.appendUInt32(asn)
        } else {
            guard asn <= 0xFFFF else { throw .valueOutOfRange("aggregator ASN \(asn) on a 2-octet AS session") }
            buffer.appendUInt16(UInt16(asn))
        }
        buffer.appendUInt32(address.value)
    }
}
