import TunnelKit
import XCTest

/// Every scapy-built encapsulation case: the outer header bytes TunnelKit writes in the
/// headroom must equal scapy's, byte for byte.
final class EncapsulationFixtureTests: XCTestCase {
    static func configuration(_ c: [String: Any]) throws -> EncapsulationConfiguration {
        let destination = try XCTUnwrap(IPAddress(c["destination"] as? String ?? ""))
        let source = try XCTUnwrap(IPAddress(c["source"] as? String ?? ""))
        var config = EncapsulationConfiguration(destination: destination, source: .fixed(source))
        config.hopLimit = UInt8(c["hop_limit"] as? Int ?? 64)
        if let dscp = c["dscp"] as? Int { config.dscp = .set(UInt8(dscp)) }
        if c["ecn"] as? String == "compatibility" { config.ecn = .compatibility }
        config.flowLabel = .fixed(UInt32(c["flow_label"] as? Int ?? 0))
        switch c["df"] as? String {
        case "set": config.dontFragment = .set
        case "clear": config.dontFragment = .clear
        default: config.dontFragment = .copyInner
        }
        config.identification = .fixed(UInt16(c["identification"] as? Int ?? 0))
        config.encapsulationLimit = (c["encap_limit"] as? Int).map { UInt8($0) }
        config.linkMTU = c["link_mtu"] as? Int ?? 1500
        return config
    }

    func testEveryFixtureCase() throws {
        let cases = try Fixtures.cases("encapsulation.json")
        XCTAssertGreaterThan(cases.count, 50)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let encapsulator = try Encapsulator(Self.configuration(c["config"] as? [String: Any] ?? [:]))
            let inner = Fixtures.bytes(c["inner"] as? String ?? "")
            let headroom = 64
            var buffer = [UInt8](repeating: 0xEE, count: headroom) + inner
            let result: Result<Range<Int>, EncapsulationError> = buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(EncapsulationError) in try encapsulator.encapsulate(bytes, inner: headroom..<bytes.count) }
            }
            if let expected = c["outer"] as? String {
                guard case let .success(range) = result else { XCTFail("\(name): \(result)"); continue }
                XCTAssertEqual(Fixtures.hex(buffer[range]), expected, name)
                XCTAssertEqual(Array(buffer[0..<range.lowerBound]), [UInt8](repeating: 0xEE, count: range.lowerBound), "\(name): wrote outside the headroom it needs")
            } else {
                let expected = c["error"] as? String ?? ""
                switch result {
                case .failure(.innerTTLZero): XCTAssertEqual(expected, "inner_ttl_zero", name)
                case let .failure(.packetTooBig(mtu)): XCTAssertEqual(expected, "packet_too_big:\(mtu)", name)
                default: XCTFail("\(name): \(result), expected \(expected)")
                }
            }
        }
    }

    func testICMPTooBigMatchesScapy() throws {
        for c in try Fixtures.cases("icmp.json") {
            let name = c["name"] as? String ?? "?"
            let offending = Fixtures.bytes(c["offending"] as? String ?? "")
            let source = try XCTUnwrap(IPAddress(c["source"] as? String ?? ""))
            var output = [UInt8](repeating: 0, count: 1500)
            let length = try offending.withUnsafeBytes { off in
                try output.withUnsafeMutableBytes { out in
                    try ICMPTooBig.build(offending: off, mtu: c["mtu"] as? Int ?? 0, source: source, into: out)
                }
            }
            XCTAssertEqual(Fixtures.hex(output[0..<length]), c["message"] as? String, name)
        }
    }
}
