/// An NLMSG_ERROR message: an ACK when `errno` is 0, a failure otherwise, with the
/// echoed request header and every extended-ACK attribute the kernel attached.
public struct NetlinkErrorMessage: Equatable, Sendable {
    /// The positive errno (0 for an ACK).
    public var errno: Int32
    /// The header of the request this answers.
    public var request: NetlinkHeader
    /// The extended ACK (NETLINK_EXT_ACK): message, offset, cookie, policy, missing attribute.
    public var extendedAck: ExtendedAck

    public var isAcknowledgement: Bool { errno == 0 }

    /// Decodes the payload of an NLMSG_ERROR message with header `flags`.
    public init(payload: ArraySlice<UInt8>, flags: NetlinkFlags, offset: Int = 0) throws(NetlinkDecodingError) {
        guard let code = payload.native(Int32.self, at: 0) else {
            throw NetlinkDecodingError("error message needs a 4-byte errno, has \(payload.count) bytes", at: offset)
        }
        // The kernel sends -errno; a positive value or INT32_MIN is not an errno at all.
        guard code <= 0, code != Int32.min else {
            throw NetlinkDecodingError("error code \(code) is not a negative errno", at: offset)
        }
        errno = -code
        guard let echoed = payload.bytes(from: 4) else {
            throw NetlinkDecodingError("error message lacks the echoed request", at: offset + 4)
        }
        request = try NetlinkHeader(decoding: echoed, offset: offset + 4)
        // Without NLM_F_CAPPED the whole request is echoed; its own length says how much.
        var skip = NetlinkHeader.size
        if !flags.contains(.capped) {
            skip = netlinkAlign(max(Int(request.length), NetlinkHeader.size))
        }
        extendedAck = ExtendedAck()
        if flags.contains(.acknowledgementTLVs) {
            guard let tlvs = echoed.bytes(from: skip) else {
                throw NetlinkDecodingError("echoed request length \(request.length) past the error message", at: offset + 4)
            }
            extendedAck = try ExtendedAck(parsing: tlvs, baseOffset: offset + 4 + skip)
        }
    }

    public init(errno: Int32, request: NetlinkHeader, extendedAck: ExtendedAck = ExtendedAck()) {
        self.errno = errno
        self.request = request
        self.extendedAck = extendedAck
    }
}

/// The extended-ACK attributes (`NLMSGERR_ATTR_*`) of an error or ACK message.
public struct ExtendedAck: Equatable, Sendable {
    /// A human-readable reason (NLMSGERR_ATTR_MSG).
    public var message: String?
    /// Byte offset in the request of the attribute at fault (NLMSGERR_ATTR_OFFS).
    public var offset: UInt32?
    /// Subsystem-specific bytes (NLMSGERR_ATTR_COOKIE).
    public var cookie: [UInt8]?
    /// The policy the rejected attribute failed (NLMSGERR_ATTR_POLICY).
    public var policy: AttributePolicy?
    /// The type of a required attribute that was missing (NLMSGERR_ATTR_MISS_TYPE).
    public var missingType: UInt32?
    /// Offset of the nest in which it was missing (NLMSGERR_ATTR_MISS_NEST).
    public var missingNest: UInt32?
    /// Attributes this decoder does not know, kept as they came.
    public var unknown: [NetlinkAttribute] = []

    public init() {}

    public var isEmpty: Bool {
        message == nil && offset == nil && cookie == nil && policy == nil && missingType == nil
            && missingNest == nil && unknown.isEmpty
    }

    public init(parsing bytes: ArraySlice<UInt8>, baseOffset: Int = 0) throws(NetlinkDecodingError) {
        for attribute in try NetlinkAttributes(parsing: bytes, baseOffset: baseOffset) {
            switch attribute.type {
            case 1: message = attribute.string()
            case 2: offset = try attribute.uint32()
            case 3: cookie = Array(attribute.value)
            case 4: policy = try AttributePolicy(parsing: attribute.nested())
            case 5: missingType = try attribute.uint32()
            case 6: missingNest = try attribute.uint32()
            default: unknown.append(attribute)
            }
        }
    }
}

/// A netlink attribute policy as the kernel reports it (`NL_POLICY_TYPE_ATTR_*`).
public struct AttributePolicy: Equatable, Sendable {
    /// The attribute kind (`NL_ATTR_TYPE_*`: 1 flag, 2-5 u8-u64, 6-9 s8-s64, 10 binary,
    /// 11 string, 12 NUL string, 13 nested, 14 nested array, 15 bitfield32, 16 sint, 17 uint).
    public var type: UInt32?
    public var minimumSigned: Int64?
    public var maximumSigned: Int64?
    public var minimumUnsigned: UInt64?
    public var maximumUnsigned: UInt64?
    public var minimumLength: UInt32?
    public var maximumLength: UInt32?
    public var policyIndex: UInt32?
    public var policyMaximumType: UInt32?
    public var bitfield32Mask: UInt32?
    public var mask: UInt64?
    public var unknown: [NetlinkAttribute] = []

    public init() {}

    public init(parsing attributes: NetlinkAttributes) throws(NetlinkDecodingError) {
        for attribute in attributes {
            switch attribute.type {
            case 1: type = try attribute.uint32()
            case 2: minimumSigned = Int64(bitPattern: try attribute.uint64())
            case 3: maximumSigned = Int64(bitPattern: try attribute.uint64())
            case 4: minimumUnsigned = try attribute.uint64()
            case 5: maximumUnsigned = try attribute.uint64()
            case 6: minimumLength = try attribute.uint32()
            case 7: maximumLength = try attribute.uint32()
            case 8: policyIndex = try attribute.uint32()
            case 9: policyMaximumType = try attribute.uint32()
            case 10: bitfield32Mask = try attribute.uint32()
            case 11: break // NL_POLICY_TYPE_ATTR_PAD
            case 12: mask = try attribute.uint64()
            default: unknown.append(attribute)
            }
        }
    }
}
