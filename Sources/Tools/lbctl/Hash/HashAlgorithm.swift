import ArgumentParser
import HashRing

/// The algorithms `lbctl hash` knows, by their command-line names.
enum HashAlgorithm: String, CaseIterable, ExpressibleByArgument {
    case maglev
    case ipvsMH = "ipvs-mh"
    case resilient
    case jump
    case rendezvous

    /// The table size used when `--size` is not given.
    var defaultSize: Int {
        self == .ipvsMH ? IPVSMaglevProfile.defaultTableSize : Maglev.defaultSize
    }
}

/// Options shared by `hash table` and `hash lookup`: which table to build.
struct HashTableOptions: ParsableArguments {
    @Option(name: .long, help: "maglev, ipvs-mh, resilient, jump or rendezvous.")
    var algorithm: HashAlgorithm = .maglev

    @Option(name: .long, help: "Number of slots (a prime for maglev; an IPVS size for ipvs-mh). Default: 65537, or 4093 for ipvs-mh.")
    var size: Int?

    @Option(name: .long, help: "A backend, ADDRESS[:PORT][=WEIGHT] or [IPV6]:PORT[=WEIGHT]; repeat for each.")
    var backend: [String] = []

    @Flag(name: .long, help: "ipvs-mh: the service has the mh-port flag (hash the client's source port too).")
    var mhPort = false

    @Flag(name: .long, help: "ipvs-mh: the service has the mh-fallback flag.")
    var mhFallback = false

    @Flag(name: .long, help: "ipvs-mh: backends are given in the kernel's list order (as ipvsadm -Ln --nosort prints them; plain -Ln sorts them), not in the order they were added.")
    var listedOrder = false

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    /// The backends, parsed, in the order given.
    func parsedBackends() throws -> [Backend] {
        try backend.map { text in
            guard let parsed = Backend(text) else {
                throw HashToolError("backend '\(text)': not ADDRESS[:PORT][=WEIGHT] or [IPV6]:PORT[=WEIGHT]")
            }
            return parsed
        }
    }

    /// The table, and for ipvs-mh the kernel model behind it.
    func build() throws -> (table: LookupTable, ipvs: IPVSMaglevTable?) {
        let backends = try parsedBackends()
        let size = size ?? algorithm.defaultSize
        do {
            switch algorithm {
            case .maglev:
                return (try Maglev.table(for: backends, size: size), nil)
            case .jump:
                return (try JumpHash.table(for: backends, size: size), nil)
            case .rendezvous:
                return (try Rendezvous(backends: backends).table(size: size), nil)
            case .resilient:
                return (try ResilientBuckets(bucketCount: size, members: backends).table, nil)
            case .ipvsMH:
                for backend in backends where backend.weight > UInt32(Int32.max) {
                    throw HashToolError("backend '\(backend)': IPVS weights go up to \(Int32.max)")
                }
                let version: IPVersion = backends.contains { $0.address.version == .v6 } ? .v6 : .v4
                let profile = try IPVSMaglevProfile(tableSize: size, hashesPort: mhPort, fallback: mhFallback, serviceVersion: version)
                let given = backends.map { IPVSDestination(key: $0.key, weight: Int32($0.weight)) }
                let destinations = listedOrder ? given : IPVSDestination.kernelOrder(addedInOrder: given)
                let ipvs = try profile.table(destinations: destinations)
                return (ipvs.table, ipvs)
            }
        } catch let error as HashRingError {
            throw HashToolError("\(algorithm.rawValue) table: \(error)")
        }
    }
}
