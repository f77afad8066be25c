import ArgumentParser

/// `bgp-announcer`: decode BGP sessions and (later) announce VIPs.
@main
struct BGPAnnouncer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bgp-announcer",
        abstract: "Decode BGP messages from captures or hex, and announce VIPs over BGP.",
        discussion: """
        Examples:
          bgp-announcer decode --pcap session.pcap
          bgp-announcer decode --hex ffffffffffffffffffffffffffffffff001304
        """,
        version: "0.1.0",
        subcommands: [DecodeCommand.self]
    )
}
