@testable import BGPKit

/// Builds random, valid messages from a fixed-seed generator for the property tests.
struct MessageGenerator {
    var rng: SplitMix64
    let context: SessionContext

    init(seed: UInt64, context: SessionContext) {
        rng = SplitMix64(seed: seed)
        self.context = context
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func u32() -> UInt32 { UInt32.random(in: 0...UInt32.max, using: &rng) }

    mutating func ipv4() -> IPv4Address { IPv4Address(u32()) }
    mutating func ipv6() -> IPv6Address {
        IPv6Address(high: UInt64.random(in: 0...UInt64.max, using: &rng), low: UInt64.random(in: 0...UInt64.max, using: &rng))
    }

    /// A prefix with its host bits cleared (only those survive a round trip).
    mutating func prefix(_ afi: AFI) -> IPPrefix {
        if afi == .ipv4 {
            let length = int(0...32)
            let mask: UInt32 = length == 0 ? 0 : ~0 << (32 - UInt32(length))
            return IPPrefix(.v4(IPv4Address(u32() & mask)), length: length)!
        }
        let length = int(0...128)
        var a = ipv6()
        if length < 64 { a.low = 0; a.high &= length == 0 ? 0 : ~0 << (64 - UInt64(length)) }
        else if length < 128 { a.low &= length == 64 ? 0 : ~0 << (128 - UInt64(length)) }
        return IPPrefix(.v6(a), length: length)!
    }

    mutating func routes(_ afi: AFI, _ count: ClosedRange<Int>) -> [NLRI] {
        let addPath = context.hasPathIdentifiers(AddressFamily(afi, .unicast))
        return (0..<int(count)).map { _ in NLRI(prefix(afi), pathID: addPath ? u32() : nil) }
    }

    mutating func asn() -> UInt32 { context.fourOctetAS ? u32() : UInt32(int(0...0xFFFF)) }

    mutating func asPath(fourOctet: Bool) -> ASPath {
        var segments: [ASPathSegment] = []
        for _ in 0..<int(0...3) {
            let type = [ASPathSegmentType.asSequence, .asSequence, .asSet, .confedSequence, .confedSet][int(0...4)]
            segments.append(ASPathSegment(type, (0..<int(1...12)).map { _ in fourOctet ? u32() : UInt32(int(0...0xFFFF)) }))
        }
        return ASPath(segments: segments)
    }

    mutating func optionalAttributes() -> [PathAttribute] {
        var list: [PathAttribute] = []
        if bool() { list.append(PathAttribute(.multiExitDisc(u32()))) }
        if bool() { list.append(PathAttribute(.localPref(u32()))) }
        if int(0...3) == 0 { list.append(PathAttribute(.atomicAggregate)) }
        if int(0...3) == 0 { list.append(PathAttribute(.aggregator(Aggregator(asn: asn(), address: ipv4())))) }
        if bool() { list.append(PathAttribute(.communities((0..<int(1...8)).map { _ in Community(rawValue: u32()) }))) }
        if int(0...3) == 0 { list.append(PathAttribute(.originatorID(ipv4()))) }
        if int(0...3) == 0 { list.append(PathAttribute(.clusterList((0..<int(1...4)).map { _ in ipv4() }))) }
        if bool() {
            list.append(PathAttribute(.extendedCommunities((0..<int(1...4)).map { _ in
                ExtendedCommunity(rawValue: UInt64.random(in: 0...UInt64.max, using: &rng)) })))
        }
        if int(0...3) == 0 {
            list.append(PathAttribute(.ipv6ExtendedCommunities((0..<int(1...3)).map { _ in
                IPv6ExtendedCommunity(type: UInt8(int(0...255)), subtype: UInt8(int(0...255)), address: ipv6(), localAdministrator: UInt16(int(0...0xFFFF))) })))
        }
        if bool() { list.append(PathAttribute(.largeCommunities((0..<int(1...4)).map { _ in LargeCommunity(u32(), u32(), u32()) }))) }
        if int(0...3) == 0 { list.append(PathAttribute(.onlyToCustomer(u32()))) }
        if !context.fourOctetAS, int(0...3) == 0 { list.append(PathAttribute(.as4Path(asPath(fourOctet: true)))) }
        if int(0...3) == 0 {
            let code = AttributeCode(UInt8(int(200...254)))
            list.append(PathAttribute(flags: [.optional, .transitive, .partial],
                                      value: .unknown(code: code, value: (0..<int(0...20)).map { _ in UInt8(int(0...255)) })))
        }
        return list
    }

    mutating func update() -> UpdateMessage {
        if int(0...15) == 0 { return .endOfRIB(bool() ? .ipv4Unicast : .ipv6Unicast) }
        var u = UpdateMessage(withdrawn: routes(.ipv4, 0...4), nlri: [])
        let announceIPv4 = bool()
        let mpReach = int(0...2) > 0
        if announceIPv4 { u.nlri = routes(.ipv4, 1...6) }
        var attributes: [PathAttribute] = []
        if announceIPv4 || mpReach || bool() {
            attributes.append(PathAttribute(.origin([Origin.igp, .egp, .incomplete][int(0...2)])))
            attributes.append(PathAttribute(.asPath(asPath(fourOctet: context.fourOctetAS))))
            attributes += optionalAttributes()
        }
        if announceIPv4 { attributes.append(PathAttribute(.nextHop(ipv4()))) }
        if mpReach {
            let afi: AFI = bool() ? .ipv6 : .ipv4
            let nextHop: MPNextHop = switch int(0...2) {
            case 0: .ipv6(ipv6(), linkLocal: nil)
            case 1: .ipv6(ipv6(), linkLocal: ipv6())
            default: afi == .ipv4 ? .ipv4(ipv4()) : .ipv6(ipv6(), linkLocal: nil)
            }
            attributes.append(PathAttribute(.mpReachNLRI(MPReachNLRI(family: AddressFamily(afi, .unicast), nextHop: nextHop, nlri: routes(afi, 0...6)))))
        }
        if int(0...2) == 0 {
            let afi: AFI = bool() ? .ipv6 : .ipv4
            attributes.append(PathAttribute(.mpUnreachNLRI(MPUnreachNLRI(family: AddressFamily(afi, .unicast), withdrawn: routes(afi, 1...5)))))
        }
        attributes.shuffle(using: &rng)
        u.attributes = attributes
        return u
    }

    mutating func capability() -> Capability {
        switch int(0...11) {
        case 0: .multiprotocol(AddressFamily(AFI(UInt16(int(0...3))), SAFI(UInt8(int(0...3)))))
        case 1: .routeRefresh
        case 2: .extendedNextHop([ExtendedNextHopEntry(nlriFamily: .ipv4Unicast, nextHopAFI: .ipv6)])
        case 3: .extendedMessage
        case 4: .gracefulRestart(GracefulRestart(flags: UInt8(int(0...15)), restartTime: UInt16(int(0...4095)),
                                                 families: [GracefulRestart.Family(family: .ipv6Unicast, flags: 0x80)]))
        case 5: .fourOctetAS(u32())
        case 6: .addPath([AddPathEntry(family: .ipv4Unicast, mode: .both), AddPathEntry(family: .ipv6Unicast, mode: .receive)])
        case 7: .enhancedRouteRefresh
        case 8: .longLivedGracefulRestart([LongLivedGracefulRestartEntry(family: .ipv4Unicast, flags: 0, staleTime: UInt32(int(0...0xFFFFFF)))])
        case 9: .fqdn(hostname: "router\(int(0...99))", domain: bool() ? "example.net" : "")
        case 10: .role(BGPRole(rawValue: UInt8(int(0...4))))
        default: .unknown(code: CapabilityCode(UInt8(int(200...254))), value: (0..<int(0...6)).map { _ in UInt8(int(0...255)) })
        }
    }

    mutating func open() -> OpenMessage {
        var parameters: [OptionalParameter] = []
        for _ in 0..<int(0...4) { parameters.append(.capabilities((0..<int(1...5)).map { _ in capability() })) }
        if int(0...5) == 0 { parameters.append(.unknown(type: UInt8(int(3...200)), value: [1, 2, 3])) }
        return OpenMessage(myAS: UInt16(int(1...0xFFFF)), holdTime: [0, 3, 90, 180, 65535][int(0...4)],
                           bgpIdentifier: IPv4Address(UInt32(int(1...0x7FFF_FFFF))), parameters: parameters,
                           usesExtendedParameters: int(0...4) == 0)
    }

    mutating func message() -> BGPMessage {
        switch int(0...9) {
        case 0: .open(open())
        case 1: .notification(NotificationMessage(code: NotificationCode(UInt8(int(1...8))), subcode: UInt8(int(0...12)),
                                                  data: (0..<int(0...10)).map { _ in UInt8(int(0...255)) }))
        case 2: .keepalive
        case 3: .routeRefresh(RouteRefreshMessage(family: bool() ? .ipv4Unicast : .ipv6Unicast,
                                                  subtype: .init(rawValue: UInt8(int(0...2)))))
        default: .update(update())
        }
    }
}
