import XCTest
@testable import HashRing

final class ResilientBucketsTests: XCTestCase {
    func testInitialAssignmentIsBalancedAndOrderIndependent() throws {
        let members = MaglevTests.backends(7)
        let buckets = try ResilientBuckets(bucketCount: 128, members: members)
        XCTAssertTrue(buckets.table.loads.allSatisfy { $0 == 18 || $0 == 19 })
        XCTAssertEqual(try ResilientBuckets(bucketCount: 128, members: members.reversed()).owners, buckets.owners)
    }

    func testRemovalMovesExactlyTheRemovedMembersBuckets() throws {
        let members = MaglevTests.backends(10)
        var buckets = try ResilientBuckets(bucketCount: 1000, members: members)
        let before = buckets.table
        let removed = members[3]
        let removedIndex = try XCTUnwrap(before.backends.firstIndex { $0.key == removed.key })
        let own = before.slots.indices.filter { before.slots[$0] == UInt32(removedIndex) }

        let diff = try buckets.remove(removed.key)
        XCTAssertEqual(diff.changedSlots, own)
        XCTAssertEqual(before.changes(to: buckets.table).changedSlots, own, "nothing else moved")
        XCTAssertTrue(buckets.table.loads.allSatisfy { $0 == 111 || $0 == 112 }, "the freed buckets were spread evenly")
    }

    func testAdditionTakesOnlyIdleBucketsUntilRebalanced() throws {
        let members = MaglevTests.backends(4)
        var buckets = try ResilientBuckets(bucketCount: 64, members: members)
        let before = buckets.table
        let newcomer = Backend(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: 99)), port: 80)

        // No idle buckets: nothing moves, the newcomer holds nothing yet.
        var noIdle = buckets
        XCTAssertEqual(try noIdle.add(newcomer).changedSlots, [])
        XCTAssertEqual(before.changes(to: noIdle.table).changedSlots, [])

        // Idle buckets 0..<8: only those may move.
        XCTAssertTrue(try buckets.add(newcomer, movable: { $0 < 8 }).changedSlots.allSatisfy { $0 < 8 })

        // Rebalance now: the newcomer reaches its share, and only buckets it takes move.
        let diff = noIdle.rebalance()
        XCTAssertEqual(diff.changedSlots.count, 12)
        XCTAssertTrue(noIdle.table.loads.allSatisfy { $0 == 12 || $0 == 13 })
        let newIndex = try XCTUnwrap(noIdle.members.firstIndex { $0.key == newcomer.key })
        XCTAssertTrue(diff.changedSlots.allSatisfy { noIdle.owners[$0] == UInt32(newIndex) })
    }

    func testRemovingAnUnknownMemberThrows() throws {
        var buckets = try ResilientBuckets(bucketCount: 8, members: MaglevTests.backends(2))
        let stranger = Backend.Key(address: IPAddress.v4(IPv4Address(1)))
        XCTAssertThrowsError(try buckets.remove(stranger)) {
            XCTAssertEqual($0 as? HashRingError, .unknownBackend(stranger))
        }
    }
}
