import ArgumentParser
import Glibc
import NetlinkKit

/// `lbctl save`: the rules in exactly `ipvsadm -Sn`'s format.
struct SaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Print every rule in ipvsadm -Sn format.")
    @OptionGroup var options: IPVSOptions
    func run() throws {
        let client = try options.client()
        let table = try IPVSTool.run { () throws -> [(service: IPVSService, destinations: [IPVSDestination])] in
            try client.services().map { ($0, try client.destinations(of: $0.id)) }
        }
        let text = IPVSRules.format(table)
        writeAll(1, text)
    }
}

/// `lbctl restore`: apply ipvsadm -R input from standard input, pipelined.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Apply rules in ipvsadm -R format from standard input.",
        discussion: "Every line is parsed first: a malformed line is reported with its number and nothing is changed.")
    @OptionGroup var options: IPVSOptions
    @Option(help: "Requests in flight at once.") var window = 256

    func run() throws {
        var input: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(0, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw IPVSTool.fail("standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            input.append(contentsOf: chunk[0..<count])
        }
        let rules = try IPVSTool.run { try IPVSRules.parse(bytes: input) }
        let client = try options.client()
        // Runs of service and destination changes are pipelined; flush and --set go alone.
        var batch: [IPVSClient.Change] = []
        var failed = false
        func drain() throws {
            guard !batch.isEmpty else { return }
            let failures = try IPVSTool.run { try client.apply(batch, window: window) }
            for failure in failures {
                writeAll(2, "lbctl: \(failure.error)\n")
                failed = true
            }
            batch.removeAll(keepingCapacity: true)
        }
        for rule in rules {
            switch rule {
            case .addService(let s): batch.append(.addService(s))
            case .editService(let s): batch.append(.editService(s))
            case .deleteService(let id): batch.append(.deleteService(id))
            case .addDestination(let d, let s): batch.append(.addDestination(d, to: s))
            case .editDestination(let d, let s): batch.append(.editDestination(d, of: s))
            case .deleteDestination(let a, let p, let s): batch.append(.deleteDestination(a, p, of: s))
            case .clear, .setTimeouts:
                try drain()
                try IPVSTool.run { try IPVSTool.execute(rule, on: client) }
            }
        }
        try drain()
        if failed { throw ExitCode(1) }
    }
}
