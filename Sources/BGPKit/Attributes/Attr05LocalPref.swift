/// LOCAL_PREF (type 5, well-known, iBGP only): a 4-byte preference, higher preferred.
/// RFC 7606 section 7.5: a length other than 4 is treat-as-withdraw (an eBGP receiver
/// may discard it instead; the codec cannot know the session type).
enum LocalPrefAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> UInt32 {
        try FixedAttribute.uint32(value, .localPref, .treatAsWithdraw)
    }
}
