/// Weighted rendezvous (highest random weight) hashing (Thaler and Ravishankar, 1998;
/// weighted as in Schindelhauer and Schomaker, 2005): each key goes to the backend that
/// scores highest for it.
///
/// The score of backend `b` for key `k` is `h = mix64(k ^ id(b))`, where `id(b)` is
/// SipHash-2-4 of ``Backend/Key/identityBytes`` with ``identityKey``. When every positive
/// weight is the same, the highest `h` wins; otherwise the highest `-w / ln(u)` with
/// `u = ((h >> 11) + 0.5) / 2^53`. Ties go to the backend earlier in key order;
/// backends with weight 0 never win.
///
/// Here it fills a table of `size` slots ("rendezvous per slot", the Maglev paper's
/// comparison point): slot `s` is keyed by `mix64(s)`. That costs N hashes per slot.
public struct Rendezvous: Sendable {
    /// The SipHash-2-4 key of backend identities: ASCII `lbkit re`, `ndezvous`.
    public static let identityKey: (UInt64, UInt64) = (0x6c62_6b69_7420_7265, 0x6e64_657a_766f_7573)

    /// The backends, ordered by ``Backend/Key``.
    public let backends: [Backend]
    let identities: [UInt64]
    let weights: [Double]
    let equalWeights: Bool

    /// Rendezvous hashing over `backends` (any order).
    /// - Throws: ``HashRingError/duplicateBackend(_:)``.
    public init(backends: some Sequence<Backend>) throws(HashRingError) {
        self.backends = try BackendSet.ordered(backends)
        identities = self.backends.map { $0.key.identityHash(SipHash(key: Self.identityKey)) }
        weights = self.backends.map { Double($0.weight) }
        equalWeights = Set(self.backends.filter { $0.weight > 0 }.map { $0.weight }).count <= 1
    }

    /// The index in ``backends`` of the winner for `key`, `nil` if no backend has weight.
    public func backendIndex(for key: UInt64) -> Int? {
        var best: Int?
        if equalWeights {
            var bestScore: UInt64 = 0
            for index in backends.indices where weights[index] > 0 {
                let score = Mixing.mix64(key ^ identities[index])
                if best == nil || score > bestScore { best = index; bestScore = score }
            }
        } else {
            var bestScore = -Double.infinity
            for index in backends.indices where weights[index] > 0 {
                let score = Mixing.mix64(key ^ identities[index])
                let uniform = (Double(score >> 11) + 0.5) * 0x1p-53
                let weighted = -weights[index] / Logarithm.natural(uniform)
                if best == nil || weighted > bestScore { best = index; bestScore = weighted }
            }
        }
        return best
    }

    /// The table of `size` slots, slot `s` keyed by `mix64(s)`.
    public func table(size: Int) throws(HashRingError) -> LookupTable {
        guard size >= 1, size <= 1 << 26 else { throw .sizeOutOfRange(size, supported: 1...(1 << 26)) }
        let slots = (0..<size).map { slot in
            backendIndex(for: Mixing.mix64(UInt64(slot))).map { UInt32($0) } ?? LookupTable.noBackend
        }
        return LookupTable(backends: backends, slots: slots)
    }
}
