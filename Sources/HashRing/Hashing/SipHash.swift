/// SipHash (Aumasson and Bernstein, 2012) with a configurable number of compression and
/// finalization rounds: SipHash-2-4 for the backend permutations, SipHash-1-3 for the
/// Linux kernel's `hsiphash` on 64-bit machines (see ``IPVSMaglevProfile``).
///
/// Written from the paper's description. Input bytes are consumed as little-endian
/// 64-bit words; the final word carries the input length (mod 256) in its top byte.
public struct SipHash: Sendable {
    /// The two 64-bit key words, `k0` and `k1`.
    public var key: (UInt64, UInt64)
    /// Rounds per 8-byte message word (the "c" of SipHash-c-d).
    public var compressionRounds: Int
    /// Rounds after the last word (the "d" of SipHash-c-d).
    public var finalizationRounds: Int

    /// A SipHash-c-d instance with key (`k0`, `k1`).
    public init(key: (UInt64, UInt64), compressionRounds: Int = 2, finalizationRounds: Int = 4) {
        self.key = key
        self.compressionRounds = compressionRounds
        self.finalizationRounds = finalizationRounds
    }

    /// The 64-bit SipHash of `bytes`.
    public func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var state = State(key: key)
        var word: UInt64 = 0
        var length = 0
        for byte in bytes {
            word |= UInt64(byte) << (UInt64(length & 7) * 8)
            length &+= 1
            if length & 7 == 0 {
                state.compress(word, rounds: compressionRounds)
                word = 0
            }
        }
        return state.finalize(
            lastWord: word | (UInt64(truncatingIfNeeded: length) << 56),
            compressionRounds: compressionRounds, rounds: finalizationRounds
        )
    }

    /// The 64-bit SipHash of exactly one 32-bit value, given as the integer the four
    /// little-endian input bytes spell (the kernel's `hsiphash_1u32`).
    @inlinable
    public func hash(uint32 value: UInt32) -> UInt64 {
        var state = State(key: key)
        return state.finalize(
            lastWord: UInt64(value) | (4 << 56), compressionRounds: compressionRounds, rounds: finalizationRounds
        )
    }

    /// The 64-bit SipHash of `words` (each already the little-endian reading of eight
    /// input bytes) followed by the `tailCount` (0 to 7) bytes in `tail`'s low bytes:
    /// the same as ``hash(_:)`` of those bytes, without building them.
    @inlinable
    public func hash(words: (UInt64, UInt64), tail: UInt64, tailCount: Int) -> UInt64 {
        var state = State(key: key)
        state.compress(words.0, rounds: compressionRounds)
        state.compress(words.1, rounds: compressionRounds)
        let length = UInt64(truncatingIfNeeded: 16 + tailCount)
        return state.finalize(lastWord: tail | length << 56, compressionRounds: compressionRounds, rounds: finalizationRounds)
    }

    /// The four 64-bit lanes of the SipHash state.
    @usableFromInline
    struct State {
        @usableFromInline var v0: UInt64
        @usableFromInline var v1: UInt64
        @usableFromInline var v2: UInt64
        @usableFromInline var v3: UInt64

        @inlinable
        init(key: (UInt64, UInt64)) {
            // "somepseudorandomlygeneratedbytes", xored with the key.
            v0 = 0x736f_6d65_7073_6575 ^ key.0
            v1 = 0x646f_7261_6e64_6f6d ^ key.1
            v2 = 0x6c79_6765_6e65_7261 ^ key.0
            v3 = 0x7465_6462_7974_6573 ^ key.1
        }

        @inlinable
        mutating func round() {
            v0 &+= v1; v1 = v1.rotatedLeft(13); v1 ^= v0; v0 = v0.rotatedLeft(32)
            v2 &+= v3; v3 = v3.rotatedLeft(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotatedLeft(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotatedLeft(17); v1 ^= v2; v2 = v2.rotatedLeft(32)
        }

        @inlinable
        mutating func compress(_ word: UInt64, rounds: Int) {
            v3 ^= word
            for _ in 0..<rounds { round() }
            v0 ^= word
        }

        @inlinable
        mutating func finalize(lastWord: UInt64, compressionRounds: Int, rounds: Int) -> UInt64 {
            // The last word (tail bytes and length) is compressed like every other word.
            compress(lastWord, rounds: compressionRounds)
            v2 ^= 0xff
            for _ in 0..<rounds { round() }
            return v0 ^ v1 ^ v2 ^ v3
        }

    }
}

extension UInt64 {
    @inlinable
    func rotatedLeft(_ count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 &- count))
    }
}
