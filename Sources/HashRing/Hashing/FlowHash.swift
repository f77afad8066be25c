/// The flow hash: a specified, stable 64-bit hash of a ``FlowKey`` that every load
/// balancer computes identically ("lbkit flow hash, version 1").
///
/// It is not keyed with a secret, on purpose: every L4 load balancer must pick the same
/// backend for a flow, so the parameters are public and fixed. The exact definition, with
/// test vectors, is in the HashRing article ("The flow hash"); in short:
///
/// ```
/// S = source address, D = destination address, each as a 128-bit big-endian integer
///     (IPv4 as ::ffff:a.b.c.d), split into 64-bit halves Sh, Sl, Dh, Dl
/// w = protocol << 32 | sourcePort << 16 | destinationPort   (sourcePort = 0 when excluded)
/// a = fold(Sh ^ 0x243f6a8885a308d3, Sl ^ 0x13198a2e03707344)
/// b = fold(Dh ^ 0xa4093822299f31d0, Dl ^ 0x082efa98ec4e6c89)
/// c = fold(w  ^ 0x452821e638d01377, seed ^ 0xbe5466cf34e90c6c)
/// hash = mix64(a + fold(b ^ 0xc0ac29b7c97c50dd, c ^ 0x3f84d5b5b5470917))
/// ```
///
/// where `fold` is ``Mixing/foldedMultiply(_:_:)``, `mix64` is ``Mixing/mix64(_:)`` and
/// `+` wraps modulo 2^64. The constants are the first hexadecimal digits of pi's
/// fraction. A table of `M` slots takes slot ``Mixing/reduce(_:into:)``: `(hash * M) >> 64`.
public struct FlowHash: Hashable, Sendable {
    /// Mixed into every hash; all load balancers of one service must use the same seed.
    public var seed: UInt64
    /// Whether the client's port is hashed. Without it, all flows of one client address
    /// to one service port reach the same backend (session affinity).
    public var includesSourcePort: Bool

    /// A flow hash with `seed` (0 by default) that hashes the source port unless told not to.
    @inlinable
    public init(seed: UInt64 = 0, includesSourcePort: Bool = true) {
        self.seed = seed
        self.includesSourcePort = includesSourcePort
    }

    /// The 64-bit hash of `flow`.
    @inlinable
    public func hash(_ flow: FlowKey) -> UInt64 {
        let sourcePort = includesSourcePort ? UInt64(flow.sourcePort) : 0
        let word = UInt64(flow.transportProtocol) << 32 | sourcePort << 16 | UInt64(flow.destinationPort)
        let a = Mixing.foldedMultiply(flow.source.mappedHigh ^ 0x243f_6a88_85a3_08d3, flow.source.mappedLow ^ 0x1319_8a2e_0370_7344)
        let b = Mixing.foldedMultiply(flow.destination.mappedHigh ^ 0xa409_3822_299f_31d0, flow.destination.mappedLow ^ 0x082e_fa98_ec4e_6c89)
        let c = Mixing.foldedMultiply(word ^ 0x4528_21e6_38d0_1377, seed ^ 0xbe54_66cf_34e9_0c6c)
        return Mixing.mix64(a &+ Mixing.foldedMultiply(b ^ 0xc0ac_29b7_c97c_50dd, c ^ 0x3f84_d5b5_b547_0917))
    }
}
