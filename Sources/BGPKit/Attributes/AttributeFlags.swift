/// The flags octet of a path attribute (RFC 4271 section 4.3).
///
/// Only the high four bits mean anything; the low four are ignored on receive and
/// always sent as zero, so a decoded value never has them set.
public struct AttributeFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    /// Keeps only the four defined bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0xF0 }

    /// Not every speaker must understand it.
    public static let optional = AttributeFlags(rawValue: 0x80)
    /// Passed on to other peers.
    public static let transitive = AttributeFlags(rawValue: 0x40)
    /// Some speaker on the way did not understand this optional transitive attribute.
    public static let partial = AttributeFlags(rawValue: 0x20)
    /// The length field is two octets.
    public static let extendedLength = AttributeFlags(rawValue: 0x10)

    /// Well-known attributes (ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE).
    public static let wellKnown: AttributeFlags = [.transitive]
    /// Optional transitive attributes (COMMUNITIES, AGGREGATOR, …).
    public static let optionalTransitive: AttributeFlags = [.optional, .transitive]
    /// Optional non-transitive attributes (MED, MP_REACH_NLRI, …).
    public static let optionalNonTransitive: AttributeFlags = [.optional]

    /// E.g. "optional transitive partial extended-length" or "well-known".
    public var description: String {
        var words: [String] = []
        words.append(contains(.optional) ? "optional" : "well-known")
        words.append(contains(.transitive) ? "transitive" : "non-transitive")
        if contains(.partial) { words.append("partial") }
        if contains(.extendedLength) { words.append("extended-length") }
        return words.joined(separator: " ")
    }
}
