/// The type of an AS_PATH segment (RFC 4271 section 4.3, RFC 5065 for confederations).
public enum ASPathSegmentType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case asSet = 1
    case asSequence = 2
    case confedSequence = 3
    case confedSet = 4

    /// "AS_SET", "AS_SEQUENCE", "AS_CONFED_SEQUENCE", "AS_CONFED_SET".
    public var description: String {
        switch self {
        case .asSet: "AS_SET"
        case .asSequence: "AS_SEQUENCE"
        case .confedSequence: "AS_CONFED_SEQUENCE"
        case .confedSet: "AS_CONFED_SET"
        }
    }
}

/// One AS_PATH segment: a type and its ASNs.
public struct ASPathSegment: Hashable, Sendable, CustomStringConvertible {
    public var type: ASPathSegmentType
    public var asns: [UInt32]

    public init(_ type: ASPathSegmentType, _ asns: [UInt32]) {
        self.type = type
        self.asns = asns
    }

    /// "65000 65001" for a sequence, "{65000,65001}" for a set, "(…)" and "[…]" for
    /// confederation sequences and sets.
    public var description: String {
        switch type {
        case .asSequence: asns.map(String.init).joined(separator: " ")
        case .asSet: "{" + asns.map(String.init).joined(separator: ",") + "}"
        case .confedSequence: "(" + asns.map(String.init).joined(separator: " ") + ")"
        case .confedSet: "[" + asns.map(String.init).joined(separator: ",") + "]"
        }
    }
}
