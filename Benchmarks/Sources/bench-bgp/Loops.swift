import BGPKit

// The measured loops live in plain functions, outside main.swift's top-level code,
// so that nothing of the main actor's bookkeeping ends up in the figures.

/// Decodes every message of the corpus; returns a checksum.
func decodeAll(_ corpus: [UInt8], _ offsets: [Int], context: SessionContext) -> Int {
    corpus.withUnsafeBytes { all in
        var total = 0
        for i in 0..<(offsets.count - 1) {
            let message = UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
            if case let .update(u)? = try? BGPMessage(decoding: message, context: context) {
                total &+= u.attributes.count &+ u.nlri.count
            }
        }
        return total
    }
}

/// Validates every message of the corpus; returns a checksum.
func validateAll(_ corpus: [UInt8], _ offsets: [Int], context: SessionContext) -> Int {
    corpus.withUnsafeBytes { all in
        var total = 0
        for i in 0..<(offsets.count - 1) {
            let message = UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
            if let summary = try? BGPMessage.validate(message, context: context) { total &+= summary.attributeCount }
        }
        return total
    }
}

/// Encodes every message into one reused buffer; returns a checksum.
func encodeAll(_ messages: [BGPMessage], into buffer: inout [UInt8], context: SessionContext) -> Int {
    var total = 0
    for i in messages.indices {
        buffer.removeAll(keepingCapacity: true)
        try? messages[i].encode(context: context, into: &buffer)
        total &+= buffer.count
    }
    return total
}

/// Frames the corpus fed in TCP-sized segments; returns a checksum.
func frameAll(_ corpus: [UInt8], segment: Int) -> Int {
    var framer = BGPFramer()
    var total = 0
    corpus.withUnsafeBytes { all in
        var start = 0
        while start < all.count {
            let end = min(all.count, start + segment)
            framer.append(UnsafeRawBufferPointer(rebasing: all[start..<end]))
            while let length = try? framer.nextMessage({ $0.count }) { total &+= length }
            start = end
        }
    }
    return total
}

/// Decodes one message `times` times; returns a checksum.
func decodeRepeatedly(_ message: [UInt8], times: Int, context: SessionContext) -> Int {
    message.withUnsafeBytes { bytes in
        var total = 0
        for _ in 0..<times {
            if case let .update(u)? = try? BGPMessage(decoding: bytes, context: context) { total &+= u.nlri.count }
        }
        return total
    }
}

/// Validates one message `times` times; returns a checksum.
func validateRepeatedly(_ message: [UInt8], times: Int, context: SessionContext) -> Int {
    message.withUnsafeBytes { bytes in
        var total = 0
        for _ in 0..<times {
            if let summary = try? BGPMessage.validate(bytes, context: context) { total &+= summary.nlriCount }
        }
        return total
    }
}

/// Encodes one message `times` times into a reused buffer; returns a checksum.
func encodeRepeatedly(_ message: BGPMessage, times: Int, into buffer: inout [UInt8], context: SessionContext) -> Int {
    var total = 0
    for _ in 0..<times {
        buffer.removeAll(keepingCapacity: true)
        try? message.encode(context: context, into: &buffer)
        total &+= buffer.count
    }
    return total
}
