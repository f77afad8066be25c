/// A backend's preference list over the slots of a Maglev table: slot
/// `(offset + j * skip) mod size` is its `j`-th choice. With a prime size and
/// `1 <= skip < size`, the list visits every slot exactly once.
public struct MaglevPermutation: Hashable, Sendable {
    /// The backend's first choice.
    public let offset: Int
    /// The step between its choices.
    public let skip: Int

    /// The SipHash-2-4 key of the permutation hash: ASCII `lbkit ma`, `glev prm`
    /// read big-endian.
    public static let hashKey: (UInt64, UInt64) = (0x6c62_6b69_7420_6d61, 0x676c_6576_2070_726d)

    /// The permutation of `key` in a table of `size` slots (a prime below 2^32):
    /// with `h = SipHash-2-4(hashKey, identity)`, where identity is
    /// ``Backend/Key/identityBytes`` (16 address bytes, 2 port bytes),
    /// `offset = (h >> 32) mod size` and `skip = (h & 0xffffffff) mod (size - 1) + 1`.
    public init(key: Backend.Key, size: Int) {
        let modulus = UInt64(size)
        let hash = key.identityHash(SipHash(key: Self.hashKey))
        offset = Int((hash >> 32) % modulus)
        skip = Int((hash & 0xffff_ffff) % (modulus - 1)) + 1
    }
}
