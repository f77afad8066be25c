/// Puts backends in their stable order, so that tables do not depend on input order.
enum BackendSet {
    /// `backends` sorted by ``Backend/Key``; throws on a key given twice.
    static func ordered(_ backends: some Sequence<Backend>) throws(HashRingError) -> [Backend] {
        let sorted = backends.sorted { $0.key < $1.key }
        for index in sorted.indices.dropFirst() where sorted[index].key == sorted[index - 1].key {
            throw .duplicateBackend(sorted[index].key)
        }
        return sorted
    }

    /// Each backend's number of slots out of `slotCount`, proportional to its weight:
    /// the floor of `slotCount * weight / totalWeight`, plus one for the backends with
    /// the largest remainders (ties to the earlier backend) until the slots are used up.
    /// So each share is within one slot of exact, and shares sum to `slotCount`.
    static func quotas(weights: [UInt32], slotCount: Int) -> [Int] {
        let total = weights.reduce(UInt64(0)) { $0 + UInt64($1) }
        guard total > 0 else { return [Int](repeating: 0, count: weights.count) }
        let slots = UInt64(slotCount)
        var quotas = weights.map { Int(slots * UInt64($0) / total) }
        let remainders = weights.map { slots * UInt64($0) % total }
        var left = slotCount - quotas.reduce(0, +)
        let order = weights.indices.filter { weights[$0] > 0 }.sorted {
            remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
        }
        for index in order where left > 0 {
            quotas[index] += 1
            left -= 1
        }
        return quotas
    }
}
