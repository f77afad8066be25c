/// One line of ipvsadm's rule language (`ipvsadm -S` output, `ipvsadm -R` input).
public enum IPVSRule: Hashable, Sendable {
    case addService(IPVSService)
    case editService(IPVSService)
    case deleteService(VirtualService)
    case addDestination(IPVSDestination, VirtualService)
    case editDestination(IPVSDestination, VirtualService)
    case deleteDestination(IPAddress, Port, VirtualService)
    /// `-C`: remove every service.
    case clear
    /// `--set tcp tcpfin udp`.
    case setTimeouts(IPVSTimeouts)
}

/// A rule line that does not parse: its 1-based line number and why.
public struct IPVSRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
    public var description: String { "line \(line): \(reason)" }
}

/// Reads and writes ipvsadm's rule format, numerically (as `ipvsadm -Sn` prints it).
public enum IPVSRules {
    // MARK: Writing

    /// The rules for `services` with their destinations, exactly as `ipvsadm -Sn` prints
    /// them: services sorted as ipvsadm sorts them, each followed by its destinations.
    public static func format(_ table: [(service: IPVSService, destinations: [IPVSDestination])]) -> String {
        var out = ""
        for (service, destinations) in table.sortedLikeIPVSAdm() {
            let name = serviceSwitch(service.id)
            out += "-A \(name) -s \(service.scheduler)"
            if let persistence = service.persistence {
                out += " -p \(persistence.timeout)"
                switch persistence.netmask {
                case .ipv4(let mask) where mask.value != 0xffff_ffff: out += " -M \(mask)"
                case .ipv6(let length) where length != 128: out += " -M \(length)"
                default: break
                }
            }
            if let engine = service.persistenceEngine { out += " --pe \(engine)" }
            if service.flags.contains(.onePacket) { out += " -o" }
            let flagNames = schedulerFlagNames(service.flags, scheduler: service.scheduler)
            if !flagNames.isEmpty { out += " -b " + flagNames.joined(separator: ",") }
            out += "\n"
            for destination in destinations.sorted(by: destinationOrder) {
                out += "-a \(name) -r \(destination.endpoint) \(forwardingSwitch(destination.forwarding)) -w \(Int32(bitPattern: destination.weight))"
                if case .tunnel(let tunnel) = destination.forwarding {
                    switch tunnel.kind {
                    case .ipip: out += " --tun-type ipip"
                    case .gue(let port): out += " --tun-type gue --tun-port \(port) \(checksumSwitch(tunnel.checksum))"
                    case .gre: out += " --tun-type gre \(checksumSwitch(tunnel.checksum))"
                    }
                }
                out += "\n"
            }
        }
        return out
    }

    /// "-t 192.0.2.1:80", "-u [2001:db8::1]:53", "--sctp-service ...", "-f 7", "-f 7 -6".
    public static func serviceSwitch(_ id: VirtualService) -> String {
        switch id {
        case .address(let proto, let address, let port):
            let flag = proto == .tcp ? "-t" : proto == .udp ? "-u" : "--sctp-service"
            return "\(flag) \(VirtualService.endpoint(address, port))"
        case .firewallMark(let mark, let family):
            return family == .inet6 ? "-f \(mark) -6" : "-f \(mark)"
        }
    }

    static func forwardingSwitch(_ method: ForwardingMethod) -> String {
        switch method {
        case .masquerade: return "-m"
        case .tunnel: return "-i"
        case .local, .directRouting, .bypass: return "-g"
        }
    }

    static func checksumSwitch(_ checksum: TunnelEncapsulation.Checksum) -> String {
        if checksum.contains(.remoteChecksum) { return "--tun-remcsum" }
        if checksum.contains(.checksum) { return "--tun-csum" }
        return "--tun-nocsum"
    }

    /// ipvsadm names scheduler flags after the scheduler (sh-*, mh-*) and flag-N otherwise.
    public static func schedulerFlagNames(_ flags: ServiceFlags, scheduler: String) -> [String] {
        var names: [String] = []
        switch scheduler {
        case "sh", "mh":
            if flags.contains(.scheduler1) { names.append("\(scheduler)-fallback") }
            if flags.contains(.scheduler2) { names.append("\(scheduler)-port") }
        default:
            if flags.contains(.scheduler1) { names.append("flag-1") }
            if flags.contains(.scheduler2) { names.append("flag-2") }
        }
        if flags.contains(.scheduler3) { names.append("flag-3") }
        return names
    }

    /// libipvs compares addresses by subtracting them as 32-bit words and reading the
    /// difference as a signed int; reproduce that (wrap-around included) so the order matches.
    static func wrappingCompare(_ a: UInt32, _ b: UInt32) -> Int32 { Int32(bitPattern: a &- b) }

    static func addressWords(_ address: IPAddress) -> [UInt32] {
        switch address {
        case .v4(let a): return [a.value]
        case .v6(let a):
            return [UInt32(a.high >> 32), UInt32(a.high & 0xffff_ffff), UInt32(a.low >> 32), UInt32(a.low & 0xffff_ffff)]
        }
    }

    static func compareAddresses(_ a: IPAddress, _ b: IPAddress) -> Int32 {
        let x = addressWords(a), y = addressWords(b)
        for i in 0..<min(x.count, y.count) {
            let r = wrappingCompare(x[i], y[i])
            if r != 0 { return r }
        }
        return 0
    }

    static func serviceOrder(_ a: VirtualService, _ b: VirtualService) -> Bool {
        func parts(_ s: VirtualService) -> (mark: UInt32, family: UInt16, proto: UInt16, address: IPAddress?, port: UInt16) {
            switch s {
            case .address(let p, let a, let o): return (0, a.family.rawValue, p.rawValue, a, o.value)
            case .firewallMark(let m, let f): return (m, f.rawValue, TransportProtocol.tcp.rawValue, nil, 0)
            }
        }
        let x = parts(a), y = parts(b)
        var r = wrappingCompare(x.mark, y.mark)
        if r == 0 { r = Int32(x.family) - Int32(y.family) }
        if r == 0 { r = Int32(x.proto) - Int32(y.proto) }
        if r == 0, let ax = x.address, let ay = y.address { r = compareAddresses(ax, ay) }
        if r == 0 { r = Int32(x.port) - Int32(y.port) }
        return r < 0
    }

    /// ipvsadm's order of destinations: family, address (compared as libipvs does), port.
    public static func destinationOrder(_ a: IPVSDestination, _ b: IPVSDestination) -> Bool {
        var r = Int32(a.address.family.rawValue) - Int32(b.address.family.rawValue)
        if r == 0 { r = compareAddresses(a.address, b.address) }
        if r == 0 { r = Int32(a.port.value) - Int32(b.port.value) }
        return r < 0
    }

    /// Services in ipvsadm's listing order, each with its destinations in that order.
    public static func sorted(_ table: [(service: IPVSService, destinations: [IPVSDestination])])
        -> [(service: IPVSService, destinations: [IPVSDestination])] {
        table.sortedLikeIPVSAdm().map { ($0.service, $0.destinations.sorted(by: destinationOrder)) }
    }

    // MARK: Reading

    /// Parses ipvsadm -R input. Blank lines and `#` comments are skipped. Every line is
    /// parsed before anything is returned, so a malformed line changes nothing.
    public static func parse(_ text: String) throws(IPVSRuleError) -> [IPVSRule] {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses ipvsadm -R input given as bytes (what a tool reads from standard input).
    /// Lines and tokens are split on bytes, which is many times faster than on Characters.
    public static func parse(bytes: [UInt8]) throws(IPVSRuleError) -> [IPVSRule] {
        var rules: [IPVSRule] = []
        var number = 0
        var tokens: [String] = []
        var lineStart = 0
        let newline = UInt8(ascii: "\n")
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != newline { lineEnd += 1 }
            number += 1
            tokens.removeAll(keepingCapacity: true)
            var i = lineStart
            while i < lineEnd {
                let byte = bytes[i]
                if byte == 0x20 || byte == 0x09 || byte == 0x0d {
                    i += 1
                    continue
                }
                var j = i
                while j < lineEnd, bytes[j] != 0x20, bytes[j] != 0x09, bytes[j] != 0x0d { j += 1 }
                tokens.append(String(decoding: bytes[i..<j], as: UTF8.self))
                i = j
            }
            if let first = tokens.first, !first.hasPrefix("#") {
                do {
                    rules.append(try parseLine(tokens))
                } catch {
                    throw IPVSRuleError(line: number, reason: error.reason)
                }
            }
            if lineEnd == bytes.count { break }
            lineStart = lineEnd + 1
        }
        return rules
    }

    struct LineError: Error { var reason: String }

    /// Parses one rule given as command-line arguments, e.g. ["-A", "-t", "192.0.2.1:80", "-s", "mh"].
    /// The error's line number is 0.
    public static func parse(arguments: [String]) throws(IPVSRuleError) -> IPVSRule {
        do { return try parseLine(arguments) } catch { throw IPVSRuleError(line: 0, reason: error.reason) }
    }

    private static func parseNumber<T: FixedWidthInteger>(_ text: String, _ what: String, max: T = .max) throws(LineError) -> T {
        guard let value = T(text), value <= max, value >= 0 else { throw LineError(reason: "invalid \(what) '\(text)'") }
        return value
    }

    /// Splits "a.b.c.d[:port]" or "[v6][:port]" (ipvsadm also accepts a bare v6 address).
    public static func parseEndpoint(_ text: String) -> (IPAddress, Port?)? {
        let utf8 = text.utf8
        if utf8.first == UInt8(ascii: "[") {
            guard let close = text.firstIndex(of: "]"),
                  let address = IPv6Address(text[text.index(after: text.startIndex)..<close]) else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (.v6(address), nil) }
            guard rest.hasPrefix(":"), let port = UInt16(rest.dropFirst()) else { return nil }
            return (.v6(address), Port(port))
        }
        let colons = utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ":") ? 1 : 0) }
        if colons >= 2 {
            guard let v6 = IPv6Address(text) else { return nil }
            return (.v6(v6), nil)
        }
        guard let colon = text.firstIndex(of: ":") else {
            guard let v4 = IPv4Address(text) else { return nil }
            return (.v4(v4), nil)
        }
        guard let v4 = IPv4Address(text[..<colon]), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        return (.v4(v4), Port(port))
    }

    /// Parses one rule's tokens.
    static func parseLine(_ tokens: [String]) throws(LineError) -> IPVSRule {
        enum Command { case addService, editService, deleteService, addDest, editDest, deleteDest, clear, set }
        var command: Command?
        var proto: TransportProtocol?
        var endpoint: String?
        var mark: UInt32?
        var ipv6Mark = false
        var scheduler = "wlc"
        var timeout: UInt32?
        var netmaskText: String?
        var engine: String?
        var schedulerFlagsText: String?
        var onePacket = false
        var realServer: String?
        var forwarding: UInt32 = 3
        var weight: UInt32 = 1
        var upper: UInt32 = 0
        var lower: UInt32 = 0
        var tunnelType = "ipip"
        var tunnelPort: UInt16?
        var checksum: TunnelEncapsulation.Checksum = []
        var tunnelOptionSeen = false
        var setValues: [UInt32] = []

        func setCommand(_ c: Command) throws(LineError) {
            guard command == nil else { throw LineError(reason: "more than one command") }
            command = c
        }

        var index = 0
        func value(_ option: String) throws(LineError) -> String {
            index += 1
            guard index < tokens.count else { throw LineError(reason: "option \(option) needs a value") }
            return tokens[index]
        }
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case "-A", "--add-service": try setCommand(.addService)
            case "-E", "--edit-service": try setCommand(.editService)
            case "-D", "--delete-service": try setCommand(.deleteService)
            case "-a", "--add-server": try setCommand(.addDest)
            case "-e", "--edit-server": try setCommand(.editDest)
            case "-d", "--delete-server": try setCommand(.deleteDest)
            case "-C", "--clear": try setCommand(.clear)
            case "--set":
                try setCommand(.set)
                for _ in 0..<3 { setValues.append(try parseNumber(try value(token), "timeout")) }
            case "-t", "--tcp-service": proto = .tcp; endpoint = try value(token)
            case "-u", "--udp-service": proto = .udp; endpoint = try value(token)
            case "--sctp-service": proto = .sctp; endpoint = try value(token)
            case "-f", "--fwmark-service": mark = try parseNumber(try value(token), "firewall mark")
            case "-6", "--ipv6": ipv6Mark = true
            case "-s", "--scheduler": scheduler = try value(token)
            case "-p", "--persistent":
                timeout = 300
                if index + 1 < tokens.count, let t = UInt32(tokens[index + 1]) {
                    timeout = t
                    index += 1
                }
            case "-M", "--netmask": netmaskText = try value(token)
            case "--pe": engine = try value(token)
            case "-b", "--sched-flags": schedulerFlagsText = try value(token)
            case "-o", "--ops": onePacket = true
            case "-r", "--real-server": realServer = try value(token)
            case "-g", "--gatewaying": forwarding = 3
            case "-i", "--ipip": forwarding = 2
            case "-m", "--masquerading": forwarding = 0
            case "-w", "--weight": weight = try parseNumber(try value(token), "weight", max: UInt32(Int32.max))
            case "-x", "--u-threshold": upper = try parseNumber(try value(token), "upper threshold", max: UInt32(Int32.max))
            case "-y", "--l-threshold": lower = try parseNumber(try value(token), "lower threshold", max: UInt32(Int32.max))
            case "--tun-type":
                tunnelType = try value(token)
                guard ["ipip", "gue", "gre"].contains(tunnelType) else { throw LineError(reason: "invalid tunnel type '\(tunnelType)'") }
                tunnelOptionSeen = true
            case "--tun-port":
                tunnelPort = try parseNumber(try value(token), "tunnel port")
                tunnelOptionSeen = true
            case "--tun-nocsum": checksum = []; tunnelOptionSeen = true
            case "--tun-csum": checksum = [.checksum]; tunnelOptionSeen = true
            case "--tun-remcsum": checksum = [.remoteChecksum]; tunnelOptionSeen = true
            default:
                throw LineError(reason: "unknown option '\(token)'")
            }
            index += 1
        }
        guard let command else { throw LineError(reason: "no command (-A, -E, -D, -a, -e, -d, -C or --set)") }
        if command == .clear { return .clear }
        if command == .set { return .setTimeouts(IPVSTimeouts(tcp: setValues[0], tcpFin: setValues[1], udp: setValues[2])) }

        let service: VirtualService
        if let mark {
            guard endpoint == nil else { throw LineError(reason: "a service is either -f or -t/-u/--sctp-service, not both") }
            guard mark > 0 else { throw LineError(reason: "firewall mark must be above 0") }
            service = .firewallMark(mark, ipv6Mark ? .inet6 : .inet)
        } else if let endpoint, let proto {
            guard let (address, port) = parseEndpoint(endpoint) else {
                throw LineError(reason: "invalid service address '\(endpoint)' (numeric address[:port] expected)")
            }
            if (port ?? 0) == 0, timeout == nil, command == .addService || command == .editService {
                throw LineError(reason: "zero port specified for non-persistent service \(endpoint)")
            }
            service = .address(proto, address, port ?? 0)
        } else {
            throw LineError(reason: "no service given (-t, -u, --sctp-service or -f)")
        }

        switch command {
        case .addService, .editService:
            var flags: ServiceFlags = onePacket ? [.onePacket] : []
            if let schedulerFlagsText {
                for name in schedulerFlagsText.split(separator: ",") {
                    let text = String(name)
                    guard let flag = ServiceFlags(schedulerFlagName: text) else {
                        throw LineError(reason: "invalid scheduler flag '\(text)'")
                    }
                    if (text.hasPrefix("sh-") && scheduler != "sh") || (text.hasPrefix("mh-") && scheduler != "mh") {
                        throw LineError(reason: "incompatible scheduler flag '\(text)' for scheduler '\(scheduler)'")
                    }
                    flags.insert(flag)
                }
            }
            var netmask = PersistenceNetmask.host(service.family)
            if let netmaskText {
                switch service.family {
                case .inet:
                    guard let mask = IPv4Address(netmaskText) else { throw LineError(reason: "invalid netmask '\(netmaskText)'") }
                    netmask = .ipv4(mask)
                case .inet6:
                    guard let length = UInt8(netmaskText), (1...128).contains(length) else {
                        throw LineError(reason: "invalid IPv6 prefix length '\(netmaskText)'")
                    }
                    netmask = .ipv6(prefixLength: length)
                }
            }
            let result = IPVSService(id: service, scheduler: scheduler, flags: flags,
                                     persistence: timeout.map { Persistence(timeout: $0, netmask: netmask) },
                                     persistenceEngine: engine)
            return command == .addService ? .addService(result) : .editService(result)
        case .deleteService:
            return .deleteService(service)
        case .addDest, .editDest, .deleteDest:
            guard let realServer else { throw LineError(reason: "no real server given (-r)") }
            guard let (address, parsedPort) = parseEndpoint(realServer) else {
                throw LineError(reason: "invalid real server address '\(realServer)'")
            }
            var port = parsedPort ?? 0
            // As ipvsadm: direct routing and tunnels keep the service port.
            if case .address(_, _, let servicePort) = service, forwarding == 2 || forwarding == 3 || parsedPort == nil {
                port = servicePort
            }
            if command == .deleteDest { return .deleteDestination(address, port, service) }
            if address.family != service.family, forwarding != 2 {
                throw LineError(reason: "a destination of the other address family needs tunnelling (-i)")
            }
            if tunnelOptionSeen, forwarding != 2 { throw LineError(reason: "tunnel options need tunnelling (-i)") }
            let method: ForwardingMethod
            switch forwarding {
            case 0: method = .masquerade
            case 2:
                switch tunnelType {
                case "gue":
                    guard let tunnelPort, tunnelPort > 0 else { throw LineError(reason: "--tun-type gue needs --tun-port") }
                    method = .tunnel(TunnelEncapsulation(.gue(port: Port(tunnelPort)), checksum: checksum))
                case "gre":
                    guard tunnelPort == nil else { throw LineError(reason: "--tun-port is only for --tun-type gue") }
                    guard !checksum.contains(.remoteChecksum) else { throw LineError(reason: "--tun-remcsum is only for --tun-type gue") }
                    method = .tunnel(TunnelEncapsulation(.gre, checksum: checksum))
                default:
                    guard tunnelPort == nil, checksum.isEmpty else {
                        throw LineError(reason: "tunnel port and checksum options are not for --tun-type ipip")
                    }
                    method = .tunnel(.ipip)
                }
            default: method = .directRouting
            }
            let destination = IPVSDestination(address: address, port: port, forwarding: method, weight: weight,
                                              upperThreshold: upper, lowerThreshold: lower)
            return command == .addDest ? .addDestination(destination, service) : .editDestination(destination, service)
        case .clear, .set:
            return .clear
        }
    }
}

extension Array where Element == (service: IPVSService, destinations: [IPVSDestination]) {
    func sortedLikeIPVSAdm() -> [Element] {
        sorted { IPVSRules.serviceOrder($0.service.id, $1.service.id) }
    }
}
