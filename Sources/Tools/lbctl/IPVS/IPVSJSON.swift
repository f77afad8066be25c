import NetlinkKit
import ToolSupport

/// The `--json` shapes of IPVS objects, over the tools' shared JSON value.
extension JSON {
    static func service(_ service: IPVSService, destinations: [IPVSDestination]?) -> JSON {
        var members: [(String, JSON)] = []
        switch service.id {
        case .address(let proto, let address, let port):
            members += [("protocol", .string(proto.description)), ("address", .string(address.description)),
                        ("port", .number(UInt64(port.value)))]
        case .firewallMark(let mark, let family):
            members += [("fwmark", .number(UInt64(mark))), ("family", .string(family == .inet ? "ipv4" : "ipv6"))]
        }
        members.append(("scheduler", .string(service.scheduler)))
        members.append(("flags", .array(IPVSRules.schedulerFlagNames(service.flags, scheduler: service.scheduler).map(JSON.string)
            + (service.flags.contains(.onePacket) ? [.string("ops")] : []))))
        if let p = service.persistence {
            members.append(("persistence", .object([("timeout", .number(UInt64(p.timeout))), ("netmask", .string(p.netmask.description))])))
        } else {
            members.append(("persistence", .null))
        }
        members.append(("persistence_engine", service.persistenceEngine.map(JSON.string) ?? .null))
        if let stats = service.stats { members.append(("stats", Self.stats(stats))) }
        if let destinations { members.append(("destinations", .array(destinations.map(destination)))) }
        return .object(members)
    }

    static func destination(_ d: IPVSDestination) -> JSON {
        var members: [(String, JSON)] = [
            ("address", .string(d.address.description)), ("port", .number(UInt64(d.port.value))),
            ("family", .string(d.address.family == .inet ? "ipv4" : "ipv6")),
            ("forward", .string(d.forwarding.description.lowercased())),
        ]
        if case .tunnel(let t) = d.forwarding {
            var tunnel: [(String, JSON)] = [("type", .string(t.kind.name))]
            if case .gue(let port) = t.kind { tunnel.append(("port", .number(UInt64(port.value)))) }
            tunnel.append(("checksum", .bool(t.checksum.contains(.checksum))))
            tunnel.append(("remote_checksum", .bool(t.checksum.contains(.remoteChecksum))))
            members.append(("tunnel", .object(tunnel)))
        }
        members += [
            ("weight", .number(UInt64(d.weight))), ("upper_threshold", .number(UInt64(d.upperThreshold))),
            ("lower_threshold", .number(UInt64(d.lowerThreshold))),
            ("active_connections", .number(UInt64(d.activeConnections))),
            ("inactive_connections", .number(UInt64(d.inactiveConnections))),
            ("persistent_connections", .number(UInt64(d.persistentConnections))),
        ]
        if let stats = d.stats { members.append(("stats", Self.stats(stats))) }
        return .object(members)
    }

    static func stats(_ s: IPVSStats) -> JSON {
        .object([
            ("connections", .number(s.connections)), ("in_packets", .number(s.inPackets)),
            ("out_packets", .number(s.outPackets)), ("in_bytes", .number(s.inBytes)), ("out_bytes", .number(s.outBytes)),
            ("cps", .number(s.connectionRate)), ("in_pps", .number(s.inPacketRate)), ("out_pps", .number(s.outPacketRate)),
            ("in_bps", .number(s.inByteRate)), ("out_bps", .number(s.outByteRate)),
        ])
    }
}
