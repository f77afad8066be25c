/// Parses the bytes given to `decode --hex`: hex digits, with any whitespace, colons,
/// dashes or a leading `0x` between them ignored, so output of tcpdump -X, Wireshark's
/// "copy as hex stream" and `xxd -p` can be pasted as is.
enum HexInput {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func bytes(from text: String) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        var previous: UInt8 = 0
        for (index, character) in text.utf8.enumerated() {
            defer { previous = character }
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                continue
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                // "0x": drop the 0 just taken as a high nibble.
                guard previous == UInt8(ascii: "0"), high == 0 else {
                    throw Failure(description: "character 'x' at position \(index + 1) is not a hex digit")
                }
                high = nil
                continue
            default:
                let shown = String(decoding: [character], as: UTF8.self)
                throw Failure(description: "character '\(shown)' at position \(index + 1) is not a hex digit")
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        if high != nil { throw Failure(description: "odd number of hex digits") }
        if bytes.isEmpty { throw Failure(description: "no hex digits given") }
        return bytes
    }
}
