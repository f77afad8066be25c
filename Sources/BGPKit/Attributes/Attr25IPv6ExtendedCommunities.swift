/// An IPv6-address-specific extended community (RFC 5701): 20 bytes.
public struct IPv6ExtendedCommunity: Hashable, Sendable, CustomStringConvertible {
    /// The type octet (0x00 transitive, 0x40 non-transitive).
    public var type: UInt8
    /// The subtype (0x02 route target, 0x03 route origin, …).
    public var subtype: UInt8
    /// The global administrator.
    public var address: IPv6Address
    /// The local administrator.
    public var localAdministrator: UInt16

    public init(type: UInt8, subtype: UInt8, address: IPv6Address, localAdministrator: UInt16) {
        self.type = type
        self.subtype = subtype
        self.address = address
        self.localAdministrator = localAdministrator
    }

    /// "route-target:2001:db8::1:7", or with the type and subtype in hex.
    public var description: String {
        let kind = switch subtype {
        case 0x02: "route-target"
        case 0x03: "route-origin"
        default: "0x" + String(type, radix: 16) + "/0x" + String(subtype, radix: 16)
        }
        return "\(kind):\(address):\(localAdministrator)"
    }
}

/// IPV6_ADDRESS_SPECIFIC_EXTENDED_COMMUNITY (type 25, optional transitive). RFC 7606
/// section 7.15: a length that is not a non-zero multiple of 20 is treat-as-withdraw.
enum IPv6ExtendedCommunitiesAttribute {
    static func validate(_ value: ByteReader) throws(BGPError) -> Int {
        try CommunitiesAttribute.validate(value, code: .ipv6ExtendedCommunities, unit: 20)
    }

    static func decode(_ value: ByteReader) throws(BGPError) -> [IPv6ExtendedCommunity] {
        let count = try validate(value)
        var result: [IPv6ExtendedCommunity] = []
        result.reserveCapacity(count)
        let b = value.bytes
        for i in 0..<count {
            let o = 20 * i
            result.append(IPv6ExtendedCommunity(
                type: b[o], subtype: b[o + 1],
                address: IPv6Address(high: b.loadUnaligned(fromByteOffset: o + 2, as: UInt64.self).bigEndian,
                                     low: b.loadUnaligned(fromByteOffset: o + 10, as: UInt64.self).bigEndian),
                localAdministrator: UInt16(b[o + 18]) << 8 | UInt16(b[o + 19])))
        }
        return result
    }
}
