/// Maglev consistent hashing (Eisenbud et al., "Maglev: A Fast and Reliable Software
/// Network Load Balancer", NSDI 2016, section 3.4), with exact weighted shares.
///
/// Each backend walks its ``MaglevPermutation`` and claims the first free slot, in
/// turns, until the table is full. This implementation differs from the paper in one
/// respect: each backend's number of slots is fixed up front (``quotas(for:size:)``,
/// within one slot of its exact weighted share), and turns are dealt in proportion to
/// those quotas. In round `r` of `R = max quota` rounds, each backend (in key order)
/// claims one slot if it holds fewer than `ceil(r * quota / R)`. With equal weights that
/// is the paper's plain round robin.
///
/// Building costs about `size * ln(size)` probes of a bit set of `size` bits, plus
/// `R * N` turn checks (so it grows with the ratio of the largest weight to the mean);
/// memory is the table plus O(N).
public enum Maglev {
    /// The default table size, a prime: 65,537.
    public static let defaultSize = 65_537

    /// The Maglev table of `backends` (any order; they are ordered by ``Backend/Key``)
    /// with `size` slots.
    /// - Throws: ``HashRingError`` if `size` is not a prime, a backend is given twice, or
    ///   there are more weighted backends than slots.
    public static func table(for backends: some Sequence<Backend>, size: Int = defaultSize) throws(HashRingError) -> LookupTable {
        guard Primes.isPrime(size) else { throw .sizeNotPrime(size) }
        guard size <= 1 << 26 else { throw .sizeOutOfRange(size, supported: 2...(1 << 26)) }
        let ordered = try BackendSet.ordered(backends)
        let weighted = ordered.filter { $0.weight > 0 }.count
        guard weighted <= size else { throw .tooManyBackends(weighted, size: size) }
        guard weighted > 0 else {
            return LookupTable(backends: ordered, slots: [UInt32](repeating: LookupTable.noBackend, count: size))
        }
        let quotas = BackendSet.quotas(weights: ordered.map(\.weight), slotCount: size)
        let permutations = ordered.map { MaglevPermutation(key: $0.key, size: size) }
        return LookupTable(backends: ordered, slots: populate(size: size, quotas: quotas, permutations: permutations))
    }

    /// Each backend's number of slots in a table of `size` (see ``Maglev``), in key order.
    public static func quotas(for backends: some Sequence<Backend>, size: Int) throws(HashRingError) -> [Int] {
        BackendSet.quotas(weights: try BackendSet.ordered(backends).map(\.weight), slotCount: size)
    }

    /// Rebuilds `table` for `backends` and reports the slots that changed.
    public static func rebuild(_ table: LookupTable, backends: some Sequence<Backend>, size: Int? = nil) throws(HashRingError) -> (table: LookupTable, diff: TableDiff) {
        let newer = try Self.table(for: backends, size: size ?? table.size)
        return (newer, table.changes(to: newer))
    }

    /// Fills the table: turns in proportion to the quotas, each turn claiming the
    /// backend's next free slot along its permutation.
    static func populate(size: Int, quotas: [Int], permutations: [MaglevPermutation]) -> [UInt32] {
        var slots = [UInt32](repeating: LookupTable.noBackend, count: size)
        var taken = [UInt64](repeating: 0, count: (size + 63) / 64)
        // Per backend: the next slot to try, its skip, its quota and what it holds.
        var next = permutations.map(\.offset)
        let skips = permutations.map(\.skip)
        let active = quotas.indices.filter { quotas[$0] > 0 }
        var held = [Int](repeating: 0, count: quotas.count)
        let rounds = quotas.max() ?? 0
        slots.withUnsafeMutableBufferPointer { slots in
            taken.withUnsafeMutableBufferPointer { taken in
                next.withUnsafeMutableBufferPointer { next in
                    held.withUnsafeMutableBufferPointer { held in
                        for round in 1...max(rounds, 1) where rounds > 0 {
                            for backend in active {
                                let quota = quotas[backend]
                                let target = (round * quota + rounds - 1) / rounds
                                guard held[backend] < target else { continue }
                                let skip = skips[backend]
                                var slot = next[backend]
                                while taken[slot >> 6] & (1 << UInt64(slot & 63)) != 0 {
                                    slot += skip
                                    if slot >= size { slot -= size }
                                }
                                taken[slot >> 6] |= 1 << UInt64(slot & 63)
                                slots[slot] = UInt32(truncatingIfNeeded: backend)
                                held[backend] += 1
                                // The slot just claimed is taken now: start after it next time.
                                slot += skip
                                next[backend] = slot >= size ? slot - size : slot
                            }
                        }
                    }
                }
            }
        }
        return slots
    }
}
