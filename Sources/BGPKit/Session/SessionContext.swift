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
        didSet {
            addPathIPv4Unicast = addPath.contains(.ipv4Unicast)
            addPathIPv6Unicast = addPath.contains(.ipv6Unicast)
        }
    }
    // The two families BGPKit is tuned for are looked up without hashing.
    var addPathIPv4Unicast: Bool
    var addPathIPv6Unicast: Bool

    /// A context. The default is a modern session: 4-octet AS, no extended message, no
    /// ADD-PATH.
    public init(fourOctetAS: Bool = true, extendedMessage: Bool = false, addPath: Set<AddressFamily> = []) {
        self.fourOctetAS = fourOctetAS
        self.extendedMessage = extendedMessage
        self.addPath = addPath
        addPathIPv4Unicast = addPath.contains(.ipv4Unicast)
        addPathIPv6Unicast = addPath.contains(.ipv6Unicast)
    }

    /// A 4-octet-AS session without extended message or ADD-PATH.
    public static let `default` = SessionContext()
    /// A session with an RFC 4271 speaker that knows no capabilities (2-octet AS).
    public static let legacy = SessionContext(fourOctetAS: false)

    /// True when NLRI of `family` carries path identifiers.
    public func hasPathIdentifiers(_ family: AddressFamily) -> Bool {
        if family == .ipv4Unicast { return addPathIPv4Unicast }
        if family == .ipv6Unicast { return addPathIPv6Unicast }
        return addPath.contains(family)
    }

    /// The largest UPDATE, NOTIFICATION or ROUTE-REFRESH this session allows.
    public var maximumMessageLength: Int {
        extendedMessage ? BGPMessageHeader.maximumExtendedLength : BGPMessageHeader.maximumLength
    }

    /// Bytes per ASN in AS_PATH and AGGREGATOR.
    public var asnSize: Int { fourOctetAS ? 4 : 2 }
}
