/// CLUSTER_LIST (type 10, optional non-transitive, RFC 4456): the reflection path.
/// RFC 7606 section 7.10: a length that is not a non-zero multiple of 4 is
/// treat-as-withdraw.
enum ClusterListAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> [IPv4Address] {
        let count = try CommunitiesAttribute.validate(value, code: .clusterList)
        return [IPv4Address](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                buffer[i] = IPv4Address(value.bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).bigEndian)
            }
            initialized = count
        }
    }
}
