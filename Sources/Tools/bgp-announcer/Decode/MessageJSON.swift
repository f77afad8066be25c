import BGPKit
import PcapKit
import ToolSupport

/// `decode --json`: one object per message, every field decoded.
///
/// Conventions: prefixes are strings ("192.0.2.1/32"), with a parallel `path_ids` array
/// when ADD-PATH is in use; AS paths are lists of `{type, asns}` segments; communities
/// are "65000:1" (well-known ones also named), large communities "65000:1:2"; next hops
/// are address strings; every code comes as a number with its name beside it.
enum MessageJSON {
    static func render(_ decoded: DecodedMessage) -> JSON {
        var members = header(timestamp: decoded.timestamp, frame: decoded.frameNumber, direction: decoded.direction)
        members.append(("type", .string(decoded.typeName)))
        members.append(("length", .number(decoded.bytes.count)))
        switch decoded.result {
        case let .success(message):
            members += body(message)
        case let .failure(error):
            members.append(("error", self.error(error)))
            members.append(("raw", .string(hexString(decoded.bytes))))
        }
        return .object(members)
    }

    static func render(_ problem: StreamProblem) -> JSON {
        var members = header(timestamp: problem.timestamp, frame: problem.frameNumber, direction: problem.direction)
        members.append(("type", .string("stream-error")))
        members.append(("error", .object([("message", .string(problem.text))])))
        return .object(members)
    }

    private static func header(timestamp: PcapTimestamp?, frame: Int?, direction: TCPDirection?) -> [(String, JSON)] {
        [
            ("timestamp", timestamp.map { .string(TimestampText.iso8601($0)) } ?? .null),
            ("frame", frame.map { .number($0) } ?? .null),
            ("source", direction.map { .string($0.source.description) } ?? .null),
            ("destination", direction.map { .string($0.destination.description) } ?? .null),
        ]
    }

    static func error(_ error: BGPError) -> JSON {
        var members: [(String, JSON)] = [
            ("message", .string(error.description)),
            ("problem", .string(error.problem.rawValue)),
            ("offset", .number(error.offset)),
            ("code", .number(error.code.rawValue)),
            ("code_name", .string(error.code.name)),
            ("subcode", .number(error.subcode)),
            ("subcode_name", .string(NotificationCode.subcodeName(code: error.code, subcode: error.subcode))),
            ("disposition", .string(error.disposition.description)),
        ]
        if let attribute = error.attribute { members.append(("attribute", .string(attribute.name))) }
        if let family = error.family { members.append(("family", Self.family(family))) }
        if !error.data.isEmpty { members.append(("data", .string(hexString(error.data)))) }
        return .object(members)
    }

    private static func body(_ message: BGPMessage) -> [(String, JSON)] {
        switch message {
        case let .open(open): return self.open(open)
        case let .update(update): return self.update(update)
        case let .notification(notification): return self.notification(notification)
        case .keepalive: return []
        case let .routeRefresh(refresh):
            return [
                ("afi", .number(refresh.family.afi.rawValue)),
                ("safi", .number(refresh.family.safi.rawValue)),
                ("family", .string(refresh.family.description)),
                ("subtype", .number(refresh.subtype.rawValue)),
                ("subtype_name", .string(refresh.subtype.description)),
            ]
        }
    }

    // MARK: OPEN

    private static func open(_ open: OpenMessage) -> [(String, JSON)] {
        var members: [(String, JSON)] = [
            ("version", .number(open.version)),
            ("my_as", .number(open.myAS)),
            ("asn", .number(open.asn)),
            ("hold_time", .number(open.holdTime)),
            ("bgp_identifier", .string(open.bgpIdentifier.description)),
            ("extended_optional_parameters", .bool(open.usesExtendedParameters)),
            ("capabilities", .array(open.capabilities.map(capability))),
        ]
        var unknown: [JSON] = []
        for case let .unknown(type, value) in open.parameters {
            unknown.append(.object([("type", .number(type)), ("value", .string(hexString(value)))]))
        }
        if !unknown.isEmpty { members.append(("unknown_parameters", .array(unknown))) }
        return members
    }

    private static func family(_ family: AddressFamily) -> JSON {
        .object([("afi", .number(family.afi.rawValue)), ("safi", .number(family.safi.rawValue)), ("name", .string(family.description))])
    }

    static func capability(_ capability: Capability) -> JSON {
        var members: [(String, JSON)] = [("code", .number(capability.code.rawValue)), ("name", .string(capability.code.name))]
        switch capability {
        case let .multiprotocol(f):
            members += [("afi", .number(f.afi.rawValue)), ("safi", .number(f.safi.rawValue)), ("family", .string(f.description))]
        case .routeRefresh, .extendedMessage, .enhancedRouteRefresh:
            break
        case let .extendedNextHop(entries):
            members.append(("entries", .array(entries.map { entry in
                .object([
                    ("afi", .number(entry.nlriFamily.afi.rawValue)),
                    ("safi", .number(UInt16(entry.safiHighByte) << 8 | UInt16(entry.nlriFamily.safi.rawValue))),
                    ("family", .string(entry.nlriFamily.description)),
                    ("next_hop_afi", .number(entry.nextHopAFI.rawValue)),
                ])
            })))
        case let .gracefulRestart(g):
            members += [
                ("restart_time", .number(g.restartTime)),
                ("restarting", .bool(g.restarting)),
                ("notification", .bool(g.notificationSupported)),
                ("families", .array(g.families.map { f in
                    .object([
                        ("afi", .number(f.family.afi.rawValue)), ("safi", .number(f.family.safi.rawValue)),
                        ("family", .string(f.family.description)), ("forwarding_state_preserved", .bool(f.forwardingStatePreserved)),
                    ])
                })),
            ]
        case let .fourOctetAS(asn):
            members.append(("asn", .number(asn)))
        case let .addPath(entries):
            members.append(("entries", .array(entries.map { e in
                .object([
                    ("afi", .number(e.family.afi.rawValue)), ("safi", .number(e.family.safi.rawValue)),
                    ("family", .string(e.family.description)), ("mode", .string(e.mode.description)),
                ])
            })))
        case let .longLivedGracefulRestart(entries):
            members.append(("entries", .array(entries.map { e in
                .object([
                    ("afi", .number(e.family.afi.rawValue)), ("safi", .number(e.family.safi.rawValue)),
                    ("family", .string(e.family.description)), ("flags", .number(e.flags)), ("stale_time", .number(e.staleTime)),
                ])
            })))
        case let .fqdn(hostname, domain):
            members += [("hostname", .string(hostname)), ("domain", .string(domain))]
        case let .role(role):
            members += [("role", .number(role.rawValue)), ("role_name", .string(role.description))]
        case let .unknown(_, value):
            members.append(("value", .string(hexString(value))))
        }
        return .object(members)
    }

    // MARK: UPDATE

    private static func prefixes(_ list: [NLRI], key: String, into members: inout [(String, JSON)]) {
        members.append((key, .array(list.map { .string($0.prefix.description) })))
        if list.contains(where: { $0.pathID != nil }) {
            members.append(("path_ids", .array(list.map { $0.pathID.map { .number($0) } ?? .null })))
        }
    }

    private static func update(_ update: UpdateMessage) -> [(String, JSON)] {
        var members: [(String, JSON)] = []
        prefixes(update.withdrawn, key: "withdrawn", into: &members)
        members.append(("attributes", .array(update.attributes.map(attribute))))
        prefixes(update.nlri, key: "nlri", into: &members)
        if let family = update.endOfRIB { members.append(("end_of_rib", self.family(family))) }
        if !update.errors.isEmpty { members.append(("errors", .array(update.errors.map(error)))) }
        return members
    }

    private static func segments(_ path: ASPath) -> JSON {
        .array(path.segments.map { segment in
            .object([("type", .string(segment.type.description)), ("asns", .array(segment.asns.map { .number($0) }))])
        })
    }

    static func attribute(_ attribute: PathAttribute) -> JSON {
        var members: [(String, JSON)] = [
            ("code", .number(attribute.code.rawValue)),
            ("name", .string(attribute.code.name)),
            ("flags", .number(attribute.flags.rawValue)),
        ]
        switch attribute.value {
        case let .origin(origin):
            members.append(("value", .string(origin.description)))
        case let .asPath(path), let .as4Path(path):
            members.append(("segments", segments(path)))
        case let .nextHop(address):
            members.append(("next_hop", .string(address.description)))
        case let .multiExitDisc(value), let .localPref(value):
            members.append(("value", .number(value)))
        case let .onlyToCustomer(asn):
            members.append(("asn", .number(asn)))
        case .atomicAggregate:
            break
        case let .aggregator(a), let .as4Aggregator(a):
            members += [("asn", .number(a.asn)), ("address", .string(a.address.description))]
        case let .communities(list):
            members.append(("communities", .strings(list)))
            let named = list.compactMap { c in c.wellKnownName.map { (c.description, JSON.string($0)) } }
            if !named.isEmpty { members.append(("well_known", .object(named))) }
        case let .originatorID(address):
            members.append(("originator_id", .string(address.description)))
        case let .clusterList(list):
            members.append(("cluster_list", .strings(list)))
        case let .mpReachNLRI(reach):
            members += [
                ("afi", .number(reach.family.afi.rawValue)),
                ("safi", .number(reach.family.safi.rawValue)),
                ("family", .string(reach.family.description)),
            ]
            switch reach.nextHop {
            case .raw(let bytes): members.append(("next_hop_raw", .string(hexString(bytes))))
            default: members.append(("next_hops", .strings(reach.nextHop.addresses)))
            }
            prefixes(reach.nlri, key: "nlri", into: &members)
            if !reach.rawNLRI.isEmpty { members.append(("nlri_raw", .string(hexString(reach.rawNLRI)))) }
        case let .mpUnreachNLRI(unreach):
            members += [
                ("afi", .number(unreach.family.afi.rawValue)),
                ("safi", .number(unreach.family.safi.rawValue)),
                ("family", .string(unreach.family.description)),
            ]
            prefixes(unreach.withdrawn, key: "withdrawn", into: &members)
            if !unreach.rawWithdrawn.isEmpty { members.append(("withdrawn_raw", .string(hexString(unreach.rawWithdrawn)))) }
        case let .extendedCommunities(list):
            members.append(("extended_communities", .strings(list)))
        case let .ipv6ExtendedCommunities(list):
            members.append(("ipv6_extended_communities", .strings(list)))
        case let .largeCommunities(list):
            members.append(("large_communities", .strings(list)))
        case let .unknown(_, value):
            members.append(("value", .string(hexString(value))))
        }
        return .object(members)
    }

    // MARK: NOTIFICATION

    private static func notification(_ n: NotificationMessage) -> [(String, JSON)] {
        var members: [(String, JSON)] = [
            ("code", .number(n.code.rawValue)),
            ("code_name", .string(n.code.name)),
            ("subcode", .number(n.subcode)),
            ("subcode_name", .string(n.subcodeName)),
            ("data", .string(hexString(n.data))),
        ]
        if let text = n.shutdownCommunication { members.append(("shutdown_communication", .string(text))) }
        return members
    }
}
