/// What a validate-only pass over an UPDATE found; computing it allocates nothing
/// (unless the UPDATE has an error, whose description is built then).
public struct UpdateSummary: Hashable, Sendable {
    /// Prefixes in the Withdrawn Routes field.
    public var withdrawnCount = 0
    /// Prefixes in the NLRI field.
    public var nlriCount = 0
    /// Path attributes kept (discarded ones not counted).
    public var attributeCount = 0
    /// The first non-fatal (RFC 7606) error, if any.
    public var firstError: BGPError?
    /// How many non-fatal errors there were.
    public var errorCount = 0
    /// The harshest disposition among them.
    public var disposition: ErrorDisposition?
}

/// ORIGIN, AS_PATH and (with routes in the NLRI field) NEXT_HOP, without an array.
struct MandatoryCodes: Sequence, IteratorProtocol {
    var upcoming: UInt8 = 1
    let nextHop: Bool
    init(nextHop: Bool) { self.nextHop = nextHop }
    mutating func next() -> AttributeCode? {
        guard upcoming <= (nextHop ? 3 : 2) else { return nil }
        defer { upcoming += 1 }
        return AttributeCode(upcoming)
    }
}

/// The attribute codes seen so far, as a 256-bit set without allocation.
struct AttributeCodeSet {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    init() {}
    func contains(_ code: AttributeCode) -> Bool {
        let bit = UInt64(1) << UInt64(code.rawValue & 63)
        switch code.rawValue >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
    mutating func insert(_ code: AttributeCode) {
        let bit = UInt64(1) << UInt64(code.rawValue & 63)
        switch code.rawValue >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }
}

extension UpdateMessage {
    /// Decodes an UPDATE body (the bytes after the 19-byte header; offsets in errors
    /// still count from the marker).
    ///
    /// Throws when the disposition is session reset or AFI/SAFI disable. Milder RFC 7606
    /// errors are collected in ``errors`` and the UPDATE is returned.
    public init(decodingBody body: UnsafeRawBufferPointer, context: SessionContext) throws(BGPError) {
        self.init()
        var summary = UpdateSummary()
        try Self.walk(ByteReader(body, base: BGPMessageHeader.length, truncation: Self.listError),
                      context: context, build: true, output: &self, summary: &summary)
    }

    /// Checks an UPDATE body as ``init(decodingBody:context:)`` does, building nothing.
    public static func validate(body: UnsafeRawBufferPointer, context: SessionContext) throws(BGPError) -> UpdateSummary {
        var dummy = UpdateMessage()
        var summary = UpdateSummary()
        try walk(ByteReader(body, base: BGPMessageHeader.length, truncation: listError),
                 context: context, build: false, output: &dummy, summary: &summary)
        return summary
    }

    static let listError = ErrorTemplate(.withdrawnRoutesOverrun, .updateMessageError,
                                         NotificationCode.Update.malformedAttributeList, .sessionReset)
    static let networkError = ErrorTemplate(.invalidNetworkField, .updateMessageError,
                                            NotificationCode.Update.invalidNetworkField, .sessionReset)

    /// Records a non-fatal error, or throws it when it is fatal.
    static func note(_ error: BGPError, build: Bool, output: inout UpdateMessage, summary: inout UpdateSummary) throws(BGPError) {
        if error.disposition >= .afiSafiDisable { throw error }
        if summary.firstError == nil { summary.firstError = error }
        summary.errorCount += 1
        summary.disposition = max(summary.disposition ?? error.disposition, error.disposition)
        if build { output.errors.append(error) }
    }

    /// The one pass both decoding and validation make.
    static func walk(_ body: ByteReader, context: SessionContext, build: Bool,
                     output: inout UpdateMessage, summary: inout UpdateSummary) throws(BGPError) {
        var reader = body
        // Withdrawn Routes Length and Total Path Attribute Length must fit the message
        // (RFC 7606 section 4: otherwise session reset).
        let withdrawnLength = Int(try reader.readUInt16())
        guard withdrawnLength <= reader.remaining else {
            throw listError.error(at: reader.offset - 2, detail: "withdrawn routes length \(withdrawnLength), \(reader.remaining) bytes left")
        }
        let withdrawn = try reader.slice(withdrawnLength)
        var attributesError = listError
        attributesError.problem = .attributesOverrun
        reader.truncation = attributesError
        let attributesLength = Int(try reader.readUInt16())
        guard attributesLength <= reader.remaining else {
            throw attributesError.error(at: reader.offset - 2, detail: "path attribute length \(attributesLength), \(reader.remaining) bytes left")
        }
        var attributes = try reader.slice(attributesLength)
        let nlri = reader.rest()

        let addPath = context.hasPathIdentifiers(.ipv4Unicast)
        summary.withdrawnCount = try NLRICodec.validate(withdrawn, afi: .ipv4, addPath: addPath, error: networkError)
        summary.nlriCount = try NLRICodec.validate(nlri, afi: .ipv4, addPath: addPath, error: networkError)
        if build {
            try NLRICodec.decode(withdrawn, afi: .ipv4, addPath: addPath, count: summary.withdrawnCount,
                                 error: networkError, into: &output.withdrawn)
            try NLRICodec.decode(nlri, afi: .ipv4, addPath: addPath, count: summary.nlriCount,
                                 error: networkError, into: &output.nlri)
            output.attributes.reserveCapacity(countAttributes(attributes))
        }

        var seen = AttributeCodeSet()
        let overrun = ErrorTemplate(.attributeOverrun, .updateMessageError, NotificationCode.Update.attributeLength, .treatAsWithdraw)
        while !attributes.isAtEnd {
            let start = attributes.index
            let startOffset = attributes.offset
            // A header or value running past the attributes field: the rest cannot be
            // walked. RFC 7606 section 4: treat-as-withdraw; the NOTIFICATION data is
            // what is there, never what the length field claims (FRR CVE-2017-15865).
            guard attributes.remaining >= 3,
                  attributes.remaining >= (attributes.bytes[start] & 0x10 != 0 ? 4 : 3) else {
                try note(overrun.error(at: startOffset, detail: "attribute header needs more than the \(attributes.remaining) bytes left",
                                       data: attributes.copyBytes(from: start, count: attributes.remaining)),
                         build: build, output: &output, summary: &summary)
                break
            }
            let flags = AttributeFlags(rawValue: try attributes.readUInt8())
            let code = AttributeCode(try attributes.readUInt8())
            let length = flags.contains(.extendedLength) ? Int(try attributes.readUInt16()) : Int(try attributes.readUInt8())
            guard length <= attributes.remaining else {
                var error = overrun.error(at: startOffset, detail: "\(code) length \(length), \(attributes.remaining) bytes left",
                                          data: attributes.copyBytes(from: start, count: attributes.bytes.count - start))
                error.attribute = code
                // Without the rest of the field an MP attribute may be lost: its NLRI
                // cannot be withdrawn, so only a reset is safe (RFC 7606 section 3.h)
                // unless no MP attribute could follow... which cannot be known.
                if code == .mpReachNLRI || code == .mpUnreachNLRI { error.disposition = .sessionReset }
                try note(error, build: build, output: &output, summary: &summary)
                break
            }
            let value = try attributes.slice(length)
            func attributeBytes() -> [UInt8] { attributes.copyBytes(from: start, count: attributes.index - start) }

            if seen.contains(code) {
                // RFC 7606 section 3.g: duplicate MP attributes reset the session; other
                // duplicates are discarded, keeping the first.
                let reset = code == .mpReachNLRI || code == .mpUnreachNLRI
                try note(BGPError(problem: .duplicateAttribute, code: .updateMessageError,
                                  subcode: NotificationCode.Update.malformedAttributeList,
                                  disposition: reset ? .sessionReset : .attributeDiscard,
                                  offset: startOffset, attribute: code),
                         build: build, output: &output, summary: &summary)
                continue
            }
            seen.insert(code)

            if let expected = code.expectedFlags {
                let actual = flags.intersection([.optional, .transitive])
                guard actual == expected else {
                    try note(BGPError(problem: .attributeFlags, code: .updateMessageError,
                                      subcode: NotificationCode.Update.attributeFlags, data: attributeBytes(),
                                      disposition: AttributeValue.malformedDisposition(code), offset: startOffset,
                                      detail: "flags \(flags), expected \(expected)", attribute: code),
                             build: build, output: &output, summary: &summary)
                    continue
                }
            } else if !flags.contains(.optional) {
                throw BGPError(problem: .unrecognizedWellKnown, code: .updateMessageError,
                               subcode: NotificationCode.Update.unrecognizedWellKnown, data: attributeBytes(),
                               disposition: .sessionReset, offset: startOffset, attribute: code)
            }

            let decoded: AttributeValue?
            do throws(BGPError) {
                decoded = try AttributeValue.decode(code: code, value: value, context: context, build: build)
            } catch {
                var error = error
                // RFC 4271 section 6.3: these subcodes carry the erroneous attribute.
                if error.data.isEmpty, error.subcode != NotificationCode.Update.malformedASPath {
                    error.data = attributeBytes()
                }
                try note(error, build: build, output: &output, summary: &summary)
                continue
            }
            summary.attributeCount += 1
            if build, let decoded {
                output.attributes.append(PathAttribute(flags: flags, value: decoded))
            }
        }

        // RFC 7606 section 3.d: missing well-known mandatory attributes are
        // treat-as-withdraw; NEXT_HOP is mandatory only with routes in the NLRI field.
        if summary.nlriCount > 0 || seen.contains(.mpReachNLRI) {
            for code in MandatoryCodes(nextHop: summary.nlriCount > 0) where !seen.contains(code) {
                try note(BGPError(problem: .missingWellKnown, code: .updateMessageError,
                                  subcode: NotificationCode.Update.missingWellKnown, data: [code.rawValue],
                                  disposition: .treatAsWithdraw, offset: body.base + body.bytes.count,
                                  attribute: code),
                         build: build, output: &output, summary: &summary)
            }
        }
    }

    /// Attribute headers in the field, for reserving the array (stops at an overrun).
    static func countAttributes(_ field: ByteReader) -> Int {
        let bytes = field.bytes
        var index = 0, count = 0
        while index + 3 <= bytes.count {
            let extended = bytes[index] & 0x10 != 0
            if extended {
                guard index + 4 <= bytes.count else { break }
                index += 4 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
            } else {
                index += 3 + Int(bytes[index + 2])
            }
            count += 1
        }
        return count
    }
}
