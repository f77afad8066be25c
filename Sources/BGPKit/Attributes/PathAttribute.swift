/// One path attribute of an UPDATE: its flags and its decoded value.
public struct PathAttribute: Hashable, Sendable, CustomStringConvertible {
    /// The flags as received (low four bits cleared), or the standard ones for the code.
    /// The extended-length bit is kept so that a re-encode is byte-identical; the
    /// encoder sets it anyway when the value needs it.
    public var flags: AttributeFlags
    /// The value.
    public var value: AttributeValue

    /// An attribute with the standard flags for its type.
    public init(_ value: AttributeValue) {
        self.value = value
        flags = value.code.expectedFlags ?? .optionalTransitive
    }

    /// An attribute with explicit flags.
    public init(flags: AttributeFlags, value: AttributeValue) {
        self.flags = flags
        self.value = value
    }

    /// The type code.
    public var code: AttributeCode { value.code }

    /// "AS_PATH: 65000 65001".
    public var description: String { "\(code): \(value)" }
}

/// The value of a path attribute, one case per attribute BGPKit decodes.
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    case origin(Origin)
    case asPath(ASPath)
    case nextHop(IPv4Address)
    case multiExitDisc(UInt32)
    case localPref(UInt32)
    case atomicAggregate
    case aggregator(Aggregator)
    case communities([Community])
    case originatorID(IPv4Address)
    case clusterList([IPv4Address])
    case mpReachNLRI(MPReachNLRI)
    case mpUnreachNLRI(MPUnreachNLRI)
    case extendedCommunities([ExtendedCommunity])
    case as4Path(ASPath)
    case as4Aggregator(Aggregator)
    case ipv6ExtendedCommunities([IPv6ExtendedCommunity])
    case largeCommunities([LargeCommunity])
    case onlyToCustomer(UInt32)
    /// An attribute BGPKit does not decode, kept as received (its flags are the
    /// ``PathAttribute/flags``).
    case unknown(code: AttributeCode, value: [UInt8])

    /// The type code.
    public var code: AttributeCode {
        switch self {
        case .origin: .origin
        case .asPath: .asPath
        case .nextHop: .nextHop
        case .multiExitDisc: .multiExitDisc
        case .localPref: .localPref
        case .atomicAggregate: .atomicAggregate
        case .aggregator: .aggregator
        case .communities: .communities
        case .originatorID: .originatorID
        case .clusterList: .clusterList
        case .mpReachNLRI: .mpReachNLRI
        case .mpUnreachNLRI: .mpUnreachNLRI
        case .extendedCommunities: .extendedCommunities
        case .as4Path: .as4Path
        case .as4Aggregator: .as4Aggregator
        case .ipv6ExtendedCommunities: .ipv6ExtendedCommunities
        case .largeCommunities: .largeCommunities
        case .onlyToCustomer: .onlyToCustomer
        case let .unknown(code, _): code
        }
    }

    /// The value as text, e.g. "IGP", "65000 65001", "65000:1 NO_EXPORT".
    public var description: String {
        switch self {
        case let .origin(o): o.description
        case let .asPath(p), let .as4Path(p): p.description
        case let .nextHop(a), let .originatorID(a): a.description
        case let .multiExitDisc(v), let .localPref(v), let .onlyToCustomer(v): String(v)
        case .atomicAggregate: "present"
        case let .aggregator(a), let .as4Aggregator(a): a.description
        case let .communities(c): c.map { $0.wellKnownName ?? $0.description }.joined(separator: " ")
        case let .clusterList(l): l.map(\.description).joined(separator: " ")
        case let .mpReachNLRI(r):
            "\(r.family) next hop \(r.nextHop): " + (r.rawNLRI.isEmpty ? r.nlri.map(\.description).joined(separator: " ") : "\(r.rawNLRI.count) bytes of NLRI")
        case let .mpUnreachNLRI(u):
            u.isEmpty ? "\(u.family) (empty)" : "\(u.family): " + (u.rawWithdrawn.isEmpty ? u.withdrawn.map(\.description).joined(separator: " ") : "\(u.rawWithdrawn.count) bytes of NLRI")
        case let .extendedCommunities(c): c.map(\.description).joined(separator: " ")
        case let .ipv6ExtendedCommunities(c): c.map(\.description).joined(separator: " ")
        case let .largeCommunities(c): c.map(\.description).joined(separator: " ")
        case let .unknown(_, value): value.count <= 32 ? "0x" + value.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() : "\(value.count) bytes"
        }
    }
}
