/// Where a packet sits in a fragmented datagram.
public enum FragmentPosition: Hashable, Sendable {
    /// Not fragmented (an IPv6 atomic fragment, offset 0 without More Fragments, also
    /// counts: RFC 8200 section 4.5 says to process it as a whole packet).
    case whole
    /// The first fragment: offset 0, More Fragments set. Its upper-layer header is here.
    case first
    /// A later fragment: offset in bytes (the field counts 8-byte units).
    case nonFirst(byteOffset: Int)
}

/// The IPv6 extension headers seen in a chain.
public struct IPv6ExtensionHeaders: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let hopByHop = IPv6ExtensionHeaders(rawValue: 1 << 0)
    public static let routing = IPv6ExtensionHeaders(rawValue: 1 << 1)
    public static let fragment = IPv6ExtensionHeaders(rawValue: 1 << 2)
    public static let destinationOptions = IPv6ExtensionHeaders(rawValue: 1 << 3)
    public static let authentication = IPv6ExtensionHeaders(rawValue: 1 << 4)

    /// `hop-by-hop`, `routing`, `fragment`, `destination-options`, `authentication`, in
    /// that order, for the members present.
    public var names: [String] {
        let all: [(IPv6ExtensionHeaders, String)] = [
            (.hopByHop, "hop-by-hop"), (.routing, "routing"), (.fragment, "fragment"),
            (.destinationOptions, "destination-options"), (.authentication, "authentication"),
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}

/// What an IPv4 or IPv6 header (with its options or extension headers) says: the facts a
/// decapsulator checks and a tool prints.
///
/// Stored compactly (64 bytes: addresses as raw 64-bit halves, lengths as 32-bit values)
/// because a decapsulation report carries two of these per packet on the hot path.
public struct IPHeaderFacts: Hashable, Sendable {
    var sourceHigh: UInt64 = 0
    var sourceLow: UInt64 = 0
    var destinationHigh: UInt64 = 0
    var destinationLow: UInt64 = 0
    @usableFromInline var offsetStorage: UInt32
    @usableFromInline var headerLengthStorage: UInt32 = 0
    @usableFromInline var packetLengthStorage: UInt32 = 0
    var flowLabelStorage: UInt32 = 0
    var identificationStorage: UInt32 = 0
    var fragmentByteOffset: UInt16 = 0
    var flags: Flags
    var encapsulationLimitStorage: UInt8 = 0
    var ipv4OptionsLengthStorage: UInt8 = 0

    /// The TTL (IPv4) or hop limit (IPv6).
    public internal(set) var hopLimit: UInt8 = 0
    /// The TOS byte (IPv4) or traffic class (IPv6): DSCP in the top six bits, ECN below.
    public internal(set) var trafficClass: UInt8 = 0
    /// The upper-layer protocol: the IPv4 protocol field, or the next header after the
    /// IPv6 extension headers (for a later fragment, the fragment header's next header).
    public internal(set) var upperProtocol: UInt8 = 0
    /// The IPv6 extension headers in the chain (empty for IPv4).
    public internal(set) var extensionHeaders: IPv6ExtensionHeaders = []

    struct Flags: OptionSet, Hashable, Sendable {
        var rawValue: UInt8
        static let v6 = Flags(rawValue: 1 << 0)
        static let dontFragment = Flags(rawValue: 1 << 1)
        static let moreFragments = Flags(rawValue: 1 << 2)
        static let hasIdentification = Flags(rawValue: 1 << 3)
        static let hasEncapsulationLimit = Flags(rawValue: 1 << 4)
        static let laterFragment = Flags(rawValue: 1 << 5)
    }

    /// Facts with every field zero, to be filled in by a parser.
    @inline(__always)
    init(version: IPVersion, offset: Int) {
        offsetStorage = UInt32(truncatingIfNeeded: offset)
        flags = version == .v6 ? .v6 : []
    }

    /// IPv4 or IPv6.
    public var version: IPVersion { flags.contains(.v6) ? .v6 : .v4 }
    /// Where the header starts in the bytes that were parsed.
    @inlinable
    public var offset: Int { Int(offsetStorage) }
    /// The source address.
    public var source: IPAddress {
        flags.contains(.v6) ? .v6(IPv6Address(high: sourceHigh, low: sourceLow))
            : .v4(IPv4Address(UInt32(truncatingIfNeeded: sourceLow)))
    }
    /// The destination address.
    public var destination: IPAddress {
        flags.contains(.v6) ? .v6(IPv6Address(high: destinationHigh, low: destinationLow))
            : .v4(IPv4Address(UInt32(truncatingIfNeeded: destinationLow)))
    }
    /// The IPv6 flow label (20 bits); `nil` for IPv4.
    public var flowLabel: UInt32? { flags.contains(.v6) ? flowLabelStorage : nil }
    /// The IPv4 identification, or the identification of an IPv6 fragment header.
    public var identification: UInt32? { flags.contains(.hasIdentification) ? identificationStorage : nil }
    /// The IPv4 Don't Fragment bit (always false for IPv6, which never fragments in flight).
    public var dontFragment: Bool { flags.contains(.dontFragment) }
    /// Bytes from ``offset`` to the upper-layer header: 20 + options for IPv4, 40 + the
    /// extension headers for IPv6.
    @inlinable
    public var headerLength: Int { Int(headerLengthStorage) }
    /// The whole packet's length per its length field (IPv4 total length, or 40 + IPv6
    /// payload length).
    @inlinable
    public var packetLength: Int { Int(packetLengthStorage) }
    /// Whether this is a whole packet or a fragment.
    public var fragment: FragmentPosition {
        flags.contains(.laterFragment) ? .nonFirst(byteOffset: Int(fragmentByteOffset))
            : flags.contains(.moreFragments) ? .first : .whole
    }
    /// Bytes of IPv4 options (0 when none; always 0 for IPv6).
    public var ipv4OptionsLength: Int { Int(ipv4OptionsLengthStorage) }
    /// The RFC 2473 tunnel encapsulation limit, when a destination options header has one.
    public var encapsulationLimit: UInt8? { flags.contains(.hasEncapsulationLimit) ? encapsulationLimitStorage : nil }

    /// The Differentiated Services codepoint (the top six bits of ``trafficClass``).
    public var dscp: UInt8 { trafficClass >> 2 }
    /// The ECN field (the low two bits of ``trafficClass``).
    public var ecn: ECN { ECN(trafficClass: trafficClass) }
    /// Where the upper-layer header starts in the parsed bytes.
    @inlinable
    public var upperLayerOffset: Int { Int(offsetStorage) + Int(headerLengthStorage) }
    /// Where the packet ends (per its length field) in the parsed bytes.
    @inlinable
    public var end: Int { Int(offsetStorage) + Int(packetLengthStorage) }
    /// True for a whole packet (not a fragment, or an atomic one).
    var isWhole: Bool { !flags.contains(.laterFragment) && !flags.contains(.moreFragments) }
    /// True for a later fragment (no upper-layer header here).
    var isLaterFragment: Bool { flags.contains(.laterFragment) }
}

/// Why an IP header (outer or inner) is not valid; the decapsulator turns it into the
/// outer or inner ``DecapsulationError``.
enum IPHeaderProblem: Hashable, Sendable {
    case truncated(offset: Int, needed: Int, available: Int)
    case badIHL(ihl: UInt8)
    case badChecksum(found: UInt16, expected: UInt16)
    case lengthMismatch(field: Int, available: Int)
    case badExtensionHeader(offset: Int, reason: ExtensionHeaderProblem)
}

/// What is wrong with an IPv6 extension-header chain.
public enum ExtensionHeaderProblem: Hashable, Sendable, CustomStringConvertible {
    /// A hop-by-hop options header that is not the first one (RFC 8200 section 4.1).
    case hopByHopNotFirst
    /// More headers than the configured bound.
    case tooManyHeaders(limit: Int)
    /// A header that runs past the end of the packet.
    case overrunsPacket

    public var description: String {
        switch self {
        case .hopByHopNotFirst: "hop-by-hop options header not first"
        case let .tooManyHeaders(limit): "more than \(limit) extension headers"
        case .overrunsPacket: "extension header runs past the end of the packet"
        }
    }
}

extension IPHeaderProblem {
    /// True when the fixed header (addresses, protocol) was read before the problem, so
    /// the facts are worth reporting.
    var leftFixedHeaderReadable: Bool {
        if case let .truncated(_, needed, _) = self {
            return needed != IPv4HeaderParser.minimumLength && needed != IPv6HeaderParser.fixedLength
        }
        return true
    }
}
