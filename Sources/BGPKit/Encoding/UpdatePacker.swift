/// Turns a set of routes into as many UPDATEs as the session's message size needs.
///
/// Every prefix given ends up in exactly one message, in order; the path attributes are
/// repeated in each. IPv4 unicast routes with an IPv4 next hop use the NLRI field and
/// NEXT_HOP; IPv4 routes with an IPv6 next hop (RFC 8950) and IPv6 routes use
/// MP_REACH_NLRI, placed first as RFC 7606 section 5.1 asks. Withdrawals of nothing
/// produce no message: an empty MP_UNREACH_NLRI is only ever an End-of-RIB.
public struct UpdatePacker: Sendable {
    /// The session the messages are for (ASN size, ADD-PATH, maximum length).
    public var context: SessionContext

    public init(context: SessionContext) {
        self.context = context
    }

    /// UPDATEs announcing `routes` (all of one family, IPv4 or IPv6 unicast) with
    /// `attributes` (which must hold ORIGIN and AS_PATH, and no NEXT_HOP or MP
    /// attribute: the packer adds those from `nextHop`).
    public func announce(_ routes: [NLRI], nextHop: MPNextHop, attributes: [PathAttribute]) throws(BGPEncodingError) -> [[UInt8]] {
        guard let first = routes.first else { return [] }
        let afi = first.prefix.afi
        let family = AddressFamily(afi, .unicast)
        var seen = AttributeCodeSet()
        for a in attributes {
            switch a.code {
            case .nextHop, .mpReachNLRI, .mpUnreachNLRI:
                throw .invalid("\(a.code) among the shared attributes; the packer adds it")
            default: break
            }
            guard !seen.contains(a.code) else { throw .invalid("\(a.code) appears twice") }
            seen.insert(a.code)
        }
        guard seen.contains(.origin) else { throw .missingMandatoryAttribute("ORIGIN") }
        guard seen.contains(.asPath) else { throw .missingMandatoryAttribute("AS_PATH") }
        for route in routes where route.prefix.afi != afi {
            throw .familyMismatch("\(route.prefix) among \(afi) routes")
        }
        switch nextHop {
        case .ipv4: guard afi == .ipv4 else { throw .familyMismatch("IPv4 next hop for \(family)") }
        case .ipv6: break
        case .raw: throw .invalid("raw next hop for \(family)")
        }

        var template = UpdateMessage()
        let useNLRIField: Bool
        if case let .ipv4(address) = nextHop {
            useNLRIField = true
            template.attributes = attributes + [PathAttribute(.nextHop(address))]
        } else {
            useNLRIField = false
            let reach = PathAttribute(flags: [.optional, .extendedLength],
                                      value: .mpReachNLRI(MPReachNLRI(family: family, nextHop: nextHop, nlri: [])))
            template.attributes = [reach] + attributes
        }
        return try pack(routes, afi: afi, template: template) { message, chunk in
            if useNLRIField {
                message.nlri = chunk
            } else if case var .mpReachNLRI(reach) = message.attributes[0].value {
                reach.nlri = chunk
                message.attributes[0].value = .mpReachNLRI(reach)
            }
        }
    }

    /// UPDATEs withdrawing `routes` (all of one family); none when `routes` is empty.
    public func withdraw(_ routes: [NLRI]) throws(BGPEncodingError) -> [[UInt8]] {
        guard let first = routes.first else { return [] }
        let afi = first.prefix.afi
        for route in routes where route.prefix.afi != afi {
            throw .familyMismatch("\(route.prefix) among \(afi) withdrawals")
        }
        var template = UpdateMessage()
        if afi == .ipv4 {
            return try pack(routes, afi: afi, template: template) { message, chunk in message.withdrawn = chunk }
        }
        template.attributes = [PathAttribute(flags: [.optional, .extendedLength],
                                             value: .mpUnreachNLRI(MPUnreachNLRI(family: AddressFamily(afi, .unicast), withdrawn: [])))]
        return try pack(routes, afi: afi, template: template) { message, chunk in
            message.attributes[0].value = .mpUnreachNLRI(MPUnreachNLRI(family: AddressFamily(afi, .unicast), withdrawn: chunk))
        }
    }

    /// The End-of-RIB marker of `family`.
    public func endOfRIB(_ family: AddressFamily) throws(BGPEncodingError) -> [UInt8] {
        try BGPMessage.update(.endOfRIB(family)).encoded(context: context)
    }

    /// Splits `routes` into runs that fit beside the template's fixed part.
    private func pack(_ routes: [NLRI], afi: AFI, template: UpdateMessage,
                      fill: (inout UpdateMessage, [NLRI]) -> Void) throws(BGPEncodingError) -> [[UInt8]] {
        // The fixed part: the template with one route (its size minus that route's).
        let addPath = context.hasPathIdentifiers(AddressFamily(afi, .unicast))
        var probe = template
        fill(&probe, [routes[0]])
        let fixed = try BGPMessage.update(probe).encoded(context: context).count - NLRICodec.encodedLength(routes[0], addPath: addPath)
        let budget = context.maximumMessageLength - fixed
        var messages: [[UInt8]] = []
        var start = 0
        while start < routes.count {
            var end = start
            var used = 0
            while end < routes.count {
                let size = NLRICodec.encodedLength(routes[end], addPath: addPath)
                if used + size > budget { break }
                used += size
                end += 1
            }
            guard end > start else {
                throw .tooLong("the path attributes leave no room for \(routes[start].prefix)")
            }
            var message = template
            fill(&message, Array(routes[start..<end]))
            messages.append(try BGPMessage.update(message).encoded(context: context))
            start = end
        }
        return messages
    }
}
