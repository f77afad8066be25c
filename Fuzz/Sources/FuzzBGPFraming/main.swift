import BGPKit
import CFuzzerDriver
import Glibc

/// Feeds the input to the framer in chunks whose sizes come from the first bytes, and
/// checks that every message handed out is exactly as long as its header says and that
/// the framer never holds more than it was given.
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= 2 else { return }
    let extended = bytes[0] & 1 != 0
    let chunk = Int(bytes[1]) + 1
    let stream = UnsafeRawBufferPointer(rebasing: bytes[2...])
    var framer = BGPFramer(maximumMessageLength: extended ? 65535 : 4096)
    var start = 0
    var delivered = 0
    let context = SessionContext(extendedMessage: extended)
    while start < stream.count {
        let end = min(stream.count, start + chunk)
        framer.append(UnsafeRawBufferPointer(rebasing: stream[start..<end]))
        start = end
        while true {
            guard let length = try? framer.nextMessage({ message -> Int in
                let declared = Int(message[16]) << 8 | Int(message[17])
                precondition(declared == message.count, "framer cut a message at the wrong length")
                _ = try? BGPMessage(decoding: message, context: context)
                return message.count
            }) else { break }
            delivered += length
        }
        precondition(delivered + framer.bufferedByteCount == start, "framer lost or invented bytes")
    }
}

// SwiftPM makes this file the executable's entry point; hand the test function to libFuzzer.
var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
