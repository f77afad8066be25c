/// An IPVS real server as the `mh` scheduler sees it.
public struct IPVSDestination: Hashable, Sendable {
    /// The destination's address and port (the kernel hashes both).
    public var key: Backend.Key
    /// The current weight; 0 makes the destination unavailable without changing the table.
    public var weight: Int32
    /// The kernel's `last_weight`: the latest non-zero weight (or the weight it was added
    /// with). The table is built from it, so quiescing a destination (weight 0) keeps
    /// its slots.
    public var lastWeight: Int32
    /// Whether the kernel marked it overloaded (`IP_VS_DEST_F_OVERLOAD`, upper threshold).
    public var overloaded: Bool

    /// A destination; `lastWeight` defaults to `weight`, as for a newly added one.
    public init(key: Backend.Key, weight: Int32, lastWeight: Int32? = nil, overloaded: Bool = false) {
        self.key = key
        self.weight = weight
        self.lastWeight = lastWeight ?? weight
        self.overloaded = overloaded
    }

    /// Whether the scheduler may pick it: a positive weight and not overloaded.
    public var isAvailable: Bool { weight > 0 && !overloaded }

    /// The kernel's list order for destinations added in `order`: the reverse, because
    /// each added destination goes to the head of the service's list.
    public static func kernelOrder(addedInOrder order: [IPVSDestination]) -> [IPVSDestination] {
        order.reversed()
    }
}
