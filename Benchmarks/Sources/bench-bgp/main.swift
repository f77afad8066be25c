import BGPKit
import BenchSupport
#if canImport(Glibc)
import Glibc
#endif

// BGP codec throughput over a generated corpus of realistic UPDATEs, plus the
// one-VIP UPDATE the announcer sends most.
//
//   bench-bgp                       run the benchmarks (500,000 UPDATEs)
//   bench-bgp --count N             run them over N UPDATEs
//   bench-bgp --write-corpus FILE   write the corpus (concatenated BGP messages) and exit

/// One line on standard error, then exit.
func fail(_ message: String, _ status: Int32) -> Never {
    let line = message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(status)
}

var count = 500_000
var corpusPath: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--count":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
            fail("bench-bgp: --count needs a positive number", 2)
        }
        count = value
    case "--write-corpus":
        guard let path = arguments.popFirst() else { fail("bench-bgp: --write-corpus needs a file", 2) }
        corpusPath = path
    default:
        fail("bench-bgp: unknown argument '\(argument)'", 2)
    }
}

var generator = CorpusGenerator()
let (corpus, offsets) = generator.corpus(count: count)
let context = SessionContext.default

if let corpusPath {
    guard let file = fopen(corpusPath, "wb") else { fail("bench-bgp: cannot create '\(corpusPath)'", 1) }
    let written = corpus.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    guard written == corpus.count else { fail("bench-bgp: short write to '\(corpusPath)'", 1) }
    print("wrote \(count) UPDATEs, \(corpus.count) bytes, to \(corpusPath)")
    exit(0)
}

print("corpus: \(count) UPDATEs, \(corpus.count) bytes (\(format(Double(corpus.count) / Double(count), 1)) bytes/message)")

// Check once that the corpus decodes cleanly, so the loops measure the happy path.
corpus.withUnsafeBytes { all in
    for i in 0..<count {
        let message = UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
        guard case let .update(u)? = try? BGPMessage(decoding: message, context: context), u.errors.isEmpty else {
            fatalError("corpus message \(i) does not decode cleanly")
        }
    }
}

// A subset decoded once, for the encode loop.
let encodeCount = min(count, 50_000)
let decodedSubset: [BGPMessage] = corpus.withUnsafeBytes { all in
    (0..<encodeCount).map { i in try! BGPMessage(decoding: UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]]), context: context) }
}

// The 55-byte UPDATE announcing one IPv4 VIP: ORIGIN, AS_PATH of one ASN, NEXT_HOP, MED, a /32.
let vip: [UInt8] = [UInt8](repeating: 0xFF, count: 16) + [0x00, 0x37, 0x02, 0x00, 0x00, 0x00, 0x1B,
    0x40, 0x01, 0x01, 0x00, 0x40, 0x02, 0x06, 0x02, 0x01, 0x00, 0x00, 0xFD, 0xE8,
    0x40, 0x03, 0x04, 0xC0, 0x00, 0x02, 0x01, 0x80, 0x04, 0x04, 0x00, 0x00, 0x00, 0x00,
    0x20, 0xC6, 0x33, 0x64, 0x01]
precondition(vip.count == 55)
let vipMessage = try! BGPMessage(decoding: vip, context: context)
var encodeBuffer: [UInt8] = []
encodeBuffer.reserveCapacity(1 << 20)

let results = [
    measure("UPDATE full decode (corpus)", operationsPerCall: count, runs: 3, seconds: 0.5) {
        decodeAll(corpus, offsets, context: context)
    },
    measure("UPDATE validate-only (corpus)", operationsPerCall: count, runs: 3, seconds: 0.5) {
        validateAll(corpus, offsets, context: context)
    },
    measure("UPDATE encode (\(encodeCount) of the corpus)", operationsPerCall: encodeCount, runs: 3, seconds: 0.5) {
        encodeAll(decodedSubset, into: &encodeBuffer, context: context)
    },
    measure("framing (corpus in 1,448-byte segments)", operationsPerCall: count, runs: 3, seconds: 0.5) {
        frameAll(corpus, segment: 1448)
    },
    measure("55-byte IPv4 VIP UPDATE decode", operationsPerCall: 1000) {
        decodeRepeatedly(vip, times: 1000, context: context)
    },
    measure("55-byte IPv4 VIP UPDATE validate-only", operationsPerCall: 1000) {
        validateRepeatedly(vip, times: 1000, context: context)
    },
    measure("55-byte IPv4 VIP UPDATE encode", operationsPerCall: 1000) {
        encodeRepeatedly(vipMessage, times: 1000, into: &encodeBuffer, context: context)
    },
]
printTable(results)
