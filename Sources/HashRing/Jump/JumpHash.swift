/// Jump consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash
/// Algorithm", 2014): a key to one of `n` buckets with no table and no memory.
///
/// Only the last bucket can be removed without remapping others, and every bucket gets
/// the same share, so it takes no weights. Here it is for comparison and for users who
/// number their backends themselves.
public enum JumpHash {
    /// The bucket in `0..<count` for `key` (`count` at least 1).
    @inlinable
    public static func bucket(for key: UInt64, count: Int) -> Int {
        var key = key
        var bucket: Int64 = -1
        var next: Int64 = 0
        while next < Int64(count) {
            bucket = next
            key = key &* 2_862_933_555_777_941_757 &+ 1
            next = Int64(Double(bucket + 1) * (Double(UInt64(1) << 31) / Double((key >> 33) + 1)))
        }
        return Int(bucket)
    }

    /// A table of `size` slots over `backends` (ordered by ``Backend/Key``; those with
    /// weight 0 left out of the buckets): slot `s` holds the backend of bucket
    /// `bucket(for: mix64(s), count: n)`, where ``Mixing/mix64(_:)`` spreads the slot
    /// number over 64 bits.
    /// - Throws: ``HashRingError/weightsNotSupported`` if the positive weights differ.
    public static func table(for backends: some Sequence<Backend>, size: Int) throws(HashRingError) -> LookupTable {
        guard size >= 1, size <= 1 << 26 else { throw .sizeOutOfRange(size, supported: 1...(1 << 26)) }
        let ordered = try BackendSet.ordered(backends)
        let buckets = ordered.indices.filter { ordered[$0].weight > 0 }
        guard Set(buckets.map { ordered[$0].weight }).count <= 1 else { throw .weightsNotSupported }
        guard !buckets.isEmpty else {
            return LookupTable(backends: ordered, slots: [UInt32](repeating: LookupTable.noBackend, count: size))
        }
        let slots = (0..<size).map { slot in
            UInt32(buckets[bucket(for: Mixing.mix64(UInt64(slot)), count: buckets.count)])
        }
        return LookupTable(backends: ordered, slots: slots)
    }
}
