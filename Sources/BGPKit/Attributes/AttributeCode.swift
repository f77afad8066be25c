/// A path attribute type code (IANA "BGP Path Attributes").
public struct AttributeCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    public static let origin = Self(1)
    public static let asPath = Self(2)
    public static let nextHop = Self(3)
    public static let multiExitDisc = Self(4)
    public static let localPref = Self(5)
    public static let atomicAggregate = Self(6)
    public static let aggregator = Self(7)
    public static let communities = Self(8)
    public static let originatorID = Self(9)
    public static let clusterList = Self(10)
    public static let mpReachNLRI = Self(14)
    public static let mpUnreachNLRI = Self(15)
    public static let extendedCommunities = Self(16)
    public static let as4Path = Self(17)
    public static let as4Aggregator = Self(18)
    public static let ipv6ExtendedCommunities = Self(25)
    public static let largeCommunities = Self(32)
    public static let onlyToCustomer = Self(35)

    /// The registry name, e.g. "AS_PATH", or "attribute n" for unknown codes.
    public var name: String {
        switch rawValue {
        case 1: "ORIGIN"
        case 2: "AS_PATH"
        case 3: "NEXT_HOP"
        case 4: "MULTI_EXIT_DISC"
        case 5: "LOCAL_PREF"
        case 6: "ATOMIC_AGGREGATE"
        case 7: "AGGREGATOR"
        case 8: "COMMUNITIES"
        case 9: "ORIGINATOR_ID"
        case 10: "CLUSTER_LIST"
        case 14: "MP_REACH_NLRI"
        case 15: "MP_UNREACH_NLRI"
        case 16: "EXTENDED_COMMUNITIES"
        case 17: "AS4_PATH"
        case 18: "AS4_AGGREGATOR"
        case 22: "PMSI_TUNNEL"
        case 23: "TUNNEL_ENCAPSULATION"
        case 25: "IPV6_ADDRESS_SPECIFIC_EXTENDED_COMMUNITY"
        case 26: "AIGP"
        case 29: "BGP-LS"
        case 32: "LARGE_COMMUNITY"
        case 33: "BGPsec_PATH"
        case 35: "OTC"
        case 40: "BGP_PREFIX_SID"
        case 128: "ATTR_SET"
        default: "attribute \(rawValue)"
        }
    }

    public var description: String { name }

    /// The optional and transitive bits RFC 4271 and later fix for known codes; nil for
    /// codes BGPKit keeps raw.
    public var expectedFlags: AttributeFlags? {
        switch rawValue {
        case 1, 2, 3, 5, 6: .wellKnown
        case 4, 9, 10, 14, 15: .optionalNonTransitive
        case 7, 8, 16, 17, 18, 25, 32, 35: .optionalTransitive
        default: nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
