import ArgumentParser
import ToolSupport
import NetlinkKit

/// `lbctl flush`: remove every virtual service.
struct FlushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flush", abstract: "Remove every IPVS virtual service (ipvsadm -C).")
    @OptionGroup var options: IPVSOptions
    func run() throws {
        let client = try options.client()
        try IPVSTool.run { try client.flush() }
    }
}

/// `lbctl zero [SERVICE]`: zero counters.
struct ZeroCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "zero", abstract: "Zero the counters of one service or of all (ipvsadm -Z).")
    @Argument(parsing: .captureForPassthrough, help: "Optional service (-t/-u/--sctp-service/-f), --netns.")
    var arguments: [String] = []
    func run() throws {
        let (options, rest) = IPVSTool.splitGlobal(arguments)
        let id = rest.isEmpty ? nil : try IPVSTool.service(from: rest)
        let client = try options.client()
        try IPVSTool.run { try client.zero(id) }
    }
}

/// `lbctl stats`: counters of every service and destination.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show traffic counters (ipvsadm -L --stats), or rates with --rate.")
    @OptionGroup var options: IPVSOptions
    @Flag(name: .long, help: "Show rates (per second) instead of totals.")
    var rate = false
    @Flag(name: .long, help: "Print exact numbers instead of K/M/G/T abbreviations.")
    var exact = false

    func number(_ value: UInt64) -> String {
        if exact { return padLeft(String(value), value < 100_000_000 ? 9 : String(value).count + 1) }
        if value < 100_000_000 { return padLeft(String(value), 9) }
        if value < 1_000_000_000 { return padLeft(String(value / 1000), 8) + "K" }
        if value < 100_000_000_000 { return padLeft(String(value / 1_000_000), 8) + "M" }
        if value < 100_000_000_000_000 { return padLeft(String(value / 1_000_000_000), 8) + "G" }
        return padLeft(String(value / 1_000_000_000_000), 8) + "T"
    }

    func columns(_ s: IPVSStats?) -> String {
        let s = s ?? IPVSStats()
        let values = rate ? [s.connectionRate, s.inPacketRate, s.outPacketRate, s.inByteRate, s.outByteRate]
                          : [s.connections, s.inPackets, s.outPackets, s.inBytes, s.outBytes]
        return values.map(number).joined()
    }

    func run() throws {
        let client = try options.client()
        let table = try IPVSTool.run { () throws -> [(service: IPVSService, destinations: [IPVSDestination])] in
            IPVSRules.sorted(try client.services().map { ($0, try client.destinations(of: $0.id)) })
        }
        if options.json {
            print(JSON.array(table.map { JSON.service($0.0, destinations: $0.1) }).serialized)
            return
        }
        let titles = rate ? ["CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"] : ["Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"]
        print(pad("Prot LocalAddress:Port", 33) + titles.map { " " + padLeft($0, 8) }.joined())
        print("  -> RemoteAddress:Port")
        for (service, destinations) in table {
            print(pad(IPVSTool.serviceName(service.id, numeric: options.numeric), 33) + columns(service.stats))
            for d in destinations {
                print("  -> " + pad(IPVSTool.endpoint(d.address, d.port, numeric: options.numeric), 28) + columns(d.stats))
            }
        }
    }
}

/// `lbctl timeout get|set`.
struct TimeoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeout", abstract: "Show or set the IPVS connection timeouts.",
                                                    subcommands: [Get.self, Set.self])

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the TCP, TCP FIN and UDP timeouts in seconds.")
        @OptionGroup var options: IPVSOptions
        func run() throws {
            let client = try options.client()
            let t = try IPVSTool.run { try client.timeouts() }
            if options.json {
                print(JSON.object([("tcp", .number(UInt64(t.tcp))), ("tcpfin", .number(UInt64(t.tcpFin))), ("udp", .number(UInt64(t.udp)))]).serialized)
            } else {
                print("Timeout (tcp tcpfin udp): \(t.tcp) \(t.tcpFin) \(t.udp)")
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the timeouts in seconds (0 leaves one unchanged), as ipvsadm --set.")
        @OptionGroup var options: IPVSOptions
        @Argument(help: "TCP session timeout.") var tcp: UInt32
        @Argument(help: "TCP timeout after a FIN.") var tcpFin: UInt32
        @Argument(help: "UDP timeout.") var udp: UInt32
        func run() throws {
            let client = try options.client()
            try IPVSTool.run { try client.setTimeouts(IPVSTimeouts(tcp: tcp, tcpFin: tcpFin, udp: udp)) }
        }
    }
}

/// `lbctl sync start|stop|list`.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Start, stop and list the connection sync daemons.",
                                                    subcommands: [Start.self, Stop.self, List.self])

    static func role(_ text: String) throws -> IPVSSyncDaemon.Role {
        switch text {
        case "master": return .master
        case "backup": return .backup
        default: throw IPVSTool.fail("sync daemon role '\(text)': expected master or backup")
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a master or backup sync daemon.")
        @OptionGroup var options: IPVSOptions
        @Argument(help: "master or backup.") var role: String
        @Option(name: .customLong("mcast-interface"), help: "Multicast interface.") var interface = "eth0"
        @Option(name: .customLong("syncid"), help: "Sync id (0-255).") var syncID: UInt32 = 255
        @Option(name: .customLong("sync-maxlen"), help: "Maximum sync message length.") var maximumLength: UInt16?
        @Option(name: .customLong("mcast-group"), help: "Multicast group (IPv4 or IPv6).") var group: String?
        @Option(name: .customLong("mcast-port"), help: "Multicast port.") var port: UInt16?
        @Option(name: .customLong("mcast-ttl"), help: "Multicast TTL.") var ttl: UInt8?
        func run() throws {
            var address: IPAddress?
            if let group {
                guard let parsed = IPAddress(group) else { throw IPVSTool.fail("multicast group '\(group)': not an address") }
                address = parsed
            }
            let daemon = IPVSSyncDaemon(role: try SyncCommand.role(role), interface: interface, syncID: syncID,
                                        maximumLength: maximumLength, group: address, port: port.map { Port($0) }, ttl: ttl)
            let client = try options.client()
            try IPVSTool.run { try client.startSyncDaemon(daemon) }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the master or backup sync daemon.")
        @OptionGroup var options: IPVSOptions
        @Argument(help: "master or backup.") var role: String
        func run() throws {
            let r = try SyncCommand.role(role)
            let client = try options.client()
            try IPVSTool.run { try client.stopSyncDaemon(r) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the running sync daemons.")
        @OptionGroup var options: IPVSOptions
        func run() throws {
            let client = try options.client()
            let daemons = try IPVSTool.run { try client.syncDaemons() }
            if options.json {
                print(JSON.array(daemons.map { d in
                    var members: [(String, JSON)] = [("role", .string(d.role.name)), ("interface", .string(d.interface)),
                                                     ("syncid", .number(UInt64(d.syncID)))]
                    if let m = d.maximumLength { members.append(("maxlen", .number(UInt64(m)))) }
                    if let g = d.group { members.append(("group", .string(g.description))) }
                    if let p = d.port { members.append(("port", .number(UInt64(p.value)))) }
                    if let t = d.ttl { members.append(("ttl", .number(UInt64(t)))) }
                    return .object(members)
                }).serialized)
                return
            }
            for d in daemons {
                var line = "\(d.role.name) sync daemon (mcast=\(d.interface), syncid=\(d.syncID)"
                if let m = d.maximumLength { line += ", maxlen=\(m)" }
                if let g = d.group { line += ", group=\(g)" }
                if let p = d.port { line += ", port=\(p)" }
                if let t = d.ttl { line += ", ttl=\(t)" }
                print(line + ")")
            }
        }
    }
}
