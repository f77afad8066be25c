/// An address on a link (RTM_NEWADDR).
public struct InterfaceAddress: Hashable, Sendable {
    public var interfaceIndex: Int32
    public var address: IPAddress
    public var prefixLength: UInt8
    /// `IFA_F_*` flags (0x02 nodad, 0x80 permanent...).
    public var flags: UInt32
    public var scope: UInt8
    public var label: String?

    public init(interfaceIndex: Int32, address: IPAddress, prefixLength: UInt8, flags: UInt32 = 0, scope: UInt8 = 0,
                label: String? = nil) {
        self.interfaceIndex = interfaceIndex
        self.address = address
        self.prefixLength = prefixLength
        self.flags = flags
        self.scope = scope
        self.label = label
    }

    /// Decodes an RTM_NEWADDR payload.
    public init(parsing payload: ArraySlice<UInt8>, offset: Int = 0) throws(NetlinkDecodingError) {
        guard payload.count >= 8, let family = payload.native(UInt8.self, at: 0), let prefix = payload.native(UInt8.self, at: 1),
              let shortFlags = payload.native(UInt8.self, at: 2), let scope = payload.native(UInt8.self, at: 3),
              let index = payload.native(UInt32.self, at: 4)
        else { throw NetlinkDecodingError("ifaddrmsg needs 8 bytes, has \(payload.count)", at: offset) }
        guard let af = AddressFamily(rawValue: UInt16(family)) else {
            throw NetlinkDecodingError("address family \(family) is neither AF_INET nor AF_INET6", at: offset)
        }
        let a = try NetlinkAttributes(parsing: payload.bytes(from: 8) ?? [], baseOffset: offset + 8)
        typealias A = RouteWire.AddressAttribute
        // IFA_LOCAL is the interface's own address on point-to-point links; IFA_ADDRESS otherwise.
        guard let raw = a.first(A.local) ?? a.first(A.address), let address = IPAddress(bytes: raw.value, family: af),
              raw.value.count == (af == .inet ? 4 : 16)
        else { throw NetlinkDecodingError("address message without a valid address", at: offset) }
        interfaceIndex = Int32(bitPattern: index)
        self.address = address
        prefixLength = prefix
        flags = try a.uint32(A.flags) ?? UInt32(shortFlags)
        self.scope = scope
        label = a.string(A.label)
    }
}

/// The next hop of a route: a gateway of the route's family, or (RTA_VIA) one of the
/// other family, such as an IPv4 route via an IPv6 next hop.
public enum NextHop: Hashable, Sendable {
    case gateway(IPAddress)
    case via(IPAddress)
}

/// A route (RTM_NEWROUTE).
public struct Route: Hashable, Sendable {
    public var destination: IPAddress
    public var prefixLength: UInt8
    public var nextHop: NextHop?
    public var outputInterface: Int32?
    public var table: UInt32
    public var metric: UInt32?
    public var preferredSource: IPAddress?
    /// The gateway is on the link even if no address's prefix covers it (RTNH_F_ONLINK).
    public var onLink: Bool
    /// RTPROT_* (3 boot, 4 static); RTN_* type (1 unicast, 2 local); RT_SCOPE_*.
    public var protocolID: UInt8
    public var type: UInt8
    public var scope: UInt8

    public var family: AddressFamily { destination.family }

    public init(destination: IPAddress, prefixLength: UInt8, nextHop: NextHop? = nil, outputInterface: Int32? = nil,
                table: UInt32 = UInt32(RouteWire.mainTable), metric: UInt32? = nil, preferredSource: IPAddress? = nil,
                onLink: Bool = false, protocolID: UInt8 = 4, type: UInt8 = 1, scope: UInt8? = nil) {
        self.destination = destination
        self.prefixLength = prefixLength
        self.nextHop = nextHop
        self.outputInterface = outputInterface
        self.table = table
        self.metric = metric
        self.preferredSource = preferredSource
        self.onLink = onLink
        self.protocolID = protocolID
        self.type = type
        // A route without a gateway reaches hosts on the link directly.
        self.scope = scope ?? (nextHop == nil ? 253 : 0)
    }

    /// The RTM_NEWROUTE / RTM_DELROUTE payload.
    func encode() -> AttributeWriter {
        var header: [UInt8] = [UInt8(truncatingIfNeeded: family.rawValue), prefixLength, 0, 0,
                               UInt8(truncatingIfNeeded: min(table, 255)), protocolID, scope, type]
        header.appendNative(onLink ? RouteWire.routeOnLink : 0)
        var w = AttributeWriter(prefix: header)
        typealias R = RouteWire.RouteAttribute
        w.append(R.destination, bytes: destination.bytes)
        if table > 255 { w.append(R.table, uint32: table) }
        switch nextHop {
        case .gateway(let a)?: w.append(R.gateway, bytes: a.bytes)
        case .via(let a)?:
            var via: [UInt8] = []
            via.appendNative(a.family.rawValue)
            via.append(contentsOf: a.bytes)
            w.append(R.via, bytes: via)
        case nil: break
        }
        if let outputInterface { w.append(R.outputInterface, int32: outputInterface) }
        if let metric { w.append(R.priority, uint32: metric) }
        if let preferredSource { w.append(R.preferredSource, bytes: preferredSource.bytes) }
        return w
    }

    /// Decodes an RTM_NEWROUTE payload.
    public init(parsing payload: ArraySlice<UInt8>, offset: Int = 0) throws(NetlinkDecodingError) {
        guard payload.count >= 12, let family = payload.native(UInt8.self, at: 0), let dstLength = payload.native(UInt8.self, at: 1),
              let table = payload.native(UInt8.self, at: 4), let proto = payload.native(UInt8.self, at: 5),
              let scope = payload.native(UInt8.self, at: 6), let type = payload.native(UInt8.self, at: 7),
              let flags = payload.native(UInt32.self, at: 8)
        else { throw NetlinkDecodingError("rtmsg needs 12 bytes, has \(payload.count)", at: offset) }
        guard let af = AddressFamily(rawValue: UInt16(family)) else {
            throw NetlinkDecodingError("route family \(family) is neither AF_INET nor AF_INET6", at: offset)
        }
        let a = try NetlinkAttributes(parsing: payload.bytes(from: 12) ?? [], baseOffset: offset + 12)
        typealias R = RouteWire.RouteAttribute
        let width = af == .inet ? 4 : 16
        func address(_ type: UInt16) -> IPAddress? {
            guard let raw = a.first(type), raw.value.count == width else { return nil }
            return IPAddress(bytes: raw.value, family: af)
        }
        destination = address(R.destination) ?? (af == .inet ? .v4(IPv4Address(0)) : .v6(IPv6Address(high: 0, low: 0)))
        prefixLength = dstLength
        if let gateway = address(R.gateway) {
            nextHop = .gateway(gateway)
        } else if let via = a.first(R.via), let raw = via.value.native(UInt16.self, at: 0), let viaFamily = AddressFamily(rawValue: raw),
                  let rest = via.value.bytes(from: 2), rest.count == (viaFamily == .inet ? 4 : 16),
                  let hop = IPAddress(bytes: rest, family: viaFamily) {
            nextHop = .via(hop)
        } else {
            nextHop = nil
        }
        outputInterface = try a.int32(R.outputInterface)
        self.table = try a.uint32(R.table) ?? UInt32(table)
        metric = try a.uint32(R.priority)
        preferredSource = address(R.preferredSource)
        onLink = flags & RouteWire.routeOnLink != 0
        protocolID = proto
        self.type = type
        self.scope = scope
    }
}
