/// A standard community (RFC 1997): two 16-bit halves, conventionally "ASN:value".
public struct Community: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// The community `asn:value`.
    public init(_ asn: UInt16, _ value: UInt16) { rawValue = UInt32(asn) << 16 | UInt32(value) }

    /// The high half (conventionally an ASN).
    public var asn: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    /// The low half.
    public var value: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    /// RFC 8326: lower the preference of routes before maintenance.
    public static let gracefulShutdown = Community(rawValue: 0xFFFF_0000)
    /// RFC 7611.
    public static let acceptOwn = Community(rawValue: 0xFFFF_0001)
    /// RFC 7999: drop traffic to this prefix.
    public static let blackhole = Community(rawValue: 0xFFFF_029A)
    /// RFC 1997: do not advertise outside the AS (or confederation).
    public static let noExport = Community(rawValue: 0xFFFF_FF01)
    /// RFC 1997: do not advertise to any peer.
    public static let noAdvertise = Community(rawValue: 0xFFFF_FF02)
    /// RFC 1997: do not advertise to external peers, not even confederation members.
    public static let noExportSubconfed = Community(rawValue: 0xFFFF_FF03)
    /// RFC 3765.
    public static let noPeer = Community(rawValue: 0xFFFF_FF04)

    /// The well-known name, e.g. "NO_EXPORT", or nil.
    public var wellKnownName: String? {
        switch rawValue {
        case 0xFFFF_0000: "GRACEFUL_SHUTDOWN"
        case 0xFFFF_0001: "ACCEPT_OWN"
        case 0xFFFF_0002: "ROUTE_FILTER_TRANSLATED_v4"
        case 0xFFFF_0003: "ROUTE_FILTER_v4"
        case 0xFFFF_0004: "ROUTE_FILTER_TRANSLATED_v6"
        case 0xFFFF_0005: "ROUTE_FILTER_v6"
        case 0xFFFF_0006: "LLGR_STALE"
        case 0xFFFF_0007: "NO_LLGR"
        case 0xFFFF_0008: "accept-own-nexthop"
        case 0xFFFF_029A: "BLACKHOLE"
        case 0xFFFF_FF01: "NO_EXPORT"
        case 0xFFFF_FF02: "NO_ADVERTISE"
        case 0xFFFF_FF03: "NO_EXPORT_SUBCONFED"
        case 0xFFFF_FF04: "NOPEER"
        default: nil
        }
    }

    /// "65000:1" (the numeric form, always; see ``wellKnownName``).
    public var description: String { "\(asn):\(value)" }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// COMMUNITIES (type 8, optional transitive). RFC 7606 section 7.8: a length that is
/// not a non-zero multiple of 4 is treat-as-withdraw.
enum CommunitiesAttribute {
    static func validate(_ value: ByteReader, code: AttributeCode = .communities, unit: Int = 4) throws(BGPError) -> Int {
        let count = value.bytes.count
        guard count > 0, count % unit == 0 else {
            throw ErrorTemplate(.attributeLength, .updateMessageError, NotificationCode.Update.attributeLength,
                                .treatAsWithdraw, attribute: code)
                .error(at: value.base, detail: "length \(count), expected a non-zero multiple of \(unit)")
        }
        return count / unit
    }

    static func decode(_ value: ByteReader) throws(BGPError) -> [Community] {
        let count = try validate(value)
        return [Community](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                buffer[i] = Community(rawValue: value.bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).bigEndian)
            }
            initialized = count
        }
    }
}
