import TunnelKit
import XCTest

/// Encapsulate then decapsulate random packets: the inner bytes come back untouched, at
/// the same place, with the flow, DSCP and ECN the RFCs promise.
final class EncapsulationPropertyTests: XCTestCase {
    static func randomInner(_ rng: inout SeededGenerator, version: IPVersion) -> [UInt8] {
        let protocols: [UInt8] = [6, 17, version == .v4 ? 1 : 58, 132, 47]
        let proto = protocols[Int(rng.next() % UInt64(protocols.count))]
        let payload = Int(rng.next() % 300) + 8
        let tos = UInt8(truncatingIfNeeded: rng.next())
        let ttl = UInt8(truncatingIfNeeded: rng.next() % 255 + 1)
        var bytes: [UInt8]
        if version == .v4 {
            bytes = [UInt8](repeating: 0, count: 20 + payload)
            bytes[0] = 0x45; bytes[1] = tos
            bytes[2] = UInt8(bytes.count >> 8); bytes[3] = UInt8(bytes.count & 0xFF)
            bytes[6] = rng.next() % 2 == 0 ? 0x40 : 0
            bytes[8] = ttl; bytes[9] = proto
            for i in 12..<20 { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            let sum = bytes.withUnsafeBytes { InternetChecksum.checksum($0, 0..<20) }
            bytes[10] = UInt8(sum >> 8); bytes[11] = UInt8(sum & 0xFF)
        } else {
            bytes = [UInt8](repeating: 0, count: 40 + payload)
            bytes[0] = 0x60 | tos >> 4; bytes[1] = tos << 4 | UInt8(rng.next() % 16)
            bytes[4] = UInt8(payload >> 8); bytes[5] = UInt8(payload & 0xFF)
            bytes[6] = proto; bytes[7] = ttl
            for i in 8..<40 { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
        }
        let header = version == .v4 ? 20 : 40
        for i in header..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
        if proto == 1 { bytes[header] = 8 }
        if proto == 58 { bytes[header] = 128 }
        return bytes
    }

    func testEncapsulateThenDecapsulateReturnsTheOriginal() throws {
        var rng = SeededGenerator(seed: 2003)
        let prefixes4 = [IPPrefix("198.19.0.0/16")!, IPPrefix("10.0.0.0/8")!, IPPrefix("192.0.2.1/32")!]
        let prefixes6 = [IPPrefix("2001:db8:100::/64")!, IPPrefix("2001:db8:100::/48")!, IPPrefix("2001:db8::/100")!]
        for round in 0..<3000 {
            let outerVersion: IPVersion = rng.next() % 2 == 0 ? .v4 : .v6
            let innerVersion: IPVersion = rng.next() % 2 == 0 ? .v4 : .v6
            let inner = Self.randomInner(&rng, version: innerVersion)
            let prefix = (outerVersion == .v4 ? prefixes4 : prefixes6)[Int(rng.next() % 3)]
            var config = EncapsulationConfiguration(
                destination: outerVersion == .v4 ? IPAddress("192.0.2.71")! : IPAddress("2001:db8:a7::71")!,
                source: .derivedFromFlow(prefix))
            config.ecn = rng.next() % 2 == 0 ? .normal : .compatibility
            if rng.next() % 3 == 0 { config.dscp = .set(UInt8(rng.next() % 64)) }
            if outerVersion == .v6, rng.next() % 2 == 0 { config.encapsulationLimit = UInt8(rng.next() % 5) }
            config.hashSeed = UInt32(truncatingIfNeeded: rng.next())
            let encapsulator = try Encapsulator(config)
            let headroom = encapsulator.headroom + Int(rng.next() % 16)
            var buffer = [UInt8](repeating: 0, count: headroom) + inner
            let name = "round \(round): \(outerVersion) over \(innerVersion)"
            let outer = try buffer.withUnsafeMutableBytes { try encapsulator.encapsulate($0, inner: headroom..<$0.count) }
            XCTAssertEqual(outer.count, inner.count + encapsulator.headroom, name)
            let report = buffer[outer].withUnsafeBytes { Decapsulator().inspect($0, linkLayerVersion: outerVersion) }
            XCTAssertNil(report.error, "\(name): \(report.verdictName) \(report.error?.description ?? "")")
            XCTAssertEqual(report.kind, TunnelKind(outer: outerVersion, inner: innerVersion), name)
            guard let range = report.innerRange else { continue }
            XCTAssertEqual(Array(buffer[outer][(outer.lowerBound + range.lowerBound)..<(outer.lowerBound + range.upperBound)]), inner, name)
            XCTAssertTrue(prefix.contains(report.outer!.source), name)
            let innerTOS = innerVersion == .v4 ? inner[1] : inner[0] << 4 | inner[1] >> 4
            if case let .set(dscp) = config.dscp { XCTAssertEqual(report.outer?.dscp, dscp, name) } else { XCTAssertEqual(report.outer?.dscp, innerTOS >> 2, name) }
            // RFC 6040: decapsulating what an RFC 6040 encapsulator built restores the inner ECN.
            XCTAssertEqual(report.decapsulatedECN, ECN(trafficClass: innerTOS), name)
            if outerVersion == .v6 {
                XCTAssertNotEqual(report.outer?.flowLabel, 0, name)
                XCTAssertEqual(report.outer?.encapsulationLimit, config.encapsulationLimit, name)
            } else {
                let df = innerVersion == .v6 || inner[6] & 0x40 != 0
                XCTAssertEqual(report.outer?.dontFragment, df, name)
            }
        }
    }

    /// One flow keeps one outer source and flow label; different flows spread over them.
    func testDerivedSourceAndFlowLabelAreStablePerFlowAndSpread() throws {
        let config = EncapsulationConfiguration(destination: IPAddress("2001:db8:a7::71")!,
                                                source: .derivedFromFlow(IPPrefix("2001:db8:100::/64")!))
        let encapsulator = try Encapsulator(config)
        var sources = Set<IPAddress>(), labels = Set<UInt32>()
        for port in 0..<1000 {
            var packet: [UInt8] = [0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 198, 18, 0, 1, 203, 0, 113, 10]
            packet += [UInt8(port >> 8), UInt8(port & 0xFF), 1, 187] + [UInt8](repeating: 0, count: 16)
            var outcomes = Set<[UInt8]>()
            for _ in 0..<2 {
                var buffer = [UInt8](repeating: 0, count: 40) + packet
                let range = try buffer.withUnsafeMutableBytes { try encapsulator.encapsulate($0, inner: 40..<$0.count) }
                outcomes.insert(Array(buffer[range.lowerBound..<(range.lowerBound + 40)]))
                let report = buffer.withUnsafeBytes { Decapsulator().inspect($0) }
                sources.insert(report.outer!.source)
                labels.insert(report.outer!.flowLabel!)
            }
            XCTAssertEqual(outcomes.count, 1)
        }
        XCTAssertGreaterThan(sources.count, 990)
        XCTAssertGreaterThan(labels.count, 990)
    }

    func testRefusals() throws {
        let config = EncapsulationConfiguration(destination: IPAddress("2001:db8:a7::71")!, source: .fixed(IPAddress("198.19.0.1")!))
        XCTAssertThrowsError(try Encapsulator(config)) { XCTAssertEqual($0 as? EncapsulationError, .sourceVersionMismatch) }
        let ok = try Encapsulator(EncapsulationConfiguration(destination: IPAddress("192.0.2.71")!, source: .fixed(IPAddress("198.19.0.1")!)))
        var packet: [UInt8] = [0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
        func run(_ headroom: Int, _ bytes: [UInt8]) -> EncapsulationError? {
            var buffer = [UInt8](repeating: 0, count: headroom) + bytes
            do { _ = try buffer.withUnsafeMutableBytes { try ok.encapsulate($0, inner: headroom..<$0.count) }; return nil } catch { return error as? EncapsulationError }
        }
        XCTAssertNil(run(20, packet))
        XCTAssertEqual(run(19, packet), .insufficientHeadroom(needed: 20, available: 19))
        packet[3] = 21
        XCTAssertEqual(run(20, packet), .malformedInner(offset: 20))
        XCTAssertEqual(run(20, [0x45]), .malformedInner(offset: 20))
        XCTAssertEqual(run(20, [UInt8](repeating: 0x55, count: 40)), .malformedInner(offset: 20))
    }

    func testICMPTooBigRefusesErrorsAboutErrorsAndLaterFragments() {
        func build(_ packet: [UInt8], _ source: String, outputSize: Int = 1500) -> Result<Int, ICMPTooBig.Failure> {
            var out = [UInt8](repeating: 0, count: outputSize)
            return packet.withUnsafeBytes { p in
                out.withUnsafeMutableBytes { o in
                    Result { () throws(ICMPTooBig.Failure) in try ICMPTooBig.build(offending: p, mtu: 1400, source: IPAddress(source)!, into: o) }
                }
            }
        }
        var icmpError: [UInt8] = [0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 1, 0, 0, 0, 0, 0, 0]
        XCTAssertEqual(build(icmpError, "192.0.2.1"), .failure(.errorNotAllowed))
        icmpError[20] = 8 // an echo request is answered
        XCTAssertEqual(build(icmpError, "192.0.2.1"), .success(56))
        XCTAssertEqual(build(icmpError, "2001:db8::1"), .failure(.sourceVersionMismatch))
        XCTAssertEqual(build(icmpError, "192.0.2.1", outputSize: 40), .failure(.outputTooSmall(needed: 56)))
        var later = icmpError
        later[7] = 10
        XCTAssertEqual(build(later, "192.0.2.1"), .failure(.errorNotAllowed))
        var v6: [UInt8] = [0x60, 0, 0, 0, 0, 8, 58, 64] + [UInt8](repeating: 1, count: 32) + [1, 0, 0, 0, 0, 0, 0, 0]
        XCTAssertEqual(build(v6, "2001:db8::1"), .failure(.errorNotAllowed))
        v6[40] = 128
        XCTAssertEqual(build(v6, "2001:db8::1"), .success(96))
        XCTAssertEqual(build([1, 2, 3], "2001:db8::1"), .failure(.malformedOffending))
    }
}
