/// ORIGINATOR_ID (type 9, optional non-transitive, RFC 4456): the route reflector
/// client that originated the route. RFC 7606 section 7.9: a length other than 4 is
/// treat-as-withdraw.
enum OriginatorIDAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> IPv4Address {
        IPv4Address(try FixedAttribute.uint32(value, .originatorID, .treatAsWithdraw))
    }
}
