import BGPKit

/// A fixed-seed generator (SplitMix64) so that every run, and the Go comparison
/// program reading `--write-corpus` output, sees the same bytes.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Realistic UPDATEs as a full-table eBGP feed carries them, on a 4-octet-AS session
/// without ADD-PATH:
/// - 45% IPv4 announcements in the NLRI field (1–4 prefixes, /16 to /24, some /32),
/// - 20% IPv6 announcements in MP_REACH_NLRI (16- or 32-byte next hop, /32 to /48, /64, /128),
/// - 10% IPv4 announcements with an RFC 8950 IPv6 next hop,
/// - 12% IPv4 withdrawals, 12% IPv6 withdrawals (MP_UNREACH_NLRI), 1% End-of-RIB;
/// AS paths of 2 to 10 ASNs (a third of them above 65,535), 0–6 communities, large
/// communities on a quarter, MED on half, LOCAL_PREF on a tenth.
struct CorpusGenerator {
    var rng: SplitMix64
    let context = SessionContext.default

    init(seed: UInt64 = 0xB69_2026) { rng = SplitMix64(seed: seed) }

    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func u32() -> UInt32 { UInt32.random(in: 0...UInt32.max, using: &rng) }

    mutating func asn() -> UInt32 {
        int(0...2) == 0 ? UInt32(int(131_072...4_200_000_000)) : UInt32(int(1...64_495))
    }

    mutating func ipv4Prefix() -> IPPrefix {
        let length = int(0...9) == 0 ? 32 : int(16...24)
        let mask: UInt32 = ~0 << (32 - UInt32(length))
        return IPPrefix.v4(IPv4Address(UInt32(int(0x0100_0000...0xDFFF_FFFF)) & mask), length)!
    }

    mutating func ipv6Prefix() -> IPPrefix {
        let lengths = [32, 36, 40, 44, 48, 48, 48, 64, 128]
        let length = lengths[int(0...lengths.count - 1)]
        var address = IPv6Address(high: 0x2000_0000_0000_0000 | UInt64(u32()) << 16 | UInt64(int(0...0xFFFF)), low: UInt64(u32()))
        if length < 64 { address.low = 0; address.high &= ~0 << (64 - UInt64(length)) }
        else if length == 64 { address.low = 0 }
        return IPPrefix.v6(address, length)!
    }

    mutating func ipv6() -> IPv6Address {
        IPv6Address(high: 0x2001_0DB8_0000_0000 | UInt64(int(0...0xFFFF)), low: UInt64(u32()))
    }

    mutating func pathAttributes() -> [PathAttribute] {
        let hops = int(2...10)
        var asns: [UInt32] = []
        for _ in 0..<hops { asns.append(asn()) }
        var list = [PathAttribute(.origin([Origin.igp, .igp, .incomplete][int(0...2)])),
                    PathAttribute(.asPath(ASPath(sequence: asns)))]
        if int(0...1) == 0 { list.append(PathAttribute(.multiExitDisc(UInt32(int(0...1000))))) }
        if int(0...9) == 0 { list.append(PathAttribute(.localPref(100))) }
        let communities = int(0...6)
        if communities > 0 {
            var c: [Community] = []
            for _ in 0..<communities { c.append(Community(UInt16(int(1...64_495)), UInt16(int(0...65_535)))) }
            list.append(PathAttribute(.communities(c)))
        }
        if int(0...3) == 0 { list.append(PathAttribute(.largeCommunities([LargeCommunity(asns[0], 1, UInt32(int(0...999)))]))) }
        return list
    }

    mutating func update() -> UpdateMessage {
        let roll = int(0...99)
        switch roll {
        case 0..<45:
            var prefixes: [NLRI] = []
            for _ in 0..<int(1...4) { prefixes.append(NLRI(ipv4Prefix())) }
            return UpdateMessage(attributes: pathAttributes() + [PathAttribute(.nextHop(IPv4Address(u32())))], nlri: prefixes)
        case 45..<65:
            var prefixes: [NLRI] = []
            for _ in 0..<int(1...3) { prefixes.append(NLRI(ipv6Prefix())) }
            let hop = MPNextHop.ipv6(ipv6(), linkLocal: int(0...1) == 0 ? IPv6Address(high: 0xFE80_0000_0000_0000, low: UInt64(u32())) : nil)
            return UpdateMessage(attributes: [PathAttribute(.mpReachNLRI(MPReachNLRI(family: .ipv6Unicast, nextHop: hop, nlri: prefixes)))] + pathAttributes())
        case 65..<75:
            var prefixes: [NLRI] = []
            for _ in 0..<int(1...4) { prefixes.append(NLRI(ipv4Prefix())) }
            let hop = MPNextHop.ipv6(ipv6(), linkLocal: nil)
            return UpdateMessage(attributes: [PathAttribute(.mpReachNLRI(MPReachNLRI(family: .ipv4Unicast, nextHop: hop, nlri: prefixes)))] + pathAttributes())
        case 75..<87:
            var prefixes: [NLRI] = []
            for _ in 0..<int(1...6) { prefixes.append(NLRI(ipv4Prefix())) }
            return UpdateMessage(withdrawn: prefixes)
        case 87..<99:
            var prefixes: [NLRI] = []
            for _ in 0..<int(1...6) { prefixes.append(NLRI(ipv6Prefix())) }
            return UpdateMessage(attributes: [PathAttribute(.mpUnreachNLRI(MPUnreachNLRI(family: .ipv6Unicast, withdrawn: prefixes)))])
        default:
            return .endOfRIB(int(0...1) == 0 ? .ipv4Unicast : .ipv6Unicast)
        }
    }

    /// `count` UPDATEs as one byte stream, with each message's start offset.
    mutating func corpus(count: Int) -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 90)
        var offsets: [Int] = []
        offsets.reserveCapacity(count + 1)
        for _ in 0..<count {
            offsets.append(bytes.count)
            do {
                try BGPMessage.update(update()).encode(context: context, into: &bytes)
            } catch {
                fatalError("corpus generator built an UPDATE BGPKit refuses: \(error)")
            }
        }
        offsets.append(bytes.count)
        return (bytes, offsets)
    }
}
