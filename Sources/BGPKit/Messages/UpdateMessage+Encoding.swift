extension UpdateMessage {
    /// Appends the UPDATE body (no header) after checking it can be sent: routes
    /// announced need ORIGIN and AS_PATH (and NEXT_HOP for the NLRI field), no attribute
    /// appears twice, and an empty MP_UNREACH_NLRI only ever forms an End-of-RIB.
    public func encodeBody(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        var seen = AttributeCodeSet()
        for attribute in attributes {
            guard !seen.contains(attribute.code) else { throw .invalid("\(attribute.code) appears twice") }
            seen.insert(attribute.code)
            if case let .mpUnreachNLRI(u) = attribute.value, u.isEmpty,
               !(attributes.count == 1 && withdrawn.isEmpty && nlri.isEmpty) {
                throw .invalid("empty MP_UNREACH_NLRI for \(u.family) outside an End-of-RIB")
            }
        }
        if !nlri.isEmpty || seen.contains(.mpReachNLRI) {
            for code in [AttributeCode.origin, .asPath] where !seen.contains(code) {
                throw .missingMandatoryAttribute("\(code) with routes announced")
            }
            if !nlri.isEmpty, !seen.contains(.nextHop) {
                throw .missingMandatoryAttribute("NEXT_HOP with IPv4 routes in the NLRI field")
            }
        }
        let addPath = context.hasPathIdentifiers(.ipv4Unicast)
        let withdrawnStart = buffer.count
        buffer.appendUInt16(0)
        for entry in withdrawn { try NLRICodec.encode(entry, afi: .ipv4, addPath: addPath, into: &buffer) }
        let withdrawnLength = buffer.count - withdrawnStart - 2
        buffer.setUInt16(UInt16(truncatingIfNeeded: withdrawnLength), at: withdrawnStart)
        let attributesStart = buffer.count
        buffer.appendUInt16(0)
        for attribute in attributes { try attribute.encode(context: context, into: &buffer) }
        let attributesLength = buffer.count - attributesStart - 2
        guard withdrawnLength <= 0xFFFF, attributesLength <= 0xFFFF else {
            throw .tooLong("UPDATE fields of \(withdrawnLength) and \(attributesLength) bytes")
        }
        buffer.setUInt16(UInt16(attributesLength), at: attributesStart)
        for entry in nlri { try NLRICodec.encode(entry, afi: .ipv4, addPath: addPath, into: &buffer) }
    }
}
