import ArgumentParser
import BGPKit
import Glibc
import PcapKit
import ToolSupport

/// `bgp-announcer decode`: prints every BGP message of a capture or of hex bytes.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode BGP messages from a capture or from hex.",
        discussion: """
        With --pcap, the TCP streams to and from port 179 are reassembled (both \
        directions; out-of-order and retransmitted segments handled) and each message is \
        decoded with what the OPENs in the capture negotiated (4-octet AS, ADD-PATH, \
        extended message). With --hex, the bytes are one or more whole messages, decoded \
        with a modern session's context unless told otherwise.

        Examples:
          bgp-announcer decode --pcap session.pcap
          bgp-announcer decode --pcap session.pcap --json | jq 'select(.type == "UPDATE")'
          bgp-announcer decode --hex ffffffffffffffffffffffffffffffff001304
        """
    )

    @Option(name: .long, help: ArgumentHelp("A pcap or pcapng capture to decode ('-' for standard input).", valueName: "file"))
    var pcap: String?

    @Option(name: .long, help: ArgumentHelp("Messages as hex (spaces, colons and 0x are ignored); repeat for more.", valueName: "hex"))
    var hex: [String] = []

    @Flag(name: .long, help: "One JSON object per message instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The BGP port to follow in a capture.", valueName: "port"))
    var port: UInt16 = 179

    @Flag(name: .customLong("two-octet-as"), help: "With --hex: the session did not negotiate 4-octet AS numbers.")
    var twoOctetAS = false

    @Flag(name: .customLong("extended-message"), help: "With --hex: the session negotiated extended messages (up to 65,535 bytes).")
    var extendedMessage = false

    @Option(name: .customLong("add-path"), help: ArgumentHelp("With --hex: a family whose NLRI carries path identifiers (ipv4-unicast, ipv6-unicast); repeat for more.", valueName: "family"))
    var addPath: [String] = []

    func run() throws {
        var failures = 0
        let emit: (DecodeEvent) -> Void = { event in
            switch event {
            case let .message(decoded):
                if case let .failure(error) = decoded.result {
                    failures += 1
                    Self.warn("\(Self.where(decoded.frameNumber, decoded.direction))\(decoded.typeName) message malformed: \(error)")
                }
                print(json ? MessageJSON.render(decoded).serialized : MessageText.render(decoded))
            case let .problem(problem):
                failures += 1
                Self.warn("\(Self.where(problem.frameNumber, problem.direction))\(problem.text)")
                print(json ? MessageJSON.render(problem).serialized : MessageText.render(problem))
            }
        }
        switch (pcap, hex.isEmpty) {
        case (nil, true):
            throw Self.fail("give a capture with --pcap FILE or messages with --hex HEX", status: 64)
        case (.some, false):
            throw Self.fail("give either --pcap or --hex, not both", status: 64)
        case let (.some(path), true):
            if twoOctetAS || extendedMessage || !addPath.isEmpty {
                throw Self.fail("--two-octet-as, --extended-message and --add-path apply to --hex; a capture's OPENs say what was negotiated", status: 64)
            }
            do {
                try CaptureMessageSource(path: path, port: port).run(emit)
            } catch {
                throw Self.fail("\(error)", status: error.kind == .cannotOpen ? 66 : 65)
            }
        case (nil, false):
            var families: Set<AddressFamily> = []
            for name in addPath {
                switch name.lowercased() {
                case "ipv4-unicast", "ipv4": families.insert(.ipv4Unicast)
                case "ipv6-unicast", "ipv6": families.insert(.ipv6Unicast)
                default: throw Self.fail("--add-path '\(name)': expected ipv4-unicast or ipv6-unicast", status: 64)
                }
            }
            let context = SessionContext(fourOctetAS: !twoOctetAS, extendedMessage: extendedMessage, addPath: families)
            for (index, text) in hex.enumerated() {
                let bytes: [UInt8]
                do {
                    bytes = try HexInput.bytes(from: text)
                } catch {
                    let which = hex.count > 1 ? " #\(index + 1)" : ""
                    throw Self.fail("--hex\(which): \(error)", status: 65)
                }
                HexMessageSource(bytes: bytes, context: context).run(emit)
            }
        }
        if failures > 0 {
            throw ExitCode(65)
        }
    }

    private static func `where`(_ frame: Int?, _ direction: TCPDirection?) -> String {
        var text = ""
        if let frame { text += "frame \(frame) " }
        if let direction { text += "\(direction) " }
        return text.isEmpty ? "" : text + ": "
    }

    /// One line on standard error.
    static func warn(_ message: String) {
        let line = Array("bgp-announcer decode: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Prints one line on standard error and gives the exit status to throw.
    static func fail(_ message: String, status: Int32) -> ExitCode {
        warn(message)
        return ExitCode(status)
    }
}
