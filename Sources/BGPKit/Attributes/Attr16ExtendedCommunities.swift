/// An extended community (RFC 4360): 8 bytes, a type, a subtype and a value.
public struct ExtendedCommunity: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The type octet (high bit: IANA authority; 0x40 bit: non-transitive).
    public var type: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 56) }
    /// The subtype octet (for types that have one).
    public var subtype: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 48) }

    /// A route target with a 2-octet AS (type 0x00, subtype 0x02).
    public static func routeTarget(asn: UInt16, value: UInt32) -> ExtendedCommunity {
        ExtendedCommunity(rawValue: 0x0002 << 48 | UInt64(asn) << 32 | UInt64(value))
    }

    /// A name for the type and subtype, e.g. "route-target", or nil.
    public var kind: String? {
        switch (type & 0xBF, subtype) {
        case (0x00, 0x02), (0x01, 0x02), (0x02, 0x02): "route-target"
        case (0x00, 0x03), (0x01, 0x03), (0x02, 0x03): "route-origin"
        case (0x03, 0x0C): "encapsulation"
        case (0x03, 0x0B): "color"
        case (0x06, _): "EVPN"
        case (0x80, 0x06): "flowspec-traffic-rate"
        case (0x80, 0x08): "flowspec-redirect"
        default: nil
        }
    }

    /// "route-target:65000:100", "route-target:192.0.2.1:7", or the raw value in hex.
    public var description: String {
        let global: String
        switch type & 0xBF {
        case 0x00: global = "\(UInt16(truncatingIfNeeded: rawValue >> 32)):\(UInt32(truncatingIfNeeded: rawValue))"
        case 0x01: global = "\(IPv4Address(UInt32(truncatingIfNeeded: rawValue >> 16))):\(UInt16(truncatingIfNeeded: rawValue))"
        case 0x02: global = "\(UInt32(truncatingIfNeeded: rawValue >> 16)):\(UInt16(truncatingIfNeeded: rawValue))"
        default: global = ""
        }
        if let kind, !global.isEmpty { return "\(kind):\(global)" }
        let hex = String(rawValue, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// EXTENDED_COMMUNITIES (type 16, optional transitive). RFC 7606 section 7.14: a
/// length that is not a non-zero multiple of 8 is treat-as-withdraw.
enum ExtendedCommunitiesAttribute {
    static func decode(_ value: ByteReader) throws(BGPError) -> [ExtendedCommunity] {
        let count = try CommunitiesAttribute.validate(value, code: .extendedCommunities, unit: 8)
        return [ExtendedCommunity](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                buffer[i] = ExtendedCommunity(rawValue: value.bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).bigEndian)
            }
            initialized = count
        }
    }
}
