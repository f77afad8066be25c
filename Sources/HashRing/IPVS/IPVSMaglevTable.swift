/// The `mh` lookup table of one IPVS service, and the scheduling decision over it.
public struct IPVSMaglevTable: Hashable, Sendable {
    /// The kernel profile it was built with.
    public let profile: IPVSMaglevProfile
    /// The destinations in the kernel's list order.
    public let destinations: [IPVSDestination]
    /// The slots; ``LookupTable/backends`` are the destinations in the same order.
    public let table: LookupTable

    /// The index in ``destinations`` the kernel schedules a new connection from
    /// `clientAddress` (and `clientPort`, hashed only with `mh-port` and TCP, UDP or
    /// SCTP) to, or `nil` where the kernel says "no destination available".
    public func destinationIndex(clientAddress: IPAddress, clientPort: UInt16, transportProtocol: UInt8) -> Int? {
        let portHashed = profile.hashesPort && (transportProtocol == 6 || transportProtocol == 17 || transportProtocol == 132)
        let port = portHashed ? clientPort : 0
        let size = UInt32(profile.tableSize)
        let first = profile.hash(address: clientAddress, port: port, key: IPVSMaglevProfile.hash1) % size
        guard let chosen = table.backendIndex(slot: Int(first)) else { return nil }
        if destinations[chosen].isAvailable { return chosen }
        guard profile.fallback else { return nil }
        for step in 0..<size {
            let offset = (step + first) % size
            let slot = profile.hash(address: clientAddress, port: port, key: IPVSMaglevProfile.hash1, offset: offset) % size
            guard let candidate = table.backendIndex(slot: Int(slot)) else { return nil }
            if destinations[candidate].isAvailable { return candidate }
        }
        return nil
    }

    /// The destination for `flow` (its source address and port), `nil` if none.
    public func destination(for flow: FlowKey) -> IPVSDestination? {
        destinationIndex(clientAddress: flow.source, clientPort: flow.sourcePort, transportProtocol: flow.transportProtocol)
            .map { destinations[$0] }
    }
}
