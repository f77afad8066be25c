/// The network layer a link-layer frame carries.
public enum NetworkProtocol: Hashable, Sendable {
    /// IPv4 (EtherType 0x0800 or address family 2).
    case ipv4
    /// IPv6 (EtherType 0x86DD or one of the IPv6 address families).
    case ipv6
    /// Something else, by EtherType (ARP is 0x0806) or address family.
    case other(UInt32)
}

/// Where the network layer starts in a captured frame, and what the link layer said.
///
/// Decoding is total: any byte string gives a frame or a ``LinkLayerError``.
public struct LinkLayerFrame: Hashable, Sendable {
    /// What the link layer says follows it.
    public var network: NetworkProtocol
    /// Bytes of link-layer header (including VLAN tags) before the network layer.
    public var headerLength: Int
    /// The 802.1Q / 802.1ad tags, outermost first, as their 12-bit VLAN ids.
    /// At most ``LinkLayerFrame/maximumVLANTags`` are walked.
    public var vlanIDs: VLANTags

    /// Tags beyond this many make the frame an error rather than a long walk.
    public static let maximumVLANTags = 4

    /// Up to four VLAN ids without a heap allocation.
    public struct VLANTags: Hashable, Sendable {
        @usableFromInline var ids: (UInt16, UInt16, UInt16, UInt16)
        @usableFromInline var storedCount: Int
        /// How many tags the frame had.
        public var count: Int { storedCount }
        /// No tags.
        @inlinable
        public init() {
            ids = (0, 0, 0, 0)
            storedCount = 0
        }
        mutating func append(_ id: UInt16) {
            switch count {
            case 0: ids.0 = id
            case 1: ids.1 = id
            case 2: ids.2 = id
            default: ids.3 = id
            }
            storedCount += 1
        }
        /// The ids, outermost first.
        public var array: [UInt16] { Array([ids.0, ids.1, ids.2, ids.3].prefix(count)) }
        public static func == (a: VLANTags, b: VLANTags) -> Bool { a.array == b.array }
        public func hash(into h: inout Hasher) { h.combine(array) }
    }
}

/// Why a frame's link layer could not be decoded.
public enum LinkLayerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The frame is shorter than its link-layer header (`needed` bytes, `have` captured).
    case truncated(needed: Int, have: Int)
    /// More stacked VLAN tags than ``LinkLayerFrame/maximumVLANTags``.
    case tooManyVLANTags
    /// The capture's link type is not one the toolkit decodes.
    case unsupportedLinkType(LinkType)

    /// One line for a report.
    public var description: String {
        switch self {
        case let .truncated(needed, have): "link-layer header needs \(needed) bytes, frame has \(have)"
        case .tooManyVLANTags: "more than \(LinkLayerFrame.maximumVLANTags) stacked VLAN tags"
        case let .unsupportedLinkType(t): "link type \(t) is not supported"
        }
    }
}

extension LinkLayerFrame {
    /// Decodes the link-layer header of `bytes` for a capture of type `linkType`.
    ///
    /// Supported: Ethernet (with 802.1Q, 802.1ad and QinQ tags), RAW (101 and the
    /// in-memory 12 and 14), LINUX_SLL, LINUX_SLL2, NULL (either byte order), LOOP,
    /// IPV4 and IPV6.
    @inlinable @inline(__always)
    public init(decoding bytes: UnsafeRawBufferPointer, linkType: LinkType) throws(LinkLayerError) {
        // Untagged IPv4 or IPv6 over Ethernet, nearly every frame of most captures, is
        // decoded where it is asked for: no call, and no VLAN bookkeeping to return.
        if linkType.rawValue == 1 /* .ethernet */, bytes.count >= 14 {
            switch bytes.loadUnaligned(fromByteOffset: 12, as: UInt16.self).bigEndian {
            case 0x0800:
                self.init(network: .ipv4, headerLength: 14)
                return
            case 0x86DD:
                self.init(network: .ipv6, headerLength: 14)
                return
            default:
                break
            }
        }
        try self.init(decodingAny: bytes, linkType: linkType)
    }

    /// A frame without VLAN tags.
    @usableFromInline
    init(network: NetworkProtocol, headerLength: Int) {
        self.init(network: network, headerLength: headerLength, vlanIDs: VLANTags())
    }

    /// Every link type, and the Ethernet frames the inline path leaves.
    @usableFromInline
    init(decodingAny bytes: UnsafeRawBufferPointer, linkType: LinkType) throws(LinkLayerError) {
        func need(_ n: Int) throws(LinkLayerError) {
            if bytes.count < n { throw .truncated(needed: n, have: bytes.count) }
        }
        // Every offset read below was checked against `bytes.count` first.
        func u16(_ at: Int) -> UInt16 { bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).bigEndian }
        switch linkType {
        case .ethernet:
            try need(14)
            let etherType = u16(12)
            // Untagged frames, nearly all of a capture, take no loop and no tag bookkeeping.
            guard Self.isVLANTag(etherType) else {
                self.init(network: Self.network(etherType: etherType), headerLength: 14, vlanIDs: VLANTags())
                return
            }
            try self.init(taggedEthernet: bytes)
        case .raw, .raw12, .raw14:
            try need(1)
            let network: NetworkProtocol = switch bytes[0] >> 4 {
            case 4: .ipv4
            case 6: .ipv6
            case let v: .other(UInt32(v))
            }
            self.init(network: network, headerLength: 0, vlanIDs: VLANTags())
        case .ipv4:
            self.init(network: .ipv4, headerLength: 0, vlanIDs: VLANTags())
        case .ipv6:
            self.init(network: .ipv6, headerLength: 0, vlanIDs: VLANTags())
        case .linuxSLL:
            try need(16)
            self.init(network: Self.network(etherType: u16(14)), headerLength: 16, vlanIDs: VLANTags())
        case .linuxSLL2:
            try need(20)
            self.init(network: Self.network(etherType: u16(0)), headerLength: 20, vlanIDs: VLANTags())
        case .null, .loop:
            try need(4)
            let big = bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self).bigEndian
            // NULL is in the writer's byte order, which the file does not record: a real
            // address family is small, so whichever reading is small is the right one.
            let family = (linkType == .loop || big < 0x1_0000) ? big : big.byteSwapped
            let network: NetworkProtocol = switch family {
            case 2: .ipv4
            case 10, 24, 28, 30: .ipv6 // Linux, NetBSD/OpenBSD, FreeBSD, Darwin
            default: .other(family)
            }
            self.init(network: network, headerLength: 4, vlanIDs: VLANTags())
        default:
            throw .unsupportedLinkType(linkType)
        }
    }

    /// An Ethernet frame whose EtherType at offset 12 is a VLAN tag: walks the tags.
    private init(taggedEthernet bytes: UnsafeRawBufferPointer) throws(LinkLayerError) {
        var tags = VLANTags()
        var offset = 12
        var etherType = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        while Self.isVLANTag(etherType) {
            if tags.count == Self.maximumVLANTags { throw .tooManyVLANTags }
            if bytes.count < offset + 6 { throw .truncated(needed: offset + 6, have: bytes.count) }
            tags.append((UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3])) & 0x0FFF)
            offset += 4
            etherType = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }
        self.init(network: Self.network(etherType: etherType), headerLength: offset + 2, vlanIDs: tags)
    }

    /// 802.1Q, 802.1ad, and the older QinQ 0x9100.
    @inline(__always)
    private static func isVLANTag(_ etherType: UInt16) -> Bool {
        etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100
    }

    private static func network(etherType: UInt16) -> NetworkProtocol {
        switch etherType {
        case 0x0800: .ipv4
        case 0x86DD: .ipv6
        default: .other(UInt32(etherType))
        }
    }
}
