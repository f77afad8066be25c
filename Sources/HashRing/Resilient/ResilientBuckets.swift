/// A fixed table of buckets whose owners change only when they must, like Linux
/// resilient next-hop groups (`ip nexthop add ... type resilient`) and switch ECMP
/// resilient hashing.
///
/// - Removing a member frees exactly its buckets; each freed bucket (ascending) goes to
///   the member furthest below its target share (ties to the earlier member in key
///   order). No other bucket moves.
/// - Adding a member moves nothing by itself: the new member takes buckets only from
///   members above their target, and only buckets the caller says are idle (a data plane
///   knows which buckets saw no traffic lately). ``rebalance(movable:)`` with every bucket
///   movable is the explicit "rebalance now".
///
/// Unlike Maglev, the table depends on its history, not only on the current members:
/// load balancers that must agree have to apply the same operations in the same order,
/// or share the table.
public struct ResilientBuckets: Sendable {
    /// The members, ordered by ``Backend/Key``.
    public private(set) var members: [Backend]
    /// Each bucket's owner, an index in ``members`` or ``LookupTable/noBackend``.
    public private(set) var owners: [UInt32]

    /// `bucketCount` buckets dealt to `members` in proportion to their weights: in round
    /// `r` of `R = max target` rounds each member (in key order) takes the next bucket
    /// if it holds fewer than `ceil(r * target / R)`.
    /// - Throws: ``HashRingError`` for a bucket count below 1, or a member given twice.
    public init(bucketCount: Int, members: some Sequence<Backend>) throws(HashRingError) {
        guard bucketCount >= 1, bucketCount <= 1 << 26 else {
            throw .sizeOutOfRange(bucketCount, supported: 1...(1 << 26))
        }
        self.members = try BackendSet.ordered(members)
        owners = [UInt32](repeating: LookupTable.noBackend, count: bucketCount)
        let targets = self.targets
        let rounds = targets.max() ?? 0
        var held = [Int](repeating: 0, count: targets.count)
        var bucket = 0
        for round in 1...max(rounds, 1) where rounds > 0 {
            for member in targets.indices where held[member] < (round * targets[member] + rounds - 1) / rounds {
                owners[bucket] = UInt32(member)
                held[member] += 1
                bucket += 1
            }
        }
    }

    /// The number of buckets.
    public var bucketCount: Int { owners.count }

    /// Each member's target number of buckets (within one of its weighted share).
    public var targets: [Int] {
        BackendSet.quotas(weights: members.map { $0.weight }, slotCount: owners.count)
    }

    /// The buckets as a lookup table.
    public var table: LookupTable { LookupTable(backends: members, slots: owners) }

    /// Removes the member with `key`; its buckets, and only those, go to the members
    /// furthest below their targets. Returns the buckets that changed.
    @discardableResult
    public mutating func remove(_ key: Backend.Key) throws(HashRingError) -> TableDiff {
        guard let removed = members.firstIndex(where: { $0.key == key }) else { throw .unknownBackend(key) }
        members.remove(at: removed)
        // The removed member's buckets, and any that had no owner (an empty group).
        var unowned: [(bucket: Int, wasRemovedMembers: Bool)] = []
        for bucket in owners.indices {
            let owner = owners[bucket]
            if owner == LookupTable.noBackend {
                unowned.append((bucket, false))
            } else if owner == UInt32(removed) {
                owners[bucket] = LookupTable.noBackend
                unowned.append((bucket, true))
            } else if owner > UInt32(removed) {
                owners[bucket] = owner - 1
            }
        }
        var deficits = deficitsNow()
        var changed: [Int] = []
        for (bucket, wasRemovedMembers) in unowned {
            if let member = Self.mostUnderweight(deficits) {
                owners[bucket] = UInt32(member)
                deficits[member] -= 1
                changed.append(bucket)
            } else if wasRemovedMembers {
                changed.append(bucket)  // now without an owner: the group is empty
            }
        }
        return TableDiff(changedSlots: changed, slotCount: owners.count)
    }

    /// Adds `member`; it takes buckets only from overweight members and only those for
    /// which `movable` is true (none by default; free buckets are always taken). Returns
    /// the buckets that changed.
    @discardableResult
    public mutating func add(_ member: Backend, movable: (Int) -> Bool = { _ in false }) throws(HashRingError) -> TableDiff {
        guard !members.contains(where: { $0.key == member.key }) else { throw .duplicateBackend(member.key) }
        let position = members.firstIndex { member.key < $0.key } ?? members.count
        members.insert(member, at: position)
        for bucket in owners.indices where owners[bucket] != LookupTable.noBackend && owners[bucket] >= UInt32(position) {
            owners[bucket] += 1
        }
        return rebalance(movable: movable)
    }

    /// Moves buckets for which `movable` is true from members above their targets to
    /// the members furthest below theirs, ascending, until no member is below target or
    /// no movable bucket of an overweight member is left. Free buckets always move.
    /// With the default (every bucket movable) this is "rebalance now".
    @discardableResult
    public mutating func rebalance(movable: (Int) -> Bool = { _ in true }) -> TableDiff {
        var deficits = deficitsNow()
        var missing = deficits.reduce(0) { $0 + max($1, 0) }
        var changed: [Int] = []
        for bucket in owners.indices where missing > 0 {
            let owner = owners[bucket]
            // Only free buckets and movable buckets of overweight members move.
            guard owner == LookupTable.noBackend || deficits[Int(owner)] < 0 && movable(bucket),
                  let member = Self.mostUnderweight(deficits) else { continue }
            if owner != LookupTable.noBackend { deficits[Int(owner)] += 1 }
            owners[bucket] = UInt32(member)
            deficits[member] -= 1
            missing -= 1
            changed.append(bucket)
        }
        return TableDiff(changedSlots: changed, slotCount: owners.count)
    }

    /// Target minus held, per member: positive below target, negative above.
    private func deficitsNow() -> [Int] {
        var deficits = targets
        for owner in owners where owner != LookupTable.noBackend { deficits[Int(owner)] -= 1 }
        return deficits
    }

    /// The member with the largest positive deficit, the earliest on a tie.
    private static func mostUnderweight(_ deficits: [Int]) -> Int? {
        var best: Int?
        for index in deficits.indices where deficits[index] > 0 && (best == nil || deficits[index] > deficits[best!]) {
            best = index
        }
        return best
    }
}
