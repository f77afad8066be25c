import TunnelKit

/// Per inner flow: how many packets, and the outer source and flow label that carried
/// the last one.
///
/// Flows sit in one dense array in the order they were first seen (an entry is 72 bytes:
/// one cache line to look at per packet); an open-addressing index of 64-bit slots points
/// into it. A slot holds the high half of the flow's hash beside the entry number, so a
/// probe past another flow rarely touches that flow's entry. Swift's `Dictionary`
/// (SipHash over every field, copy-on-write checks) cost more than the whole
/// decapsulation per packet.
///
/// Noncopyable because it owns its memory: no reference counting, no uniqueness checks
/// on the per-packet path. Bounded: past `capacity` flows, new flows are not tracked.
struct FlowTable: ~Copyable {
    /// Flows tracked at most.
    let capacity: Int
    /// Flows tracked.
    private(set) var count = 0

    fileprivate struct Entry {
        var key: PackedFlowKey
        var outerHigh: UInt64
        var outerLow: UInt64
        var packets: Int
        var label: UInt32
    }

    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int
    /// 0 for an empty slot; else the hash's high 32 bits, and the entry's index plus one.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    init(capacity: Int) {
        self.capacity = capacity
        entryCapacity = 1024
        entries = .allocate(capacity: entryCapacity)
        (slots, mask) = Self.makeSlots(2 * entryCapacity)
    }

    deinit {
        entries.deallocate()
        slots.deallocate()
    }

    /// Counts a packet of the observed flow, and says whether the outer source or the
    /// flow label changed since the flow's previous packet.
    @inline(__always)
    mutating func observe(_ seen: FlowObservation) -> CaptureWarnings {
        let hash = seen.key.hash
        let tag = hash & Self.tagMask
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { break }
            if value & Self.tagMask == tag {
                let entry = entries + Int(truncatingIfNeeded: value & ~Self.tagMask) - 1
                if entry.pointee.key == seen.key {
                    return entry.pointee.count(seen)
                }
            }
            slot = (slot + 1) & mask
        }
        guard count < capacity else { return [] }
        if count == entryCapacity { growEntries() }
        (entries + count).initialize(to: Entry(key: seen.key, outerHigh: seen.outerHigh, outerLow: seen.outerLow,
                                               packets: 1, label: seen.label))
        count += 1
        slots[slot] = tag | UInt64(count)
        if count * 2 > mask + 1 { growSlots() }
        return []
    }

    /// The packet count of every flow, in the order first seen.
    var packetCounts: [Int] { (0..<count).map { entries[$0].packets } }

    /// The flows with at least `threshold` packets, with their counts, in the order first seen.
    func flows(withAtLeast threshold: Int) -> [(key: FlowKey, packets: Int)] {
        (0..<count).filter { entries[$0].packets >= threshold }.map { (entries[$0].key.flowKey, entries[$0].packets) }
    }

    private mutating func growEntries() {
        let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
        bigger.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = bigger
        entryCapacity *= 2
    }

    private mutating func growSlots() {
        slots.deallocate()
        (slots, mask) = Self.makeSlots(2 * (mask + 1))
        for index in 0..<count {
            let hash = entries[index].key.hash
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & Self.tagMask | UInt64(index + 1)
        }
    }

    private static func makeSlots(_ size: Int) -> (UnsafeMutablePointer<UInt64>, mask: Int) {
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        return (slots, size - 1)
    }
}

extension FlowTable.Entry {
    /// Counts a packet of this flow and remembers what carried it; reports a change.
    @inline(__always)
    fileprivate mutating func count(_ seen: FlowObservation) -> CaptureWarnings {
        // IPv4 and IPv6 outer sources differ even with equal bits; the label says which.
        let wasV4 = label == FlowObservation.ipv4Outer, isV4 = seen.label == FlowObservation.ipv4Outer
        let changed: CaptureWarnings = outerHigh != seen.outerHigh || outerLow != seen.outerLow || wasV4 != isV4
            ? .outerSourceChanged
            : label != seen.label ? .flowLabelChanged : []
        packets += 1
        outerHigh = seen.outerHigh
        outerLow = seen.outerLow
        label = seen.label
        return changed
    }
}
