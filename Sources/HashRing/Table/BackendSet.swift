/// Puts backends in their stable order, so that tables do not depend on input order.
enum BackendSet {
    /// `backends` sorted by ``Backend/Key``; throws on a key given twice.
    static func ordered(_ backends: some Sequence<Backend>) throws(HashRingError) -> [Backend] {
        // Sorting a concrete array keeps the sort specialised (a generic Sequence sort
        // boxes every element).
        var sorted = [Backend](backends)
        sorted.sort { $0.key < $1.key }
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
        let left = slotCount - quotas.reduce(0, +)
        guard left > 0 else { return quotas }
        // Largest remainder first, then the earlier backend: sort (remainder, index)
        // pairs with the remainder negated by complement.
        var order: [(UInt64, Int)] = []
        order.reserveCapacity(weights.count)
        for index in weights.indices where weights[index] > 0 {
            order.append((UInt64.max - remainders[index], index))
        }
        order.sort { $0 < $1 }
        for (_, index) in order.prefix(left) { quotas[index] += 1 }
        return quotas
    }
}
