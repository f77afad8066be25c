import ArgumentParser

/// `lbctl`: drive IPVS and inspect consistent-hashing tables.
@main
struct LBCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbctl",
        abstract: "Drive Linux IPVS over generic netlink and inspect load-balancer hash tables.",
        discussion: """
        Examples:
          lbctl hash table --algorithm maglev --size 13 --backend 10.0.0.1 --backend 10.0.0.2
        """,
        version: "0.1.0",
        subcommands: [
            ServiceCommand.self, DestCommand.self, FlushCommand.self, ZeroCommand.self, StatsCommand.self,
            TimeoutCommand.self, SyncCommand.self, SaveCommand.self, RestoreCommand.self,
        ]
    )
}
