/// A large community (RFC 8092): three 32-bit values, "global:local1:local2".
public struct LargeCommunity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var global: UInt32
    public var local1: UInt32
    public var local2: UInt32

    public init(_ global: UInt32, _ local1: UInt32, _ local2: UInt32) {
        self.global = global
        self.local1 = local1
        self.local2 = local2
    }

    /// "65000:1:2".
    public var description: String { "\(global):\(local1):\(local2)" }

    public static func < (a: Self, b: Self) -> Bool { (a.global, a.local1, a.local2) < (b.global, b.local1, b.local2) }
}

/// LARGE_COMMUNITY (type 32, optional transitive). RFC 8092 section 6: a length that
/// is not a non-zero multiple of 12 is treat-as-withdraw.
enum LargeCommunitiesAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> [LargeCommunity] {
        let count = try CommunitiesAttribute.validate(value, code: .largeCommunities, unit: 12)
        let b = value.bytes
        return [LargeCommunity](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                buffer[i] = LargeCommunity(
                    b.loadUnaligned(fromByteOffset: 12 * i, as: UInt32.self).bigEndian,
                    b.loadUnaligned(fromByteOffset: 12 * i + 4, as: UInt32.self).bigEndian,
                    b.loadUnaligned(fromByteOffset: 12 * i + 8, as: UInt32.self).bigEndian)
            }
            initialized = count
        }
    }
}
