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
/// IPv4, 40 for IPv6, 48 with the RFC 2473 encapsulation limit option). Nothing is allocated.
public struct Encapsulator: Hashable, Sendable {
    /// The tunnel's settings.
    public let configuration: EncapsulationConfiguration
    private let overhead: Int

    /// An encapsulator for `configuration`; throws when the source and destination
    /// versions differ.
    public init(_ configuration: EncapsulationConfiguration) throws(EncapsulationError) {
        let sourceVersion: IPVersion = switch configuration.source {
        case let .fixed(address): address.version
        case let .derivedFromFlow(prefix): prefix.address.version
        }
        guard sourceVersion == configuration.destination.version else { throw .sourceVersionMismatch }
        self.configuration = configuration
        overhead = configuration.overhead
    }

    /// Bytes of headroom needed in front of the inner packet.
    public var headroom: Int { overhead }

    /// Writes the outer header in front of the inner packet at `inner` in `buffer`, and
    /// returns where the outer packet is (`inner.lowerBound - headroom ..< inner.upperBound`).
    ///
    /// - Throws: ``EncapsulationError``: too little headroom, an inner packet that is not
    ///   IP or whose length field disagrees with `inner`, inner TTL 0, or an outer packet
    ///   larger than the link MTU (``EncapsulationError/packetTooBig(mtu:)``).
    @inline(__always)
    public func encapsulate(_ buffer: UnsafeMutableRawBufferPointer, inner: Range<Int>) throws(EncapsulationError) -> Range<Int> {
        guard inner.lowerBound >= overhead else {
            throw .insufficientHeadroom(needed: overhead, available: max(inner.lowerBound, 0))
        }
        guard inner.upperBound <= buffer.count else { throw .malformedInner(offset: buffer.count) }
        let facts = try InnerPacket(UnsafeRawBufferPointer(buffer), range: inner)
        guard facts.hopLimit != 0 else { throw .innerTTLZero }
        let innerLength = inner.count
        let outerLength = overhead + innerLength
        guard outerLength <= configuration.linkMTU, outerLength - (configuration.outerVersion == .v4 ? 0 : 40) <= 0xFFFF else {
            throw .packetTooBig(mtu: min(configuration.linkMTU, 0xFFFF) - overhead)
        }
        let start = inner.lowerBound - overhead
        let entropy = facts.flow.entropy(seed: configuration.hashSeed)
        let dscp: UInt8 = switch configuration.dscp {
        case .copy: facts.trafficClass >> 2
        case let .set(value): value & 0x3F
        }
        let trafficClass = dscp << 2 | configuration.ecn.outer(for: ECN(trafficClass: facts.trafficClass)).rawValue
        let innerProtocol = facts.version == .v4 ? IPProtocolNumber.ipv4 : IPProtocolNumber.ipv6
        let source = outerSource(entropy: entropy)

        switch (source, configuration.destination) {
        case let (.v6(src), .v6(dst)):
            let label: UInt32 = switch configuration.flowLabel {
            case .fromFlow: Self.flowLabel(entropy)
            case let .fixed(value): value & 0xF_FFFF
            }
            buffer.setUInt32(6 << 28 | UInt32(trafficClass) << 20 | label, at: start)
            buffer.setUInt16(UInt16(truncatingIfNeeded: outerLength - 40), at: start + 4)
            buffer[start + 7] = configuration.hopLimit
            buffer.setUInt64(src.high, at: start + 8)
            buffer.setUInt64(src.low, at: start + 16)
            buffer.setUInt64(dst.high, at: start + 24)
            buffer.setUInt64(dst.low, at: start + 32)
            if let limit = configuration.encapsulationLimit {
                // RFC 2473 section 5.1: the option (type 4, length 1) then a PadN of one byte.
                buffer[start + 6] = IPProtocolNumber.destinationOptions
                buffer[start + 40] = innerProtocol
                buffer[start + 41] = 0
                buffer[start + 42] = 4
                buffer[start + 43] = 1
                buffer[start + 44] = limit
                buffer[start + 45] = 1
                buffer[start + 46] = 1
                buffer[start + 47] = 0
            } else {
                buffer[start + 6] = innerProtocol
            }
        case let (.v4(src), .v4(dst)):
            let dontFragment: Bool = switch configuration.dontFragment {
            case .copyInner: facts.dontFragment
            case .set: true
            case .clear: false
            }
            let identification: UInt16 = switch configuration.identification {
            case .fromFlow: UInt16(truncatingIfNeeded: entropy)
            case let .fixed(value): value
            }
            buffer.setUInt16(0x4500 | UInt16(trafficClass), at: start)
            buffer.setUInt16(UInt16(truncatingIfNeeded: outerLength), at: start + 2)
            buffer.setUInt16(identification, at: start + 4)
            buffer.setUInt16(dontFragment ? 0x4000 : 0, at: start + 6)
            buffer.setUInt16(UInt16(configuration.hopLimit) << 8 | UInt16(innerProtocol), at: start + 8)
            buffer.setUInt16(0, at: start + 10)
            buffer.setUInt32(src.value, at: start + 12)
            buffer.setUInt32(dst.value, at: start + 16)
            let checksum = InternetChecksum.checksum(UnsafeRawBufferPointer(buffer), start..<(start + 20))
            buffer.setUInt16(checksum, at: start + 10)
        default:
            throw .sourceVersionMismatch // unreachable: checked in init
        }
        return start..<inner.upperBound
    }

    /// The outer source for a flow with this hash.
    @inline(__always)
    public func outerSource(entropy: UInt32) -> IPAddress {
        switch configuration.source {
        case let .fixed(address):
            return address
        case let .derivedFromFlow(prefix):
            let spread = FlowKey.mix(UInt64(entropy))
            switch prefix.address {
            case let .v4(network):
                let hostMask: UInt32 = prefix.length == 0 ? ~0 : prefix.length >= 32 ? 0 : ~0 >> UInt32(prefix.length)
                return .v4(IPv4Address(network.value | UInt32(truncatingIfNeeded: spread) & hostMask))
            case let .v6(network):
                let length = prefix.length
                let highMask: UInt64 = length == 0 ? ~0 : length >= 64 ? 0 : ~0 >> UInt64(length)
                let lowMask: UInt64 = length <= 64 ? ~0 : length >= 128 ? 0 : ~0 >> UInt64(length - 64)
                return .v6(IPv6Address(high: network.high | (spread.byteSwapped & highMask), low: network.low | (spread & lowMask)))
            }
        }
    }

    /// RFC 6438 section 3: 20 bits of the flow hash, never zero (zero means "no label").
    @inline(__always)
    static func flowLabel(_ entropy: UInt32) -> UInt32 {
        let label = (entropy ^ entropy >> 20) & 0xF_FFFF
        return label == 0 ? 1 : label
    }
}

/// The few facts about an inner packet that encapsulation needs, read without validating
/// more than the lengths.
struct InnerPacket {
    var version: IPVersion
    var trafficClass: UInt8
    var hopLimit: UInt8
    var dontFragment: Bool
    var flow: FlowKey

    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) throws(EncapsulationError) {
        let at = range.lowerBound
        let length = range.count
        guard length >= 20 else { throw .malformedInner(offset: at) }
        switch bytes[at] >> 4 {
        case 4:
            let headerLength = Int(bytes[at] & 0x0F) * 4
            guard headerLength >= 20, headerLength <= length, Int(bytes.uint16(at + 2)) == length else {
                throw .malformedInner(offset: at)
            }
            version = .v4
            trafficClass = bytes[at + 1]
            hopLimit = bytes[at + 8]
            let flags = bytes.uint16(at + 6)
            dontFragment = flags & 0x4000 != 0
            let proto = bytes[at + 9]
            flow = FlowKey(protocol: proto, source: .v4(IPv4Address(reading: bytes, at: at + 12)),
                           destination: .v4(IPv4Address(reading: bytes, at: at + 16)))
            if flags & 0x1FFF == 0 { Self.readPorts(bytes, at: at + headerLength, end: range.upperBound, into: &flow) }
        case 6:
            guard length >= 40, 40 + Int(bytes.uint16(at + 4)) == length else { throw .malformedInner(offset: at) }
            version = .v6
            trafficClass = UInt8(truncatingIfNeeded: bytes.uint16(at) >> 4)
            hopLimit = bytes[at + 7]
            dontFragment = true
            flow = FlowKey(protocol: bytes[at + 6], source: .v6(IPv6Address(reading: bytes, at: at + 8)),
                           destination: .v6(IPv6Address(reading: bytes, at: at + 24)))
            switch flow.protocol {
            case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.sctp, IPProtocolNumber.icmpv6:
                Self.readPorts(bytes, at: at + 40, end: range.upperBound, into: &flow)
            default:
                // Extension headers: the full walk, off the fast path.
                var facts = IPHeaderFacts(version: .v6, offset: at)
                if IPv6HeaderParser.parse(bytes, at: at, end: range.upperBound, maximumExtensionHeaders: 8, into: &facts) == nil {
                    flow = FlowKey(header: facts, in: bytes)
                }
            }
        default:
            throw .malformedInner(offset: at)
        }
    }

    @inline(__always)
    static func readPorts(_ bytes: UnsafeRawBufferPointer, at: Int, end: Int, into flow: inout FlowKey) {
        switch flow.protocol {
        case IPProtocolNumber.tcp, IPProtocolNumber.udp, IPProtocolNumber.sctp:
            guard at + 4 <= end else { return }
            flow.sourcePort = bytes.uint16(at)
            flow.destinationPort = bytes.uint16(at + 2)
        case IPProtocolNumber.icmp, IPProtocolNumber.icmpv6:
            guard at + 6 <= end else { return }
            let type = bytes[at]
            if type == 8 || type == 0 || type == 128 || type == 129 { flow.icmpIdentifier = bytes.uint16(at + 4) }
        default:
            return
        }
    }
}
