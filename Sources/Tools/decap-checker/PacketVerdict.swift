import PcapKit
import TunnelKit

/// What decap-checker concludes about one captured frame: TunnelKit's report plus what
/// only the capture knows (truncation by the snap length, the link layer, padding, and
/// the per-flow checks).
///
/// Kept free of strings: names and explanations are made only for packets that are printed.
struct PacketVerdict {
    /// The 1-based frame number in the capture.
    var frame: Int
    /// `ok`, or the first failed check.
    var verdict: DecapsulationVerdict = .ok
    /// TunnelKit's facts (empty when the frame never reached the IP layer).
    var report = DecapsulationReport()
    /// Warnings only the capture can give.
    var captureWarnings: CaptureWarnings = []
    /// Where the outer IP header starts in the frame.
    var networkOffset = 0
    /// Bytes captured and bytes on the wire.
    var captured: Int
    var original: Int
    /// Why the frame is `not_ip` or `truncated` before reaching IP, if it is.
    var linkProblem: LinkProblem?

    enum LinkProblem {
        case undecodable(LinkLayerError)
        case notIP(NetworkProtocol, raw: Bool)
    }

    init(frame: Int = 0, captured: Int = 0, original: Int = 0) {
        self.frame = frame
        self.captured = captured
        self.original = original
    }

    /// The warning names, TunnelKit's first.
    var warningNames: [String] { report.warnings.names + captureWarnings.names }

    /// One line explaining a bad verdict (empty for `ok`).
    var detail: String {
        if verdict == .truncated && captured < original { return "captured \(captured) of \(original) bytes" }
        switch linkProblem {
        case let .undecodable(error)?: return "\(error)"
        case let .notIP(.other(value), raw)?:
            return raw ? "IP version nibble \(value)" : "link layer carries 0x\(String(value, radix: 16))"
        case .notIP?: return ""
        case nil: return report.error?.description ?? ""
        }
    }
}

/// Valid but notable facts only the capture shows.
struct CaptureWarnings: OptionSet {
    var rawValue: UInt8
    /// Zero bytes after the IP packet in a minimum-size Ethernet frame.
    static let linkPadding = CaptureWarnings(rawValue: 1 << 0)
    /// Other bytes after the IP packet: an FCS, a switch's timestamp, ...
    static let linkTrailer = CaptureWarnings(rawValue: 1 << 1)
    /// The same inner flow arrived from another outer source (another L4LB).
    static let outerSourceChanged = CaptureWarnings(rawValue: 1 << 2)
    /// The same inner flow arrived with another IPv6 flow label.
    static let flowLabelChanged = CaptureWarnings(rawValue: 1 << 3)

    static let named: [(CaptureWarnings, String)] = [
        (.linkPadding, "link_padding"), (.linkTrailer, "link_trailer"),
        (.outerSourceChanged, "outer_source_changed"), (.flowLabelChanged, "flow_label_changed"),
    ]
    var names: [String] { rawValue == 0 ? [] : Self.named.filter { contains($0.0) }.map(\.1) }
}

/// Inspects frames: the link layer, then TunnelKit's decapsulator. No state across frames.
struct FrameInspector {
    let linkType: LinkType
    let decapsulator: Decapsulator
    private let isRaw: Bool
    private let classes = VerdictClasses()

    init(linkType: LinkType, decapsulator: Decapsulator) {
        self.linkType = linkType
        self.decapsulator = decapsulator
        isRaw = linkType.isBareIP
    }

    /// Inspects `record` into `packet`, which the caller reuses from frame to frame so
    /// that no report is copied.
    @inline(__always)
    func inspect(_ record: PcapRecord, into packet: inout PacketVerdict) {
        packet.frame = record.frameNumber
        packet.captured = record.bytes.count
        packet.original = record.originalLength
        packet.captureWarnings = []
        packet.networkOffset = 0
        packet.linkProblem = nil
        let snapped = record.isTruncated
        let link: LinkLayerFrame
        do {
            link = try LinkLayerFrame(decoding: record.bytes, linkType: linkType)
        } catch {
            packet.report.reset()
            packet.verdict = snapped ? .truncated : .notIP
            packet.linkProblem = .undecodable(error)
            return
        }
        let linkVersion: IPVersion?
        switch link.network {
        case .ipv4: linkVersion = isRaw ? nil : .v4
        case .ipv6: linkVersion = isRaw ? nil : .v6
        case .other:
            packet.report.reset()
            packet.verdict = snapped ? .truncated : .notIP
            packet.linkProblem = .notIP(link.network, raw: isRaw)
            return
        }
        packet.networkOffset = link.headerLength
        let network = UnsafeRawBufferPointer(rebasing: record.bytes[link.headerLength...])
        decapsulator.inspect(network, linkLayerVersion: linkVersion, into: &packet.report)
        // The snap length cut the frame: whatever the parse says, the capture cannot tell.
        packet.verdict = snapped ? .truncated : packet.report.error == nil ? .ok : packet.report.verdict
        // Bytes after the outer IP packet belong to the link layer: Ethernet pads frames
        // to 60 bytes; anything else is a trailer. Only a valid outer length says where
        // the packet ends.
        if !snapped, !classes.isOuterHeaderInvalid(packet.verdict), let end = packet.report.outer?.end {
            let frameEnd = link.headerLength + end
            if frameEnd < record.bytes.count {
                let isPadding = linkType == .ethernet && record.bytes.count <= 60
                    && record.bytes[frameEnd...].allSatisfy { $0 == 0 }
                packet.captureWarnings.insert(isPadding ? .linkPadding : .linkTrailer)
            }
        }
    }
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

    /// A total order without formatting anything: addresses, then ports, then protocol,
    /// then which of the ports and identifier are present (an absent one sorts as 0 before).
    func precedes(_ other: FlowKey) -> Bool {
        if source != other.source { return source < other.source }
        if destination != other.destination { return destination < other.destination }
        let mine = (sourcePort ?? 0, destinationPort ?? 0, icmpIdentifier ?? 0, self.protocol)
        let theirs = (other.sourcePort ?? 0, other.destinationPort ?? 0, other.icmpIdentifier ?? 0, other.protocol)
        if mine != theirs { return mine < theirs }
        func presence(_ key: FlowKey) -> Int {
            (key.sourcePort != nil ? 4 : 0) | (key.destinationPort != nil ? 2 : 0) | (key.icmpIdentifier != nil ? 1 : 0)
        }
        return presence(self) < presence(other)
    }
}
