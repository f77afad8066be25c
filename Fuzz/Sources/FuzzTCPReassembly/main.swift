import CFuzzerDriver
import Glibc
import PcapKit

/// Feeds a sequence of frames to one TCP stream reassembler with small limits. Input: the
/// first byte picks the link type, then frames follow as a 2-byte big-endian length and
/// that many bytes (the last one takes what is left).
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let selector = bytes.first else { return }
    let types: [LinkType] = [.raw, .ethernet, .linuxSLL2, .null]
    let type = types[Int(selector) % types.count]
    var reassembler = TCPStreamReassembler(
        port: selector & 0x80 != 0 ? 179 : nil,
        limits: .init(maximumPendingBytes: 256, maximumPendingSegments: 8, maximumDirections: 4)
    )
    var offset = 1
    var frame = 0
    while offset < bytes.count {
        var length = bytes.count - offset
        if offset + 2 <= bytes.count {
            length = min(Int(bytes[offset]) << 8 | Int(bytes[offset + 1]), bytes.count - offset - 2)
            offset += 2
        }
        frame += 1
        let chunks = reassembler.add(
            frame: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), linkType: type,
            timestamp: PcapTimestamp(seconds: Int64(frame), nanoseconds: 0), frameNumber: frame
        )
        for chunk in chunks { precondition(!chunk.bytes.isEmpty, "empty chunk") }
        precondition(reassembler.followedDirections <= 4, "more directions than the limit")
        offset += length
    }
    let s = reassembler.statistics
    precondition(s.segments + s.ignored + s.malformed == s.frames, "frames not accounted for")
}

// SwiftPM makes this file the executable's entry point; hand the test function to libFuzzer.
var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
