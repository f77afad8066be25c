import BGPKit
import CFuzzerDriver
import Glibc

/// Decodes the input as an OPEN body; what decodes must re-encode to the same bytes
/// (capabilities BGPKit does not know are kept raw) or be refused by the encoder.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count <= 4096 - 19 else { return }
    var message = [UInt8](repeating: 0xFF, count: 16) + [UInt8((bytes.count + 19) >> 8), UInt8((bytes.count + 19) & 0xFF), 1]
    message.append(contentsOf: bytes)
    guard case let .open(open)? = try? BGPMessage(decoding: message, context: .default) else { return }
    _ = open.description
    guard let encoded = try? BGPMessage.open(open).encoded(context: .default) else { return }
    guard case let .open(again)? = try? BGPMessage(decoding: encoded, context: .default) else {
        preconditionFailure("an encoded OPEN does not decode")
    }
    precondition(again == open, "OPEN changed across a round trip")
}

var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
