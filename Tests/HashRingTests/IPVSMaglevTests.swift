import XCTest
@testable import HashRing

final class IPVSMaglevTests: XCTestCase {
    private func destinations(_ count: Int, weight: Int32 = 1) -> [IPVSDestination] {
        (0..<count).map {
            IPVSDestination(key: Backend.Key(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: UInt64(0x10 + $0))), port: 80), weight: weight)
        }
    }

    func testProfileKnowsTheKernelSizes() throws {
        XCTAssertEqual(try IPVSMaglevProfile().tableSize, 4093)
        XCTAssertEqual(try IPVSMaglevProfile().tableIndex, 12)
        XCTAssertEqual(try IPVSMaglevProfile(tableSize: 131_071).tableIndex, 17)
        XCTAssertThrowsError(try IPVSMaglevProfile(tableSize: 65_537)) {
            XCTAssertEqual($0 as? HashRingError, .notAnIPVSTableSize(65_537))
        }
    }

    func testAddressFoldingFollowsTheKernelUnion() throws {
        let v6 = try IPVSMaglevProfile(serviceVersion: .v6)
        let v4 = try IPVSMaglevProfile(serviceVersion: .v4)
        let address = IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0001, low: 0x0000_0000_0000_0010))
        XCTAssertEqual(v6.fold(address), 0x2001_0db8 ^ 0x0000_0001 ^ 0x10)
        XCTAssertEqual(v4.fold(address), 0x2001_0db8)
        XCTAssertEqual(v6.fold(IPAddress.v4(IPv4Address(0x0a00_0001))), 0x0a00_0001, "IPv4 sits in the first word, the rest zero")
    }

    func testListOrderIsTheReverseOfAdditionAndMatters() throws {
        let profile = try IPVSMaglevProfile(tableSize: 251)
        let added = destinations(3)
        let listed = IPVSDestination.kernelOrder(addedInOrder: added)
        XCTAssertEqual(listed.map(\.key), added.reversed().map(\.key))
        XCTAssertNotEqual(try profile.table(destinations: listed).table.slots.map { listed[Int($0)].key },
                          try profile.table(destinations: added).table.slots.map { added[Int($0)].key })
    }

    func testTurnsFollowWeightsOverTheirGCD() throws {
        let profile = try IPVSMaglevProfile(tableSize: 251)
        var weighted = destinations(2)
        weighted[0].weight = 300; weighted[0].lastWeight = 300
        weighted[1].weight = 100; weighted[1].lastWeight = 100
        let loads = try profile.table(destinations: weighted).table.loads
        // Turns 3 and 1: three slots to one each round.
        XCTAssertEqual(loads, [189, 62])
    }

    func testQuiescedDestinationKeepsItsSlotsButIsNotScheduled() throws {
        let profile = try IPVSMaglevProfile(tableSize: 251)
        var quiesced = destinations(3)
        let active = try profile.table(destinations: quiesced)
        quiesced[1].weight = 0  // lastWeight stays 1, as the kernel keeps it
        let table = try profile.table(destinations: quiesced)
        XCTAssertEqual(table.table.slots, active.table.slots)
        let clients = (1...400).map { IPAddress.v4(IPv4Address(0xc000_0200 + UInt32($0))) }
        var refused = 0
        for client in clients {
            let chosen = table.destinationIndex(clientAddress: client, clientPort: 0, transportProtocol: 6)
            if chosen == nil { refused += 1 } else { XCTAssertNotEqual(chosen, 1) }
        }
        XCTAssertGreaterThan(refused, 0, "clients of the quiesced destination are refused without mh-fallback")

        let fallback = try IPVSMaglevProfile(tableSize: 251, fallback: true).table(destinations: quiesced)
        for client in clients {
            let chosen = fallback.destinationIndex(clientAddress: client, clientPort: 0, transportProtocol: 6)
            XCTAssertNotNil(chosen)
            XCTAssertNotEqual(chosen, 1)
        }
    }

    func testPortIsHashedOnlyWithMHPortAndPortedProtocols() throws {
        let plain = try IPVSMaglevProfile(tableSize: 251).table(destinations: destinations(8))
        let ported = try IPVSMaglevProfile(tableSize: 251, hashesPort: true).table(destinations: destinations(8))
        let client = IPAddress.v6(IPv6Address(high: 0x2001_0db8_0001_0000, low: 5))
        let choices = Set((1000..<1100).compactMap { ported.destinationIndex(clientAddress: client, clientPort: UInt16($0), transportProtocol: 6) })
        XCTAssertGreaterThan(choices.count, 1)
        XCTAssertEqual(Set((1000..<1100).compactMap { plain.destinationIndex(clientAddress: client, clientPort: UInt16($0), transportProtocol: 6) }).count, 1)
        XCTAssertEqual(Set((1000..<1100).compactMap { ported.destinationIndex(clientAddress: client, clientPort: UInt16($0), transportProtocol: 1) }).count, 1)
    }

    func testAllZeroWeightsLeaveTheTableEmpty() throws {
        let table = try IPVSMaglevProfile(tableSize: 251).table(destinations: destinations(2, weight: 0))
        XCTAssertTrue(table.table.slots.allSatisfy { $0 == LookupTable.noBackend })
        XCTAssertNil(table.destinationIndex(clientAddress: IPAddress.v4(IPv4Address(1)), clientPort: 0, transportProtocol: 6))
    }
}
