/// An UPDATE message (RFC 4271 section 4.3): withdrawn IPv4 routes, path attributes
/// (in wire order) and announced IPv4 routes; other families travel in the
/// MP_REACH_NLRI and MP_UNREACH_NLRI attributes.
public struct UpdateMessage: Hashable, Sendable {
    /// IPv4 unicast routes withdrawn (the Withdrawn Routes field).
    public var withdrawn: [NLRI]
    /// The path attributes in the order they were received (or are to be sent).
    public var attributes: [PathAttribute]
    /// IPv4 unicast routes announced (the NLRI field).
    public var nlri: [NLRI]
    /// RFC 7606 errors found while decoding that did not stop it: attribute-discard
    /// (the attribute is absent from ``attributes``) and treat-as-withdraw (see
    /// ``isTreatAsWithdraw``). Empty for a well-formed UPDATE; never encoded.
    public var errors: [BGPError]

    /// An UPDATE with these fields.
    public init(withdrawn: [NLRI] = [], attributes: [PathAttribute] = [], nlri: [NLRI] = []) {
        self.withdrawn = withdrawn
        self.attributes = attributes
        self.nlri = nlri
        self.errors = []
    }

    /// The End-of-RIB marker of `family` (RFC 4724 section 2): an empty UPDATE for IPv4
    /// unicast, an UPDATE holding only an empty MP_UNREACH_NLRI otherwise.
    public static func endOfRIB(_ family: AddressFamily) -> UpdateMessage {
        if family == .ipv4Unicast { return UpdateMessage() }
        return UpdateMessage(attributes: [PathAttribute(.mpUnreachNLRI(MPUnreachNLRI(family: family, withdrawn: [])))])
    }

    /// The family this UPDATE marks the End-of-RIB of, or nil when it is not one.
    public var endOfRIB: AddressFamily? {
        guard withdrawn.isEmpty, nlri.isEmpty, errors.isEmpty else { return nil }
        if attributes.isEmpty { return .ipv4Unicast }
        if attributes.count == 1, case let .mpUnreachNLRI(u) = attributes[0].value, u.isEmpty { return u.family }
        return nil
    }

    /// The harshest disposition among ``errors``, nil when there are none.
    public var disposition: ErrorDisposition? { errors.map(\.disposition).max() }

    /// True when RFC 7606 says to treat every route announced here as withdrawn.
    public var isTreatAsWithdraw: Bool { errors.contains { $0.disposition == .treatAsWithdraw } }

    /// The first attribute with this code.
    public func attribute(_ code: AttributeCode) -> PathAttribute? { attributes.first { $0.code == code } }

    // MARK: Attribute accessors (nil when absent)

    public var origin: Origin? { for a in attributes { if case let .origin(v) = a.value { return v } }; return nil }
    /// AS_PATH as received (2- or 4-octet per the session); see ``effectiveASPath(context:)``.
    public var asPath: ASPath? { for a in attributes { if case let .asPath(v) = a.value { return v } }; return nil }
    public var as4Path: ASPath? { for a in attributes { if case let .as4Path(v) = a.value { return v } }; return nil }
    public var nextHop: IPv4Address? { for a in attributes { if case let .nextHop(v) = a.value { return v } }; return nil }
    public var multiExitDisc: UInt32? { for a in attributes { if case let .multiExitDisc(v) = a.value { return v } }; return nil }
    public var localPref: UInt32? { for a in attributes { if case let .localPref(v) = a.value { return v } }; return nil }
    public var atomicAggregate: Bool { attributes.contains { $0.code == .atomicAggregate } }
    public var aggregator: Aggregator? { for a in attributes { if case let .aggregator(v) = a.value { return v } }; return nil }
    public var as4Aggregator: Aggregator? { for a in attributes { if case let .as4Aggregator(v) = a.value { return v } }; return nil }
    public var communities: [Community] { for a in attributes { if case let .communities(v) = a.value { return v } }; return [] }
    public var originatorID: IPv4Address? { for a in attributes { if case let .originatorID(v) = a.value { return v } }; return nil }
    public var clusterList: [IPv4Address] { for a in attributes { if case let .clusterList(v) = a.value { return v } }; return [] }
    public var mpReach: MPReachNLRI? { for a in attributes { if case let .mpReachNLRI(v) = a.value { return v } }; return nil }
    public var mpUnreach: MPUnreachNLRI? { for a in attributes { if case let .mpUnreachNLRI(v) = a.value { return v } }; return nil }
    public var extendedCommunities: [ExtendedCommunity] { for a in attributes { if case let .extendedCommunities(v) = a.value { return v } }; return [] }
    public var ipv6ExtendedCommunities: [IPv6ExtendedCommunity] { for a in attributes { if case let .ipv6ExtendedCommunities(v) = a.value { return v } }; return [] }
    public var largeCommunities: [LargeCommunity] { for a in attributes { if case let .largeCommunities(v) = a.value { return v } }; return [] }
    public var onlyToCustomer: UInt32? { for a in attributes { if case let .onlyToCustomer(v) = a.value { return v } }; return nil }

    /// Every route announced, IPv4 NLRI field first, then MP_REACH_NLRI's.
    public var announced: [NLRI] { nlri + (mpReach?.nlri ?? []) }
    /// Every route withdrawn, Withdrawn Routes field first, then MP_UNREACH_NLRI's.
    public var allWithdrawn: [NLRI] { withdrawn + (mpUnreach?.withdrawn ?? []) }

    /// The AS path to use: AS_PATH, merged with AS4_PATH on a 2-octet session as RFC
    /// 6793 section 4.2.3 says (AS4_PATH is ignored when AGGREGATOR holds a real ASN
    /// rather than AS_TRANS, and on 4-octet sessions, where it must not appear).
    public func effectiveASPath(context: SessionContext) -> ASPath? {
        guard let asPath else { return nil }
        guard !context.fourOctetAS, let as4Path else { return asPath }
        if let aggregator, aggregator.asn != ASN.trans, as4Aggregator != nil { return asPath }
        return asPath.merged(withAS4Path: as4Path)
    }
}

/// Well-known AS numbers.
public enum ASN {
    /// AS_TRANS (RFC 6793): stands in for a 4-octet ASN on 2-octet sessions.
    public static let trans: UInt32 = 23456
}
