/// AS4_AGGREGATOR (type 18, optional transitive, RFC 6793): AGGREGATOR with a 4-octet
/// ASN, sent to OLD speakers. Always 8 bytes; otherwise attribute-discard.
enum AS4AggregatorAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> Aggregator {
        try Aggregator.decode(value, asnSize: 4, code: .as4Aggregator)
    }
}
