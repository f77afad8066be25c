import XCTest
@testable import NetlinkKit

final class ConnectionTests: XCTestCase {
    func testExecuteReturnsRepliesBeforeTheAck() throws {
        let transport = ScriptedTransport { request in
            [ScriptedTransport.reply(0x30, for: request, payload: [9, 9, 9, 9]), ScriptedTransport.ack(request)]
        }
        let connection = NetlinkConnection(transport: transport)
        let replies = try connection.execute(NetlinkRequest(type: 0x30, payload: [1]))
        XCTAssertEqual(replies.count, 1)
        XCTAssertEqual(Array(replies[0].payload), [9, 9, 9, 9])
        let sent = transport.sentMessages[0].header
        XCTAssertEqual(sent.flags, [.request, .acknowledge])
        XCTAssertEqual(sent.sequence, 1)
        XCTAssertEqual(sent.portID, 0)
    }

    func testKernelErrorCarriesErrnoAndExtendedAck() {
        let transport = ScriptedTransport { request in
            var tlv = AttributeWriter()
            tlv.append(1, string: "nope")
            return [ScriptedTransport.error(17, for: request, extendedAck: tlv.bytes)]
        }
        let connection = NetlinkConnection(transport: transport)
        XCTAssertThrowsError(try connection.execute(NetlinkRequest(type: 0x30, payload: []))) { error in
            guard case .kernel(let kernel)? = error as? NetlinkError else { return XCTFail("\(error)") }
            XCTAssertEqual(kernel.errno, 17)
            XCTAssertEqual(kernel.extendedAck.message, "nope")
            XCTAssertEqual(kernel.description, "EEXIST (17): nope")
        }
    }

    func testSequenceMismatchAndForeignSenderAreRejected() {
        let transport = ScriptedTransport { request in
            var wrong = request
            wrong.header.sequence &+= 5
            return [ScriptedTransport.ack(wrong)]
        }
        XCTAssertThrowsError(try NetlinkConnection(transport: transport).execute(NetlinkRequest(type: 0x30, payload: []))) { error in
            XCTAssertEqual(error as? NetlinkError, .unexpectedSequence(expected: 1, received: 6))
        }
    }

    func testDumpFollowsMultipartAcrossDatagramsAndRetriesWhenInterrupted() throws {
        var attempts = 0
        let transport = ScriptedTransport { request in
            attempts += 1
            let flags: NetlinkFlags = attempts == 1 ? [.multi, .dumpInterrupted] : [.multi]
            return [
                ScriptedTransport.reply(0x30, for: request, flags: flags, payload: [1, 0, 0, 0])
                    + ScriptedTransport.reply(0x30, for: request, flags: flags, payload: [2, 0, 0, 0]),
                ScriptedTransport.reply(0x30, for: request, flags: flags, payload: [3, 0, 0, 0]),
                ScriptedTransport.done(for: request),
            ]
        }
        let connection = NetlinkConnection(transport: transport)
        let messages = try connection.dump(NetlinkRequest(type: 0x30, payload: []))
        XCTAssertEqual(messages.map { $0.payload.first }, [1, 2, 3])
        XCTAssertEqual(attempts, 2)
        XCTAssertEqual(transport.sentMessages[0].header.flags, [.request, .dump])
    }

    func testDumpGivesUpAfterRepeatedInterruptions() {
        let transport = ScriptedTransport { request in
            [ScriptedTransport.done(for: request, flags: [.multi, .dumpInterrupted])]
        }
        let connection = NetlinkConnection(transport: transport)
        connection.dumpAttempts = 3
        XCTAssertThrowsError(try connection.dump(NetlinkRequest(type: 0x30, payload: []))) { error in
            XCTAssertEqual(error as? NetlinkError, .dumpInterrupted(attempts: 3))
        }
    }

    func testDumpFailureInDone() {
        let transport = ScriptedTransport { request in
            var payload: [UInt8] = []
            payload.appendNative(Int32(-1))
            return [ScriptedTransport.reply(NetlinkMessageType.done, for: request, flags: [.multi], payload: payload)]
        }
        XCTAssertThrowsError(try NetlinkConnection(transport: transport).dump(NetlinkRequest(type: 0x30, payload: []))) { error in
            XCTAssertEqual((error as? NetlinkError)?.errno, 1)
        }
    }

    func testPipelineBatchesWithinTheWindowAndReportsEachResult() throws {
        let transport = ScriptedTransport { request in
            request.payload.first == 3 ? [ScriptedTransport.error(22, for: request)] : [ScriptedTransport.ack(request)]
        }
        let connection = NetlinkConnection(transport: transport)
        let requests = (0..<10).map { NetlinkRequest(type: 0x30, payload: [UInt8($0), 0, 0, 0]) }
        let results = try connection.pipeline(requests, window: 4)
        XCTAssertEqual(results.count, 10)
        for (index, result) in results.enumerated() {
            switch result {
            case .success: XCTAssertNotEqual(index, 3)
            case .failure(let error): XCTAssertEqual(index, 3); XCTAssertEqual(error.errno, 22)
            }
        }
        // Batched: no datagram holds more than the window.
        XCTAssertLessThan(transport.sent.count, 10)
        for datagram in transport.sent {
            XCTAssertLessThanOrEqual(try NetlinkMessage.split(datagram[...]).count, 4)
        }
        XCTAssertEqual(transport.sentMessages.map(\.header.sequence), Array(1...10))
    }

    func testFamilyResolutionIsCachedPerConnection() throws {
        let family = GenericFamily(id: 0x1f, name: "IPVS", version: 1, headerSize: 0, maximumAttribute: 6,
                                   operations: [.init(command: 1, flags: 0x1b)],
                                   multicastGroups: [.init(name: "events", id: 3)])
        var asked = 0
        let transport = ScriptedTransport { request in
            asked += 1
            var writer = AttributeWriter(prefix: GenericHeader(command: Controller.Command.newFamily, version: 2).bytes)
            family.encodeAttributes(into: &writer)
            return [ScriptedTransport.reply(Controller.familyID, for: request, payload: writer.bytes), ScriptedTransport.ack(request)]
        }
        let connection = NetlinkConnection(transport: transport)
        XCTAssertEqual(try connection.family(named: "IPVS"), family)
        XCTAssertEqual(try connection.family(named: "IPVS"), family)
        XCTAssertEqual(asked, 1)
        let request = transport.sentMessages[0]
        XCTAssertEqual(request.header.type, 0x10)
        XCTAssertEqual(Array(request.payload), [3, 1, 0, 0, 9, 0, 2, 0] + Array("IPVS".utf8) + [0, 0, 0, 0])
    }

    func testUnknownFamily() {
        let transport = ScriptedTransport { [ScriptedTransport.error(2, for: $0)] }
        XCTAssertThrowsError(try NetlinkConnection(transport: transport).family(named: "NOPE")) { error in
            XCTAssertEqual(error as? NetlinkError, .familyNotFound("NOPE"))
        }
    }
}
