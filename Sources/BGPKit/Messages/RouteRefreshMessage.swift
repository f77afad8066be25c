/// ROUTE-REFRESH (RFC 2918), with the RFC 7313 subtypes marking the beginning and end
/// of a re-advertisement.
public struct RouteRefreshMessage: Hashable, Sendable, CustomStringConvertible {
    /// The message subtype (the octet RFC 2918 reserved).
    public struct Subtype: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A plain request (RFC 2918).
        public static let request = Subtype(rawValue: 0)
        /// Beginning of Route Refresh (RFC 7313).
        public static let beginning = Subtype(rawValue: 1)
        /// End of Route Refresh (RFC 7313).
        public static let end = Subtype(rawValue: 2)
        public var description: String {
            switch rawValue {
            case 0: "request"
            case 1: "BoRR"
            case 2: "EoRR"
            default: "subtype \(rawValue)"
            }
        }
    }

    /// The family to refresh.
    public var family: AddressFamily
    /// Request, BoRR or EoRR.
    public var subtype: Subtype

    public init(family: AddressFamily, subtype: Subtype = .request) {
        self.family = family
        self.subtype = subtype
    }

    /// "IPv6 unicast request".
    public var description: String { "\(family) \(subtype)" }

    /// Decodes the 4-byte body. RFC 7313 section 5: any other length is ROUTE-REFRESH
    /// Message Error / Invalid Message Length, with the whole message as data.
    public init(decodingBody body: UnsafeRawBufferPointer) throws(BGPError) {
        guard body.count == 4 else {
            throw BGPError(problem: .routeRefreshLength, code: .routeRefreshMessageError, subcode: 1,
                           data: [UInt8](body.prefix(64)), disposition: .sessionReset,
                           offset: BGPMessageHeader.length, detail: "body of \(body.count) bytes, expected 4")
        }
        family = AddressFamily(AFI(UInt16(body[0]) << 8 | UInt16(body[1])), SAFI(body[3]))
        subtype = Subtype(rawValue: body[2])
    }

    public func encodeBody(into buffer: inout [UInt8]) {
        buffer.appendUInt16(family.afi.rawValue)
        buffer.append(subtype.rawValue)
        buffer.append(family.safi.rawValue)
    }
}
