/// AS4_PATH (type 17, optional transitive, RFC 6793): the 4-octet path a NEW speaker
/// sends alongside a 2-octet AS_PATH to an OLD one. Malformed, it is attribute-discard
/// (RFC 7606 section 7.12 defers to RFC 6793 section 6).
enum AS4PathAttribute {
    static let error = ErrorTemplate(.malformedASPath, .updateMessageError, NotificationCode.Update.optionalAttribute,
                                     .attributeDiscard, attribute: .as4Path)
}

extension ASPath {
    /// The RFC 6793 section 4.2.3 reconstruction on a 2-octet session: when AS4_PATH is
    /// no longer than AS_PATH, the path is AS_PATH's leading ASNs (the ones that predate
    /// the OLD speakers) followed by AS4_PATH; otherwise AS4_PATH is ignored.
    public func merged(withAS4Path as4: ASPath) -> ASPath {
        let excess = length - as4.length
        guard excess >= 0 else { return self }
        // Keep segments of AS_PATH until `excess` path-length units are taken.
        var words: [UInt32] = []
        var taken = 0
        forEachSegment { type, asns in
            guard taken < excess else { return }
            switch type {
            case .asSequence:
                let keep = min(asns.count, excess - taken)
                words.append(UInt32(type.rawValue) << 24 | UInt32(keep))
                words.append(contentsOf: asns.prefix(keep))
                taken += keep
            case .asSet:
                words.append(UInt32(type.rawValue) << 24 | UInt32(asns.count))
                words.append(contentsOf: asns)
                taken += 1
            case .confedSequence, .confedSet:
                words.append(UInt32(type.rawValue) << 24 | UInt32(asns.count))
                words.append(contentsOf: asns)
            }
        }
        words.append(contentsOf: as4.words)
        return ASPath(words: words)
    }
}
