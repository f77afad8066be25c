import ArgumentParser
import ToolSupport
import NetlinkKit

/// `lbctl dest add|edit|delete|list`.
struct DestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dest",
        abstract: "Add, edit, delete and list the destinations (real servers) of a virtual service.",
        subcommands: [Add.self, Edit.self, Delete.self, List.self]
    )

    static let optionsHelp = """
    The service as for `lbctl service`, then -r ADDR[:PORT] (its own address family: an IPv4 service
    may have IPv6 destinations through a tunnel), -g (direct routing, default) | -i (tunnel) | -m (NAT),
    -w WEIGHT (default 1), -x UPPER, -y LOWER, --tun-type ipip|gue|gre, --tun-port PORT,
    --tun-nocsum | --tun-csum | --tun-remcsum. Also --netns NAME.
    """

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a destination to a virtual service.",
            discussion: optionsHelp + "\nExample: lbctl dest add -t 192.0.2.1:80 -r [2001:db8::10] -i -w 2")
        @Argument(parsing: .captureForPassthrough, help: "Service, destination and options, as for ipvsadm -a.")
        var arguments: [String] = []
        func run() throws { try IPVSTool.apply(command: "-a", arguments: arguments) }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a destination's forwarding, weight or thresholds.",
                                                        discussion: optionsHelp)
        @Argument(parsing: .captureForPassthrough, help: "Service, destination and options, as for ipvsadm -e.")
        var arguments: [String] = []
        func run() throws { try IPVSTool.apply(command: "-e", arguments: arguments) }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a destination from a virtual service.",
                                                        discussion: optionsHelp)
        @Argument(parsing: .captureForPassthrough, help: "Service and -r destination, as for ipvsadm -d.")
        var arguments: [String] = []
        func run() throws { try IPVSTool.apply(command: "-d", arguments: arguments) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the destinations of one virtual service.")
        @Argument(parsing: .captureForPassthrough, help: "The service (-t/-u/--sctp-service/-f), --json, -n, --netns.")
        var arguments: [String] = []

        func run() throws {
            let (options, rest) = IPVSTool.splitGlobal(arguments)
            let id = try IPVSTool.service(from: rest)
            let client = try options.client()
            let destinations = try IPVSTool.run { try client.destinations(of: id) }.sorted { IPVSRules.destinationOrder($0, $1) }
            if options.json {
                print(JSON.array(destinations.map(JSON.destination)).serialized)
                return
            }
            print("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn")
            for d in destinations {
                print("  -> \(pad(IPVSTool.endpoint(d.address, d.port, numeric: options.numeric), 28)) "
                      + "\(pad(d.forwarding.description, 7)) \(pad(String(d.weight), 6)) "
                      + "\(pad(String(d.activeConnections), 10)) \(pad(String(d.inactiveConnections), 10))")
            }
        }
    }
}
