import ArgumentParser
import HashRing
import ToolSupport

/// `lbctl hash table`: print a table.
struct HashTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the lookup table of an algorithm over some backends.",
        discussion: """
        Text output: a line per backend (name, weight, slots held), then a line per slot
        (slot number, backend). --json prints one object:
        {"algorithm", "size", "backends": [{"backend", "weight", "slots"}], "slots": [backend of each slot]}.

        Examples:
          lbctl hash table --algorithm maglev --size 13 --backend 10.0.0.1 --backend 10.0.0.2=2
          lbctl hash table --algorithm ipvs-mh --mh-port --backend '[2001:db8::10]:80' --backend '[2001:db8::11]:80' --json
        """
    )

    @OptionGroup var options: HashTableOptions

    func run() throws {
        let (table, _) = try options.build()
        print(Self.render(table, algorithm: options.algorithm, json: options.json), terminator: "")
    }

    /// The table as text or JSON, ending with a newline.
    static func render(_ table: LookupTable, algorithm: HashAlgorithm, json: Bool) -> String {
        let names = table.backends.map(\.description)
        let loads = table.loads
        if json {
            let backends = table.backends.indices.map { index in
                JSON.object([
                    ("backend", .string(names[index])),
                    ("weight", .int(Int(table.backends[index].weight))),
                    ("slots", .int(loads[index])),
                ])
            }
            let slots = table.slots.indices.map { slot in
                table.backendIndex(slot: slot).map { JSON.string(names[$0]) } ?? .null
            }
            return JSON.object([
                ("algorithm", .string(algorithm.rawValue)),
                ("size", .int(table.size)),
                ("backends", .array(backends)),
                ("slots", .array(slots)),
            ]).serialized + "\n"
        }
        var out = "# \(algorithm.rawValue), \(table.size) slots, \(table.backends.count) backends\n"
        out += "# backend weight slots\n"
        for index in table.backends.indices {
            out += "backend \(names[index]) \(table.backends[index].weight) \(loads[index])\n"
        }
        out += "# slot backend\n"
        for slot in table.slots.indices {
            out += "\(slot) \(table.backendIndex(slot: slot).map { names[$0] } ?? "-")\n"
        }
        return out
    }
}
