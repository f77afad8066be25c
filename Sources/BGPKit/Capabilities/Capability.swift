/// A capability advertised in OPEN (RFC 5492), one case per capability BGPKit decodes.
public enum Capability: Hashable, Sendable, CustomStringConvertible {
    /// RFC 4760: the sender handles this AFI/SAFI.
    case multiprotocol(AddressFamily)
    /// RFC 2918.
    case routeRefresh
    /// RFC 8950: NLRI families that may carry next hops of another AFI.
    case extendedNextHop([ExtendedNextHopEntry])
    /// RFC 8654: messages up to 65,535 bytes.
    case extendedMessage
    /// RFC 4724.
    case gracefulRestart(GracefulRestart)
    /// RFC 6793: the sender's real (4-octet) AS number.
    case fourOctetAS(UInt32)
    /// RFC 7911.
    case addPath([AddPathEntry])
    /// RFC 7313.
    case enhancedRouteRefresh
    /// RFC 9494.
    case longLivedGracefulRestart([LongLivedGracefulRestartEntry])
    /// draft-walton-bgp-hostname-capability: host and domain name.
    case fqdn(hostname: String, domain: String)
    /// RFC 9234.
    case role(BGPRole)
    /// Any other capability, kept as received.
    case unknown(code: CapabilityCode, value: [UInt8])

    /// The capability code.
    public var code: CapabilityCode {
        switch self {
        case .multiprotocol: .multiprotocol
        case .routeRefresh: .routeRefresh
        case .extendedNextHop: .extendedNextHop
        case .extendedMessage: .extendedMessage
        case .gracefulRestart: .gracefulRestart
        case .fourOctetAS: .fourOctetAS
        case .addPath: .addPath
        case .enhancedRouteRefresh: .enhancedRouteRefresh
        case .longLivedGracefulRestart: .longLivedGracefulRestart
        case .fqdn: .fqdn
        case .role: .role
        case let .unknown(code, _): code
        }
    }

    /// The name and value, e.g. "multiprotocol IPv6 unicast", "4-octet-as 4200000000".
    public var description: String {
        let value: String = switch self {
        case let .multiprotocol(f): f.description
        case .routeRefresh, .extendedMessage, .enhancedRouteRefresh: ""
        case let .extendedNextHop(e): e.map(\.description).joined(separator: ", ")
        case let .gracefulRestart(g): g.description
        case let .fourOctetAS(asn): String(asn)
        case let .addPath(e): e.map(\.description).joined(separator: ", ")
        case let .longLivedGracefulRestart(e): e.map(\.description).joined(separator: ", ")
        case let .fqdn(h, d): d.isEmpty ? h : "\(h).\(d)"
        case let .role(r): r.description
        case let .unknown(_, v): v.isEmpty ? "" : "0x" + v.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        return value.isEmpty ? code.name : "\(code.name) \(value)"
    }
}

extension Capability {
    /// Decodes one capability value. A known capability with a length its RFC does not
    /// allow is an OPEN Message Error (unspecific subcode): its meaning cannot be trusted.
    static func decode(code: CapabilityCode, value: ByteReader) throws(BGPError) -> Capability {
        var r = value
        let count = value.bytes.count
        func malformed(_ why: String) -> BGPError {
            ErrorTemplate(.capabilityMalformed, .openMessageError, NotificationCode.Open.unspecific, .sessionReset)
                .error(at: value.base - 2, detail: "\(code) \(why)", data: [code.rawValue, UInt8(truncatingIfNeeded: count)] + [UInt8](value.bytes))
        }
        func need(_ ok: Bool) throws(BGPError) { if !ok { throw malformed("of \(count) bytes") } }
        switch code {
        case .multiprotocol:
            try need(count == 4)
            let afi = AFI(try r.readUInt16())
            _ = try r.readUInt8()
            return .multiprotocol(AddressFamily(afi, SAFI(try r.readUInt8())))
        case .routeRefresh:
            try need(count == 0)
            return .routeRefresh
        case .extendedNextHop:
            try need(count % 6 == 0)
            var entries: [ExtendedNextHopEntry] = []
            entries.reserveCapacity(count / 6)
            while !r.isAtEnd {
                let afi = AFI(try r.readUInt16())
                let safi = try r.readUInt16()
                let hop = AFI(try r.readUInt16())
                entries.append(ExtendedNextHopEntry(nlriFamily: AddressFamily(afi, SAFI(UInt8(truncatingIfNeeded: safi))),
                                                    nextHopAFI: hop, safiHighByte: UInt8(truncatingIfNeeded: safi >> 8)))
            }
            return .extendedNextHop(entries)
        case .extendedMessage:
            try need(count == 0)
            return .extendedMessage
        case .gracefulRestart:
            try need(count >= 2 && (count - 2) % 4 == 0)
            let word = try r.readUInt16()
            var families: [GracefulRestart.Family] = []
            families.reserveCapacity((count - 2) / 4)
            while !r.isAtEnd {
                let afi = AFI(try r.readUInt16())
                let safi = SAFI(try r.readUInt8())
                families.append(GracefulRestart.Family(family: AddressFamily(afi, safi), flags: try r.readUInt8()))
            }
            return .gracefulRestart(GracefulRestart(flags: UInt8(word >> 12), restartTime: word & 0x0FFF, families: families))
        case .fourOctetAS:
            try need(count == 4)
            return .fourOctetAS(try r.readUInt32())
        case .addPath:
            try need(count % 4 == 0)
            var entries: [AddPathEntry] = []
            entries.reserveCapacity(count / 4)
            while !r.isAtEnd {
                let afi = AFI(try r.readUInt16())
                let safi = SAFI(try r.readUInt8())
                entries.append(AddPathEntry(family: AddressFamily(afi, safi), mode: .init(rawValue: try r.readUInt8())))
            }
            return .addPath(entries)
        case .enhancedRouteRefresh:
            try need(count == 0)
            return .enhancedRouteRefresh
        case .longLivedGracefulRestart:
            try need(count % 7 == 0)
            var entries: [LongLivedGracefulRestartEntry] = []
            entries.reserveCapacity(count / 7)
            while !r.isAtEnd {
                let afi = AFI(try r.readUInt16())
                let safi = SAFI(try r.readUInt8())
                let flags = try r.readUInt8()
                entries.append(LongLivedGracefulRestartEntry(family: AddressFamily(afi, safi), flags: flags, staleTime: try r.readUInt24()))
            }
            return .longLivedGracefulRestart(entries)
        case .fqdn:
            try need(count >= 2)
            let hostLength = Int(try r.readUInt8())
            guard hostLength < r.remaining else { throw malformed("host name of \(hostLength) bytes overruns it") }
            let host = try r.slice(hostLength)
            let domainLength = Int(try r.readUInt8())
            guard domainLength == r.remaining else { throw malformed("domain name of \(domainLength) bytes, \(r.remaining) left") }
            return .fqdn(hostname: String(decoding: host.bytes, as: UTF8.self),
                         domain: String(decoding: r.rest().bytes, as: UTF8.self))
        case .role:
            try need(count == 1)
            return .role(BGPRole(rawValue: try r.readUInt8()))
        default:
            return .unknown(code: code, value: [UInt8](value.bytes))
        }
    }

    /// Appends code, length and value.
    public func encode(into buffer: inout [UInt8]) throws(BGPEncodingError) {
        buffer.append(code.rawValue)
        let lengthIndex = buffer.count
        buffer.append(0)
        switch self {
        case let .multiprotocol(f):
            buffer.appendUInt16(f.afi.rawValue); buffer.append(0); buffer.append(f.safi.rawValue)
        case .routeRefresh, .extendedMessage, .enhancedRouteRefresh: break
        case let .extendedNextHop(entries):
            for e in entries {
                buffer.appendUInt16(e.nlriFamily.afi.rawValue)
                buffer.append(e.safiHighByte); buffer.append(e.nlriFamily.safi.rawValue)
                buffer.appendUInt16(e.nextHopAFI.rawValue)
            }
        case let .gracefulRestart(g):
            guard g.restartTime <= 0x0FFF, g.flags <= 0xF else { throw .valueOutOfRange("graceful restart time \(g.restartTime) or flags \(g.flags)") }
            buffer.appendUInt16(UInt16(g.flags) << 12 | g.restartTime)
            for f in g.families {
                buffer.appendUInt16(f.family.afi.rawValue); buffer.append(f.family.safi.rawValue); buffer.append(f.flags)
            }
        case let .fourOctetAS(asn): buffer.appendUInt32(asn)
        case let .addPath(entries):
            for e in entries {
                buffer.appendUInt16(e.family.afi.rawValue); buffer.append(e.family.safi.rawValue); buffer.append(e.mode.rawValue)
            }
        case let .longLivedGracefulRestart(entries):
            for e in entries {
                guard e.staleTime <= 0xFF_FFFF else { throw .valueOutOfRange("LLGR stale time \(e.staleTime)") }
                buffer.appendUInt16(e.family.afi.rawValue); buffer.append(e.family.safi.rawValue)
                buffer.append(e.flags); buffer.appendUInt24(e.staleTime)
            }
        case let .fqdn(host, domain):
            let h = Array(host.utf8), d = Array(domain.utf8)
            guard h.count <= 255, d.count <= 255 else { throw .valueOutOfRange("FQDN names longer than 255 bytes") }
            buffer.append(UInt8(h.count)); buffer.append(contentsOf: h)
            buffer.append(UInt8(d.count)); buffer.append(contentsOf: d)
        case let .role(role): buffer.append(role.rawValue)
        case let .unknown(_, value): buffer.append(contentsOf: value)
        }
        let length = buffer.count - lengthIndex - 1
        guard length <= 255 else { throw .valueOutOfRange("\(code) capability of \(length) bytes (at most 255)") }
        buffer[lengthIndex] = UInt8(length)
    }
}
