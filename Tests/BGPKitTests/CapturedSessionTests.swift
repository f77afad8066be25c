import Foundation
import XCTest
import BGPKit
import PcapKit

/// Decodes every committed capture of real speakers (BIRD, GoBGP, ExaBGP; see
/// Tests/Fixtures/bgp/README.md) and checks the result three ways: against what the
/// capture script made the speakers announce (its manifest), against tshark's own
/// decoding, and by encoding every message back to the same bytes.
final class CapturedSessionTests: XCTestCase {
    private func manifest(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: CapturedSession.fixtures.appendingPathComponent("\(name).manifest.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testEveryCapturedMessageDecodes() throws {
        var total = 0
        for name in CapturedSession.names {
            let session = try CapturedSession(name)
            XCTAssertGreaterThanOrEqual(session.messages.count, 3, name)
            for m in session.messages {
                if case let .update(u) = m.message { XCTAssertEqual(u.errors, [], "\(name) frame \(m.frame)") }
            }
            total += session.messages.count
        }
        XCTAssertGreaterThanOrEqual(total, 55)
    }

    func testDecodeThenEncodeIsByteIdenticalForEveryCapturedMessage() throws {
        for name in CapturedSession.names {
            for m in try CapturedSession(name).messages {
                let encoded = try m.message.encoded(context: m.context)
                XCTAssertEqual(encoded, m.bytes, "\(name) frame \(m.frame): \(m.message)")
            }
        }
    }

    // MARK: Manifests

    func testOpensCarryTheCapabilitiesTheManifestsList() throws {
        for name in CapturedSession.names {
            let session = try CapturedSession(name)
            let expected = try XCTUnwrap(try manifest(name)["capabilities"] as? [String: [[String: Any]]])
            for (address, capabilities) in expected {
                let opens = session.messages.compactMap { m -> OpenMessage? in
                    if case let .open(o) = m.message, m.source == address { return o }
                    return nil
                }
                let open = try XCTUnwrap(opens.first, "\(name): no OPEN from \(address)")
                for capability in capabilities {
                    let code = try XCTUnwrap(capability["code"] as? Int)
                    let matching = open.capabilities.filter { Int($0.code.rawValue) == code }
                    XCTAssertFalse(matching.isEmpty, "\(name): \(address) did not offer capability \(code)")
                    if let afi = capability["afi"] as? Int, let safi = capability["safi"] as? Int, code == 1 {
                        XCTAssertTrue(matching.contains(.multiprotocol(AddressFamily(AFI(UInt16(afi)), SAFI(UInt8(safi))))),
                                      "\(name): \(address) multiprotocol \(afi)/\(safi)")
                    }
                    if code == 73, let host = capability["hostname"] as? String {
                        XCTAssertTrue(matching.contains(.fqdn(hostname: host, domain: capability["domain"] as? String ?? "")), "\(name): \(address) FQDN")
                    }
                    if code == 9, let role = capability["role"] as? Int {
                        XCTAssertTrue(matching.contains(.role(BGPRole(rawValue: UInt8(role)))), "\(name): \(address) role")
                    }
                    if let asn = capability["asn"] as? Int {
                        XCTAssertEqual(open.asn, UInt32(asn), "\(name): \(address) 4-octet AS")
                    }
                    if code == 5, let hop = capability["next_hop_afi"] as? Int {
                        let entries = matching.flatMap { c -> [ExtendedNextHopEntry] in
                            if case let .extendedNextHop(e) = c { return e }
                            return []
                        }
                        XCTAssertTrue(entries.contains { $0.nlriFamily == .ipv4Unicast && $0.nextHopAFI.rawValue == UInt16(hop) }, name)
                    }
                }
            }
            if let myAS = try manifest(name)["open_my_as"] as? [String: Int] {
                for (address, value) in myAS {
                    let open = session.messages.compactMap { m -> OpenMessage? in
                        if case let .open(o) = m.message, m.source == address { return o }
                        return nil
                    }.first
                    XCTAssertEqual(open.map { Int($0.myAS) }, value, "\(name): My AS of \(address)")
                }
            }
        }
    }

    func testUpdatesCarryWhatTheManifestsAnnounced() throws {
        for name in CapturedSession.names {
            let session = try CapturedSession(name)
            let announcements = try XCTUnwrap(try manifest(name)["announcements"] as? [[String: Any]])
            for announcement in announcements {
                let from = try XCTUnwrap(announcement["from"] as? String)
                let prefixes = Set(try XCTUnwrap(announcement["prefixes"] as? [String]))
                let candidates = session.updates.filter { $0.source == from }.map(\.update).filter { update in
                    prefixes.isSubset(of: Set(update.announced.map(\.prefix.description)))
                }
                let update = try XCTUnwrap(candidates.first, "\(name): no UPDATE from \(from) announces \(prefixes.sorted())")
                let hops = update.mpReach.map { $0.nextHop.addresses.map(\.description) } ?? update.nextHop.map { [$0.description] } ?? []
                XCTAssertEqual(hops, announcement["next_hops"] as? [String], "\(name) \(prefixes): next hops")
                XCTAssertEqual(update.origin.map { "\($0)".lowercased() }, announcement["origin"] as? String, "\(name) \(prefixes): origin")
                let path = try XCTUnwrap(announcement["as_path"] as? [[String: Any]])
                let segments = update.asPath?.segments ?? []
                XCTAssertEqual(segments.count, path.count, "\(name) \(prefixes): AS path segments")
                for (segment, expected) in zip(segments, path) {
                    XCTAssertEqual(segment.type, expected["type"] as? String == "set" ? .asSet : .asSequence)
                    XCTAssertEqual(segment.asns.map(Int.init), expected["asns"] as? [Int], "\(name) \(prefixes): AS path")
                }
                XCTAssertEqual(update.multiExitDisc.map(Int.init), announcement["med"] as? Int, "\(name) \(prefixes): MED")
                XCTAssertEqual(update.communities.map(\.description), announcement["communities"] as? [String], "\(name) \(prefixes): communities")
                XCTAssertEqual(update.largeCommunities.map(\.description), announcement["large_communities"] as? [String], "\(name) \(prefixes): large communities")
                XCTAssertEqual(update.onlyToCustomer.map(Int.init), announcement["otc"] as? Int, "\(name) \(prefixes): OTC")
            }
        }
    }

    func testWithdrawalsEndOfRIBRefreshesAndNotificationsAreAllThere() throws {
        for name in CapturedSession.names {
            let session = try CapturedSession(name)
            let m = try manifest(name)
            for withdrawal in m["withdrawals"] as? [[String: Any]] ?? [] {
                let from = try XCTUnwrap(withdrawal["from"] as? String)
                let prefixes = Set(try XCTUnwrap(withdrawal["prefixes"] as? [String]))
                XCTAssertTrue(session.updates.contains { $0.source == from && prefixes.isSubset(of: Set($0.update.allWithdrawn.map(\.prefix.description))) },
                              "\(name): \(from) never withdrew \(prefixes.sorted())")
            }
            for eor in m["end_of_rib"] as? [[String: Any]] ?? [] {
                let from = try XCTUnwrap(eor["from"] as? String)
                let family = AddressFamily(AFI(UInt16(try XCTUnwrap(eor["afi"] as? Int))), SAFI(UInt8(try XCTUnwrap(eor["safi"] as? Int))))
                XCTAssertTrue(session.updates.contains { $0.source == from && $0.update.endOfRIB == family }, "\(name): no End-of-RIB \(family) from \(from)")
            }
            for refresh in m["route_refresh"] as? [[String: Any]] ?? [] {
                let from = try XCTUnwrap(refresh["from"] as? String)
                let family = AddressFamily(AFI(UInt16(try XCTUnwrap(refresh["afi"] as? Int))), SAFI(UInt8(try XCTUnwrap(refresh["safi"] as? Int))))
                XCTAssertTrue(session.messages.contains { msg in
                    if case let .routeRefresh(r) = msg.message { return msg.source == from && r.family == family && Int(r.subtype.rawValue) == refresh["subtype"] as? Int }
                    return false
                }, "\(name): no ROUTE-REFRESH \(family) from \(from)")
            }
            for expected in m["notifications"] as? [[String: Any]] ?? [] {
                let from = try XCTUnwrap(expected["from"] as? String)
                let found = session.messages.compactMap { msg -> NotificationMessage? in
                    if case let .notification(n) = msg.message, msg.source == from { return n }
                    return nil
                }.first { Int($0.code.rawValue) == expected["code"] as? Int && Int($0.subcode) == expected["subcode"] as? Int }
                let notification = try XCTUnwrap(found, "\(name): no NOTIFICATION \(expected) from \(from)")
                XCTAssertEqual("\(notification.code.name) / \(notification.subcodeName)".lowercased(), (expected["name"] as? String)?.lowercased()
                    .replacingOccurrences(of: "hold timer expired", with: "hold timer expired / unspecific"), name)
                XCTAssertEqual(notification.shutdownCommunication, expected["shutdown_communication"] as? String, name)
            }
        }
    }

    // MARK: tshark

    /// tshark's decoding of each frame's BGP messages, in order.
    private func tsharkMessages(_ name: String) throws -> [Int: [[String: Any]]] {
        let data = try Data(contentsOf: CapturedSession.fixtures.appendingPathComponent("\(name).tshark.json"))
        let packets = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var byFrame: [Int: [[String: Any]]] = [:]
        for packet in packets {
            let layers = try XCTUnwrap((packet["_source"] as? [String: Any])?["layers"] as? [String: Any])
            guard let bgp = layers["bgp"] else { continue }
            let frame = try XCTUnwrap(Int(try XCTUnwrap((layers["frame"] as? [String: Any])?["frame.number"] as? String)))
            if let one = bgp as? [String: Any] { byFrame[frame] = [one] } else { byFrame[frame] = bgp as? [[String: Any]] }
        }
        return byFrame
    }

    /// Every value of `key` anywhere under `tree` (tshark nests fields in subtrees and
    /// turns repeated keys into arrays).
    private func values(_ key: String, in tree: Any) -> [String] {
        var found: [String] = []
        func walk(_ node: Any) {
            if let dict = node as? [String: Any] {
                for (k, v) in dict {
                    if k == key {
                        if let s = v as? String { found.append(s) } else if let list = v as? [String] { found += list } else { walk(v) }
                    } else {
                        walk(v)
                    }
                }
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        walk(tree)
        return found
    }

    /// Prefixes tshark shows under `key` as "address/length" (each prefix is its own subtree).
    private func prefixes(_ key: String, in tree: Any) -> Set<String> {
        var found: Set<String> = []
        func walk(_ node: Any) {
            if let dict = node as? [String: Any] {
                if let address = dict[key] as? String, let length = dict["bgp.prefix_length"] as? String {
                    found.insert("\(address)/\(length)")
                }
                dict.values.forEach(walk)
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        walk(tree)
        return found
    }

    /// Values of the first key of `keys` found in each subtree that holds all of them.
    private func tuples(_ keys: [String], in tree: Any) -> [String] {
        var found: [String] = []
        func walk(_ node: Any) {
            if let dict = node as? [String: Any] {
                let parts = keys.compactMap { dict[$0] as? String }
                if parts.count == keys.count { found.append(parts.joined(separator: ":")) }
                dict.values.forEach(walk)
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        walk(tree)
        return found
    }

    func testDecodingAgreesWithTshark() throws {
        var compared = 0
        for name in CapturedSession.names {
            let ours = Dictionary(grouping: try CapturedSession(name).messages, by: \.frame)
            let theirs = try tsharkMessages(name)
            XCTAssertEqual(Set(ours.keys), Set(theirs.keys), "\(name): frames holding BGP messages")
            for (frame, tsharkList) in theirs {
                let list = ours[frame] ?? []
                XCTAssertEqual(list.count, tsharkList.count, "\(name) frame \(frame): number of messages")
                for (m, t) in zip(list, tsharkList) {
                    let at = "\(name) frame \(frame)"
                    XCTAssertEqual(String(m.bytes.count), t["bgp.length"] as? String, at)
                    XCTAssertEqual(String(m.bytes[18]), t["bgp.type"] as? String, at)
                    switch m.message {
                    case let .open(open):
                        XCTAssertEqual(String(open.myAS), t["bgp.open.myas"] as? String, at)
                        XCTAssertEqual(String(open.holdTime), t["bgp.open.holdtime"] as? String, at)
                        XCTAssertEqual(open.bgpIdentifier.description, t["bgp.open.identifier"] as? String, at)
                        XCTAssertEqual(open.capabilities.map { String($0.code.rawValue) }.sorted(), values("bgp.cap.type", in: t).sorted(), at)
                        XCTAssertEqual(values("bgp.cap.4as", in: t), open.capabilities.compactMap { c in
                            if case let .fourOctetAS(asn) = c { return String(asn) }
                            return nil
                        }, at)
                    case let .update(u):
                        XCTAssertEqual(Set(u.withdrawn.map(\.prefix.description)), prefixes("bgp.withdrawn_prefix", in: t), at)
                        XCTAssertEqual(Set(u.nlri.map(\.prefix.description)), prefixes("bgp.nlri_prefix", in: t), at)
                        XCTAssertEqual(Set(u.mpReach?.nlri.map(\.prefix.description) ?? []),
                                       prefixes("bgp.mp_reach_nlri_ipv4_prefix", in: t).union(prefixes("bgp.mp_reach_nlri_ipv6_prefix", in: t)), at)
                        XCTAssertEqual(Set(u.mpUnreach?.withdrawn.map(\.prefix.description) ?? []),
                                       prefixes("bgp.mp_unreach_nlri_ipv4_prefix", in: t).union(prefixes("bgp.mp_unreach_nlri_ipv6_prefix", in: t)), at)
                        let tsharkHops = values("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6", in: t)
                            + values("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local", in: t)
                            + values("bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4", in: t)
                        XCTAssertEqual(u.mpReach?.nextHop.addresses.map(\.description) ?? [], tsharkHops, at)
                        XCTAssertEqual(u.nextHop.map { [$0.description] } ?? [], values("bgp.update.path_attribute.next_hop", in: t), at)
                        XCTAssertEqual(u.origin.map { [String($0.rawValue)] } ?? [], values("bgp.update.path_attribute.origin", in: t), at)
                        XCTAssertEqual(u.multiExitDisc.map { [String($0)] } ?? [], values("bgp.update.path_attribute.multi_exit_disc", in: t), at)
                        XCTAssertEqual(u.asPath?.asns.map(String.init) ?? [],
                                       values("bgp.update.path_attribute.as_path_segment.as4", in: t) + values("bgp.update.path_attribute.as_path_segment.as2", in: t), at)
                        let wellKnown = values("bgp.update.path_attribute.community_wellknown", in: t).compactMap { UInt32($0.dropFirst(2), radix: 16) }
                        let tsharkCommunities = tuples(["bgp.update.path_attribute.community_as", "bgp.update.path_attribute.community_value"], in: t)
                            + wellKnown.map { Community(rawValue: $0).description }
                        XCTAssertEqual(Set(u.communities.map(\.description)), Set(tsharkCommunities), at)
                        XCTAssertEqual(Set(u.largeCommunities.map(\.description)),
                                       Set(tuples(["bgp.large_communities.ga", "bgp.large_communities.ldp1", "bgp.large_communities.ldp2"], in: t)), at)
                    case let .notification(n):
                        XCTAssertEqual(String(n.code.rawValue), t["bgp.notify.major_error"] as? String, at)
                        let minor = t.first { $0.key.hasPrefix("bgp.notify.minor_error") }?.value as? String
                        XCTAssertEqual(String(n.subcode), minor, at)
                        if let text = t["bgp.notify.communication"] as? String { XCTAssertEqual(n.shutdownCommunication, text, at) }
                    case let .routeRefresh(r):
                        XCTAssertEqual(String(r.family.afi.rawValue), t["bgp.route_refresh.afi"] as? String, at)
                        XCTAssertEqual(String(r.family.safi.rawValue), t["bgp.route_refresh.safi"] as? String, at)
                        XCTAssertEqual(String(r.subtype.rawValue), t["bgp.route_refresh.subtype"] as? String, at)
                    case .keepalive:
                        break
                    }
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 55)
    }
}
