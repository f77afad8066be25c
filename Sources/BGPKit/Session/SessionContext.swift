/// What the two speakers negotiated that changes the wire format, for one direction.
///
/// Every decoder and encoder takes one explicitly: the same bytes mean different things
/// with and without 4-octet AS numbers or ADD-PATH. Build one per direction from the
/// OPENs exchanged: for decoding what the peer sends, ``addPath`` holds the families the
/// peer may send path identifiers for (we advertised receive, it advertised send); for
/// encoding, the families we send them for.
public struct SessionContext: Hashable, Sendable {
    /// Both sides advertised the 4-octet AS capability (RFC 6793): AS_PATH and
    /// AGGREGATOR carry 4-byte ASNs.
    public var fourOctetAS: Bool
    /// Both sides advertised the extended message capability (RFC 8654): messages other
    /// than OPEN and KEEPALIVE may be up to 65,535 bytes.
    public var extendedMessage: Bool
    /// Families whose NLRI carries ADD-PATH path identifiers in this direction (RFC 7911).
    public var addPath: Set<AddressFamily> {
        get {
            var set: Set<AddressFamily> = []
            if addPathIPv4Unicast { set.insert(.ipv4Unicast) }
            if addPathIPv6Unicast { set.insert(.ipv6Unicast) }
            for family in addPathOthers.families { set.insert(family) }
            return set
        }
        set {
            addPathIPv4Unicast = newValue.contains(.ipv4Unicast)
            addPathIPv6Unicast = newValue.contains(.ipv6Unicast)
            addPathOthers = FamilyList(newValue.filter { $0 != .ipv4Unicast && $0 != .ipv6Unicast }.sorted())
        }
    }
    // Stored without a heap object so that passing a context around costs no reference
    // counting: the two families BGPKit is tuned for as flags, up to four others inline.
    var addPathIPv4Unicast = false
    var addPathIPv6Unicast = false
    var addPathOthers = FamilyList([])

    /// Up to four address families, inline.
    struct FamilyList: Hashable, Sendable {
        var storage: (AddressFamily?, AddressFamily?, AddressFamily?, AddressFamily?) = (nil, nil, nil, nil)
        init(_ list: [AddressFamily]) {
            storage = (list.count > 0 ? list[0] : nil, list.count > 1 ? list[1] : nil,
                       list.count > 2 ? list[2] : nil, list.count > 3 ? list[3] : nil)
        }
        var families: [AddressFamily] { [storage.0, storage.1, storage.2, storage.3].compactMap { $0 } }
        func contains(_ family: AddressFamily) -> Bool {
            storage.0 == family || storage.1 == family || storage.2 == family || storage.3 == family
        }
        static func == (a: Self, b: Self) -> Bool { a.families == b.families }
        func hash(into hasher: inout Hasher) { hasher.combine(families) }
    }

    /// A context. The default is a modern session: 4-octet AS, no extended message, no
    /// ADD-PATH. ADD-PATH covers IPv4 and IPv6 unicast and up to four other families.
    public init(fourOctetAS: Bool = true, extendedMessage: Bool = false, addPath: Set<AddressFamily> = []) {
        self.fourOctetAS = fourOctetAS
        self.extendedMessage = extendedMessage
        self.addPath = addPath
    }

    /// A 4-octet-AS session without extended message or ADD-PATH.
    public static let `default` = SessionContext()
    /// A session with an RFC 4271 speaker that knows no capabilities (2-octet AS).
    public static let legacy = SessionContext(fourOctetAS: false)

    /// True when NLRI of `family` carries path identifiers.
    public func hasPathIdentifiers(_ family: AddressFamily) -> Bool {
        if family == .ipv4Unicast { return addPathIPv4Unicast }
        if family == .ipv6Unicast { return addPathIPv6Unicast }
        return addPathOthers.contains(family)
    }

    /// The largest UPDATE, NOTIFICATION or ROUTE-REFRESH this session allows.
    public var maximumMessageLength: Int {
        extendedMessage ? BGPMessageHeader.maximumExtendedLength : BGPMessageHeader.maximumLength
    }

    /// Bytes per ASN in AS_PATH and AGGREGATOR.
    public var asnSize: Int { fourOctetAS ? 4 : 2 }
}
