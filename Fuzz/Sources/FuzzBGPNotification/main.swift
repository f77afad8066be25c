import BGPKit
import CFuzzerDriver
import Glibc

/// Decodes the input as a NOTIFICATION (and, by the first byte, as a ROUTE-REFRESH or
/// KEEPALIVE), prints it, and checks the round trip.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let selector = bytes.first, bytes.count <= 4096 - 19 else { return }
    let type: UInt8 = selector % 4 == 0 ? 5 : (selector % 4 == 1 ? 4 : 3)
    let body = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
    var message = [UInt8](repeating: 0xFF, count: 16) + [UInt8((body.count + 19) >> 8), UInt8((body.count + 19) & 0xFF), type]
    message.append(contentsOf: body)
    guard let decoded = try? BGPMessage(decoding: message, context: .default) else { return }
    _ = decoded.description
    if case let .notification(n) = decoded { _ = n.shutdownCommunication }
    guard let encoded = try? decoded.encoded(context: .default) else { preconditionFailure("a decoded message does not encode") }
    precondition(encoded == message, "re-encode is not byte-identical")
}

var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
