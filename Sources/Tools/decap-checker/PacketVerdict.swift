import PcapKit
import TunnelKit

/// What decap-checker concludes about one captured frame: TunnelKit's report plus what
/// only the capture knows (truncation by the snap length, the link layer, padding).
struct PacketVerdict {
    /// The 1-based frame number in the capture.
    var frame: Int
    /// `ok`, or the name of the first failed check.
    var verdict: String
    /// One line explaining a bad verdict (empty for `ok`).
    var detail: String
    /// The tunnel kind (`none` when there is no IP or no tunnel).
    var kind: TunnelKind
    /// TunnelKit's facts; nil when the frame never reached the IP layer.
    var report: DecapsulationReport?
    /// Warnings from TunnelKit, the link layer and the per-flow checks, by name.
    var warnings: [String]
    /// Where the outer IP header starts in the frame.
    var networkOffset: Int

    /// Whether the verdict is an error (the exit status is 1 when any packet has one).
    var isError: Bool { !(verdict == "ok" || verdict == "not_tunneled" || verdict == "not_ip") }
}

/// Inspects frames: link layer, then TunnelKit's decapsulator. No state across frames.
struct FrameInspector {
    let linkType: LinkType
    let decapsulator: Decapsulator

    func inspect(_ record: PcapRecord) -> PacketVerdict {
        var result = PacketVerdict(
            frame: record.frameNumber, verdict: "ok", detail: "", kind: .none,
            report: nil, warnings: [], networkOffset: 0
        )
        let link: LinkLayerFrame
        do {
            link = try LinkLayerFrame(decoding: record.bytes, linkType: linkType)
        } catch {
            result.verdict = record.isTruncated ? "truncated" : "not_ip"
            result.detail = "\(error)"
            return result
        }
        let linkVersion: IPVersion?
        switch link.network {
        case .ipv4: linkVersion = (linkType == .ipv4 || linkType.isRaw) ? nil : .v4
        case .ipv6: linkVersion = (linkType == .ipv6 || linkType.isRaw) ? nil : .v6
        case let .other(value):
            result.verdict = record.isTruncated ? "truncated" : "not_ip"
            result.detail = linkType.isRaw ? "IP version nibble \(value)" : "link layer carries 0x\(String(value, radix: 16))"
            return result
        }
        result.networkOffset = link.headerLength
        let network = UnsafeRawBufferPointer(rebasing: record.bytes[link.headerLength...])
        let report = decapsulator.inspect(network, linkLayerVersion: linkVersion)
        result.report = report
        result.kind = report.kind
        result.warnings = report.warnings.names
        if let error = report.error {
            result.verdict = error.verdictName
            result.detail = error.description
        }
        // The snap length cut the frame: whatever the parse says, the capture cannot tell.
        if record.isTruncated {
            result.verdict = "truncated"
            result.detail = "captured \(record.bytes.count) of \(record.originalLength) bytes"
        }
        // Bytes after the outer IP packet belong to the link layer: Ethernet pads frames
        // to 60 bytes; anything else is a trailer (an FCS, a switch's timestamp, ...).
        if let outer = report.outer, !record.isTruncated, !Self.outerHeaderInvalid.contains(result.verdict) {
            let end = link.headerLength + outer.end
            if end < record.bytes.count {
                let isPadding = linkType == .ethernet && record.bytes.count <= 60
                    && record.bytes[end...].allSatisfy { $0 == 0 }
                result.warnings.append(isPadding ? "link_padding" : "link_trailer")
            }
        }
        return result
    }

    /// Verdicts after which the outer length field is not to be trusted.
    private static let outerHeaderInvalid: Set<String> = [
        "outer_version_mismatch", "outer_ipv4_bad_ihl", "outer_ipv4_bad_checksum",
        "outer_ipv4_total_length_mismatch", "outer_ipv6_payload_length_mismatch",
        "outer_ipv6_bad_extension_header",
    ]
}

extension FlowKey {
    /// `tcp 198.18.0.1:40000 > 203.0.113.10:443`, or `icmp 198.18.0.1 > 203.0.113.10 id 7`:
    /// the protocol by name where it has one, addresses and ports as tcpdump prints them.
    var text: String {
        let name: String = switch self.protocol {
        case 1: "icmp"
        case 6: "tcp"
        case 17: "udp"
        case 58: "icmp6"
        case 132: "sctp"
        case let p: "proto \(p)"
        }
        func endpoint(_ address: IPAddress, _ port: UInt16?) -> String {
            guard let port else { return "\(address)" }
            return address.version == .v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        }
        var text = "\(name) \(endpoint(source, sourcePort)) > \(endpoint(destination, destinationPort))"
        if let id = icmpIdentifier { text += " id \(id)" }
        return text
    }
}

extension LinkType {
    /// The raw-IP link types, where the version nibble alone says IPv4 or IPv6.
    var isRaw: Bool { self == .raw || self == .raw12 || self == .raw14 }
}
