/// MP_REACH_NLRI (type 14, optional non-transitive, RFC 4760): routes of any family
/// with their next hop.
public struct MPReachNLRI: Hashable, Sendable {
    /// AFI/SAFI of the next hop and NLRI.
    public var family: AddressFamily
    /// The next hop.
    public var nextHop: MPNextHop
    /// The reserved octet after the next hop (once the SNPA count); sent as read.
    public var reserved: UInt8
    /// The announced routes, for IPv4/IPv6 unicast and multicast.
    public var nlri: [NLRI]
    /// The NLRI bytes of families BGPKit does not decode (empty otherwise).
    public var rawNLRI: [UInt8]

    public init(family: AddressFamily, nextHop: MPNextHop, nlri: [NLRI], reserved: UInt8 = 0, rawNLRI: [UInt8] = []) {
        self.family = family
        self.nextHop = nextHop
        self.reserved = reserved
        self.nlri = nlri
        self.rawNLRI = rawNLRI
    }

    /// Errors in MP_REACH_NLRI (RFC 7606 section 7.11): AFI/SAFI disable once the family
    /// is known, session reset before.
    static func error(_ family: AddressFamily?) -> ErrorTemplate {
        ErrorTemplate(.malformedMPReach, .updateMessageError, NotificationCode.Update.optionalAttribute,
                      family == nil ? .sessionReset : .afiSafiDisable, attribute: .mpReachNLRI, family: family)
    }

    /// Checks the attribute; returns the family, the prefix count and where the parts are.
    static func validate(_ value: ByteReader, context: SessionContext) throws(BGPError) -> Layout {
        var reader = value
        reader.truncation = error(nil)
        let afi = AFI(try reader.readUInt16())
        let safi = SAFI(try reader.readUInt8())
        let family = AddressFamily(afi, safi)
        reader.truncation = error(family)
        let lengthAt = reader.offset
        let nextHopLength = Int(try reader.readUInt8())
        let nextHop = try reader.slice(nextHopLength)
        let reserved = try reader.readUInt8()
        let nlri = reader.rest()
        var count = 0
        if family.hasPrefixNLRI {
            // IPv6 next hops are 16 or 32 bytes; IPv4 NLRI takes 4, or 16/32 (RFC 8950).
            let valid = afi == .ipv4 ? (nextHopLength == 4 || nextHopLength == 16 || nextHopLength == 32) : (nextHopLength == 16 || nextHopLength == 32)
            guard valid else {
                throw error(family).error(at: lengthAt, detail: "next hop length \(nextHopLength) for \(family)")
            }
            count = try NLRICodec.validate(nlri, afi: afi, addPath: context.hasPathIdentifiers(family), error: error(family))
        }
        return Layout(family: family, nextHop: nextHop, reserved: reserved, nlri: nlri, count: count)
    }

    struct Layout {
        var family: AddressFamily
        var nextHop: ByteReader
        var reserved: UInt8
        var nlri: ByteReader
        var count: Int
        init(family: AddressFamily, nextHop: ByteReader, reserved: UInt8, nlri: ByteReader, count: Int) {
            self.family = family; self.nextHop = nextHop; self.reserved = reserved; self.nlri = nlri; self.count = count
        }
    }

    static func decode(_ value: ByteReader, context: SessionContext) throws(BGPError) -> MPReachNLRI {
        let layout = try validate(value, context: context)
        let family = layout.family
        let hop = layout.nextHop.bytes
        let nextHop: MPNextHop
        if !family.hasPrefixNLRI {
            nextHop = .raw([UInt8](hop))
        } else if hop.count == 4 {
            nextHop = .ipv4(IPv4Address(hop.loadUnaligned(as: UInt32.self).bigEndian))
        } else {
            let global = IPv6Address(high: hop.loadUnaligned(as: UInt64.self).bigEndian,
                                     low: hop.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian)
            let linkLocal = hop.count == 32
                ? IPv6Address(high: hop.loadUnaligned(fromByteOffset: 16, as: UInt64.self).bigEndian,
                              low: hop.loadUnaligned(fromByteOffset: 24, as: UInt64.self).bigEndian)
                : nil
            nextHop = .ipv6(global, linkLocal: linkLocal)
        }
        var result = MPReachNLRI(family: family, nextHop: nextHop, nlri: [], reserved: layout.reserved)
        if family.hasPrefixNLRI {
            try NLRICodec.decode(layout.nlri, afi: family.afi, addPath: context.hasPathIdentifiers(family),
                                 count: layout.count, error: error(family), into: &result.nlri)
        } else {
            result.rawNLRI = [UInt8](layout.nlri.bytes)
        }
        return result
    }

    func encode(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        if family.hasPrefixNLRI {
            switch nextHop {
            case .ipv4: guard family.afi == .ipv4 else { throw .familyMismatch("IPv4 next hop for \(family)") }
            case .ipv6: break
            case .raw: throw .invalid("raw next hop for \(family)")
            }
            guard rawNLRI.isEmpty else { throw .invalid("raw NLRI for \(family)") }
        } else {
            guard nlri.isEmpty else { throw .invalid("prefixes for \(family), which BGPKit keeps raw") }
        }
        buffer.appendUInt16(family.afi.rawValue)
        buffer.append(family.safi.rawValue)
        buffer.append(UInt8(truncatingIfNeeded: nextHop.encodedLength))
        nextHop.encode(into: &buffer)
        buffer.append(reserved)
        let addPath = context.hasPathIdentifiers(family)
        for i in nlri.indices { try NLRICodec.encode(nlri[i], afi: family.afi, addPath: addPath, into: &buffer) }
        buffer.append(contentsOf: rawNLRI)
    }
}
