/// An AS path (AS_PATH, type 2, and AS4_PATH, type 17): segments of ASNs.
///
/// Stored flat, one array for the whole path (each segment is a header word holding
/// type and count, then its ASNs), so decoding a path costs one allocation however many
/// segments it has. ``segments`` gives the structured view.
public struct ASPath: Hashable, Sendable, CustomStringConvertible {
    var words: [UInt32]

    /// The empty path (iBGP announcements of local routes).
    public init() { words = [] }

    /// A path of these segments.
    public init(segments: [ASPathSegment]) {
        words = []
        words.reserveCapacity(segments.reduce(0) { $0 + 1 + $1.asns.count })
        for segment in segments {
            words.append(UInt32(segment.type.rawValue) << 24 | UInt32(truncatingIfNeeded: segment.asns.count))
            words.append(contentsOf: segment.asns)
        }
    }

    /// A path of one AS_SEQUENCE (or empty when `asns` is).
    public init(sequence asns: [UInt32]) {
        self.init(segments: asns.isEmpty ? [] : [ASPathSegment(.asSequence, asns)])
    }

    init(words: [UInt32]) { self.words = words }

    /// The segments, in order.
    public var segments: [ASPathSegment] {
        var result: [ASPathSegment] = []
        forEachSegment { type, asns in result.append(ASPathSegment(type, Array(asns))) }
        return result
    }

    /// Calls `body` with each segment's type and ASNs, without allocating.
    public func forEachSegment(_ body: (ASPathSegmentType, ArraySlice<UInt32>) -> Void) {
        var i = 0
        while i < words.count {
            let header = words[i]
            let count = Int(header & 0xFFFFFF)
            let type = ASPathSegmentType(rawValue: UInt8(truncatingIfNeeded: header >> 24)) ?? .asSequence
            let end = min(words.count, i + 1 + count)
            body(type, words[(i + 1)..<end])
            i = end
        }
    }

    /// Every ASN in path order, segment boundaries dropped.
    public var asns: [UInt32] {
        var result: [UInt32] = []
        forEachSegment { _, asns in result.append(contentsOf: asns) }
        return result
    }

    /// Number of segments.
    public var segmentCount: Int {
        var n = 0
        forEachSegment { _, _ in n += 1 }
        return n
    }

    /// The RFC 4271 path length used in route selection: each AS_SEQUENCE ASN counts
    /// one, each AS_SET counts one in all, confederation segments count nothing.
    public var length: Int {
        var n = 0
        forEachSegment { type, asns in
            switch type {
            case .asSequence: n += asns.count
            case .asSet: n += 1
            case .confedSequence, .confedSet: break
            }
        }
        return n
    }

    /// The first ASN of the first AS_SEQUENCE (the neighbouring AS), if any.
    public var firstASN: UInt32? {
        var first: UInt32?
        forEachSegment { type, asns in
            if first == nil, type == .asSequence { first = asns.first }
        }
        return first
    }

    /// The last ASN (the origin AS) when the path ends in an AS_SEQUENCE.
    public var originASN: UInt32? {
        var origin: UInt32?
        forEachSegment { type, asns in origin = type == .asSequence ? asns.last : nil }
        return origin
    }

    /// True when no segment is present.
    public var isEmpty: Bool { words.isEmpty }

    /// Segments separated by spaces, e.g. "65000 65001 {65002,65003}".
    public var description: String { segments.map(\.description).joined(separator: " ") }
}

extension ASPath {
    /// Checks an AS_PATH (or AS4_PATH, with `error` set accordingly) and returns the
    /// number of words its flat storage needs. RFC 7606 section 7.2: an unknown segment
    /// type, a zero-length segment or a segment overrunning the attribute is malformed.
    static func validate(_ value: ByteReader, asnSize: Int, error: ErrorTemplate) throws(BGPError) -> Int {
        var reader = value
        reader.truncation = error
        var words = 0
        while !reader.isAtEnd {
            let at = reader.offset
            let type = try reader.readUInt8()
            guard type >= 1, type <= 4 else { throw error.error(at: at, detail: "segment type \(type)") }
            let count = Int(try reader.readUInt8())
            guard count > 0 else { throw error.error(at: at + 1, detail: "empty segment") }
            guard count * asnSize <= reader.remaining else {
                throw error.error(at: at, detail: "segment of \(count) ASNs overruns the attribute by \(count * asnSize - reader.remaining) bytes")
            }
            try reader.skip(count * asnSize)
            words += 1 + count
        }
        return words
    }

    /// Decodes a path ``validate(_:asnSize:error:)`` accepted (words = its result).
    static func decode(_ value: ByteReader, asnSize: Int, words: Int, error: ErrorTemplate) throws(BGPError) -> ASPath {
        var reader = value
        reader.truncation = error
        var storage: [UInt32] = []
        storage.reserveCapacity(words)
        while !reader.isAtEnd {
            let type = try reader.readUInt8()
            let count = try reader.readUInt8()
            storage.append(UInt32(type) << 24 | UInt32(count))
            if asnSize == 4 {
                for _ in 0..<count { storage.append(try reader.readUInt32()) }
            } else {
                for _ in 0..<count { storage.append(UInt32(try reader.readUInt16())) }
            }
        }
        return ASPath(words: storage)
    }

    /// Bytes the path takes on the wire with `asnSize`-byte ASNs (segments longer than
    /// 255 ASNs are split).
    func encodedLength(asnSize: Int) -> Int {
        var n = 0
        forEachSegment { _, asns in
            n += 2 * ((asns.count + 254) / 255) + asns.count * asnSize
        }
        return n
    }

    /// Appends the wire form. A sequence longer than 255 ASNs becomes several sequences;
    /// a longer set (whose split would change its meaning) and ASNs above 65,535 with
    /// 2-byte ASNs are refused.
    func encode(asnSize: Int, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        var failure: BGPEncodingError?
        forEachSegment { type, asns in
            guard failure == nil else { return }
            if asns.isEmpty { failure = .invalid("empty \(type) segment"); return }
            if asns.count > 255, type == .asSet || type == .confedSet {
                failure = .valueOutOfRange("\(type) of \(asns.count) ASNs (at most 255)")
                return
            }
            var index = asns.startIndex
            while index < asns.endIndex {
                let chunk = asns[index..<min(asns.endIndex, index + 255)]
                buffer.append(type.rawValue)
                buffer.append(UInt8(chunk.count))
                for asn in chunk {
                    if asnSize == 4 {
                        buffer.appendUInt32(asn)
                    } else if asn <= 0xFFFF {
                        buffer.appendUInt16(UInt16(asn))
                    } else {
                        failure = .valueOutOfRange("ASN \(asn) on a 2-octet AS session (use AS4_PATH)")
                        return
                    }
                }
                index = chunk.endIndex
            }
        }
        if let failure { throw failure }
    }
}
