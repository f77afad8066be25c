/// A table of slots, each naming the backend that flows hashing to it go to. Every
/// algorithm here produces one, so tables can be printed, compared and diffed alike.
public struct LookupTable: Hashable, Sendable {
    /// The marker of a slot that has no backend (no backend has a non-zero weight).
    public static let noBackend = UInt32.max

    /// The backends, in the order the algorithm uses: ordered by ``Backend/Key`` for
    /// every algorithm except IPVS `mh`, which keeps the kernel's list order.
    public let backends: [Backend]
    /// For each slot, the index in ``backends`` of its backend, or ``noBackend``.
    public let slots: [UInt32]

    /// A table from its backends and slots; each slot must be a valid index or ``noBackend``.
    public init(backends: [Backend], slots: [UInt32]) {
        self.backends = backends
        self.slots = slots
    }

    /// The number of slots.
    @inlinable
    public var size: Int { slots.count }

    /// The index in ``backends`` of the backend in `slot`, `nil` if it has none.
    @inlinable
    public func backendIndex(slot: Int) -> Int? {
        let index = slots[slot]
        return index == Self.noBackend ? nil : Int(index)
    }

    /// The slot a 64-bit flow hash falls in: `(hash * size) >> 64`.
    @inlinable
    public func slot(forHash hash: UInt64) -> Int {
        Mixing.reduce(hash, into: slots.count)
    }

    /// The backend a 64-bit flow hash maps to, `nil` if the table is empty.
    @inlinable
    public func backend(forHash hash: UInt64) -> Backend? {
        guard !slots.isEmpty, let index = backendIndex(slot: slot(forHash: hash)) else { return nil }
        return backends[index]
    }

    /// How many slots each backend holds, in ``backends`` order.
    public var loads: [Int] {
        var counts = [Int](repeating: 0, count: backends.count)
        for index in slots where index != Self.noBackend { counts[Int(index)] += 1 }
        return counts
    }

    /// The slots whose backend differs in `newer` (compared by ``Backend/Key``, so a
    /// backend keeps its identity when others come and go); every slot if the sizes differ.
    public func changes(to newer: LookupTable) -> TableDiff {
        guard newer.size == size else {
            return TableDiff(changedSlots: Array(0..<newer.size), slotCount: newer.size)
        }
        var newIndexByKey: [Backend.Key: UInt32] = [:]
        for (index, backend) in newer.backends.enumerated() { newIndexByKey[backend.key] = UInt32(index) }
        // What each old backend index is called in the newer table.
        let translated = backends.map { newIndexByKey[$0.key] ?? Self.noBackend }
        var changed: [Int] = []
        for slot in 0..<size {
            let old = slots[slot]
            let oldInNew = old == Self.noBackend ? Self.noBackend : translated[Int(old)]
            if oldInNew != newer.slots[slot] {
                changed.append(slot)
            }
        }
        return TableDiff(changedSlots: changed, slotCount: size)
    }
}
