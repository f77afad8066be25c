/// Validates an IPv6 header and walks its extension-header chain.
///
/// The walk follows RFC 8200 section 4: hop-by-hop options only first; destination
/// options, routing, fragment and authentication headers are stepped over; anything else
/// (including ESP and No Next Header, and the tunnel protocols 4, 41, 47 and UDP) is the
/// upper layer. A later fragment ends the walk: what follows its fragment header is data.
/// The chain is bounded by `maximumExtensionHeaders`.
enum IPv6HeaderParser {
    /// The fixed header length.
    static let fixedLength = 40

    /// Parses the header at `offset`, the packet allowed to extend to `end`.
    @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer, at offset: Int, end: Int,
                      maximumExtensionHeaders: Int, into facts: inout IPHeaderFacts) -> IPHeaderProblem? {
        let available = end - offset
        guard available >= fixedLength else {
            return .truncated(offset: offset, needed: fixedLength, available: max(available, 0))
        }
        let first = bytes.uint32(offset)
        facts.trafficClass = UInt8(truncatingIfNeeded: first >> 20)
        facts.flowLabelStorage = first & 0x000F_FFFF
        facts.hopLimit = bytes[offset + 7]
        facts.sourceHigh = bytes.uint64(offset + 8)
        facts.sourceLow = bytes.uint64(offset + 16)
        facts.destinationHigh = bytes.uint64(offset + 24)
        facts.destinationLow = bytes.uint64(offset + 32)
        let payloadLength = Int(bytes.uint16(offset + 4))
        facts.packetLengthStorage = UInt32(fixedLength + payloadLength)
        facts.headerLengthStorage = UInt32(fixedLength)
        facts.upperProtocol = bytes[offset + 6]
        guard fixedLength + payloadLength <= available else {
            return .lengthMismatch(field: payloadLength, available: available - fixedLength)
        }
        let next = facts.upperProtocol
        if next == IPProtocolNumber.hopByHop || next == IPProtocolNumber.routing
            || next == IPProtocolNumber.fragment || next == IPProtocolNumber.destinationOptions
            || next == IPProtocolNumber.authentication {
            return walkExtensionHeaders(bytes, offset: offset, limit: maximumExtensionHeaders, into: &facts)
        }
        return nil
    }

    /// Steps over the extension headers after the fixed header; kept out of line because
    /// most packets have none.
    @inline(never)
    static func walkExtensionHeaders(_ bytes: UnsafeRawBufferPointer, offset: Int, limit: Int,
                                     into facts: inout IPHeaderFacts) -> IPHeaderProblem? {
        let end = facts.end
        var next = facts.upperProtocol
        var at = offset + fixedLength
        var count = 0
        while true {
            let length: Int
            switch next {
            case IPProtocolNumber.hopByHop, IPProtocolNumber.routing, IPProtocolNumber.destinationOptions:
                if next == IPProtocolNumber.hopByHop, count != 0 {
                    return .badExtensionHeader(offset: at, reason: .hopByHopNotFirst)
                }
                guard at + 2 <= end else { return .badExtensionHeader(offset: at, reason: .overrunsPacket) }
                length = (Int(bytes[at + 1]) + 1) * 8
            case IPProtocolNumber.fragment:
                length = 8
            case IPProtocolNumber.authentication:
                guard at + 2 <= end else { return .badExtensionHeader(offset: at, reason: .overrunsPacket) }
                length = (Int(bytes[at + 1]) + 2) * 4
            default:
                facts.upperProtocol = next
                facts.headerLengthStorage = UInt32(truncatingIfNeeded: at - offset)
                return nil
            }
            guard count < limit else { return .badExtensionHeader(offset: at, reason: .tooManyHeaders(limit: limit)) }
            guard at + length <= end else { return .badExtensionHeader(offset: at, reason: .overrunsPacket) }
            count += 1
            let kind = next
            next = bytes[at]
            switch kind {
            case IPProtocolNumber.hopByHop: facts.extensionHeaders.insert(.hopByHop)
            case IPProtocolNumber.routing: facts.extensionHeaders.insert(.routing)
            case IPProtocolNumber.authentication: facts.extensionHeaders.insert(.authentication)
            case IPProtocolNumber.destinationOptions:
                facts.extensionHeaders.insert(.destinationOptions)
                if let limit = encapsulationLimit(bytes, options: (at + 2)..<(at + length)) {
                    facts.encapsulationLimitStorage = limit
                    facts.flags.insert(.hasEncapsulationLimit)
                }
            default: // fragment
                facts.extensionHeaders.insert(.fragment)
                let field = bytes.uint16(at + 2)
                facts.identificationStorage = bytes.uint32(at + 4)
                facts.flags.insert(.hasIdentification)
                if field & 1 != 0 { facts.flags.insert(.moreFragments) }
                if field >> 3 != 0 {
                    facts.flags.insert(.laterFragment)
                    facts.fragmentByteOffset = (field >> 3) &* 8
                    facts.upperProtocol = next
                    facts.headerLengthStorage = UInt32(truncatingIfNeeded: at + length - offset)
                    return nil
                }
            }
            at += length
        }
    }

    /// The RFC 2473 tunnel encapsulation limit option (type 4, length 1) among the
    /// options of a destination options header, if present.
    static func encapsulationLimit(_ bytes: UnsafeRawBufferPointer, options: Range<Int>) -> UInt8? {
        var at = options.lowerBound
        while at < options.upperBound {
            let type = bytes[at]
            if type == 0 { at += 1; continue } // Pad1
            guard at + 2 <= options.upperBound else { return nil }
            let length = Int(bytes[at + 1])
            guard at + 2 + length <= options.upperBound else { return nil }
            if type == 4, length == 1 { return bytes[at + 2] }
            at += 2 + length
        }
        return nil
    }
}
