/// MP_UNREACH_NLRI (type 15, optional non-transitive, RFC 4760): withdrawn routes of
/// any family. Empty, it is the End-of-RIB marker of its family (RFC 4724).
public struct MPUnreachNLRI: Hashable, Sendable {
    /// AFI/SAFI of the withdrawn routes.
    public var family: AddressFamily
    /// The withdrawn routes, for IPv4/IPv6 unicast and multicast.
    public var withdrawn: [NLRI]
    /// Withdrawn NLRI bytes of families BGPKit does not decode.
    public var rawWithdrawn: [UInt8]

    public init(family: AddressFamily, withdrawn: [NLRI], rawWithdrawn: [UInt8] = []) {
        self.family = family
        self.withdrawn = withdrawn
        self.rawWithdrawn = rawWithdrawn
    }

    /// True when nothing is withdrawn (End-of-RIB when alone in its UPDATE).
    public var isEmpty: Bool { withdrawn.isEmpty && rawWithdrawn.isEmpty }

    static func error(_ family: AddressFamily?) -> ErrorTemplate {
        ErrorTemplate(.malformedMPUnreach, .updateMessageError, NotificationCode.Update.optionalAttribute,
                      family == nil ? .sessionReset : .afiSafiDisable, attribute: .mpUnreachNLRI, family: family)
    }

    static func validate(_ value: ByteReader, context: SessionContext) throws(BGPError) -> (AddressFamily, ByteReader, Int) {
        var reader = value
        reader.truncation = error(nil)
        let family = AddressFamily(AFI(try reader.readUInt16()), SAFI(try reader.readUInt8()))
        let nlri = reader.rest()
        var count = 0
        if family.hasPrefixNLRI {
            count = try NLRICodec.validate(nlri, afi: family.afi, addPath: context.hasPathIdentifiers(family), error: error(family))
        }
        return (family, nlri, count)
    }

    static func decode(_ value: ByteReader, context: SessionContext) throws(BGPError) -> MPUnreachNLRI {
        let (family, nlri, count) = try validate(value, context: context)
        var result = MPUnreachNLRI(family: family, withdrawn: [])
        if family.hasPrefixNLRI {
            try NLRICodec.decode(nlri, afi: family.afi, addPath: context.hasPathIdentifiers(family),
                                 count: count, error: error(family), into: &result.withdrawn)
        } else {
            result.rawWithdrawn = [UInt8](nlri.bytes)
        }
        return result
    }

    func encode(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        if !family.hasPrefixNLRI, !withdrawn.isEmpty {
            throw .invalid("prefixes for \(family), which BGPKit keeps raw")
        }
        buffer.appendUInt16(family.afi.rawValue)
        buffer.append(family.safi.rawValue)
        let addPath = context.hasPathIdentifiers(family)
        for i in withdrawn.indices { try NLRICodec.encode(withdrawn[i], afi: family.afi, addPath: addPath, into: &buffer) }
        buffer.append(contentsOf: rawWithdrawn)
    }
}
