import TunnelKit

/// Per inner flow: how many packets, and the outer source and flow label that carried
/// the last one. An open-addressing hash table with a cheap multiplicative hash and
/// parallel arrays, because Swift's `Dictionary` (SipHash over every field) cost more
/// than the whole decapsulation per packet.
///
/// Bounded: past `capacity` flows, new flows are not tracked.
struct FlowTable {
    /// Flows tracked at most.
    let capacity: Int
    private(set) var count = 0
    private var hashes: [UInt64]
    private var keys: [FlowKey?]
    private var packets: [Int]
    private var sources: [IPAddress?]
    /// The flow label, or `noLabel` for an IPv4 outer header.
    private var labels: [UInt32]
    private var mask: Int
    private static let noLabel = UInt32.max

    init(capacity: Int) {
        self.capacity = capacity
        let size = 1024
        hashes = [UInt64](repeating: 0, count: size)
        keys = [FlowKey?](repeating: nil, count: size)
        packets = [Int](repeating: 0, count: size)
        sources = [IPAddress?](repeating: nil, count: size)
        labels = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Counts a packet of `flow` carried from `source` with `label`, and says whether the
    /// outer source or the flow label changed since the flow's previous packet.
    @inline(__always)
    mutating func observe(_ flow: FlowKey, source: IPAddress, label: UInt32?) -> CaptureWarnings {
        let hash = Self.hash(flow)
        let label = label ?? Self.noLabel
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let h = hashes[slot]
            if h == 0 { break }
            if h == hash, keys[slot] == flow {
                var changed: CaptureWarnings = []
                if sources[slot] != source {
                    changed = .outerSourceChanged
                } else if labels[slot] != label {
                    changed = .flowLabelChanged
                }
                packets[slot] += 1
                sources[slot] = source
                labels[slot] = label
                return changed
            }
            slot = (slot + 1) & mask
        }
        guard count < capacity else { return [] }
        hashes[slot] = hash
        keys[slot] = flow
        packets[slot] = 1
        sources[slot] = source
        labels[slot] = label
        count += 1
        if count * 2 > hashes.count { grow() }
        return []
    }

    /// Every flow with its packet count, in no particular order.
    var all: [(key: FlowKey, packets: Int)] {
        hashes.indices.compactMap { i in keys[i].map { ($0, packets[i]) } }
    }

    private mutating func grow() {
        let old = (hashes, keys, packets, sources, labels)
        let size = hashes.count * 2
        hashes = [UInt64](repeating: 0, count: size)
        keys = [FlowKey?](repeating: nil, count: size)
        packets = [Int](repeating: 0, count: size)
        sources = [IPAddress?](repeating: nil, count: size)
        labels = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for i in old.0.indices where old.0[i] != 0 {
            var slot = Int(truncatingIfNeeded: old.0[i]) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = old.0[i]
            keys[slot] = old.1[i]
            packets[slot] = old.2[i]
            sources[slot] = old.3[i]
            labels[slot] = old.4[i]
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
