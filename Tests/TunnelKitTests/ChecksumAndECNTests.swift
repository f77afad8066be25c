import TunnelKit
import XCTest

final class ChecksumAndECNTests: XCTestCase {
    /// RFC 1071 section 3 worked example: the sum of 0001 f203 f4f5 f6f7 is ddf2.
    func testRFC1071Example() {
        let bytes: [UInt8] = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]
        bytes.withUnsafeBytes { XCTAssertEqual(InternetChecksum.sum($0, 0..<8), 0xDDF2) }
        // Odd length: the last byte is padded with zero.
        let odd: [UInt8] = [0x12, 0x34, 0x56]
        odd.withUnsafeBytes { XCTAssertEqual(InternetChecksum.sum($0, 0..<3), 0x1234 &+ 0x5600) }
    }

    /// RFC 1624: the incremental update equals a full recomputation, for random headers
    /// and random word changes, including the 0x0000/0xFFFF corner RFC 1624 is about.
    func testRFC1624IncrementalUpdateMatchesRecomputation() {
        var rng = SeededGenerator(seed: 1624)
        for round in 0..<5000 {
            var header = (0..<20).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            header[10] = 0; header[11] = 0
            if round % 10 == 0 { for i in 0..<20 where i != 10 && i != 11 { header[i] = 0 } }
            let checksum = header.withUnsafeBytes { InternetChecksum.checksum($0, 0..<20) }
            header[10] = UInt8(checksum >> 8); header[11] = UInt8(checksum & 0xFF)
            let word = Int(rng.next() % 10) * 2
            guard word != 10 else { continue }
            let old = UInt16(header[word]) << 8 | UInt16(header[word + 1])
            let new: UInt16 = round % 7 == 0 ? 0 : UInt16(truncatingIfNeeded: rng.next())
            header[word] = UInt8(new >> 8); header[word + 1] = UInt8(new & 0xFF)
            let updated = InternetChecksum.updated(checksum, replacing: old, with: new)
            header[10] = 0; header[11] = 0
            let recomputed = header.withUnsafeBytes { InternetChecksum.checksum($0, 0..<20) }
            // One's complement has two zeros; a header verifies with either.
            XCTAssert(updated == recomputed || (updated == 0xFFFF && recomputed == 0) || (updated == 0 && recomputed == 0xFFFF),
                      "round \(round): \(updated) vs \(recomputed)")
        }
    }

    /// RFC 6040 figure 4, cell by cell.
    func testRFC6040DecapsulationTable() {
        let table: [(ECN, ECN, ECN?, Bool)] = [ // inner, outer, result, currently unused
            (.notECT, .notECT, .notECT, false), (.notECT, .ect0, .notECT, true), (.notECT, .ect1, .notECT, true), (.notECT, .ce, nil, false),
            (.ect0, .notECT, .ect0, false), (.ect0, .ect0, .ect0, false), (.ect0, .ect1, .ect1, false), (.ect0, .ce, .ce, false),
            (.ect1, .notECT, .ect1, false), (.ect1, .ect0, .ect1, true), (.ect1, .ect1, .ect1, false), (.ect1, .ce, .ce, false),
            (.ce, .notECT, .ce, false), (.ce, .ect0, .ce, false), (.ce, .ect1, .ce, true), (.ce, .ce, .ce, false),
        ]
        for (inner, outer, result, unused) in table {
            let cell = ECNDecapsulation(inner: inner, outer: outer)
            XCTAssertEqual(cell.result, result, "\(inner) under \(outer)")
            XCTAssertEqual(cell.isCurrentlyUnused, unused, "\(inner) under \(outer)")
        }
        for ecn in ECN.allCases {
            XCTAssertEqual(ECNEncapsulationMode.normal.outer(for: ecn), ecn)
            XCTAssertEqual(ECNEncapsulationMode.compatibility.outer(for: ecn), .notECT)
        }
    }

    func testOverheadAndMSSBudget() {
        XCTAssertEqual(TunnelOverhead(kind: .fourInSix).outerHeaderLength, 40)
        XCTAssertEqual(TunnelOverhead(kind: .ip6ip6, encapsulationLimit: true).outerHeaderLength, 48)
        XCTAssertEqual(TunnelOverhead(kind: .ipip, encapsulationLimit: true).outerHeaderLength, 20)
        XCTAssertEqual(TunnelOverhead(kind: .fourInSix).innerMTU(linkMTU: 1500), 1460)
        XCTAssertEqual(TunnelOverhead(kind: .fourInSix).tcpMSS(linkMTU: 1500, innerVersion: .v4), 1420)
        XCTAssertEqual(TunnelOverhead(kind: .ip6ip6).tcpMSS(linkMTU: 1500, innerVersion: .v6), 1400)
        XCTAssertEqual(TunnelOverhead(kind: .sixInFour).tcpMSS(linkMTU: 9000, innerVersion: .v6), 8920)
    }

    func testTunnelKindNames() {
        XCTAssertEqual(TunnelKind.allCases.map(\.name), ["ipip", "ip6ip6", "4in6", "6in4", "gre", "fou", "gue", "none"])
        XCTAssertEqual(TunnelKind(outer: .v6, inner: .v4), .fourInSix)
    }

    func testEveryVerdictNameIsListedOnce() {
        XCTAssertEqual(Set(DecapsulationError.allVerdictNames).count, DecapsulationError.allVerdictNames.count)
        let samples: [DecapsulationError] = [
            .notTunneled(protocol: 6), .notIP(versionNibble: 5), .truncated(offset: 0, needed: 1, available: 0),
            .outerVersionMismatch(expected: .v4, found: 6), .outerIPv4BadIHL(ihl: 4),
            .outerIPv4BadChecksum(found: 1, expected: 2), .outerIPv4TotalLengthMismatch(field: 1, available: 0),
            .outerIPv6PayloadLengthMismatch(field: 1, available: 0),
            .outerIPv6BadExtensionHeader(offset: 40, reason: .hopByHopNotFirst), .outerTTLZero,
            .outerFragmentFirst(identification: 1), .outerFragmentNonFirst(identification: 1, byteOffset: 8),
            .unsupportedKind(.gre, offset: 40), .spoofedOuterSource(IPAddress("::1")!),
            .innerVersionMismatch(offset: 40, expected: .v4, found: 6), .innerIPv4BadIHL(offset: 40, ihl: 1),
            .innerIPv4BadChecksum(offset: 40, found: 1, expected: 2),
            .innerIPv4TotalLengthMismatch(offset: 40, field: 1, available: 0),
            .innerIPv6PayloadLengthMismatch(offset: 40, field: 1, available: 0),
            .innerIPv6BadExtensionHeader(offset: 80, reason: .overrunsPacket), .innerTTLZero(offset: 40),
            .nestedTunnel(offset: 60, protocol: 4, depth: 1), .ecnCEOnNotECT, .unexpectedInnerDestination(IPAddress("::1")!),
        ]
        XCTAssertEqual(Set(samples.map(\.verdictName)), Set(DecapsulationError.allVerdictNames))
        for s in samples { XCTAssertFalse(s.description.isEmpty) }
        XCTAssertEqual(DecapsulationError.outerIPv4BadChecksum(found: 0xbe04, expected: 0x41fb).description, "checksum 0xbe04, expected 0x41fb")
    }
}
