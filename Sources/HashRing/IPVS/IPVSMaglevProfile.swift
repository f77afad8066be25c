/// The Linux IPVS `mh` scheduler (`net/netfilter/ipvs/ip_vs_mh.c`), bit for bit, so
/// that a tool can say which destination the kernel will pick for a client.
///
/// What the kernel does, and this type with it (on 64-bit little-endian machines, where
/// `hsiphash` is SipHash-1-3 with 64-bit key words, truncated to 32 bits):
///
/// - **Table size**: `primes[CONFIG_IP_VS_MH_TAB_INDEX - 8]` from 251, 509, 1021, 2039,
///   4093, 8191, 16381, 32749, 65521, 131071; the default index 12 gives 4,093.
/// - **Keys**: `hash1 = {2654435761, 2654435761}`, `hash2 = {2654446892, 2654446892}`.
/// - **Hash of an address and port**: fold the address to 32 bits (IPv4: its value;
///   IPv6 in an IPv6 service: the xor of its four 32-bit words; only the first word in
///   an IPv4 service), `v = offset + port + fold` modulo 2^32, and hash the four
///   little-endian bytes of `v`.
/// - **Permutation** of each destination: `offset = hash(hash1, addr, port) % size`,
///   `skip = hash(hash2, addr, port) % (size - 1) + 1`.
/// - **Turns**: `g` = gcd of the positive last weights, `shift = max(0, fls(maxLastWeight
///   / g) - CONFIG_IP_VS_MH_TAB_INDEX / 2)`; `turns = (lastWeight / g) >> shift`, or 1 if
///   that is 0 and the last weight is not.
/// - **Population**: round robin over the destinations in the kernel's list order
///   (newest first: `list_add_rcu` puts each added destination at the head); a
///   destination with no turns is skipped; otherwise it claims its next free slot and
///   keeps the turn until it has claimed `turns` slots in a row.
/// - **Scheduling**: the client's source address, and its source port only with the
///   `mh-port` flag and TCP, UDP or SCTP, hashed with `hash1` and offset 0, modulo the
///   size, names the slot. A destination with weight 0 or overloaded is unavailable: the
///   flow is refused, or with `mh-fallback` the slots `hash(hash1, addr, port,
///   (ihash + i) % size) % size` for i = 0, 1, ... are tried in turn.
public struct IPVSMaglevProfile: Hashable, Sendable {
    /// The kernel's table sizes, indexed by `CONFIG_IP_VS_MH_TAB_INDEX - 8`.
    public static let tableSizes = [251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071]
    /// The default table size (`CONFIG_IP_VS_MH_TAB_INDEX=12`, Debian's and most kernels').
    public static let defaultTableSize = 4093
    /// The kernel's fixed `hash1` key (offsets and lookups).
    public static let hash1: (UInt64, UInt64) = (2_654_435_761, 2_654_435_761)
    /// The kernel's fixed `hash2` key (skips).
    public static let hash2: (UInt64, UInt64) = (2_654_446_892, 2_654_446_892)

    /// The number of slots.
    public let tableSize: Int
    /// The kernel configuration's `CONFIG_IP_VS_MH_TAB_INDEX` that gives ``tableSize``.
    public var tableIndex: Int { (Self.tableSizes.firstIndex(of: tableSize) ?? 4) + 8 }
    /// Whether the service has the `mh-port` flag (`IP_VS_SVC_F_SCHED2`): hash the
    /// client's source port too.
    public var hashesPort: Bool
    /// Whether the service has the `mh-fallback` flag (`IP_VS_SVC_F_SCHED1`): when the
    /// chosen destination is unavailable, probe further slots.
    public var fallback: Bool
    /// The service's IP version, which decides how addresses are folded.
    public var serviceVersion: IPVersion

    /// A profile for a kernel whose table has `tableSize` slots (4,093 by default).
    /// - Throws: ``HashRingError/notAnIPVSTableSize(_:)`` for a size the kernel cannot have.
    public init(tableSize: Int = defaultTableSize, hashesPort: Bool = false, fallback: Bool = false,
                serviceVersion: IPVersion = .v6) throws(HashRingError) {
        guard Self.tableSizes.contains(tableSize) else { throw .notAnIPVSTableSize(tableSize) }
        self.tableSize = tableSize
        self.hashesPort = hashesPort
        self.fallback = fallback
        self.serviceVersion = serviceVersion
    }

    /// The kernel's `ip_vs_mh_hashkey`: the 32-bit hash of an address and port (host
    /// order) with `key`, after adding `offset`.
    @inlinable
    public func hash(address: IPAddress, port: UInt16, key: (UInt64, UInt64), offset: UInt32 = 0) -> UInt32 {
        let value = offset &+ UInt32(port) &+ fold(address)
        return UInt32(truncatingIfNeeded: SipHash(key: key, compressionRounds: 1, finalizationRounds: 3).hash(uint32: value))
    }

    /// The address folded to 32 bits as the kernel does for this service's family. The
    /// kernel stores an IPv4 address in the first word of `nf_inet_addr`, the rest zero.
    @inlinable
    public func fold(_ address: IPAddress) -> UInt32 {
        if case let .v4(ipv4) = address { return ipv4.value }
        let (w0, w1, w2, w3) = address.mappedWords
        return serviceVersion == .v6 ? w0 ^ w1 ^ w2 ^ w3 : w0
    }

    /// The kernel's table for `destinations` given in the kernel's list order (as
    /// `ipvsadm -Ln --nosort` prints them: the most recently added first; plain
    /// `ipvsadm -Ln` sorts them by address). See
    /// ``IPVSDestination/kernelOrder(addedInOrder:)``.
    /// - Throws: ``HashRingError/tooManyBackends(_:size:)`` beyond ``tableSize``
    ///   destinations (the kernel's `-EINVAL`), ``HashRingError/duplicateBackend(_:)``.
    public func table(destinations: [IPVSDestination]) throws(HashRingError) -> IPVSMaglevTable {
        guard destinations.count <= tableSize else { throw .tooManyBackends(destinations.count, size: tableSize) }
        var seen = Set<Backend.Key>()
        for destination in destinations where !seen.insert(destination.key).inserted {
            throw .duplicateBackend(destination.key)
        }
        let backends = destinations.map { Backend(address: $0.key.address, port: $0.key.port, weight: UInt32(clamping: $0.weight)) }
        var slots = [UInt32](repeating: LookupTable.noBackend, count: tableSize)
        let lastWeights = destinations.map { Int($0.lastWeight) }
        let divisor = lastWeights.filter { $0 > 0 }.reduce(0) { $0 == 0 ? $1 : Self.gcd($0, $1) }
        if divisor >= 1 {
            let maxWeight = lastWeights.max() ?? 0
            let shift = max(0, Self.fls(maxWeight / divisor) - tableIndex / 2)
            let turns = lastWeights.map { weight in
                let shifted = (weight / divisor) >> shift
                return shifted != 0 ? shifted : (weight != 0 ? 1 : 0)
            }
            var offsets = destinations.map { Int(hash(address: $0.key.address, port: $0.key.port, key: Self.hash1)) % tableSize }
            let skips = destinations.map { Int(hash(address: $0.key.address, port: $0.key.port, key: Self.hash2)) % (tableSize - 1) + 1 }
            populate(&slots, turns: turns, next: &offsets, skips: skips)
        }
        return IPVSMaglevTable(profile: self, destinations: destinations, table: LookupTable(backends: backends, slots: slots))
    }

    /// `ip_vs_mh_populate`: the round robin with turns, as the kernel walks it.
    private func populate(_ slots: inout [UInt32], turns: [Int], next: inout [Int], skips: [Int]) {
        var taken = [Bool](repeating: false, count: tableSize)
        var filled = 0
        var claimedInTurn = 0
        var index = 0
        while filled < tableSize {
            if index == turns.count { index = 0 }
            if turns[index] < 1 { index += 1; continue }
            var slot = next[index]
            while taken[slot] {
                slot += skips[index]
                if slot >= tableSize { slot -= tableSize }
            }
            // The kernel keeps `perm` at the slot it claimed; the next probe starts there.
            next[index] = slot
            taken[slot] = true
            slots[slot] = UInt32(index)
            filled += 1
            claimedInTurn += 1
            if claimedInTurn >= turns[index] {
                claimedInTurn = 0
                index += 1
            }
        }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// The kernel's `fls`: the 1-based position of the highest set bit, 0 for 0.
    static func fls(_ value: Int) -> Int {
        value <= 0 ? 0 : Int.bitWidth - value.leadingZeroBitCount
    }
}
