import ArgumentParser
import Foundation
import HashRing
import ToolSupport

/// `lbctl hash lookup`: the backend of each flow.
struct HashLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Print the backend each flow maps to, one a line, in order.",
        discussion: """
        A flow is 'PROTOCOL SOURCE DESTINATION': tcp 192.0.2.10:40000 203.0.113.1:443.
        maglev, resilient, jump and rendezvous hash the flow with the lbkit flow hash and
        take slot (hash * size) >> 64 of the table; ipvs-mh does what the kernel's mh
        scheduler does (source address, and source port with --mh-port).
        A flow with no backend prints '-' (null in JSON).
        --json prints one object: {"algorithm", "size", "lookups": [{"flow", "backend"}]}.

        Examples:
          lbctl hash lookup --backend 10.0.0.1 --backend 10.0.0.2 --flow 'tcp 192.0.2.10:40000 203.0.113.1:443'
          lbctl hash lookup --algorithm ipvs-mh --backend 10.0.0.1:80 --backend 10.0.0.2:80 --flows flows.txt
        """
    )

    @OptionGroup var options: HashTableOptions

    @Option(name: .long, help: "A flow, 'PROTOCOL SOURCE DESTINATION'; repeat for each.")
    var flow: [String] = []

    @Option(name: .long, help: "A file with one flow a line ('-' for standard input); blank lines and lines starting with # are skipped.")
    var flows: String?

    @Flag(name: .long, help: "Hash without the source port (all of a client's connections to one service port go to one backend).")
    var noSourcePort = false

    @Option(name: .long, help: "The flow hash seed (all load balancers of a service must agree).")
    var seed: UInt64 = 0

    func run() throws {
        var parsed: [FlowKey] = []
        for text in flow {
            switch HashFlowParser.parse(Substring(text)) {
            case .success(let key): parsed.append(key)
            case .failure(let error): throw HashToolError("flow '\(text)': \(error)")
            }
        }
        if let path = flows {
            let contents: String
            if path == "-" {
                contents = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw HashToolError("flows file '\(path)': cannot be read")
                }
                contents = String(decoding: data, as: UTF8.self)
            }
            // Character.isNewline covers "\n", "\r\n" (one Character in Swift) and "\r".
            for (number, line) in contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let text = line.drop { $0 == " " || $0 == "\t" }
                if text.isEmpty || text.first == "#" { continue }
                switch HashFlowParser.parse(text) {
                case .success(let key): parsed.append(key)
                case .failure(let error): throw HashToolError("flows file '\(path)' line \(number + 1): \(error)")
                }
            }
        }
        guard !parsed.isEmpty else { throw HashToolError("lookup: no flows given (use --flow or --flows)") }

        let (table, ipvs) = try options.build()
        let hasher = FlowHash(seed: seed, includesSourcePort: !noSourcePort)
        let answers: [Backend.Key?] = parsed.map { key in
            if let ipvs { return ipvs.destination(for: key)?.key }
            return table.backend(forHash: hasher.hash(key))?.key
        }
        if options.json {
            let lookups = zip(parsed, answers).map { key, answer in
                JSON.object([
                    ("flow", .string(key.description)),
                    ("backend", answer.map { .string($0.description) } ?? .null),
                ])
            }
            print(JSON.object([
                ("algorithm", .string(options.algorithm.rawValue)),
                ("size", .int(table.size)),
                ("lookups", .array(lookups)),
            ]).serialized)
        } else {
            print(answers.map { $0?.description ?? "-" }.joined(separator: "\n"))
        }
    }
}
