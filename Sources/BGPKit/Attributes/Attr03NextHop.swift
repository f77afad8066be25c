/// NEXT_HOP (type 3, well-known, mandatory with IPv4 NLRI): a 4-byte IPv4 address.
///
/// RFC 7606 section 7.3: a length other than 4 is treat-as-withdraw. Whether the
/// address is usable (not the receiver's own, not a martian) is the session's call.
enum NextHopAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> IPv4Address {
        guard value.bytes.count == 4 else {
            throw ErrorTemplate(.attributeLength, .updateMessageError, NotificationCode.Update.attributeLength,
                                .treatAsWithdraw, attribute: .nextHop)
                .error(at: value.base, detail: "length \(value.bytes.count), expected 4")
        }
        return IPv4Address(value.bytes.loadUnaligned(as: UInt32.self).bigEndian)
    }
}

/// Decoding of the attributes whose value is one 4-byte number (MED, LOCAL_PREF,
/// ORIGINATOR_ID, OTC); each states its own RFC 7606 disposition.
enum FixedAttribute {
    static func uint32(_ value: ByteReader, _ code: AttributeCode, _ disposition: ErrorDisposition) throws(BGPError) -> UInt32 {
        guard value.bytes.count == 4 else {
            throw ErrorTemplate(.attributeLength, .updateMessageError, NotificationCode.Update.attributeLength,
                                disposition, attribute: code)
                .error(at: value.base, detail: "length \(value.bytes.count), expected 4")
        }
        return value.bytes.loadUnaligned(as: UInt32.self).bigEndian
    }
}
