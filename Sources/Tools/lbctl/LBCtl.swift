import ArgumentParser

/// `lbctl`: drive IPVS and inspect consistent-hashing tables.
@main
struct LBCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbctl",
        abstract: "Drive Linux IPVS over generic netlink and inspect load-balancer hash tables.",
        discussion: """
        Examples:
          lbctl service add -t 192.0.2.1:80 -s mh -b mh-fallback,mh-port
          lbctl dest add -t 192.0.2.1:80 -r [2001:db8::10] -i -w 2
          lbctl service list -n --json
          lbctl save > rules; lbctl restore < rules
          lbctl hash table --algorithm maglev --size 13 --backend 10.0.0.1 --backend 10.0.0.2
        """,
        version: "0.1.0",
        subcommands: [
            ServiceCommand.self, DestCommand.self, FlushCommand.self, ZeroCommand.self, StatsCommand.self,
            TimeoutCommand.self, SyncCommand.self, SaveCommand.self, RestoreCommand.self, HashCommand.self,
        ]
    )
}
