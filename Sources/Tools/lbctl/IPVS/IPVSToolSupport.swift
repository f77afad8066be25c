import ArgumentParser
import Glibc
import NetlinkKit

/// Options every IPVS command takes.
struct IPVSOptions: ParsableArguments {
    @Option(name: .customLong("netns"), help: "Work inside the named network namespace (/run/netns/NAME).")
    var namespace: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    @Flag(name: .customShort("n"), help: "Numeric output: print addresses and ports without looking up names.")
    var numeric = false

    var settings: IPVSSettings { IPVSSettings(namespace: namespace, json: json, numeric: numeric) }

    func client() throws -> IPVSClient { try settings.client() }
}

/// The same settings as plain values, for commands that take ipvsadm-style arguments
/// verbatim and pick these out themselves.
struct IPVSSettings {
    var namespace: String?
    var json = false
    var numeric = false

    func client() throws -> IPVSClient {
        try IPVSTool.run { try IPVSClient(namespace: namespace.map(NetworkNamespace.named)) }
    }
}

enum IPVSTool {
    /// Prints `message` as one line on stderr and exits non-zero.
    static func fail(_ message: String) -> ExitCode {
        writeAll(2, "lbctl: \(message)\n")
        return ExitCode(1)
    }

    /// Runs `body`, turning library errors into one clear line on stderr.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as IPVSError {
            throw fail(error.description)
        } catch let error as IPVSRuleError {
            throw fail(error.line == 0 ? error.reason : error.description)
        } catch let error as NetlinkError {
            throw fail(error.description)
        }
    }

    /// Splits `--netns NAME`, `--json` and `-n` out of passed-through ipvsadm-style arguments.
    static func splitGlobal(_ arguments: [String]) -> (options: IPVSSettings, rest: [String]) {
        var options = IPVSSettings()
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--netns", index + 1 < arguments.count {
                options.namespace = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix("--netns=") {
                options.namespace = String(argument.dropFirst("--netns=".count))
            } else if argument == "--json" {
                options.json = true
            } else if argument == "-n" || argument == "--numeric" {
                options.numeric = true
            } else {
                rest.append(argument)
            }
            index += 1
        }
        return (options, rest)
    }

    /// Applies one rule given as ipvsadm arguments with `command` (e.g. "-A") in front.
    static func apply(command: String, arguments: [String]) throws {
        let (options, rest) = splitGlobal(arguments)
        let rule = try run { try IPVSRules.parse(arguments: [command] + rest) }
        let client = try options.client()
        try run { try execute(rule, on: client) }
    }

    static func execute(_ rule: IPVSRule, on client: IPVSClient) throws {
        switch rule {
        case .addService(let s): try client.add(s)
        case .editService(let s): try client.update(s)
        case .deleteService(let id): try client.delete(id)
        case .addDestination(let d, let s): try client.add(d, to: s)
        case .editDestination(let d, let s): try client.update(d, of: s)
        case .deleteDestination(let a, let p, let s): try client.deleteDestination(address: a, port: p, of: s)
        case .clear: try client.flush()
        case .setTimeouts(let t): try client.setTimeouts(t)
        }
    }

    /// Parses a service given as `-t|-u|--sctp-service ADDR:PORT` or `-f MARK [-6]`.
    static func service(from arguments: [String]) throws -> VirtualService {
        let rule = try run { try IPVSRules.parse(arguments: ["-D"] + arguments) }
        guard case .deleteService(let id) = rule else { throw fail("no service given") }
        return id
    }

    // MARK: Names

    /// The host name of `address` unless `numeric`, else (or when none) the address.
    static func name(_ address: IPAddress, numeric: Bool) -> String {
        if numeric { return address.description }
        var storage = sockaddr_storage()
        var length: socklen_t
        switch address {
        case .v4(let a):
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_addr.s_addr = a.value.bigEndian
            withUnsafeBytes(of: sin) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        case .v6(let a):
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            let bytes = a.bytes
            withUnsafeMutableBytes(of: &sin6.sin6_addr) { $0.copyBytes(from: bytes) }
            withUnsafeBytes(of: sin6) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        }
        var host = [CChar](repeating: 0, count: 1025)
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), nil, 0, NI_NAMEREQD)
            }
        }
        guard result == 0 else { return address.description }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func endpoint(_ address: IPAddress, _ port: Port, numeric: Bool) -> String {
        let host = name(address, numeric: numeric)
        switch address {
        case .v4: return "\(host):\(port)"
        case .v6: return "[\(host)]:\(port)"
        }
    }

    static func serviceName(_ id: VirtualService, numeric: Bool) -> String {
        switch id {
        case .address(let proto, let address, let port):
            return pad(proto.description.uppercased(), 4) + " " + endpoint(address, port, numeric: numeric)
        case .firewallMark(let mark, let family):
            return family == .inet6 ? "FWM  \(mark) IPv6" : "FWM  \(mark)"
        }
    }
}

/// Writes all of `text` to a file descriptor (Glibc's `stdout`/`stderr` globals are not
/// concurrency-safe in Swift 6, and plain write(2) needs no buffering for our output).
func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
    bytes.removeAll()
}

/// Pads `text` on the right to `width` (like printf's %-Ns).
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Pads `text` on the left to `width` (like printf's %Ns).
func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
