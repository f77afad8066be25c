/// The small integer mixers every algorithm here is specified with. They are part of
/// the on-the-wire contract between load balancers: changing one changes every table.
public enum Mixing {
    /// The SplitMix64 finalizer (Stafford's "variant 13"): a bijection on 64-bit values
    /// in which every output bit depends on every input bit.
    ///
    /// `z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9; z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    /// return z ^ (z >> 31)`, all arithmetic modulo 2^64.
    @inlinable
    public static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The folded multiply: the full 128-bit product of `a` and `b`, its high and low
    /// 64-bit halves xored together.
    @inlinable
    public static func foldedMultiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Maps a 64-bit hash uniformly onto `0..<count` by taking the high 64 bits of
    /// `hash * count` (Lemire's multiply-shift reduction; no division, and it uses the
    /// hash's high bits, which are its best mixed ones).
    @inlinable
    public static func reduce(_ hash: UInt64, into count: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(truncatingIfNeeded: count)).high)
    }
}
