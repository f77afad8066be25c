import TunnelKit

/// Per inner flow: how many packets, and the outer source and flow label that carried
/// the last one.
///
/// An open-addressing table (linear probing) of 64-byte entries, each one cache line
/// holding the packed key and everything counted for the flow: a packet costs one
/// random memory access, which on a large capture (the flows outgrow the L2 cache while
/// the file streams through it) is most of what the table costs. Swift's `Dictionary`
/// (SipHash over every field, copy-on-write checks) cost more than the whole
/// decapsulation per packet, and a separate index before the entries a second miss.
///
/// Noncopyable because it owns its memory: no reference counting, no uniqueness checks
/// on the per-packet path. Bounded: past `capacity` flows, new flows are not tracked
/// (fewer than 3 × `capacity` entries of 64 bytes).
struct FlowTable: ~Copyable {
    /// Flows tracked at most.
    let capacity: Int
    /// Flows tracked.
    private(set) var count = 0

    /// One flow in one cache line. `state` is the packet count shifted left by
    /// ``stateShift`` with the label code below it; 0 marks an empty entry.
    fileprivate struct Entry {
        var key: PackedFlowKey
        var outerHigh: UInt64
        var outerLow: UInt64
        var state: UInt64
    }

    private var entries: UnsafeMutablePointer<Entry>
    private var mask: Int
    /// Packets counted per flow at most (2^40, far beyond any capture): the count stops
    /// there rather than overflow into nothing.
    private static let stateShift: UInt64 = 24
    private static let maximumPackets: UInt64 = 1 << 40
    /// The label as stored: the 20-bit IPv6 flow label, or ``ipv4Code`` for an IPv4 outer header.
    private static let ipv4Code: UInt64 = 1 << 20
    private static let labelMask: UInt64 = 1 << stateShift - 1

    init(capacity: Int) {
        self.capacity = capacity
        (entries, mask) = Self.makeEntries(2048)
    }

    deinit { entries.deallocate() }

    /// Counts a packet of the observed flow, and says whether the outer source or the
    /// flow label changed since the flow's previous packet.
    @inline(__always)
    mutating func observe(_ seen: FlowObservation) -> CaptureWarnings {
        let code = seen.label == FlowObservation.ipv4Outer ? Self.ipv4Code : UInt64(seen.label & 0x000F_FFFF)
        var slot = Int(truncatingIfNeeded: seen.key.hash) & mask
        while true {
            let entry = entries + slot
            let state = entry.pointee.state
            if state == 0 { break }
            if entry.pointee.key == seen.key {
                // IPv4 and IPv6 outer sources differ even with equal bits; the code says which.
                let oldCode = state & Self.labelMask
                let changed: CaptureWarnings = entry.pointee.outerHigh != seen.outerHigh || entry.pointee.outerLow != seen.outerLow
                    || (oldCode == Self.ipv4Code) != (code == Self.ipv4Code)
                    ? .outerSourceChanged
                    : oldCode != code ? .flowLabelChanged : []
                let packets = min(state >> Self.stateShift + 1, Self.maximumPackets)
                entry.pointee.state = packets << Self.stateShift | code
                entry.pointee.outerHigh = seen.outerHigh
                entry.pointee.outerLow = seen.outerLow
                return changed
            }
            slot = (slot + 1) & mask
        }
        guard count < capacity else { return [] }
        entries[slot] = Entry(key: seen.key, outerHigh: seen.outerHigh, outerLow: seen.outerLow,
                              state: 1 << Self.stateShift | code)
        count += 1
        // Grow past 3/4 full, so that probe runs stay short.
        if count * 4 > (mask + 1) * 3 { grow() }
        return []
    }

    /// The packet count of every flow, in no particular order.
    var packetCounts: [Int] {
        (0...mask).compactMap { entries[$0].state == 0 ? nil : Int(entries[$0].state >> Self.stateShift) }
    }

    /// The flows with at least `threshold` packets, with their counts, in no particular order.
    func flows(withAtLeast threshold: Int) -> [(key: FlowKey, packets: Int)] {
        (0...mask).compactMap { slot in
            let state = entries[slot].state
            guard state != 0, Int(state >> Self.stateShift) >= threshold else { return nil }
            return (entries[slot].key.flowKey, Int(state >> Self.stateShift))
        }
    }

    private mutating func grow() {
        let (old, oldMask) = (entries, mask)
        (entries, mask) = Self.makeEntries(2 * (mask + 1))
        for index in 0...oldMask where old[index].state != 0 {
            var slot = Int(truncatingIfNeeded: old[index].key.hash) & mask
            while entries[slot].state != 0 { slot = (slot + 1) & mask }
            entries[slot] = old[index]
        }
        old.deallocate()
    }

    /// `size` empty entries (a power of two), each on its own cache line.
    private static func makeEntries(_ size: Int) -> (UnsafeMutablePointer<Entry>, mask: Int) {
        precondition(MemoryLayout<Entry>.stride == 64)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size * 64, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size * 64)
        return (raw.bindMemory(to: Entry.self, capacity: size), size - 1)
    }
}
