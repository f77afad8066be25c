import Foundation
import XCTest
@testable import HashRing

final class JumpAndRendezvousTests: XCTestCase {
    func testJumpMovesKeysOnlyToTheNewBucket() {
        for key in (0..<2000).map({ Mixing.mix64(UInt64($0)) }) {
            let before = JumpHash.bucket(for: key, count: 10)
            let after = JumpHash.bucket(for: key, count: 11)
            XCTAssertTrue(after == before || after == 10)
        }
        XCTAssertEqual(JumpHash.bucket(for: 0, count: 1), 0)
    }

    func testJumpRefusesUnequalWeights() {
        let backends = MaglevTests.backends(3, weight: { UInt32($0 + 1) })
        XCTAssertThrowsError(try JumpHash.table(for: backends, size: 13)) {
            XCTAssertEqual($0 as? HashRingError, .weightsNotSupported)
        }
    }

    func testRendezvousRemovalMovesOnlyTheRemovedBackendsSlots() throws {
        let backends = MaglevTests.backends(20)
        let table = try Rendezvous(backends: backends).table(size: 4099)
        let smaller = try Rendezvous(backends: backends.filter { $0.key != backends[5].key }).table(size: 4099)
        let diff = table.changes(to: smaller)
        XCTAssertEqual(diff.changedSlots, table.slots.indices.filter { table.slots[$0] == 5 })
    }

    func testWeightedRendezvousFollowsTheWeights() throws {
        let backends = MaglevTests.backends(4, weight: { UInt32([1, 1, 2, 4][$0]) })
        let loads = try Rendezvous(backends: backends).table(size: 16_001).loads
        // Expected 2000, 2000, 4000, 8000 with a standard deviation below 90.
        for (load, expected) in zip(loads, [2000, 2000, 4000, 8000]) {
            XCTAssertLessThan(abs(load - expected), 450, "\(loads)")
        }
    }

    func testLogarithmIsAccurate() {
        for x in [1e-300, 1e-9, 0.001, 0.25, 0.5, 0.7, 0.999_999, 1, 2, 10, 1e300] {
            let expected = log(x)
            XCTAssertEqual(Logarithm.natural(x), expected, accuracy: abs(expected) * 4e-16 + 1e-300, "ln \(x)")
        }
    }
}
