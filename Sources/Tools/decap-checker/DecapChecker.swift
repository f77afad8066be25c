import ArgumentParser
import PcapKit
import ToolSupport
import TunnelKit

/// `decap-checker`: validate and decapsulate the tunnelled packets of a capture.
@main
struct DecapChecker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decap-checker",
        abstract: "Validate and decapsulate the tunnelled traffic in a pcap or pcapng capture.",
        discussion: """
        One verdict per packet: ok, not_tunneled, not_ip, truncated, or the first check \
        that failed (outer_ipv4_bad_checksum, inner_ttl_zero, nested_tunnel, ...), with \
        warnings for valid but notable facts. Exit status: 0 when no packet has an error \
        verdict, 1 when any has, 2 when the capture cannot be read.

        Examples:
          decap-checker l7lb.pcap
          decap-checker --json --filter 'ip6 and host 2001:db8:a7::72' l7lb.pcap
          tcpdump -i eth0 -w - -c 10000 | decap-checker --quiet -
          decap-checker --vip 203.0.113.0/24 --allow-outer-src 2001:db8:100::/48 l7lb.pcap
          decap-checker --write-inner inner.pcap --write-bad bad.pcap l7lb.pcap
        """,
        version: "0.1.0"
    )

    @Argument(help: "The capture to read (pcap or pcapng), or - for standard input.")
    var capture: String

    @Flag(help: "One JSON object per packet, then one {\"summary\": ...} object.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print the summary only.")
    var quiet = false

    @Option(help: ArgumentHelp("Only packets matching this BPF filter (frame numbers still count every packet).", valueName: "expression"))
    var filter: String?

    @Option(name: .customLong("write-inner"), help: ArgumentHelp("Write the decapsulated inner packets here (link type RAW, original timestamps).", valueName: "file"))
    var writeInner: String?

    @Option(name: .customLong("write-bad"), help: ArgumentHelp("Write the packets with an error verdict here (same link type).", valueName: "file"))
    var writeBad: String?

    @Option(name: .customLong("allow-outer-src"),
            help: ArgumentHelp("Outer source prefixes allowed (the L4LBs), repeatable or comma-separated; others are spoofed_outer_source.", valueName: "prefix"))
    var allowedOuterSources: [String] = []

    @Option(name: .customLong("vip"),
            help: ArgumentHelp("Inner destination prefixes expected (the VIPs), repeatable or comma-separated; others are unexpected_inner_destination.", valueName: "prefix"))
    var vips: [String] = []

    @Option(name: .customLong("max-depth"), help: "IP-in-IP levels to remove; deeper nesting is nested_tunnel.")
    var maximumDepth = 1

    @Flag(name: .customLong("allow-inner-ttl-zero"), help: "Accept inner packets with TTL or hop limit 0 (a host delivering locally may).")
    var allowInnerTTLZero = false

    @Option(name: .customLong("fou-port"), help: ArgumentHelp("UDP ports carrying FOU, reported as unsupported_kind.", valueName: "port"))
    var fouPorts: [UInt16] = [5555]

    @Option(name: .customLong("gue-port"), help: ArgumentHelp("UDP ports carrying GUE, reported as unsupported_kind.", valueName: "port"))
    var guePorts: [UInt16] = [6080]

    @Option(help: "The MTU of the links the outer packets cross, for the TCP MSS warning.")
    var mtu = 1500

    @Option(help: "How many of the busiest inner flows the summary lists.")
    var top = 10

    func validate() throws {
        if json && quiet { throw ValidationError("--json and --quiet exclude each other") }
        if maximumDepth < 1 { throw ValidationError("--max-depth must be at least 1") }
        if mtu < 68 || mtu > 65_535 { throw ValidationError("--mtu must be between 68 and 65535") }
    }

    func run() throws {
        let policy = try makePolicy()
        do {
            let errors = try check(policy: policy)
            if errors > 0 { throw ExitCode(1) }
        } catch let error as PcapError {
            StandardError.print("decap-checker: \(error)")
            throw ExitCode(2)
        }
    }

    private func makePolicy() throws -> DecapsulationPolicy {
        func prefixes(_ texts: [String], _ option: String) throws -> [IPPrefix]? {
            if texts.isEmpty { return nil }
            return try texts.flatMap { $0.split(separator: ",") }.map { text in
                guard let prefix = IPPrefix(text) ?? IPAddress(text).flatMap({ IPPrefix($0, length: $0.version == .v4 ? 32 : 128) }) else {
                    throw ValidationError("\(option) '\(text)' is not an IP prefix like 192.0.2.0/24 or 2001:db8::/32")
                }
                return prefix
            }
        }
        var policy = DecapsulationPolicy()
        policy.fooOverUDPPorts = fouPorts
        policy.genericUDPEncapsulationPorts = guePorts
        policy.innerTTLZero = allowInnerTTLZero ? .allow : .drop
        policy.maximumDepth = maximumDepth
        policy.allowedOuterSources = try prefixes(allowedOuterSources, "--allow-outer-src")
        policy.allowedInnerDestinations = try prefixes(vips, "--vip")
        policy.pathMTU = mtu
        return policy
    }

    /// Reads the capture and reports every packet; returns the count of error verdicts.
    private func check(policy: DecapsulationPolicy) throws(PcapError) -> Int {
        let reader = try PcapReader(path: capture, filter: filter)
        let inspector = FrameInspector(linkType: reader.linkType, decapsulator: Decapsulator(policy: policy))
        let innerWriter = try writeInner.map { path throws(PcapError) in try PcapWriter(path: path, linkType: .raw) }
        let badWriter = try writeBad.map { path throws(PcapError) in
            try PcapWriter(path: path, linkType: reader.linkType, snapshotLength: max(reader.snapshotLength, 65_535))
        }
        let out = StandardOutput()
        var summary = Summary()
        // Read the options once: property-wrapper getters are not free in a loop.
        let (json, quiet, showProgress) = (self.json, self.quiet, StandardError.isTerminal && !self.json)
        defer {
            innerWriter?.close()
            badWriter?.close()
        }
        let classes = VerdictClasses()
        var packet = PacketVerdict()
        try reader.forEachRecord { record in
            inspector.inspect(record, into: &packet)
            summary.add(&packet, frame: record.bytes)
            let isError = classes.isError(packet.verdict)
            if json {
                out.line(Self.json(packet).serialized)
            } else if !quiet && isError {
                out.line(Self.text(packet))
            }
            if let innerWriter, let range = packet.report.innerRange {
                let start = packet.networkOffset + range.lowerBound, end = packet.networkOffset + range.upperBound
                innerWriter.write(timestamp: record.timestamp, originalLength: end - start,
                                  bytes: UnsafeRawBufferPointer(rebasing: record.bytes[start..<end]))
            }
            if let badWriter, isError {
                badWriter.write(timestamp: record.timestamp, originalLength: record.originalLength, bytes: record.bytes)
            }
            if showProgress && summary.packets & 0x3FFFF == 0 {
                StandardError.progress("decap-checker: \(summary.packets) packets, frame \(record.frameNumber)")
            }
        }
        if showProgress && summary.packets >= 0x40000 { StandardError.progress("") }
        if json {
            out.line(summary.json(linkType: reader.linkType, top: top).serialized)
        } else {
            if !quiet && summary.errors > 0 { out.line("") }
            for line in summary.text(linkType: reader.linkType, top: top) { out.line(line) }
        }
        out.flush()
        return summary.errors
    }

    static func json(_ packet: PacketVerdict) -> JSON {
        let outer: JSON = packet.report.outer.map { .object([("src", .string("\($0.source)")), ("dst", .string("\($0.destination)"))]) } ?? .null
        let inner: JSON = packet.report.flow.map { flow in
            .object([
                ("proto", .int(Int(flow.protocol))),
                ("src", .string("\(flow.source)")),
                ("dst", .string("\(flow.destination)")),
                ("sport", .optional(flow.sourcePort)),
                ("dport", .optional(flow.destinationPort)),
            ])
        } ?? .null
        var members: [(String, JSON)] = [
            ("index", .int(packet.frame)),
            ("verdict", .string(packet.verdict.name)),
            ("kind", .string(packet.report.kind.name)),
            ("outer", outer),
            ("inner", inner),
            ("warnings", .array(packet.warningNames.map(JSON.string))),
        ]
        let detail = packet.detail
        if !detail.isEmpty { members.append(("detail", .string(detail))) }
        return .object(members)
    }

    /// `frame 12  outer_ipv4_bad_checksum  ipip  192.0.2.7 > 198.51.100.72  (checksum 0x1234, expected 0x4321)`
    static func text(_ packet: PacketVerdict) -> String {
        var line = "frame \(packet.frame)  \(packet.verdict.name)  \(packet.report.kind.name)"
        if let outer = packet.report.outer { line += "  \(outer.source) > \(outer.destination)" }
        if let flow = packet.report.flow { line += "  inner \(flow.text)" }
        let detail = packet.detail
        if !detail.isEmpty { line += "  (\(detail))" }
        return line
    }
}
