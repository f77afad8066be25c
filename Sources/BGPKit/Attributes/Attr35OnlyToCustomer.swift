/// OTC, Only to Customer (type 35, optional transitive, RFC 9234): the ASN that marked
/// the route for route-leak prevention. A length other than 4 is treat-as-withdraw.
enum OnlyToCustomerAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> UInt32 {
        try FixedAttribute.uint32(value, .onlyToCustomer, .treatAsWithdraw)
    }
}
