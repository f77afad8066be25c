import CFuzzerDriver
import Glibc
import HashRing

/// Reads a flow from arbitrary bytes as a packet, and parses the same bytes as address,
/// backend and endpoint text: every input must give a value or a typed error, no trap.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    if let key = try? FlowKey(packet: bytes) {
        _ = FlowHash().hash(key)
        _ = key.description
    }
    let text = String(decoding: bytes, as: UTF8.self)
    if let address = IPAddress(text) {
        // Printing and parsing again gives the same address.
        precondition(IPAddress(address.description) == address, "address text does not round-trip")
    }
    if let prefix = IPPrefix(text) { precondition(IPPrefix(prefix.description) == prefix, "prefix text does not round-trip") }
    if let backend = Backend(text) { _ = backend.description }
    _ = Backend.parseEndpoint(text)
}

// SwiftPM makes this file the executable's entry point; hand the test function to libFuzzer.
var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
