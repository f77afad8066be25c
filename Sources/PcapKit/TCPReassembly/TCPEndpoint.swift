/// One end of a TCP connection: an address and a port.
public struct TCPEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The IP address.
    public var address: IPAddress
    /// The TCP port.
    public var port: UInt16

    /// Creates an endpoint.
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// `192.0.2.1:179` or `[2001:db8::1]:179`.
    public var description: String {
        switch address {
        case .v4: "\(address):\(port)"
        case .v6: "[\(address)]:\(port)"
        }
    }
}

/// One direction of a TCP connection: bytes flow from `source` to `destination`.
public struct TCPDirection: Hashable, Sendable, CustomStringConvertible {
    /// The sender.
    public var source: TCPEndpoint
    /// The receiver.
    public var destination: TCPEndpoint

    /// Creates a direction.
    public init(source: TCPEndpoint, destination: TCPEndpoint) {
        self.source = source
        self.destination = destination
    }

    /// The same connection, the other way.
    public var reversed: TCPDirection { TCPDirection(source: destination, destination: source) }

    /// `source -> destination`.
    public var description: String { "\(source) -> \(destination)" }
}
