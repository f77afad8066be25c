import XCTest
@testable import BGPKit

/// One test per parser bug other BGP implementations shipped: each input must give the
/// right NOTIFICATION or RFC 7606 disposition, and never a crash.
final class MalformedInputRegressionTests: XCTestCase {
    private let vipAttributes = attr(0x40, 1, [0]) + attr(0x40, 2, hex("0201 0000fde8")) + attr(0x40, 3, hex("c0000201"))

    /// FRR CVE-2022-43681: an OPEN that ends right after an optional parameters length
    /// of 255 made FRR read the (absent) next byte to look for the RFC 9072 marker.
    func testOpenEndingAfterOptionalParameterLengthFRRCVE202243681() {
        let bytes = message(1, hex("04 fde9 005a c0000201 ff"))
        let error = decodeError(bytes)
        XCTAssertEqual(error?.problem, .optionalParametersInconsistent)
        XCTAssertEqual(error?.code, .openMessageError)
        XCTAssertEqual(error?.disposition, .sessionReset)
        XCTAssertEqual(error?.offset, 28)
    }

    /// FRR CVE-2022-40302 and CVE-2022-40318: RFC 9072 extended lengths that disagree
    /// with the message made FRR read past the OPEN.
    func testExtendedOptionalParameterLengthsInconsistentFRRCVE202240302And40318() {
        let cases: [(String, [UInt8])] = [
            ("extended length past the end", hex("04 fde9 005a c0000201 ff ff 0100 02 0006 0104 00010001")),
            ("extended length cut short", hex("04 fde9 005a c0000201 ff ff 00")),
            ("parameter past the extended length", hex("04 fde9 005a c0000201 ff ff 0009 02 0010 0104 00010001")),
            ("parameter header cut by the extended length", hex("04 fde9 005a c0000201 ff ff 0002 02 00")),
        ]
        for (name, body) in cases {
            let error = decodeError(message(1, body))
            XCTAssertEqual(error?.code, .openMessageError, name)
            XCTAssertEqual(error?.disposition, .sessionReset, name)
            XCTAssertEqual(error?.problem, .optionalParametersInconsistent, name)
        }
    }

    /// A capability whose length runs past its optional parameter.
    func testCapabilityOverrunningItsParameter() {
        let bytes = message(1, openBody(parameters: hex("0206 010a 00010001")))
        let error = decodeError(bytes)
        XCTAssertEqual(error?.problem, .capabilityOverrun)
        XCTAssertEqual(error?.code, .openMessageError)
        XCTAssertEqual(error?.offset, 31)
    }

    /// Quagga CVE-2018-5381: an MP capability with an unknown AFI/SAFI sent the parser
    /// round a loop that consumed nothing. Unknown families are just values here, and
    /// every step consumes its bytes.
    func testMultiprotocolCapabilityWithUnknownAFISAFIQuaggaCVE20185381() throws {
        let caps = hex("0104 12340099  0104 00010001  4700  4700  0200")
        let bytes = message(1, openBody(parameters: [2, UInt8(caps.count)] + caps))
        guard case let .open(o) = try decode(bytes) else { return XCTFail("not an OPEN") }
        XCTAssertEqual(o.capabilities.count, 5)
        XCTAssertEqual(o.capabilities.first, .multiprotocol(AddressFamily(AFI(0x1234), SAFI(0x99))))
        XCTAssertEqual(o.capabilities.first?.description, "multiprotocol AFI 4660 SAFI 153")
        // The same with the capability truncated mid-value.
        XCTAssertEqual(decodeError(message(1, openBody(parameters: hex("0203 0104 12"))))?.problem, .capabilityOverrun)
    }

    /// GoBGP CVE-2026-37462: Withdrawn Routes Length or Total Path Attribute Length past
    /// the end of the message. RFC 7606 section 4: session reset, Malformed Attribute List.
    func testWithdrawnOrAttributeLengthPastMessageEndGoBGPCVE202637462() {
        let withdrawn = message(2, hex("ffff 18c00002 0000"))
        var error = decodeError(withdrawn)
        XCTAssertEqual(error?.problem, .withdrawnRoutesOverrun)
        XCTAssertEqual(error?.subcode, NotificationCode.Update.malformedAttributeList)
        XCTAssertEqual(error?.disposition, .sessionReset)
        XCTAssertEqual(error?.offset, 19)

        let attributes = message(2, hex("0000 0100 40010100"))
        error = decodeError(attributes)
        XCTAssertEqual(error?.problem, .attributesOverrun)
        XCTAssertEqual(error?.disposition, .sessionReset)
        XCTAssertEqual(error?.offset, 21)

        // Missing the attribute length field altogether: shorter than any UPDATE.
        error = decodeError(message(2, hex("0000 00")))
        XCTAssertEqual(error?.code, .messageHeaderError)
        XCTAssertEqual(error?.subcode, NotificationCode.Header.badMessageLength)
        XCTAssertEqual(error?.disposition, .sessionReset)
    }

    /// NEXT_HOP of a length other than 4: treat-as-withdraw (RFC 7606 section 7.3) with
    /// Attribute Length Error and the attribute as data.
    func testNextHopLengthNotFour() throws {
        let bytes = update(attributes: attr(0x40, 1, [0]) + attr(0x40, 2, hex("0201 0000fde8")) + attr(0x40, 3, hex("c000020101")),
                           nlri: hex("20c6336401"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.isTreatAsWithdraw)
        XCTAssertEqual(u.errors.first?.subcode, NotificationCode.Update.attributeLength)
        XCTAssertEqual(u.errors.first?.attribute, .nextHop)
        XCTAssertEqual(u.errors.first?.data, hex("400305 c000020101"))
        XCTAssertEqual(u.nlri.count, 1)   // still decoded, to be withdrawn
        XCTAssertNil(u.nextHop)
    }

    /// AS4_PATH before AS_PATH: order must not matter to the RFC 6793 merge; and
    /// AS4_PATH without any AS_PATH is just a missing AS_PATH.
    func testAS4PathBeforeASPath() throws {
        let attributes = attr(0xC0, 17, hex("0201 fa56ea01")) + attr(0x40, 1, [0]) + attr(0x40, 2, hex("0202 fde8 5ba0")) + attr(0x40, 3, hex("c0000201"))
        let u = try decodeUpdate(update(attributes: attributes, nlri: hex("18c00002")), .legacy)
        XCTAssertEqual(u.effectiveASPath(context: .legacy)?.asns, [65000, 4_200_000_001])

        let withoutASPath = attr(0xC0, 17, hex("0201 fa56ea01")) + attr(0x40, 1, [0]) + attr(0x40, 3, hex("c0000201"))
        let v = try decodeUpdate(update(attributes: withoutASPath, nlri: hex("18c00002")), .legacy)
        XCTAssertTrue(v.isTreatAsWithdraw)
        XCTAssertEqual(v.errors.first?.problem, .missingWellKnown)
        XCTAssertEqual(v.errors.first?.data, [2])
        XCTAssertNil(v.effectiveASPath(context: .legacy))
    }

    /// BIRD CVE-2026-49943: an AS_PATH of thousands of ASNs in an extended message.
    /// Decoding is bounded by the message; re-encoding into a 4,096-byte session is
    /// refused rather than overflowing.
    func testHugeASPathWithExtendedMessageBIRDCVE202649943() throws {
        var path: [UInt8] = []
        var asns: [UInt32] = []
        for segment in 0..<40 {
            path += [2, 250]
            for i in 0..<250 {
                let asn = UInt32(4_200_000_000 + segment * 250 + i)
                asns.append(asn)
                path += [UInt8(asn >> 24), UInt8(asn >> 16 & 0xFF), UInt8(asn >> 8 & 0xFF), UInt8(asn & 0xFF)]
            }
        }
        let bytes = update(attributes: attr(0x40, 1, [0]) + attr(0x50, 2, path) + attr(0x40, 3, hex("c0000201")), nlri: hex("18c00002"))
        XCTAssertGreaterThan(bytes.count, 40_000)
        let extended = SessionContext(extendedMessage: true)
        let u = try decodeUpdate(bytes, extended)
        XCTAssertEqual(u.asPath?.asns.count, 10_000)
        XCTAssertEqual(u.asPath?.asns, asns)
        XCTAssertEqual(u.asPath?.length, 10_000)
        XCTAssertEqual(try BGPMessage.update(u).encoded(context: extended), bytes)
        XCTAssertThrowsError(try BGPMessage.update(u).encoded(context: .default)) { error in
            guard case BGPEncodingError.tooLong = error else { return XCTFail("\(error)") }
        }
        // Without extended message the header check refuses the message first.
        XCTAssertEqual(decodeError(bytes)?.subcode, NotificationCode.Header.badMessageLength)
    }

    /// MP_REACH_NLRI whose next-hop length does not fit its AFI: AFI/SAFI disable.
    func testMPReachNextHopLengthInconsistentWithAFI() {
        let reach = hex("0002 01 04 c0000201 00 40 20010db800010002")
        let error = decodeError(update(attributes: attr(0x90, 14, reach) + attr(0x40, 1, [0]) + attr(0x40, 2, [])))
        XCTAssertEqual(error?.problem, .malformedMPReach)
        XCTAssertEqual(error?.disposition, .afiSafiDisable)
        XCTAssertEqual(error?.family, .ipv6Unicast)
        XCTAssertEqual(error?.subcode, NotificationCode.Update.optionalAttribute)
        // A next-hop length running past the attribute.
        let overrun = decodeError(update(attributes: attr(0x90, 14, hex("0002 01 20 20010db8"))))
        XCTAssertEqual(overrun?.disposition, .afiSafiDisable)
        // Too short to name its family: session reset.
        let short = decodeError(update(attributes: attr(0x90, 14, hex("0002"))))
        XCTAssertEqual(short?.disposition, .sessionReset)
    }

    /// MP_UNREACH_NLRI with routes in the NLRI field and no other attribute: the IPv4
    /// routes lack ORIGIN, AS_PATH and NEXT_HOP, so treat-as-withdraw.
    func testMPUnreachWithNLRIAndNoOtherAttributes() throws {
        let bytes = update(attributes: attr(0x80, 15, hex("0002 01 40 20010db800010002")), nlri: hex("20c6336401"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.isTreatAsWithdraw)
        XCTAssertEqual(u.errors.map(\.attribute), [.origin, .asPath, .nextHop])
        XCTAssertEqual(u.errors.first?.subcode, NotificationCode.Update.missingWellKnown)
        XCTAssertNil(u.endOfRIB)
        XCTAssertEqual(u.mpUnreach?.withdrawn.count, 1)
    }

    /// IPv6-address-specific extended communities of a length not a multiple of 20.
    func testIPv6ExtendedCommunityLengthNotMultipleOf20() throws {
        let bytes = update(attributes: vipAttributes + attr(0xC0, 25, [UInt8](repeating: 1, count: 21)), nlri: hex("20c6336401"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.isTreatAsWithdraw)
        XCTAssertEqual(u.errors.first?.attribute, .ipv6ExtendedCommunities)
        XCTAssertEqual(u.errors.first?.subcode, NotificationCode.Update.attributeLength)
        XCTAssertTrue(u.ipv6ExtendedCommunities.isEmpty)
    }

    /// FRR CVE-2017-15865: the NOTIFICATION data for an attribute length error copied
    /// as many bytes as the length field claimed. Here the data is what is there.
    func testAttributeLengthErrorDoesNotSizeNotificationDataFRRCVE201715865() throws {
        let bytes = update(attributes: vipAttributes + hex("d0 63 fff0 0102"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.isTreatAsWithdraw)
        let error = try XCTUnwrap(u.errors.first)
        XCTAssertEqual(error.problem, .attributeOverrun)
        XCTAssertEqual(error.data, hex("d0 63 fff0 0102"))
        XCTAssertEqual(error.notification.data.count, 6)
        XCTAssertEqual(u.asPath?.asns, [65000])
    }

    /// The flags' low four bits are ignored on receive and sent as zero.
    func testFlagLowBitsIgnoredOnReceiveAndZeroOnSend() throws {
        let bytes = update(attributes: hex("4f 01 01 00") + attr(0x4A, 2, hex("0201 0000fde8")) + attr(0x40, 3, hex("c0000201")),
                           nlri: hex("20c6336401"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.errors.isEmpty)
        XCTAssertEqual(u.attributes[0].flags, .wellKnown)
        XCTAssertEqual(u.attributes[0].flags.rawValue, 0x40)
        XCTAssertEqual(AttributeFlags(rawValue: 0xFF).rawValue, 0xF0)
        let encoded = try BGPMessage.update(u).encoded(context: .default)
        XCTAssertEqual(encoded[23], 0x40)
        XCTAssertEqual(encoded[27], 0x40)
    }

    /// Duplicate attributes: the first is kept and the others discarded, except
    /// MP_REACH_NLRI / MP_UNREACH_NLRI, whose duplicates reset the session.
    func testDuplicateAttributes() throws {
        let bytes = update(attributes: vipAttributes + attr(0x40, 1, [2]), nlri: hex("20c6336401"))
        let u = try decodeUpdate(bytes)
        XCTAssertEqual(u.origin, .igp)
        XCTAssertEqual(u.attributes.count, 3)
        XCTAssertEqual(u.errors.map(\.problem), [.duplicateAttribute])
        XCTAssertEqual(u.disposition, .attributeDiscard)
        XCTAssertFalse(u.isTreatAsWithdraw)

        let reach = attr(0x90, 14, hex("0002 01 10 20010db8000000000000000000000001 00"))
        let error = decodeError(update(attributes: reach + vipAttributes + reach))
        XCTAssertEqual(error?.problem, .duplicateAttribute)
        XCTAssertEqual(error?.disposition, .sessionReset)
        XCTAssertEqual(error?.subcode, NotificationCode.Update.malformedAttributeList)
    }

    /// A treat-as-withdraw error inside an attribute still consumes the whole
    /// attribute: the next one is decoded from the right place.
    func testTreatAsWithdrawErrorConsumesWholeAttribute() throws {
        // ORIGIN of length 5 whose bytes would look like an AS_PATH if mis-skipped.
        let bytes = update(attributes: attr(0x40, 1, hex("40 02 00 40 01")) + attr(0x40, 2, hex("0201 0000fde8")) + attr(0x40, 3, hex("c0000201")),
                           nlri: hex("20c6336401"))
        let u = try decodeUpdate(bytes)
        XCTAssertTrue(u.isTreatAsWithdraw)
        XCTAssertEqual(u.errors.count, 1)
        XCTAssertEqual(u.errors[0].attribute, .origin)
        XCTAssertEqual(u.asPath?.asns, [65000])
        XCTAssertEqual(u.nextHop?.description, "192.0.2.1")
        XCTAssertEqual(u.nlri.count, 1)
    }

    /// The validate-only pass reaches the same verdict as a full decode.
    func testValidateAgreesWithDecodeOnEveryRegression() throws {
        let inputs: [[UInt8]] = [
            update(attributes: attr(0x40, 1, hex("40 02 00 40 01")) + vipAttributes.dropFirst(4), nlri: hex("20c6336401")),
            message(2, hex("ffff 18c00002 0000")),
            update(attributes: attr(0x80, 15, hex("0002 01 40 20010db800010002")), nlri: hex("20c6336401")),
            update(attributes: vipAttributes + hex("d0 63 fff0 0102")),
        ]
        for bytes in inputs {
            let decoded = Result { () throws(BGPError) in try BGPMessage(decoding: bytes, context: .default) }
            let validated = bytes.withUnsafeBytes { raw in
                Result { () throws(BGPError) in try BGPMessage.validate(raw, context: .default) }
            }
            switch (decoded, validated) {
            case let (.failure(a), .failure(b)): XCTAssertEqual(a, b)
            case let (.success(.update(u)), .success(summary)):
                XCTAssertEqual(u.errors.first, summary?.firstError)
                XCTAssertEqual(u.errors.count, summary?.errorCount)
            default: XCTFail("decode \(decoded) but validate \(validated)")
            }
        }
    }
}
