import BGPKit
import PcapKit

/// The human-readable form of `decode`: a header line per message (time, who to whom,
/// type, size), then the fields indented, in the spirit of `birdc show route all` and
/// `gobgp monitor`.
enum MessageText {
    private static let indent = "    "

    static func render(_ decoded: DecodedMessage) -> String {
        var lines: [String] = []
        var header = prefix(timestamp: decoded.timestamp, direction: decoded.direction)
        header += decoded.typeName
        var size = "\(decoded.bytes.count) bytes"
        if let frame = decoded.frameNumber { size += ", frame \(frame)" }
        switch decoded.result {
        case let .success(message):
            if case let .notification(n) = message {
                header += "  \(n.code.name) / \(n.subcodeName) (\(n.code.rawValue)/\(n.subcode))"
            } else if case let .routeRefresh(r) = message {
                header += "  \(r.family) \(r.subtype)"
            } else if case let .update(u) = message, let family = u.endOfRIB {
                header += "  End-of-RIB \(family)"
            }
            lines.append(header + "  (\(size))")
            lines += body(message)
        case let .failure(error):
            lines.append(header + "  (\(size))  MALFORMED")
            lines.append(indent + "! \(error)")
            lines.append(indent + "raw " + hexString(decoded.bytes))
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ problem: StreamProblem) -> String {
        var line = prefix(timestamp: problem.timestamp, direction: problem.direction) + "STREAM ERROR  " + problem.text
        if let frame = problem.frameNumber { line += "  (frame \(frame))" }
        return line
    }

    private static func prefix(timestamp: PcapTimestamp?, direction: TCPDirection?) -> String {
        var text = ""
        if let timestamp { text += TimestampText.human(timestamp) + "  " }
        if let direction { text += "\(direction.source) > \(direction.destination)  " }
        return text
    }

    private static func field(_ name: String, _ value: String, width: Int = 16) -> String {
        if value.isEmpty { return indent + name }
        let padded = name.count < width ? name + String(repeating: " ", count: width - name.count) : name + " "
        return indent + padded + value
    }

    private static func body(_ message: BGPMessage) -> [String] {
        switch message {
        case let .open(open): return self.open(open)
        case let .update(update): return self.update(update)
        case let .notification(n):
            if let text = n.shutdownCommunication { return [indent + "\"\(text)\""] }
            return n.data.isEmpty ? [] : [field("data", "0x" + hexString(n.data))]
        case .keepalive, .routeRefresh: return []
        }
    }

    private static func open(_ open: OpenMessage) -> [String] {
        var asText = "\(open.asn)"
        if UInt32(open.myAS) != open.asn { asText += " (My AS \(open.myAS))" }
        var lines = [
            field("AS", asText),
            field("hold time", "\(open.holdTime) s"),
            field("router id", open.bgpIdentifier.description),
        ]
        if open.version != 4 { lines.append(field("version", "\(open.version)")) }
        if open.usesExtendedParameters { lines.append(field("parameters", "RFC 9072 extended form")) }
        let capabilities = open.capabilities
        lines.append(indent + "capabilities (\(capabilities.count)):")
        for capability in capabilities {
            let name = capability.code.name
            let full = capability.description
            let value = full.count > name.count ? String(full.dropFirst(name.count + 1)) : ""
            lines.append(indent + field(name, value, width: 28))
        }
        for case let .unknown(type, value) in open.parameters {
            lines.append(field("parameter \(type)", "0x" + hexString(value)))
        }
        return lines
    }

    private static func prefixList(_ list: [NLRI]) -> String {
        list.map(\.description).joined(separator: ", ")
    }

    private static func update(_ update: UpdateMessage) -> [String] {
        var lines: [String] = []
        if update.endOfRIB != nil { return lines }
        if !update.withdrawn.isEmpty { lines.append(field("withdraw", prefixList(update.withdrawn))) }
        if let unreach = update.mpUnreach, !unreach.withdrawn.isEmpty || !unreach.rawWithdrawn.isEmpty {
            var text = prefixList(unreach.withdrawn)
            if !unreach.rawWithdrawn.isEmpty { text += (text.isEmpty ? "" : ", ") + "0x" + hexString(unreach.rawWithdrawn) }
            lines.append(field("withdraw", text + "  (\(unreach.family))"))
        }
        if let reach = update.mpReach {
            var text = prefixList(reach.nlri)
            if !reach.rawNLRI.isEmpty { text += (text.isEmpty ? "" : ", ") + "0x" + hexString(reach.rawNLRI) }
            lines.append(field("announce", text + "  (\(reach.family))"))
            let hops = reach.nextHop.addresses.map(\.description)
            lines.append(field("next-hop", hops.isEmpty ? reach.nextHop.description : hops.joined(separator: " ")))
        }
        if !update.nlri.isEmpty { lines.append(field("announce", prefixList(update.nlri))) }
        for attribute in update.attributes {
            switch attribute.value {
            case .mpReachNLRI, .mpUnreachNLRI: continue
            case let .asPath(path), let .as4Path(path):
                lines.append(field(label(attribute.code), path.isEmpty ? "(empty)" : path.description))
            default:
                lines.append(field(label(attribute.code), attribute.value.description))
            }
        }
        for error in update.errors { lines.append(indent + "! \(error)") }
        return lines
    }

    /// Attribute names as routing daemons print them.
    private static func label(_ code: AttributeCode) -> String {
        switch code {
        case .origin: "origin"
        case .asPath: "as-path"
        case .nextHop: "next-hop"
        case .multiExitDisc: "med"
        case .localPref: "local-pref"
        case .atomicAggregate: "atomic-aggregate"
        case .aggregator: "aggregator"
        case .communities: "community"
        case .originatorID: "originator-id"
        case .clusterList: "cluster-list"
        case .extendedCommunities: "ext-community"
        case .as4Path: "as4-path"
        case .as4Aggregator: "as4-aggregator"
        case .ipv6ExtendedCommunities: "ipv6-ext-community"
        case .largeCommunities: "large-community"
        case .onlyToCustomer: "otc"
        default: "attribute \(code.rawValue)"
        }
    }
}
