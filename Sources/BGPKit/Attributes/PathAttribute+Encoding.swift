extension PathAttribute {
    /// Appends flags, type, length and value. The low four flag bits are always zero;
    /// the extended-length bit is set when the value needs it (or was set already).
    public func encode(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        var flagsByte = flags.rawValue & 0xF0
        let flagsIndex = buffer.count
        let extended = flags.contains(.extendedLength)
        buffer.append(flagsByte)
        buffer.append(code.rawValue)
        let lengthIndex = buffer.count
        buffer.append(0)
        if extended { buffer.append(0) }
        let valueStart = buffer.count
        try value.encodeValue(context: context, into: &buffer)
        let length = buffer.count - valueStart
        guard length <= 0xFFFF else { throw .valueOutOfRange("\(code) of \(length) bytes (at most 65,535)") }
        if extended {
            buffer.setUInt16(UInt16(length), at: lengthIndex)
        } else if length <= 0xFF {
            buffer[lengthIndex] = UInt8(length)
        } else {
            // Rare: the value outgrew a one-byte length; widen the field in place.
            buffer.insert(0, at: lengthIndex)
            buffer.setUInt16(UInt16(length), at: lengthIndex)
            flagsByte |= AttributeFlags.extendedLength.rawValue
            buffer[flagsIndex] = flagsByte
        }
    }
}

extension AttributeValue {
    /// Appends the value bytes alone.
    func encodeValue(context: SessionContext, into buffer: inout [UInt8]) throws(BGPEncodingError) {
        switch self {
        case let .origin(o): buffer.append(o.rawValue)
        case let .asPath(p): try p.encode(asnSize: context.asnSize, into: &buffer)
        case let .as4Path(p): try p.encode(asnSize: 4, into: &buffer)
        case let .nextHop(a), let .originatorID(a): buffer.appendUInt32(a.value)
        case let .multiExitDisc(v), let .localPref(v), let .onlyToCustomer(v): buffer.appendUInt32(v)
        case .atomicAggregate: break
        case let .aggregator(a): try a.encode(asnSize: context.asnSize, into: &buffer)
        case let .as4Aggregator(a): try a.encode(asnSize: 4, into: &buffer)
        case let .communities(list):
            guard !list.isEmpty else { throw .invalid("empty COMMUNITIES") }
            for c in list { buffer.appendUInt32(c.rawValue) }
        case let .clusterList(list):
            guard !list.isEmpty else { throw .invalid("empty CLUSTER_LIST") }
            for a in list { buffer.appendUInt32(a.value) }
        case let .mpReachNLRI(r): try r.encode(context: context, into: &buffer)
        case let .mpUnreachNLRI(u): try u.encode(context: context, into: &buffer)
        case let .extendedCommunities(list):
            guard !list.isEmpty else { throw .invalid("empty EXTENDED_COMMUNITIES") }
            for c in list { buffer.appendUInt64(c.rawValue) }
        case let .ipv6ExtendedCommunities(list):
            guard !list.isEmpty else { throw .invalid("empty IPV6_ADDRESS_SPECIFIC_EXTENDED_COMMUNITY") }
            for c in list {
                buffer.append(c.type); buffer.append(c.subtype)
                buffer.appendUInt64(c.address.high); buffer.appendUInt64(c.address.low)
                buffer.appendUInt16(c.localAdministrator)
            }
        case let .largeCommunities(list):
            guard !list.isEmpty else { throw .invalid("empty LARGE_COMMUNITY") }
            for c in list { buffer.appendUInt32(c.global); buffer.appendUInt32(c.local1); buffer.appendUInt32(c.local2) }
        case let .unknown(_, value): buffer.append(contentsOf: value)
        }
    }
}
