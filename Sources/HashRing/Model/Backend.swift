/// A server that flows are spread over: an address, optionally a port, and a weight.
///
/// Its identity (``key``) is the address and port; the weight is not part of it, so a
/// weight change keeps the backend the same one. Every algorithm orders backends by
/// ``Key`` before building anything, which makes tables independent of input order and
/// identical on every host.
public struct Backend: Hashable, Sendable, CustomStringConvertible {
    /// The identity of a backend and its stable ordering key: the address's 128-bit
    /// value (IPv4 in its IPv4-mapped form), then the port. Never Swift's per-process seeded `Hasher`.
    public struct Key: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The backend's address.
        public var address: IPAddress
        /// The backend's port, or 0 when the algorithm does not hash a port.
        public var port: UInt16

        /// A key from an address and an optional port (0 for none).
        public init(address: IPAddress, port: UInt16 = 0) {
            self.address = address
            self.port = port
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.address.mappedHigh, a.address.mappedLow, a.address.version.rawValue, a.port)
                < (b.address.mappedHigh, b.address.mappedLow, b.address.version.rawValue, b.port)
        }

        /// The 18 bytes the identity hashes cover: the 16-byte address (IPv4 in its
        /// IPv4-mapped form), then the port in network byte order.
        public var identityBytes: [UInt8] {
            address.mappedBytes + [UInt8(truncatingIfNeeded: port >> 8), UInt8(truncatingIfNeeded: port)]
        }

        /// SipHash of ``identityBytes`` with `hasher`, without building the bytes.
        @inlinable
        public func identityHash(_ hasher: SipHash) -> UInt64 {
            // Bytes 0..<16 read as little-endian words are the big-endian halves swapped;
            // the port's two network-order bytes read little-endian are its byte swap.
            hasher.hash(words: (address.mappedHigh.byteSwapped, address.mappedLow.byteSwapped),
                        tail: UInt64(port.byteSwapped), tailCount: 2)
        }

        /// `10.0.0.1`, `10.0.0.1:80`, `2001:db8::10`, `[2001:db8::10]:80`.
        public var description: String {
            guard port != 0 else { return address.description }
            return address.version == .v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        }
    }

    /// The backend's identity.
    public var key: Key
    /// Its relative share of the flows; 0 keeps it known but gives it none.
    public var weight: UInt32

    /// A backend at `address` (and `port`, 0 for none) with `weight`.
    public init(address: IPAddress, port: UInt16 = 0, weight: UInt32 = 1) {
        key = Key(address: address, port: port)
        self.weight = weight
    }

    /// The backend's address.
    public var address: IPAddress { key.address }
    /// The backend's port, 0 for none.
    public var port: UInt16 { key.port }

    /// The backend's name as the tools print it (``Key/description``), without the weight.
    public var description: String { key.description }

    /// Parses `ADDRESS`, `IPV4:PORT`, `[IPV6]:PORT`, each optionally followed by
    /// `=WEIGHT` (a decimal up to 2^32 - 1); `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        var endpointText = Substring(text)
        var weight: UInt32 = 1
        if let equals = endpointText.lastIndex(of: "=") {
            guard let parsed = UInt32(endpointText[endpointText.index(after: equals)...]) else { return nil }
            weight = parsed
            endpointText = endpointText[..<equals]
        }
        guard let (address, port) = Self.parseEndpoint(endpointText) else { return nil }
        self.init(address: address, port: port ?? 0, weight: weight)
    }

    /// Parses `ADDRESS`, `IPV4:PORT` or `[IPV6]:PORT` into an address and an optional
    /// port (1 to 65535); `nil` for anything else.
    public static func parseEndpoint(_ text: some StringProtocol) -> (IPAddress, UInt16?)? {
        let text = Substring(text)
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]"),
                  let address = IPAddress(text[text.index(after: text.startIndex)..<close]),
                  address.version == .v6 else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (address, nil) }
            guard rest.first == ":", let port = parsePort(rest.dropFirst()) else { return nil }
            return (address, port)
        }
        if let address = IPAddress(text) { return (address, nil) }
        // IPv4 with a port: exactly one colon.
        guard let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].firstIndex(of: ":") == nil,
              let address = IPAddress(text[..<colon]), address.version == .v4,
              let port = parsePort(text[text.index(after: colon)...]) else { return nil }
        return (address, port)
    }

    private static func parsePort(_ text: Substring) -> UInt16? {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = UInt16(text), port != 0 else { return nil }
        return port
    }
}
