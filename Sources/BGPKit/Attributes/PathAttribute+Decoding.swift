extension AttributeValue {
    /// Decodes (or, with `build` false, only checks) the value of an attribute whose
    /// header the UPDATE walker already read. Returns nil when `build` is false.
    ///
    /// Each attribute's own file states its RFC 7606 disposition; the thrown error
    /// carries it. Checking never allocates: the list-valued attributes count their
    /// items in a validate step that the decode step then fills exactly.
    static func decode(code: AttributeCode, value: ByteReader, context: SessionContext, build: Bool) throws(BGPError) -> AttributeValue? {
        switch code.rawValue {
        case 1:
            let origin = try Origin.decode(value)
            return build ? .origin(origin) : nil
        case 2, 17:
            let asnSize = code.rawValue == 17 ? 4 : context.asnSize
            let error = code.rawValue == 17 ? AS4PathAttribute.error
                : ErrorTemplate(.malformedASPath, .updateMessageError, NotificationCode.Update.malformedASPath,
                                .treatAsWithdraw, attribute: .asPath)
            let words = try ASPath.validate(value, asnSize: asnSize, error: error)
            guard build else { return nil }
            let path = try ASPath.decode(value, asnSize: asnSize, words: words, error: error)
            return code.rawValue == 17 ? .as4Path(path) : .asPath(path)
        case 3:
            let hop = try NextHopAttribute.decode(value)
            return build ? .nextHop(hop) : nil
        case 4:
            let med = try MultiExitDiscAttribute.decode(value)
            return build ? .multiExitDisc(med) : nil
        case 5:
            let pref = try LocalPrefAttribute.decode(value)
            return build ? .localPref(pref) : nil
        case 6:
            try AtomicAggregateAttribute.validate(value)
            return build ? .atomicAggregate : nil
        case 7:
            let aggregator = try Aggregator.decode(value, asnSize: context.asnSize, code: .aggregator)
            return build ? .aggregator(aggregator) : nil
        case 8:
            guard build else { _ = try CommunitiesAttribute.validate(value); return nil }
            return .communities(try CommunitiesAttribute.decode(value))
        case 9:
            let id = try OriginatorIDAttribute.decode(value)
            return build ? .originatorID(id) : nil
        case 10:
            guard build else { _ = try CommunitiesAttribute.validate(value, code: .clusterList); return nil }
            return .clusterList(try ClusterListAttribute.decode(value))
        case 14:
            guard build else { _ = try MPReachNLRI.validate(value, context: context); return nil }
            return .mpReachNLRI(try MPReachNLRI.decode(value, context: context))
        case 15:
            guard build else { _ = try MPUnreachNLRI.validate(value, context: context); return nil }
            return .mpUnreachNLRI(try MPUnreachNLRI.decode(value, context: context))
        case 16:
            guard build else { _ = try CommunitiesAttribute.validate(value, code: .extendedCommunities, unit: 8); return nil }
            return .extendedCommunities(try ExtendedCommunitiesAttribute.decode(value))
        case 18:
            let aggregator = try AS4AggregatorAttribute.decode(value)
            return build ? .as4Aggregator(aggregator) : nil
        case 25:
            guard build else { _ = try IPv6ExtendedCommunitiesAttribute.validate(value); return nil }
            return .ipv6ExtendedCommunities(try IPv6ExtendedCommunitiesAttribute.decode(value))
        case 32:
            guard build else { _ = try CommunitiesAttribute.validate(value, code: .largeCommunities, unit: 12); return nil }
            return .largeCommunities(try LargeCommunitiesAttribute.decode(value))
        case 35:
            let asn = try OnlyToCustomerAttribute.decode(value)
            return build ? .onlyToCustomer(asn) : nil
        default:
            return build ? .unknown(code: code, value: [UInt8](value.bytes)) : nil
        }
    }

    /// The disposition RFC 7606 gives a malformed attribute of this type, also used
    /// for its flag errors (section 3.c).
    static func malformedDisposition(_ code: AttributeCode) -> ErrorDisposition {
        switch code.rawValue {
        case 6, 7, 17, 18: .attributeDiscard
        case 14, 15: .sessionReset
        default: .treatAsWithdraw
        }
    }
}
