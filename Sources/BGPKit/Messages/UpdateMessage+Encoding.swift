extension UpdateMessage {
    /// Appends the UPDATE body (no header) after checking it can be sent: routes
    /// announced need ORIGIN and AS_PATH (and NEXT_HOP for the NLRI field), no attribute
    /// appears twice, and an empty MP_UNREACH_NLRI only ever forms an End-of-RIB.
    public func encodeBody(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        var seen = AttributeCodeSet()
        // Indices rather than `for attribute in attributes`: subscripting borrows the
        // element where iterating copies it (a retain and release per attribute).
        for i in attributes.indices {
            let code = attributes[i].code
            guard !seen.contains(code) else { throw .invalid("\(code) appears twice") }
            seen.insert(code)
            if code == .mpUnreachNLRI, case let .mpUnreachNLRI(u) = attributes[i].value, u.isEmpty,
               !(attributes.count == 1 && withdrawn.isEmpty && nlri.isEmpty) {
                throw .invalid("empty MP_UNREACH_NLRI for \(u.family) outside an End-of-RIB")
            }
        }
        if !nlri.isEmpty || seen.contains(.mpReachNLRI) {
            if !seen.contains(.origin) { throw .missingMandatoryAttribute("ORIGIN with routes announced") }
            if !seen.contains(.asPath) { throw .missingMandatoryAttribute("AS_PATH with routes announced") }
            if !nlri.isEmpty, !seen.contains(.nextHop) {
                throw .missingMandatoryAttribute("NEXT_HOP with IPv4 routes in the NLRI field")
            }
        }
        let addPath = context.hasPathIdentifiers(.ipv4Unicast)
        let withdrawnStart = buffer.count
        buffer.appendUInt16(0)
        for i in withdrawn.indices { try NLRICodec.encode(withdrawn[i], afi: .ipv4, addPath: addPath, into: &buffer) }
        let withdrawnLength = buffer.count - withdrawnStart - 2
        buffer.setUInt16(UInt16(truncatingIfNeeded: withdrawnLength), at: withdrawnStart)
        let attributesStart = buffer.count
        buffer.appendUInt16(0)
        for i in attributes.indices { try attributes[i].encode(context: context, into: &buffer) }
        let attributesLength = buffer.count - attributesStart - 2
        guard withdrawnLength <= 0xFFFF, attributesLength <= 0xFFFF else {
            throw .tooLong("UPDATE fields of \(withdrawnLength) and \(attributesLength) bytes")
        }
        buffer.setUInt16(UInt16(attributesLength), at: attributesStart)
        for i in nlri.indices { try NLRICodec.encode(nlri[i], afi: .ipv4, addPath: addPath, into: &buffer) }
    }
}
