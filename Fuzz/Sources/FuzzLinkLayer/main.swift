import CFuzzerDriver
import Glibc
import PcapKit

/// Decodes the link-layer header under every supported link type; the first byte picks it.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let selector = bytes.first else { return }
    let types: [LinkType] = [.ethernet, .raw, .raw12, .raw14, .linuxSLL, .linuxSLL2, .null, .loop, .ipv4, .ipv6]
    let type = types[Int(selector) % types.count]
    let frame = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
    if let decoded = try? LinkLayerFrame(decoding: frame, linkType: type) {
        precondition(decoded.headerLength <= frame.count, "header length past the frame")
    }
}

// SwiftPM makes this file the executable's entry point; hand the test function to libFuzzer.
var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
