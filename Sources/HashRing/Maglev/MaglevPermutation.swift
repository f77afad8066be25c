/// A backend's preference list over the slots of a Maglev table: slot
/// `(offset + j * skip) mod size` is its `j`-th choice. With a prime size and
/// `1 <= skip < size`, the list visits every slot exactly once.
public struct MaglevPermutation: Hashable, Sendable {
    /// The backend's first choice.
    public let offset: Int
    /// The step between its choices.
    public let skip: Int

    /// The SipHash-2-4 key of the offset hash: ASCII `lbkit ma`, `glev off` read big-endian.
    public static let offsetKey: (UInt64, UInt64) = (0x6c62_6b69_7420_6d61, 0x676c_6576_206f_6666)
    /// The SipHash-2-4 key of the skip hash: ASCII `lbkit ma`, `glev skp` read big-endian.
    public static let skipKey: (UInt64, UInt64) = (0x6c62_6b69_7420_6d61, 0x676c_6576_2073_6b70)

    /// The permutation of `backend` in a table of `size` slots (a prime):
    /// `offset = SipHash-2-4(offsetKey, identity) mod size`,
    /// `skip = SipHash-2-4(skipKey, identity) mod (size - 1) + 1`, where identity is
    /// ``Backend/Key/identityBytes`` (16 address bytes, 2 port bytes).
    public init(key: Backend.Key, size: Int) {
        let identity = key.identityBytes
        let modulus = UInt64(size)
        offset = Int(SipHash(key: Self.offsetKey).hash(identity) % modulus)
        skip = Int(SipHash(key: Self.skipKey).hash(identity) % (modulus - 1)) + 1
    }
}
