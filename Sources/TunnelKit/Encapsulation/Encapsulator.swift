/// Builds outer IPv4 or IPv6 headers in place, in the headroom in front of an inner packet.
///
/// ```swift
/// let encapsulator = try Encapsulator(EncapsulationConfiguration(
///     destination: IPAddress("2001:db8:a7::71")!,
///     source: .derivedFromFlow(IPPrefix("2001:db8:100::/64")!)))
/// let outer = try encapsulator.encapsulate(buffer, inner: 64..<(64 + length))
/// send(UnsafeRawBufferPointer(rebasing: buffer[outer]))
/// ```
///
/// The inner packet is never copied; only the outer header bytes are written (20 for
/// IPv4, 40 for IPv6, 48 with the RFC 2473 encapsulation limit option). Nothing is
/// allocated. The configuration is turned into plain integers once, in `init`, so the
/// per-packet path has no enum to take apart.
public struct Encapsulator: Hashable, Sendable {
    /// The tunnel's settings.
    public let configuration: EncapsulationConfiguration
    private let overhead: Int
    private let outerIsV6: Bool
    // The outer source: fixed bits, and the host bits the flow hash fills (zero when fixed).
    private let sourceHigh: UInt64, sourceLow: UInt64
    private let hostMaskHigh: UInt64, hostMaskLow: UInt64
    private let destinationHigh: UInt64, destinationLow: UInt64
    private let copyDSCP: Bool, dscp: UInt8
    private let compatibilityECN: Bool
    private let labelFromFlow: Bool, fixedLabel: UInt32
    private let dontFragmentMode: UInt8 // 0 copy, 1 set, 2 clear
    private let identificationFromFlow: Bool, fixedIdentification: UInt16
    private let hasEncapsulationLimit: Bool, encapsulationLimit: UInt8
    private let hopLimit: UInt8
    private let seed: UInt32
    private let maximumInnerLength: Int

    /// An encapsulator for `configuration`; throws when the source and destination
    /// versions differ.
    public init(_ configuration: EncapsulationConfiguration) throws(EncapsulationError) {
        func halves(_ address: IPAddress) -> (UInt64, UInt64) {
            switch address {
            case let .v4(a): (0, UInt64(a.value))
            case let .v6(a): (a.high, a.low)
            }
        }
        let sourceVersion: IPVersion
        switch configuration.source {
        case let .fixed(address):
            sourceVersion = address.version
            (sourceHigh, sourceLow) = halves(address)
            (hostMaskHigh, hostMaskLow) = (0, 0)
        case let .derivedFromFlow(prefix):
            sourceVersion = prefix.address.version
            (sourceHigh, sourceLow) = halves(prefix.address)
            let length = prefix.length
            if sourceVersion == .v4 {
                hostMaskHigh = 0
                hostMaskLow = length == 0 ? 0xFFFF_FFFF : length >= 32 ? 0 : UInt64(UInt32.max >> UInt32(length))
            } else {
                hostMaskHigh = length == 0 ? ~0 : length >= 64 ? 0 : ~0 >> UInt64(length)
                hostMaskLow = length <= 64 ? ~0 : length >= 128 ? 0 : ~0 >> UInt64(length - 64)
            }
        }
        guard sourceVersion == configuration.destination.version else { throw .sourceVersionMismatch }
        self.configuration = configuration
        overhead = configuration.overhead
        outerIsV6 = configuration.outerVersion == .v6
        (destinationHigh, destinationLow) = halves(configuration.destination)
        switch configuration.dscp {
        case .copy: (copyDSCP, dscp) = (true, 0)
        case let .set(value): (copyDSCP, dscp) = (false, value & 0x3F)
        }
        compatibilityECN = configuration.ecn == .compatibility
        switch configuration.flowLabel {
        case .fromFlow: (labelFromFlow, fixedLabel) = (true, 0)
        case let .fixed(value): (labelFromFlow, fixedLabel) = (false, value & 0xF_FFFF)
        }
        dontFragmentMode = switch configuration.dontFragment {
        case .copyInner: 0
        case .set: 1
        case .clear: 2
        }
        switch configuration.identification {
        case .fromFlow: (identificationFromFlow, fixedIdentification) = (true, 0)
        case let .fixed(value): (identificationFromFlow, fixedIdentification) = (false, value)
        }
        (hasEncapsulationLimit, encapsulationLimit) = (configuration.encapsulationLimit != nil, configuration.encapsulationLimit ?? 0)
        hopLimit = configuration.hopLimit
        seed = configuration.hashSeed
        // The outer packet must fit the link, and its own length field.
        maximumInnerLength = min(configuration.linkMTU, outerIsV6 ? 0xFFFF + 40 : 0xFFFF) - overhead
    }

    /// Bytes of headroom needed in front of the inner packet.
    public var headroom: Int { overhead }

    /// Writes the outer header in front of the inner packet at `inner` in `buffer`, and
    /// returns where the outer packet is (`inner.lowerBound - headroom ..< inner.upperBound`).
    ///
    /// - Throws: ``EncapsulationError``: too little headroom, an inner packet that is not
    ///   IP or whose length field disagrees with `inner`, inner TTL 0, or an outer packet
    ///   larger than the link MTU (``EncapsulationError/packetTooBig(mtu:)``).
    public func encapsulate(_ buffer: UnsafeMutableRawBufferPointer, inner: Range<Int>) throws(EncapsulationError) -> Range<Int> {
        guard inner.lowerBound >= overhead else {
            throw .insufficientHeadroom(needed: overhead, available: max(inner.lowerBound, 0))
        }
        guard inner.upperBound <= buffer.count else { throw .malformedInner(offset: buffer.count) }
        let facts = try InnerPacket(UnsafeRawBufferPointer(buffer), range: inner)
        guard facts.hopLimit != 0 else { throw .innerTTLZero }
        let innerLength = inner.count
        guard innerLength <= maximumInnerLength else { throw .packetTooBig(mtu: maximumInnerLength) }
        let start = inner.lowerBound - overhead
        let entropy = FlowKey.entropy(protocol: facts.protocol, source: facts.sourceFold, destination: facts.destinationFold,
                                      sourcePort: facts.sourcePort, destinationPort: facts.destinationPort, seed: seed)
        let outerDSCP = copyDSCP ? facts.trafficClass >> 2 : dscp
        let outerECN = compatibilityECN ? 0 : facts.trafficClass & 0b11
        let trafficClass = outerDSCP << 2 | outerECN
        let innerProtocol = facts.isV6 ? IPProtocolNumber.ipv6 : IPProtocolNumber.ipv4
        let spread = FlowKey.spread(entropy)

        if outerIsV6 {
            var label = fixedLabel
            if labelFromFlow { label = Self.flowLabel(entropy) }
            buffer.setUInt32(6 << 28 | UInt32(trafficClass) << 20 | label, at: start)
            buffer.setUInt16(UInt16(truncatingIfNeeded: overhead - 40 + innerLength), at: start + 4)
            buffer[start + 7] = hopLimit
            buffer.setUInt64(sourceHigh | (spread.byteSwapped & hostMaskHigh), at: start + 8)
            buffer.setUInt64(sourceLow | (spread & hostMaskLow), at: start + 16)
            buffer.setUInt64(destinationHigh, at: start + 24)
            buffer.setUInt64(destinationLow, at: start + 32)
            if hasEncapsulationLimit {
                // RFC 2473 section 5.1: the option (type 4, length 1) then a PadN of one byte.
                buffer[start + 6] = IPProtocolNumber.destinationOptions
                buffer.setUInt64(UInt64(innerProtocol) << 56 | 0x0000_0401_0001_0100 | UInt64(encapsulationLimit) << 24,
                                 at: start + 40)
            } else {
                buffer[start + 6] = innerProtocol
            }
        } else {
            let dontFragment = dontFragmentMode == 0 ? facts.dontFragment : dontFragmentMode == 1
            let identification = identificationFromFlow ? UInt16(truncatingIfNeeded: entropy) : fixedIdentification
            let source = UInt32(truncatingIfNeeded: sourceLow | (spread & hostMaskLow))
            let words: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
                0x4500_0000 | UInt32(trafficClass) << 16 | UInt32(overhead + innerLength),
                UInt32(identification) << 16 | (dontFragment ? 0x4000 : 0),
                UInt32(hopLimit) << 24 | UInt32(innerProtocol) << 16,
                source,
                UInt32(truncatingIfNeeded: destinationLow)
            )
            let wide = UInt64(words.0) &+ UInt64(words.1) &+ UInt64(words.2) &+ UInt64(words.3) &+ UInt64(words.4)
            buffer.setUInt32(words.0, at: start)
            buffer.setUInt32(words.1, at: start + 4)
            buffer.setUInt32(words.2 | UInt32(~InternetChecksum.fold(wide)), at: start + 8)
            buffer.setUInt32(words.3, at: start + 12)
            buffer.setUInt32(words.4, at: start + 16)
        }
        return start..<inner.upperBound
    }

    /// The outer source for a flow with this hash.
    public func outerSource(entropy: UInt32) -> IPAddress {
        let spread = FlowKey.spread(entropy)
        if outerIsV6 {
            return .v6(IPv6Address(high: sourceHigh | (spread.byteSwapped & hostMaskHigh), low: sourceLow | (spread & hostMaskLow)))
        }
        return .v4(IPv4Address(UInt32(truncatingIfNeeded: sourceLow | (spread & hostMaskLow))))
    }

    /// RFC 6438 section 3: 20 bits of the flow hash, never zero (zero means "no label").
    @inline(__always)
    static func flowLabel(_ entropy: UInt32) -> UInt32 {
        let label = (entropy ^ entropy >> 20) & 0xF_FFFF
        return label == 0 ? 1 : label
    }
}

/// The few facts about an inner packet that encapsulation needs, read without validating
/// more than the lengths: plain integers, ready for the flow hash.
struct InnerPacket {
    var isV6: Bool
    var trafficClass: UInt8
    var hopLimit: UInt8
    var dontFragment: Bool
    var `protocol`: UInt8
    var sourceFold: UInt64
    var destinationFold: UInt64
    var sourcePort: UInt64 = 0
    var destinationPort: UInt64 = 0

    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) throws(EncapsulationError) {
        let at = range.lowerBound
        let length = range.count
        guard length >= 20 else { throw .malformedInner(offset: at) }
        let first = bytes[at]
        if first >> 4 == 4 {
            let headerLength = Int(first & 0x0F) * 4
            guard headerLength >= 20, headerLength <= length, Int(bytes.uint16(at + 2)) == length else {
                throw .malformedInner(offset: at)
            }
            isV6 = false
            trafficClass = bytes[at + 1]
            let fragmentField = bytes.uint16(at + 6)
            dontFragment = fragmentField & 0x4000 != 0
            hopLimit = bytes[at + 8]
            `protocol` = bytes[at + 9]
            sourceFold = UInt64(bytes.uint32(at + 12))
            destinationFold = UInt64(bytes.uint32(at + 16))
            if fragmentField & 0x1FFF == 0 { readPorts(bytes, at: at + headerLength, end: range.upperBound) }
        } else if first >> 4 == 6 {
            guard length >= 40, 40 + Int(bytes.uint16(at + 4)) == length else { throw .malformedInner(offset: at) }
            isV6 = true
            trafficClass = UInt8(truncatingIfNeeded: bytes.uint16(at) >> 4)
            hopLimit = bytes[at + 7]
            dontFragment = true
            `protocol` = bytes[at + 6]
            sourceFold = FlowKey.fold(high: bytes.uint64(at + 8), low: bytes.uint64(at + 16))
            destinationFold = FlowKey.fold(high: bytes.uint64(at + 24), low: bytes.uint64(at + 32))
            switch `protocol` {
            case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.sctp, IPProtocolNumber.icmpv6:
                readPorts(bytes, at: at + 40, end: range.upperBound)
            default:
                readPortsAfterExtensionHeaders(bytes, range: range)
            }
        } else {
            throw .malformedInner(offset: at)
        }
    }

    /// Extension headers: the full walk, off the fast path.
    @inline(never)
    mutating func readPortsAfterExtensionHeaders(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        var facts = IPHeaderFacts(version: .v6, offset: range.lowerBound)
        guard IPv6HeaderParser.parse(bytes, at: range.lowerBound, end: range.upperBound,
                                     maximumExtensionHeaders: 8, into: &facts) == nil else { return }
        `protocol` = facts.upperProtocol
        if !facts.isLaterFragment { readPorts(bytes, at: facts.upperLayerOffset, end: range.upperBound) }
    }

    @inline(__always)
    mutating func readPorts(_ bytes: UnsafeRawBufferPointer, at: Int, end: Int) {
        switch `protocol` {
        case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.sctp:
            guard at + 4 <= end else { return }
            sourcePort = UInt64(bytes.uint16(at))
            destinationPort = UInt64(bytes.uint16(at + 2))
        case IPProtocolNumber.icmp, IPProtocolNumber.icmpv6:
            guard at + 6 <= end else { return }
            let type = bytes[at]
            if type == 8 || type == 0 || type == 128 || type == 129 { sourcePort = UInt64(bytes.uint16(at + 4)) }
        default:
            return
        }
    }
}
