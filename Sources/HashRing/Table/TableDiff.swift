/// The slots that changed between two tables: what a data plane has to rewrite.
public struct TableDiff: Hashable, Sendable {
    /// The changed slots, ascending.
    public let changedSlots: [Int]
    /// The number of slots in the table.
    public let slotCount: Int

    /// A diff listing `changedSlots` out of `slotCount`.
    public init(changedSlots: [Int], slotCount: Int) {
        self.changedSlots = changedSlots
        self.slotCount = slotCount
    }

    /// The fraction of slots (so of uniformly hashed flows) that moved.
    public var movedFraction: Double {
        slotCount == 0 ? 0 : Double(changedSlots.count) / Double(slotCount)
    }
}
