/// Reads and writes NLRI fields: a sequence of (optional path id, length in bits,
/// ceil(length / 8) prefix octets), RFC 4271 section 4.3 and RFC 7911.
///
/// Validation and decoding are separate passes over the same checks, so a validate-only
/// pass allocates nothing and a decode reserves exactly the space it needs.
enum NLRICodec {
    /// Checks a whole NLRI field and returns how many prefixes it holds.
    static func validate(_ reader: ByteReader, afi: AFI, addPath: Bool, error: ErrorTemplate) throws(BGPError) -> Int {
        var reader = reader
        reader.truncation = error
        let maximum = afi == .ipv4 ? 32 : 128
        var count = 0
        while !reader.isAtEnd {
            if addPath { _ = try reader.readUInt32() }
            let at = reader.offset
            let length = Int(try reader.readUInt8())
            guard length <= maximum else {
                throw error.error(at: at, detail: "prefix length \(length) for \(afi)")
            }
            try reader.skip((length + 7) / 8)
            count += 1
        }
        return count
    }

    /// Decodes a field ``validate(_:afi:addPath:error:)`` accepted, appending to `output`.
    static func decode(_ reader: ByteReader, afi: AFI, addPath: Bool, count: Int, error: ErrorTemplate, into output: inout [NLRI]) throws(BGPError) {
        var reader = reader
        reader.truncation = error
        output.reserveCapacity(output.count + count)
        while !reader.isAtEnd {
            let pathID: UInt32? = addPath ? try reader.readUInt32() : nil
            let at = reader.offset
            let length = try reader.readUInt8()
            // Checked again so that decode is total even without validate first.
            guard length <= (afi == .ipv4 ? 32 : 128) else {
                throw reader.truncation.error(at: at, detail: "prefix length \(length) for \(afi)")
            }
            let octets = (Int(length) + 7) / 8
            let window = try reader.slice(octets).bytes
            let address: IPAddress
            if afi == .ipv4 {
                var value: UInt32 = 0
                for i in 0..<octets { value |= UInt32(window[i]) << (24 - 8 * UInt32(i)) }
                address = .v4(IPv4Address(value))
            } else {
                var high: UInt64 = 0, low: UInt64 = 0
                for i in 0..<min(octets, 8) { high |= UInt64(window[i]) << (56 - 8 * UInt64(i)) }
                if octets > 8 {
                    for i in 8..<octets { low |= UInt64(window[i]) << (56 - 8 * UInt64(i - 8)) }
                }
                address = .v6(IPv6Address(high: high, low: low))
            }
            output.append(NLRI(IPPrefix(unchecked: address, length: length), pathID: pathID))
        }
    }

    /// Bytes `nlri` takes on the wire.
    static func encodedLength(_ nlri: NLRI, addPath: Bool) -> Int {
        (addPath ? 5 : 1) + nlri.prefix.encodedByteCount
    }

    /// Appends one entry; throws when the path id presence does not match the session or
    /// the prefix does not belong to `afi`.
    static func encode(_ nlri: NLRI, afi: AFI, addPath: Bool, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        guard nlri.prefix.afi == afi else { throw .familyMismatch("prefix \(nlri.prefix) in \(afi) NLRI") }
        if addPath {
            guard let id = nlri.pathID else { throw .pathIdentifier("prefix \(nlri.prefix) has no path id but ADD-PATH is on") }
            buffer.appendUInt32(id)
        } else if nlri.pathID != nil {
            throw .pathIdentifier("prefix \(nlri.prefix) has a path id but ADD-PATH is off")
        }
        // IPPrefix keeps its length within the address's width, so it fits a byte.
        buffer.append(UInt8(truncatingIfNeeded: nlri.prefix.length))
        let octets = nlri.prefix.encodedByteCount
        switch nlri.prefix.address {
        case let .v4(a):
            for i in 0..<octets { buffer.append(UInt8(truncatingIfNeeded: a.value >> (24 - 8 * UInt32(i)))) }
        case let .v6(a):
            for i in 0..<octets {
                let half = i < 8 ? a.high : a.low
                buffer.append(UInt8(truncatingIfNeeded: half >> (56 - 8 * UInt64(i & 7))))
            }
        }
    }
}
