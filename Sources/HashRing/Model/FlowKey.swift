/// The 5-tuple of a flow: transport protocol, source and destination address and port.
///
/// There is deliberately no IPv6 flow label: Linux changes it when it retransmits
/// (`net.ipv6.auto_flowlabels` and flow-label rehash on RTO), so a hash over it would
/// move a live connection to another backend.
public struct FlowKey: Hashable, Sendable, CustomStringConvertible {
    /// The IP protocol number (6 TCP, 17 UDP, 132 SCTP, ...).
    public var transportProtocol: UInt8
    /// The client's address.
    public var source: IPAddress
    /// The client's port (0 for protocols without ports).
    public var sourcePort: UInt16
    /// The service address (the VIP).
    public var destination: IPAddress
    /// The service port (0 for protocols without ports).
    public var destinationPort: UInt16

    /// A flow from its five fields.
    @inlinable
    public init(transportProtocol: UInt8, source: IPAddress, sourcePort: UInt16,
                destination: IPAddress, destinationPort: UInt16) {
        self.transportProtocol = transportProtocol
        self.source = source
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
    }

    /// `tcp 192.0.2.10:40000 203.0.113.1:443`, the form `lbctl hash lookup --flow` reads.
    public var description: String {
        let name = Self.protocolNames.first { $0.number == transportProtocol }?.name ?? String(transportProtocol)
        return "\(name) \(Backend.Key(address: source, port: sourcePort)) \(Backend.Key(address: destination, port: destinationPort))"
    }

    /// The protocol names the tools accept and print.
    public static let protocolNames: [(name: String, number: UInt8)] = [
        ("tcp", 6), ("udp", 17), ("sctp", 132), ("icmp", 1), ("icmpv6", 58),
    ]

    /// Whether the protocol's first four transport bytes are its source and destination ports.
    @inlinable
    public static func protocolHasPorts(_ number: UInt8) -> Bool {
        number == 6 || number == 17 || number == 132 || number == 136
    }
}
