import CFuzzerDriver
import Glibc
import TunnelKit

/// Decapsulates arbitrary bytes under a policy the first byte picks, and checks the
/// report's promises: the inner range lies inside the bytes, and every fact comes with
/// the verdict it belongs to. Address sanitizer catches any over-read.
func fuzzOne(_ data: UnsafeRawBufferPointer) {
    guard let selector = data.first else { return }
    // Copy into an allocation of exactly the packet's size so ASan sees a read past it.
    let count = data.count - 1
    let packet = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
    defer { packet.deallocate() }
    if count > 0 { packet.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[1...])) }
    let bytes = UnsafeRawBufferPointer(packet)

    var policy = DecapsulationPolicy()
    policy.maximumDepth = Int(selector & 0x3)
    policy.innerTTLZero = selector & 0x4 != 0 ? .allow : .drop
    policy.maximumExtensionHeaders = Int(selector >> 4)
    let link: IPVersion? = switch (selector >> 3) & 0x3 { case 1: .v4; case 2: .v6; default: nil }
    let report = Decapsulator(policy: policy).inspect(bytes, linkLayerVersion: link)
    if let range = report.innerRange {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "inner range outside the bytes")
        precondition(report.error == nil && report.kind.innerVersion != nil, "range without success")
        // The inner packet is itself a packet: inspecting it must be just as safe.
        let inner = UnsafeRawBufferPointer(rebasing: bytes[range])
        let again = Decapsulator(policy: policy).inspect(inner)
        _ = again.verdictName
    } else {
        precondition(report.error != nil, "no range without an error")
    }
    if let outer = report.outer { precondition(outer.offset == 0) }
    _ = report.error?.description
    _ = report.warnings.names
}

// SwiftPM makes this file the executable's entry point; hand the test function to libFuzzer.
var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
