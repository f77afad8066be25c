import XCTest
@testable import HashRing

final class MaglevTests: XCTestCase {
    /// `[2001:db8::i]:80` for i in 1...count.
    static func backends(_ count: Int, weight: (Int) -> UInt32 = { _ in 1 }) -> [Backend] {
        (0..<count).map { Backend(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: UInt64($0 + 1))), port: 80, weight: weight($0)) }
    }

    func testSameTableFromShuffledInput() throws {
        let backends = Self.backends(50, weight: { UInt32($0 % 4 + 1) })
        let reference = try Maglev.table(for: backends, size: 4099)
        var generator = SplitMix(seed: 7)
        for _ in 0..<5 {
            XCTAssertEqual(try Maglev.table(for: backends.shuffled(using: &generator), size: 4099), reference)
        }
    }

    func testEqualWeightsGiveFloorOrCeilingSlots() throws {
        for (count, size) in [(10, 65_537), (100, 65_537), (7, 251), (251, 251)] {
            let loads = try Maglev.table(for: Self.backends(count), size: size).loads
            let floor = size / count
            XCTAssertEqual(loads.reduce(0, +), size)
            XCTAssertTrue(loads.allSatisfy { $0 == floor || $0 == floor + 1 }, "N=\(count) M=\(size): \(loads.min()!)...\(loads.max()!)")
        }
    }

    func testWeightedSharesWithinOneSlot() throws {
        let backends = Self.backends(37, weight: { UInt32([1, 2, 3, 5, 8, 13, 100][$0 % 7]) })
        let size = 65_537
        let table = try Maglev.table(for: backends, size: size)
        let total = Double(backends.reduce(0) { $0 + Int($1.weight) })
        for (backend, load) in zip(table.backends, table.loads) {
            let exact = Double(size) * Double(backend.weight) / total
            XCTAssertLessThan(abs(Double(load) - exact), 1.0, "\(backend) weight \(backend.weight)")
        }
    }

    func testZeroWeightBackendsGetNoSlotsAndEmptyTablesHaveNone() throws {
        var backends = Self.backends(4)
        backends[2].weight = 0
        let table = try Maglev.table(for: backends, size: 251)
        XCTAssertEqual(table.loads[2], 0)
        let empty = try Maglev.table(for: Self.backends(3, weight: { _ in 0 }), size: 13)
        XCTAssertNil(empty.backend(forHash: 12345))
    }

    func testRejectsBadSizesAndDuplicates() {
        XCTAssertThrowsError(try Maglev.table(for: Self.backends(3), size: 65_536)) {
            XCTAssertEqual($0 as? HashRingError, .sizeNotPrime(65_536))
        }
        XCTAssertThrowsError(try Maglev.table(for: Self.backends(20), size: 13)) {
            XCTAssertEqual($0 as? HashRingError, .tooManyBackends(20, size: 13))
        }
        let twice = Self.backends(2) + [Self.backends(1)[0]]
        XCTAssertThrowsError(try Maglev.table(for: twice, size: 13)) {
            XCTAssertEqual($0 as? HashRingError, .duplicateBackend(twice[0].key))
        }
    }

    /// Removing one of N backends ideally moves 1/N of the slots (its own); adding one
    /// ideally moves 1/(N+1). Maglev moves a little more; the paper's figure 12 shows the
    /// extra is small for M much larger than N.
    func testDisruptionOnRemovalAndAdditionIsNearIdeal() throws {
        let size = 65_537
        let backends = Self.backends(100)
        let table = try Maglev.table(for: backends, size: size)

        var fewer = backends
        let gone = fewer.remove(at: 41)
        let (_, removal) = try Maglev.rebuild(table, backends: fewer)
        let goneIndex = try XCTUnwrap(table.backends.firstIndex { $0.key == gone.key })
        let ownSlots = Set(table.slots.indices.filter { table.slots[$0] == UInt32(goneIndex) })
        XCTAssertTrue(ownSlots.isSubset(of: Set(removal.changedSlots)), "every slot of the removed backend moves")
        XCTAssertLessThan(removal.movedFraction, 2.0 / 100, "removal moved \(removal.movedFraction)")

        let newcomer = Backend(address: IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: 1000)), port: 80)
        let (grown, addition) = try Maglev.rebuild(table, backends: backends + [newcomer])
        XCTAssertLessThan(addition.movedFraction, 2.0 / 101, "addition moved \(addition.movedFraction)")
        // Every slot the newcomer holds is a changed slot.
        let newIndex = try XCTUnwrap(grown.backends.firstIndex { $0.key == newcomer.key })
        XCTAssertTrue(Set(grown.slots.indices.filter { grown.slots[$0] == UInt32(newIndex) }).isSubset(of: Set(addition.changedSlots)))
    }

    func testDiffOfTheSameTableIsEmpty() throws {
        let table = try Maglev.table(for: Self.backends(5), size: 13)
        XCTAssertEqual(table.changes(to: table).changedSlots, [])
    }
}

/// A small deterministic generator for shuffles (the system generator differs per run).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return Mixing.mix64(state)
    }
}
