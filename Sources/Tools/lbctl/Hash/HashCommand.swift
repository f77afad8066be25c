import ArgumentParser

/// `lbctl hash`: build, query and measure consistent-hashing tables.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print consistent-hashing tables, look flows up in them, and measure the algorithms.",
        discussion: """
        Backends are named by address, with a port where the algorithm hashes one:
        10.0.0.1, 10.0.0.1:80, 2001:db8::10, [2001:db8::10]:80; add =WEIGHT for a weight.

        Examples:
          lbctl hash table --size 13 --backend 10.0.0.1 --backend 10.0.0.2=2
          lbctl hash lookup --algorithm ipvs-mh --backend 10.0.0.1:80 \\
              --backend 10.0.0.2:80 --flow 'tcp 192.0.2.10:40000 203.0.113.1:80'
          lbctl hash metrics --quick --json
        """,
        subcommands: [HashTableCommand.self, HashLookupCommand.self, HashMetricsCommand.self]
    )
}

/// A tool error: one line naming the object and the reason (ArgumentParser prints it
/// as `Error: ...` on standard error and exits with status 1).
struct HashToolError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
