/// MULTI_EXIT_DISC (type 4, optional non-transitive): a 4-byte metric, lower preferred.
/// RFC 7606 section 7.4: a length other than 4 is treat-as-withdraw.
enum MultiExitDiscAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> UInt32 {
        try FixedAttribute.uint32(value, .multiExitDisc, .treatAsWithdraw)
    }
}
