import TunnelKit

/// Per inner flow: how many packets, and the outer source and flow label that carried
/// the last one. An open-addressing hash table with a cheap multiplicative hash, because
/// Swift's `Dictionary` (SipHash over every field) cost more than the whole
/// decapsulation per packet.
///
/// Bounded: past `capacity` flows, new flows are not tracked (`insertIfRoom` says so).
struct FlowTable {
    struct Entry {
        var key: FlowKey
        var packets: Int
        var outerSource: IPAddress
        var flowLabel: UInt32?
    }

    /// Flows tracked at most.
    let capacity: Int
    private(set) var count = 0
    private var hashes: [UInt64]
    private var entries: [Entry?]
    private var mask: Int

    init(capacity: Int) {
        self.capacity = capacity
        hashes = [UInt64](repeating: 0, count: 1024)
        entries = [Entry?](repeating: nil, count: 1024)
        mask = 1023
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: FlowKey, _ hash: UInt64) -> (slot: Int, found: Bool) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let h = hashes[slot]
            if h == 0 { return (slot, false) }
            if h == hash, entries[slot]?.key == key { return (slot, true) }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `update` on the entry of `key`, creating it with `make` when there is room.
    /// Returns false when the flow is new and the table is full.
    @inline(__always)
    mutating func update(_ key: FlowKey, make: () -> Entry, _ update: (inout Entry) -> Void) -> Bool {
        let hash = Self.hash(key)
        let (slot, found) = find(key, hash)
        if found {
            update(&entries[slot]!)
            return true
        }
        guard count < capacity else { return false }
        hashes[slot] = hash
        entries[slot] = make()
        count += 1
        if count * 2 > hashes.count { grow() }
        return true
    }

    /// Every entry, in no particular order.
    var all: [Entry] { entries.compactMap { $0 } }

    private mutating func grow() {
        let old = zip(hashes, entries)
        let size = hashes.count * 2
        hashes = [UInt64](repeating: 0, count: size)
        let oldEntries = entries
        entries = [Entry?](repeating: nil, count: size)
        mask = size - 1
        for (hash, entry) in zip(old.map(\.0), oldEntries) where hash != 0 {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = hash
            entries[slot] = entry
        }
    }

    /// A multiply-xorshift mix of the tuple; never 0 (0 marks an empty slot).
    @inline(__always)
    static func hash(_ key: FlowKey) -> UInt64 {
        @inline(__always) func word(_ address: IPAddress) -> UInt64 {
            switch address {
            case let .v4(a): UInt64(a.value) | 0x4_0000_0000
            case let .v6(a): a.high ^ (a.low &* 0x9E37_79B9_7F4A_7C15)
            }
        }
        var h = word(key.source) &* 0xFF51_AFD7_ED55_8CCD
        h ^= word(key.destination) &* 0xC4CE_B9FE_1A85_EC53
        h ^= UInt64(key.sourcePort ?? key.icmpIdentifier ?? 0) << 40 | UInt64(key.destinationPort ?? 0) << 16 | UInt64(key.protocol)
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 29
        return h | 1
    }
}
