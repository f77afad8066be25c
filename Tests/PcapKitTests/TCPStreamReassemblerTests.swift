import XCTest
import PcapKit

/// Builds raw IP frames (LINKTYPE_RAW) carrying TCP segments.
private enum Frames {
    static let a6: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1]
    static let b6: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [2]

    static func tcp(_ sport: UInt16, _ dport: UInt16, seq: UInt32, flags: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var header: [UInt8] = [
            UInt8(sport >> 8), UInt8(sport & 0xFF), UInt8(dport >> 8), UInt8(dport & 0xFF),
            UInt8(seq >> 24), UInt8(seq >> 16 & 0xFF), UInt8(seq >> 8 & 0xFF), UInt8(seq & 0xFF),
            0, 0, 0, 0, 0x50, flags, 0xFF, 0xFF, 0, 0, 0, 0,
        ]
        header += payload
        return header
    }

    /// IPv6 with optional extension headers given as (type, bytes) after the fixed header.
    static func ipv6(from src: [UInt8] = a6, to dst: [UInt8] = b6, extensions: [(UInt8, [UInt8])] = [], _ transport: [UInt8]) -> [UInt8] {
        var chain: [UInt8] = []
        let first = extensions.first?.0 ?? 6
        for (index, ext) in extensions.enumerated() {
            var body = ext.1
            body[0] = index + 1 < extensions.count ? extensions[index + 1].0 : 6
            chain += body
        }
        let length = chain.count + transport.count
        return [0x60, 0, 0, 0, UInt8(length >> 8), UInt8(length & 0xFF), first, 64] + src + dst + chain + transport
    }

    static func ipv4(_ transport: [UInt8], fragmentField: UInt16 = 0) -> [UInt8] {
        let length = 20 + transport.count
        return [0x45, 0, UInt8(length >> 8), UInt8(length & 0xFF), 0, 0, UInt8(fragmentField >> 8), UInt8(fragmentField & 0xFF), 64, 6, 0, 0,
                192, 0, 2, 1, 192, 0, 2, 2] + transport
    }
}

final class TCPStreamReassemblerTests: XCTestCase {
    private var reassembler = TCPStreamReassembler()
    private var frameNumber = 0

    private func feed(_ frame: [UInt8], linkType: LinkType = .raw) -> [TCPStreamChunk] {
        frameNumber += 1
        return frame.withUnsafeBytes { bytes in
            reassembler.add(frame: bytes, linkType: linkType, timestamp: PcapTimestamp(seconds: Int64(frameNumber), nanoseconds: 0), frameNumber: frameNumber)
        }
    }

    private func stream(_ chunks: [TCPStreamChunk]) -> [UInt8] { chunks.flatMap(\.bytes) }

    func testInOrderSegmentsAfterSYNFormOneStreamMarkedAsStarting() {
        XCTAssertTrue(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 99, flags: 0x02, []))).isEmpty)
        let first = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 100, flags: 0x18, [1, 2, 3])))
        let second = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 103, flags: 0x18, [4, 5])))
        XCTAssertEqual(first.map(\.bytes), [[1, 2, 3]])
        XCTAssertTrue(first[0].startsStream)
        XCTAssertEqual(second.map(\.bytes), [[4, 5]])
        XCTAssertFalse(second[0].startsStream)
        XCTAssertEqual(first[0].direction.description, "[2001:db8::1]:40000 -> [2001:db8::2]:179")
        XCTAssertEqual(second[0].frameNumber, 3)
    }

    func testOutOfOrderSegmentWaitsForTheHole() {
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0, flags: 0x02, [])))
        XCTAssertTrue(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 4, flags: 0x18, [4, 5]))).isEmpty)
        XCTAssertTrue(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 6, flags: 0x18, [6]))).isEmpty)
        let filled = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 1, flags: 0x18, [1, 2, 3])))
        XCTAssertEqual(stream(filled), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(filled.first?.frameNumber, 4)
    }

    func testRetransmittedAndOverlappingSegmentsAreDeliveredOnce() {
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0, flags: 0x02, [])))
        var all = stream(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 1, flags: 0x18, [1, 2, 3, 4]))))
        all += stream(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 1, flags: 0x18, [1, 2, 3, 4]))))
        all += stream(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 3, flags: 0x18, [3, 4, 5, 6]))))
        all += stream(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 2, flags: 0x18, [2]))))
        XCTAssertEqual(all, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(reassembler.statistics.retransmittedBytes, 4 + 2 + 1)
    }

    func testBothDirectionsAreFollowedSeparately() {
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 10, flags: 0x02, [])))
        _ = feed(Frames.ipv6(from: Frames.b6, to: Frames.a6, Frames.tcp(179, 40000, seq: 500, flags: 0x12, [])))
        let out = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 11, flags: 0x18, [0xAA])))
        let back = feed(Frames.ipv6(from: Frames.b6, to: Frames.a6, Frames.tcp(179, 40000, seq: 501, flags: 0x18, [0xBB])))
        XCTAssertEqual(out.first?.direction.source.port, 40000)
        XCTAssertEqual(back.first?.direction.source.port, 179)
        XCTAssertEqual(back.first?.direction, out.first?.direction.reversed)
        XCTAssertEqual(stream(back), [0xBB])
    }

    func testIPv6ExtensionHeadersAreSkipped() {
        let hopByHop: (UInt8, [UInt8]) = (0, [0, 0, 1, 4, 0, 0, 0, 0])
        let destination: (UInt8, [UInt8]) = (60, [0, 1] + Array(repeating: 0, count: 14))
        let atomicFragment: (UInt8, [UInt8]) = (44, [0, 0, 0, 0, 0, 0, 0, 1])
        let frame = Frames.ipv6(extensions: [hopByHop, destination, atomicFragment], Frames.tcp(40000, 179, seq: 7, flags: 0x18, [9, 8, 7]))
        XCTAssertEqual(stream(feed(frame)), [9, 8, 7])
    }

    func testFragmentsAndOtherPortsAreIgnored() {
        reassembler = TCPStreamReassembler(port: 179)
        let fragment: (UInt8, [UInt8]) = (44, [0, 0, 0, 1, 0, 0, 0, 1]) // more fragments
        XCTAssertTrue(feed(Frames.ipv6(extensions: [fragment], Frames.tcp(40000, 179, seq: 7, flags: 0x18, [1]))).isEmpty)
        XCTAssertTrue(feed(Frames.ipv4(Frames.tcp(40000, 179, seq: 7, flags: 0x18, [1]), fragmentField: 0x2000)).isEmpty)
        XCTAssertTrue(feed(Frames.ipv4(Frames.tcp(40000, 80, seq: 7, flags: 0x18, [1]))).isEmpty)
        XCTAssertEqual(stream(feed(Frames.ipv4(Frames.tcp(179, 40000, seq: 7, flags: 0x18, [5])))), [5])
        XCTAssertEqual(reassembler.statistics.ignored, 3)
        XCTAssertEqual(reassembler.statistics.segments, 1)
    }

    func testIPv4OverEthernetIgnoresPadding() {
        let ip = Frames.ipv4(Frames.tcp(179, 40000, seq: 1, flags: 0x18, [7]))
        let frame = Array(repeating: 0, count: 12) + [0x08, 0x00] + ip + [0xEE, 0xEE, 0xEE, 0xEE]
        XCTAssertEqual(stream(feed(frame, linkType: .ethernet)), [7])
    }

    func testSequenceNumbersWrapAround() {
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0xFFFF_FFFE, flags: 0x02, [])))
        var all = stream(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0, flags: 0x18, [3, 4]))))
        all += stream(feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0xFFFF_FFFF, flags: 0x18, [2]))))
        XCTAssertEqual(all, [2, 3, 4])
    }

    func testNewSYNOnTheSameFourTupleStartsANewStream() {
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0, flags: 0x02, [])))
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 1, flags: 0x18, [1])))
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 9000, flags: 0x02, [])))
        let chunks = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 9001, flags: 0x18, [2])))
        XCTAssertEqual(chunks.map(\.bytes), [[2]])
        XCTAssertEqual(chunks.first?.startsStream, true)
    }

    func testTooMuchBehindAHoleSkipsTheHoleAndSaysSo() {
        reassembler = TCPStreamReassembler(limits: .init(maximumPendingBytes: 8, maximumPendingSegments: 4, maximumDirections: 2))
        _ = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 0, flags: 0x02, [])))
        // Byte 1 is never captured; bytes from 2 on wait until the limit gives up on it.
        var chunks: [TCPStreamChunk] = []
        for index in 0..<6 {
            chunks += feed(Frames.ipv6(Frames.tcp(40000, 179, seq: UInt32(2 + 2 * index), flags: 0x18, [UInt8(2 + 2 * index), UInt8(3 + 2 * index)])))
        }
        XCTAssertEqual(chunks.first?.followsGap, true)
        XCTAssertEqual(stream(chunks), Array(2...13).map(UInt8.init))
        XCTAssertEqual(reassembler.statistics.gaps, 1)
    }

    func testCaptureStartingMidConnectionFollowsFromFirstData() {
        let chunks = feed(Frames.ipv6(Frames.tcp(40000, 179, seq: 123_456, flags: 0x18, [1, 2])))
        XCTAssertEqual(chunks.map(\.bytes), [[1, 2]])
        XCTAssertFalse(chunks[0].startsStream)
    }

    func testManyDirectionsStayBounded() {
        reassembler = TCPStreamReassembler(limits: .init(maximumPendingBytes: 64, maximumPendingSegments: 4, maximumDirections: 3))
        for port in UInt16(1)...50 {
            _ = feed(Frames.ipv6(Frames.tcp(port, 179, seq: 5, flags: 0x18, [1])))
        }
        XCTAssertEqual(reassembler.statistics.segments, 50)
        XCTAssertEqual(reassembler.followedDirections, 3)
    }

    /// Every byte string is accepted: truncations of valid frames and random bytes.
    func testArbitraryBytesNeverTrap() {
        let valid = Frames.ipv6(extensions: [(0, [0, 0, 1, 4, 0, 0, 0, 0])], Frames.tcp(40000, 179, seq: 1, flags: 0x18, [1, 2, 3]))
        for length in 0...valid.count { _ = feed(Array(valid.prefix(length))) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var frame = valid
            for _ in 0..<3 { frame[Int.random(in: 0..<frame.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = feed(frame)
            _ = feed((0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, linkType: .ethernet)
        }
        XCTAssertGreaterThan(reassembler.statistics.malformed, 0)
    }

    /// A real capture (BIRD and GoBGP): each direction's stream is a whole number of BGP
    /// messages, each starting with the 16-byte marker.
    func testRealBGPCaptureReassemblesIntoWholeMessages() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bgp/bird-gobgp.pcap").path
        let reader = try PcapReader(path: path)
        var streams: [TCPDirection: [UInt8]] = [:]
        var bgp = TCPStreamReassembler(port: 179)
        while let record = try reader.next() {
            for chunk in bgp.add(record, linkType: reader.linkType) { streams[chunk.direction, default: []] += chunk.bytes }
        }
        XCTAssertEqual(streams.count, 2)
        for (direction, bytes) in streams {
            var offset = 0, messages = 0
            while offset < bytes.count {
                XCTAssertGreaterThanOrEqual(bytes.count - offset, 19, "\(direction)")
                XCTAssertEqual(Array(bytes[offset..<offset + 16]), Array(repeating: 0xFF, count: 16), "\(direction) at \(offset)")
                let length = Int(bytes[offset + 16]) << 8 | Int(bytes[offset + 17])
                XCTAssertGreaterThanOrEqual(length, 19)
                offset += length
                messages += 1
            }
            XCTAssertEqual(offset, bytes.count, "\(direction) ends inside a message")
            XCTAssertGreaterThan(messages, 5)
        }
    }
}
