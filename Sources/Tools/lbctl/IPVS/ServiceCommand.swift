import ArgumentParser
import ToolSupport
import NetlinkKit

/// `lbctl service add|edit|delete|list`.
struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Add, edit, delete and list IPVS virtual services.",
        subcommands: [Add.self, Edit.self, Delete.self, List.self]
    )

    static let serviceHelp = """
    A service is -t|--tcp-service ADDR:PORT, -u|--udp-service ADDR:PORT, --sctp-service ADDR:PORT,
    or -f|--fwmark-service MARK [-6]. IPv6 addresses go in brackets: [2001:db8::1]:80.
    """
    static let optionsHelp = """
    Options as ipvsadm's: -s SCHEDULER (default wlc), -p [TIMEOUT] (persistence, default 300 s),
    -M NETMASK (IPv4 mask or IPv6 prefix length), --pe ENGINE, -b FLAGS (sh-fallback, sh-port,
    mh-fallback, mh-port, flag-1..3), -o (one-packet). Also --netns NAME.
    """

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a virtual service.",
            discussion: serviceHelp + "\n" + optionsHelp + "\nExample: lbctl service add -t 192.0.2.1:80 -s mh -b mh-fallback,mh-port")
        @Argument(parsing: .captureForPassthrough, help: "The service and its options, as for ipvsadm -A.")
        var arguments: [String] = []
        func run() throws { try IPVSTool.apply(command: "-A", arguments: arguments) }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the scheduler, flags or persistence of a virtual service.",
            discussion: serviceHelp + "\n" + optionsHelp)
        @Argument(parsing: .captureForPassthrough, help: "The service and its options, as for ipvsadm -E.")
        var arguments: [String] = []
        func run() throws { try IPVSTool.apply(command: "-E", arguments: arguments) }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a virtual service and its destinations.",
                                                        discussion: serviceHelp)
        @Argument(parsing: .captureForPassthrough, help: "The service, as for ipvsadm -D.")
        var arguments: [String] = []
        func run() throws { try IPVSTool.apply(command: "-D", arguments: arguments) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List virtual services and their destinations (as ipvsadm -L).",
            discussion: serviceHelp)
        @OptionGroup var options: IPVSOptions
        @Flag(name: .customLong("tun-info"), help: "Show each destination's tunnel type, port and checksum flags.")
        var tunnelInfo = false
        @Flag(name: .long, help: "Show upper and lower thresholds instead of forwarding and weight.")
        var thresholds = false
        @Argument(parsing: .captureForPassthrough, help: "Only this service (-t/-u/--sctp-service/-f).")
        var service: [String] = []

        func run() throws {
            let (extra, rest) = IPVSTool.splitGlobal(service)
            var options = options.settings
            if extra.namespace != nil { options.namespace = extra.namespace }
            options.json = options.json || extra.json
            options.numeric = options.numeric || extra.numeric
            let client = try options.client()
            let table = try IPVSTool.run { () throws -> [(service: IPVSService, destinations: [IPVSDestination])] in
                let services = rest.isEmpty ? try client.services() : [try client.service(IPVSTool.service(from: rest))]
                return IPVSRules.sorted(try services.map { ($0, try client.destinations(of: $0.id)) })
            }
            if options.json {
                print(JSON.array(table.map { JSON.service($0.service, destinations: $0.destinations) }).serialized)
                return
            }
            let info = try IPVSTool.run { try client.info() }
            print("IP Virtual Server version \(info.versionString) (size=\(info.connectionTableSize))")
            if thresholds {
                print(pad("Prot LocalAddress:Port", 33) + " " + pad("Uthreshold", 10) + " " + pad("Lthreshold", 10) + " "
                      + pad("ActiveConn", 10) + " " + pad("InActConn", 10))
                print("  -> RemoteAddress:Port")
            } else {
                print("Prot LocalAddress:Port Scheduler Flags")
                print(tunnelInfo ? "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn"
                                 : "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn")
            }
            for (service, destinations) in table {
                var line = IPVSTool.serviceName(service.id, numeric: options.numeric)
                if !thresholds {
                    line += " \(service.scheduler)"
                    let names = IPVSRules.schedulerFlagNames(service.flags, scheduler: service.scheduler)
                    if !names.isEmpty { line += " (" + names.joined(separator: ",") + ")" }
                    if let p = service.persistence {
                        line += " persistent \(p.timeout)"
                        if p.netmask != .host(service.id.family) { line += " mask \(p.netmask)" }
                    }
                    if let engine = service.persistenceEngine { line += " pe \(engine)" }
                    if service.flags.contains(.onePacket) { line += " ops" }
                }
                print(line)
                for d in destinations {
                    let name = pad(IPVSTool.endpoint(d.address, d.port, numeric: options.numeric), 28)
                    if thresholds {
                        print("  -> \(name) \(pad(String(d.upperThreshold), 10)) \(pad(String(d.lowerThreshold), 10)) "
                              + "\(pad(String(d.activeConnections), 10)) \(pad(String(d.inactiveConnections), 10))")
                    } else if tunnelInfo {
                        var info = "n/a"
                        if case .tunnel(let t) = d.forwarding {
                            switch t.kind {
                            case .ipip: info = "ipip"
                            case .gue(let port): info = "gue:\(port):\(checksumName(t.checksum))"
                            case .gre: info = "gre:\(checksumName(t.checksum))"
                            }
                        }
                        print("  -> \(name) \(pad(d.forwarding.description, 7)) \(pad(info, 13)) \(pad(String(d.weight), 6)) "
                              + "\(pad(String(d.activeConnections), 10)) \(pad(String(d.inactiveConnections), 10))")
                    } else {
                        print("  -> \(name) \(pad(d.forwarding.description, 7)) \(pad(String(d.weight), 6)) "
                              + "\(pad(String(d.activeConnections), 10)) \(pad(String(d.inactiveConnections), 10))")
                    }
                }
            }
        }

        func checksumName(_ c: TunnelEncapsulation.Checksum) -> String {
            c.contains(.remoteChecksum) ? "+r" : c.contains(.checksum) ? "+c" : "-c"
        }
    }
}
