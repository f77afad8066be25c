/// ATOMIC_AGGREGATE (type 6, well-known discretionary): no value.
/// RFC 7606 section 7.6: a length other than 0 is attribute-discard.
enum AtomicAggregateAttribute {
    static func validate(_ value: ByteReader) throws(BGPError) {
        guard value.bytes.isEmpty else {
            throw ErrorTemplate(.attributeLength, .updateMessageError, NotificationCode.Update.attributeLength,
                                .attributeDiscard, attribute: .atomicAggregate)
                .error(at: value.base, detail: "length \(value.bytes.count), expected 0")
        }
    }
}
