/// OPEN (RFC 4271 section 4.2), with RFC 9072 extended optional parameters.
public struct OpenMessage: Hashable, Sendable, CustomStringConvertible {
    /// The protocol version, 4.
    public var version: UInt8
    /// The 2-octet "My Autonomous System" field (AS_TRANS when the real ASN is larger).
    public var myAS: UInt16
    /// Proposed hold time in seconds: 0, or at least 3.
    public var holdTime: UInt16
    /// The sender's BGP identifier.
    public var bgpIdentifier: IPv4Address
    /// The optional parameters in order.
    public var parameters: [OptionalParameter]
    /// The parameters were (or are to be) sent in the RFC 9072 extended form; the
    /// encoder uses it anyway when they exceed 255 bytes.
    public var usesExtendedParameters: Bool

    /// An OPEN from `asn` (a 4-octet-AS capability is added when absent, and My AS is
    /// AS_TRANS when `asn` does not fit 16 bits), capabilities in one parameter.
    public init(asn: UInt32, holdTime: UInt16, bgpIdentifier: IPv4Address, capabilities: [Capability]) {
        version = 4
        myAS = asn <= 0xFFFF ? UInt16(asn) : UInt16(ASN.trans)
        self.holdTime = holdTime
        self.bgpIdentifier = bgpIdentifier
        var caps = capabilities
        if !caps.contains(where: { $0.code == .fourOctetAS }) { caps.append(.fourOctetAS(asn)) }
        parameters = [.capabilities(caps)]
        usesExtendedParameters = false
    }

    /// An OPEN with every field given.
    public init(version: UInt8 = 4, myAS: UInt16, holdTime: UInt16, bgpIdentifier: IPv4Address,
                parameters: [OptionalParameter], usesExtendedParameters: Bool = false) {
        self.version = version
        self.myAS = myAS
        self.holdTime = holdTime
        self.bgpIdentifier = bgpIdentifier
        self.parameters = parameters
        self.usesExtendedParameters = usesExtendedParameters
    }

    /// Every capability, across parameters, in order.
    public var capabilities: [Capability] {
        var result: [Capability] = []
        for case let .capabilities(list) in parameters { result += list }
        return result
    }

    /// The sender's AS: the 4-octet-AS capability's value, or My AS.
    public var asn: UInt32 {
        for c in capabilities { if case let .fourOctetAS(asn) = c { return asn } }
        return UInt32(myAS)
    }

    /// The families of the multiprotocol capabilities (IPv4 unicast when there are
    /// none, as RFC 4760 implies).
    public var families: [AddressFamily] {
        var list: [AddressFamily] = []
        for case let .multiprotocol(family) in capabilities { list.append(family) }
        return list.isEmpty ? [.ipv4Unicast] : list
    }

    /// "AS 65000, hold 90s, id 192.0.2.1, capabilities: …".
    public var description: String {
        "version \(version), AS \(asn), hold \(holdTime)s, id \(bgpIdentifier), capabilities: "
            + capabilities.map(\.description).joined(separator: ", ")
    }
}

extension OpenMessage {
    static func error(_ problem: BGPProblem, _ subcode: UInt8) -> ErrorTemplate {
        ErrorTemplate(problem, .openMessageError, subcode, .sessionReset)
    }

    /// Decodes an OPEN body (after the header).
    ///
    /// RFC 4271 section 6.2 checks (version, hold time, identifier, AS 0 per RFC 7607)
    /// and the parameter lengths of RFC 9072: the optional parameters must exactly fill
    /// the message, each parameter its length, each capability its parameter.
    public init(decodingBody body: UnsafeRawBufferPointer) throws(BGPError) {
        var r = ByteReader(body, base: BGPMessageHeader.length, truncation: Self.error(.openTruncated, NotificationCode.Open.unspecific))
        version = try r.readUInt8()
        guard version == 4 else {
            throw Self.error(.unsupportedVersion, NotificationCode.Open.unsupportedVersion)
                .error(at: r.offset - 1, detail: "version \(version)", data: [0, 4])
        }
        myAS = try r.readUInt16()
        guard myAS != 0 else {
            throw Self.error(.badPeerAS, NotificationCode.Open.badPeerAS).error(at: r.offset - 2, detail: "AS 0 (RFC 7607)")
        }
        holdTime = try r.readUInt16()
        guard holdTime == 0 || holdTime >= 3 else {
            throw Self.error(.unacceptableHoldTime, NotificationCode.Open.unacceptableHoldTime)
                .error(at: r.offset - 2, detail: "hold time \(holdTime)")
        }
        bgpIdentifier = IPv4Address(try r.readUInt32())
        guard bgpIdentifier.value != 0 else {
            throw Self.error(.badBGPIdentifier, NotificationCode.Open.badIdentifier).error(at: r.offset - 4, detail: "identifier 0.0.0.0")
        }
        let lengthError = Self.error(.optionalParametersInconsistent, NotificationCode.Open.unspecific)
        let lengthAt = r.offset
        var length = Int(try r.readUInt8())
        usesExtendedParameters = false
        // RFC 9072: 255 followed by a parameter type of 255 announces the extended
        // form. Peek only if a byte is there (FRR CVE-2022-43681 read past the end).
        if length == 255, r.remaining >= 1, r.unread[0] == 255 {
            usesExtendedParameters = true
            r.truncation = lengthError
            _ = try r.readUInt8()
            length = Int(try r.readUInt16())
        }
        guard length == r.remaining else {
            throw lengthError.error(at: lengthAt, detail: "optional parameters length \(length), \(r.remaining) bytes follow")
        }
        var parameters: [OptionalParameter] = []
        r.truncation = lengthError
        while !r.isAtEnd {
            let type = try r.readUInt8()
            let parameterLength = usesExtendedParameters ? Int(try r.readUInt16()) : Int(try r.readUInt8())
            guard parameterLength <= r.remaining else {
                throw lengthError.error(at: r.offset - (usesExtendedParameters ? 3 : 2),
                                        detail: "parameter \(type) of \(parameterLength) bytes, \(r.remaining) left")
            }
            var value = try r.slice(parameterLength)
            guard type == 2 else {
                parameters.append(.unknown(type: type, value: [UInt8](value.bytes)))
                continue
            }
            var capabilities: [Capability] = []
            let overrun = Self.error(.capabilityOverrun, NotificationCode.Open.unspecific)
            value.truncation = overrun
            while !value.isAtEnd {
                let code = CapabilityCode(try value.readUInt8())
                let capabilityLength = Int(try value.readUInt8())
                guard capabilityLength <= value.remaining else {
                    throw overrun.error(at: value.offset - 2, detail: "\(code) of \(capabilityLength) bytes, \(value.remaining) left in the parameter")
                }
                capabilities.append(try Capability.decode(code: code, value: try value.slice(capabilityLength)))
            }
            parameters.append(.capabilities(capabilities))
        }
        self.parameters = parameters
    }

    /// Appends the OPEN body; refuses a version other than 4, a hold time of 1 or 2,
    /// AS 0 and identifier 0.
    public func encodeBody(into buffer: inout [UInt8]) throws(BGPEncodingError) {
        guard version == 4 else { throw .valueOutOfRange("BGP version \(version)") }
        guard holdTime == 0 || holdTime >= 3 else { throw .valueOutOfRange("hold time \(holdTime) (0 or at least 3)") }
        guard myAS != 0 else { throw .valueOutOfRange("AS 0") }
        guard bgpIdentifier.value != 0 else { throw .valueOutOfRange("BGP identifier 0.0.0.0") }
        buffer.append(version)
        buffer.appendUInt16(myAS)
        buffer.appendUInt16(holdTime)
        buffer.appendUInt32(bgpIdentifier.value)
        // Encode the parameters aside first: their size picks the form.
        var short: [UInt8] = []
        var fitsShort = !usesExtendedParameters
        if fitsShort {
            for p in parameters {
                let start = short.count
                try encodeParameter(p, extended: false, into: &short)
                if short.count - start - 2 > 255 { fitsShort = false; break }
            }
            if short.count > 255 { fitsShort = false }
        }
        if fitsShort {
            buffer.append(UInt8(short.count))
            buffer.append(contentsOf: short)
            return
        }
        var long: [UInt8] = []
        for p in parameters { try encodeParameter(p, extended: true, into: &long) }
        guard long.count <= 0xFFFF else { throw .tooLong("optional parameters of \(long.count) bytes") }
        buffer.append(255)
        buffer.append(255)
        buffer.appendUInt16(UInt16(long.count))
        buffer.append(contentsOf: long)
    }

    private func encodeParameter(_ parameter: OptionalParameter, extended: Bool, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        let start = buffer.count
        switch parameter {
        case let .capabilities(caps):
            buffer.append(2)
            buffer.append(0)
            if extended { buffer.append(0) }
            for c in caps { try c.encode(into: &buffer) }
        case let .unknown(type, value):
            buffer.append(type)
            buffer.append(0)
            if extended { buffer.append(0) }
            buffer.append(contentsOf: value)
        }
        let length = buffer.count - start - (extended ? 3 : 2)
        if extended {
            guard length <= 0xFFFF else { throw .tooLong("optional parameter of \(length) bytes") }
            buffer.setUInt16(UInt16(length), at: start + 1)
        } else {
            buffer[start + 1] = UInt8(truncatingIfNeeded: length)
        }
    }
}
