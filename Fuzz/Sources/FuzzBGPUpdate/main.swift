import BGPKit
import CFuzzerDriver
import Glibc

/// Decodes the input as an UPDATE body under a session context picked by the first
/// byte. Checks: validate-only agrees with decode; errors point inside the message;
/// a clean decode re-encodes and decodes back to the same value.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let selector = bytes.first else { return }
    var addPath: Set<AddressFamily> = []
    if selector & 4 != 0 { addPath.insert(.ipv4Unicast) }
    if selector & 8 != 0 { addPath.insert(.ipv6Unicast) }
    let context = SessionContext(fourOctetAS: selector & 1 == 0, extendedMessage: selector & 2 != 0, addPath: addPath)
    let body = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
    guard body.count + 19 <= context.maximumMessageLength else { return }
    var message = [UInt8](repeating: 0xFF, count: 16) + [UInt8((body.count + 19) >> 8), UInt8((body.count + 19) & 0xFF), 2]
    message.append(contentsOf: body)

    let decoded = Result { () throws(BGPError) in try BGPMessage(decoding: message, context: context) }
    let validated = message.withUnsafeBytes { raw in
        Result { () throws(BGPError) in try BGPMessage.validate(raw, context: context) }
    }
    switch (decoded, validated) {
    case let (.failure(a), .failure(b)):
        precondition(a == b, "validate and decode disagree on the error")
        precondition(a.offset <= message.count, "error offset past the message")
        precondition(a.data.count <= message.count, "NOTIFICATION data larger than the message")
    case let (.success(.update(update)), .success(summary?)):
        precondition(update.errors.count == summary.errorCount, "validate and decode disagree on RFC 7606 errors")
        _ = update.attributes.map(\.description)
        guard update.errors.isEmpty, let encoded = try? BGPMessage.update(update).encoded(context: context) else { return }
        guard case let .update(again)? = try? BGPMessage(decoding: encoded, context: context) else {
            preconditionFailure("an encoded UPDATE does not decode")
        }
        precondition(again.nlri == update.nlri && again.withdrawn == update.withdrawn, "routes changed across a round trip")
        precondition(again.attributes.map(\.value) == update.attributes.map(\.value), "attributes changed across a round trip")
    default:
        preconditionFailure("validate and decode disagree")
    }
}

var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
