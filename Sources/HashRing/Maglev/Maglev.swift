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
        // The range first: trial division of a huge number would take too long.
        guard (2...(1 << 26)).contains(size) else { throw .sizeOutOfRange(size, supported: 2...(1 << 26)) }
        guard Primes.isPrime(size) else { throw .sizeNotPrime(size) }
        let ordered = try BackendSet.ordered(backends)
        let weighted = ordered.filter { $0.weight > 0 }.count
        guard weighted <= size else { throw .tooManyBackends(weighted, size: size) }
        guard weighted > 0 else {
            return LookupTable(backends: ordered, slots: [UInt32](repeating: LookupTable.noBackend, count: size))
        }
        let quotas = BackendSet.quotas(weights: ordered.map { $0.weight }, slotCount: size)
        let permutations = ordered.map { MaglevPermutation(key: $0.key, size: size) }
        return LookupTable(backends: ordered, slots: populate(size: size, quotas: quotas, permutations: permutations))
    }

    /// Each backend's number of slots in a table of `size` (see ``Maglev``), in key order.
    public static func quotas(for backends: some Sequence<Backend>, size: Int) throws(HashRingError) -> [Int] {
        BackendSet.quotas(weights: try BackendSet.ordered(backends).map { $0.weight }, slotCount: size)
    }

    /// Rebuilds `table` for `backends` and reports the slots that changed.
    public static func rebuild(_ table: LookupTable, backends: some Sequence<Backend>, size: Int? = nil) throws(HashRingError) -> (table: LookupTable, diff: TableDiff) {
        let newer = try Self.table(for: backends, size: size ?? table.size)
        return (newer, table.changes(to: newer))
    }

    /// Fills the table: turns in proportion to the quotas, each turn claiming the
    /// backend's next free slot along its permutation.
    static func populate(size: Int, quotas: [Int], permutations: [MaglevPermutation]) -> [UInt32] {
        let rounds = quotas.max() ?? 0
        guard rounds > 0 else { return [UInt32](repeating: LookupTable.noBackend, count: size) }
        // Plain buffers and no closures: the loop below runs some 400,000 times for a
        // 65,537-slot table, and captured variables would cost an exclusivity check each.
        let taken = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: (size + 63) / 64)
        taken.initialize(repeating: 0)
        let state = UnsafeMutableBufferPointer<TurnState>.allocate(capacity: quotas.count)
        for index in quotas.indices {
            state[index] = TurnState(next: permutations[index].offset, skip: permutations[index].skip, quota: quotas[index], held: 0)
        }
        let active = quotas.indices.filter { quotas[$0] > 0 }
        defer {
            taken.deallocate()
            state.deallocate()
        }

        // Probing costs about size / free probes per claim, so the last claims dominate.
        // Once few slots are free, find a backend's next free slot by computing, for
        // each free slot, how many skips away along the permutation it lies, and taking
        // the nearest: the same slot the probing finds, for about `free` multiplications.
        var tailThreshold = 16
        while tailThreshold * tailThreshold * 3 < size { tailThreshold += 1 }
        var free: [Int] = []
        var inverses: [Int] = []
        var filled = 0

        let slots = [UInt32](unsafeUninitializedCapacity: size) { slots, initialized in
            slots.initialize(repeating: LookupTable.noBackend)
            initialized = size
            for round in 1...rounds {
                var position = 0
                while position < active.count {
                    if size - filled > tailThreshold + 4 {
                        // The next four backends due a slot this round, in order.
                        var due = (0, 0, 0, 0)
                        var found = 0
                        while found < 4 && position < active.count {
                            let backend = active[position]
                            position += 1
                            // held < ceil(round * quota / rounds), without a division.
                            guard state[backend].held &* rounds < round &* state[backend].quota else { continue }
                            switch found {
                            case 0: due.0 = backend
                            case 1: due.1 = backend
                            case 2: due.2 = backend
                            default: due.3 = backend
                            }
                            found += 1
                        }
                        if found == 4 {
                            claimFour(due, taken: taken, state: state, slots: slots, size: size)
                        } else {
                            for backend in [due.0, due.1, due.2].prefix(found) {
                                claim(backend, from: state[backend].next, taken: taken, state: state, slots: slots, size: size)
                            }
                        }
                        filled &+= found
                    } else {
                        let backend = active[position]
                        position += 1
                        var turn = state[backend]
                        guard turn.held &* rounds < round &* turn.quota else { continue }
                        if inverses.isEmpty {
                            free = (0..<size).filter { !isTaken($0, taken) }
                            inverses = permutations.map { inverse($0.skip, modulo: size) }
                        }
                        let slot = nearestFree(free, from: turn.next, inverse: inverses[backend], size: size)
                        free.swapAt(free.firstIndex(of: slot) ?? 0, free.count - 1)
                        free.removeLast()
                        slots[slot] = UInt32(truncatingIfNeeded: backend)
                        filled &+= 1
                        turn.next = step(slot, by: turn.skip, size: size)
                        turn.held &+= 1
                        state[backend] = turn
                    }
                }
            }
        }
        return slots
    }

    @inline(__always)
    static func isTaken(_ slot: Int, _ taken: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        taken[slot &>> 6] & (1 &<< UInt64(truncatingIfNeeded: slot & 63)) != 0
    }

    @inline(__always)
    static func step(_ slot: Int, by skip: Int, size: Int) -> Int {
        let next = slot &+ skip
        return next >= size ? next &- size : next
    }

    /// Claims for `backend` the first free slot at or after `start` along its permutation.
    @inline(__always)
    static func claim(_ backend: Int, from start: Int, taken: UnsafeMutableBufferPointer<UInt64>,
                      state: UnsafeMutableBufferPointer<TurnState>, slots: UnsafeMutableBufferPointer<UInt32>, size: Int) {
        var turn = state[backend]
        var slot = start
        while isTaken(slot, taken) { slot = step(slot, by: turn.skip, size: size) }
        taken[slot &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: slot & 63)
        slots[slot] = UInt32(truncatingIfNeeded: backend)
        // The slot just claimed is taken now: start after it next time.
        turn.next = step(slot, by: turn.skip, size: size)
        turn.held &+= 1
        state[backend] = turn
    }

    /// Four claims in order, their probing interleaved: each walk stops at the first slot
    /// free before any of the four claims, with no branch per probe. Only that slot can
    /// have been claimed meanwhile by an earlier one of the four (the slots a walk passed
    /// were already taken), and then the walk simply goes on from it. So the result is
    /// exactly that of four claims one after the other, at about a quarter of the
    /// mispredicted branches.
    @inline(__always)
    static func claimFour(_ due: (Int, Int, Int, Int), taken: UnsafeMutableBufferPointer<UInt64>,
                          state: UnsafeMutableBufferPointer<TurnState>, slots: UnsafeMutableBufferPointer<UInt32>, size: Int) {
        var s0 = state[due.0].next, s1 = state[due.1].next, s2 = state[due.2].next, s3 = state[due.3].next
        let k0 = state[due.0].skip, k1 = state[due.1].skip, k2 = state[due.2].skip, k3 = state[due.3].skip
        while true {
            let t0 = isTaken(s0, taken), t1 = isTaken(s1, taken), t2 = isTaken(s2, taken), t3 = isTaken(s3, taken)
            if !(t0 || t1 || t2 || t3) { break }
            s0 = t0 ? step(s0, by: k0, size: size) : s0
            s1 = t1 ? step(s1, by: k1, size: size) : s1
            s2 = t2 ? step(s2, by: k2, size: size) : s2
            s3 = t3 ? step(s3, by: k3, size: size) : s3
        }
        claim(due.0, from: s0, taken: taken, state: state, slots: slots, size: size)
        claim(due.1, from: s1, taken: taken, state: state, slots: slots, size: size)
        claim(due.2, from: s2, taken: taken, state: state, slots: slots, size: size)
        claim(due.3, from: s3, taken: taken, state: state, slots: slots, size: size)
    }

    /// One backend's progress through its permutation.
    struct TurnState {
        var next: Int
        var skip: Int
        var quota: Int
        var held: Int
    }

    /// The free slot reached first walking from `slot` by skips: the one whose distance
    /// from `slot`, times the skip's inverse, is smallest modulo `size`.
    static func nearestFree(_ free: [Int], from slot: Int, inverse: Int, size: Int) -> Int {
        var best = slot
        var bestSteps = UInt64.max
        for candidate in free {
            let distance = candidate >= slot ? candidate - slot : candidate - slot + size
            let steps = UInt64(distance) &* UInt64(inverse) % UInt64(size)
            if steps < bestSteps {
                bestSteps = steps
                best = candidate
            }
        }
        return best
    }

    /// The multiplicative inverse of `value` modulo the prime `modulus` (extended Euclid).
    static func inverse(_ value: Int, modulo modulus: Int) -> Int {
        var (oldRemainder, remainder) = (value, modulus)
        var (oldCoefficient, coefficient) = (1, 0)
        while remainder != 0 {
            let quotient = oldRemainder / remainder
            (oldRemainder, remainder) = (remainder, oldRemainder - quotient * remainder)
            (oldCoefficient, coefficient) = (coefficient, oldCoefficient - quotient * coefficient)
        }
        let result = oldCoefficient % modulus
        return result < 0 ? result + modulus : result
    }
}
