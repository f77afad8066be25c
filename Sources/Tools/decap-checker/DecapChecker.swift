import ArgumentParser
import PcapKit

/// `decap-checker`: validate and decapsulate the tunnelled packets of a capture.
@main
struct DecapChecker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decap-checker",
        abstract: "Validate and decapsulate the tunnelled traffic in a pcap or pcapng capture.",
        discussion: """
        Examples:
          decap-checker capture.pcap
        """,
        version: "0.1.0"
    )

    @Argument(help: "The capture to read (pcap or pcapng), or - for standard input.")
    var capture: String

    func run() throws {
        let reader = try PcapReader(path: capture)
        var count = 0
        while try reader.next() != nil { count += 1 }
        print("packets: \(count)")
    }
}
