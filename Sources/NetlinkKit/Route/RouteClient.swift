/// rtnetlink for what a load-balancer host needs: links (dummy, veth, ipip, sit,
/// ip6tnl; up, down, MTU), addresses and routes.
public final class RouteClient {
    public let connection: NetlinkConnection

    public init(connection: NetlinkConnection) {
        self.connection = connection
    }

    #if canImport(Glibc)
    /// Opens a NETLINK_ROUTE socket (inside `namespace` when given).
    public convenience init(namespace: NetworkNamespace? = nil) throws(NetlinkError) {
        self.init(connection: NetlinkConnection(transport: try NetlinkSocket(protocol: .route, namespace: namespace)))
    }
    #endif

    static func interfaceHeader(family: UInt8 = 0, index: Int32 = 0, flags: UInt32 = 0, change: UInt32 = 0) -> [UInt8] {
        var bytes: [UInt8] = [family, 0]
        bytes.appendNative(UInt16(0))
        bytes.appendNative(index)
        bytes.appendNative(flags)
        bytes.appendNative(change)
        return bytes
    }

    static func finish(_ type: UInt16, _ flags: NetlinkFlags, _ writer: AttributeWriter) throws(NetlinkError) -> NetlinkRequest {
        do { return NetlinkRequest(type: type, flags: flags, payload: try writer.finish()) } catch { throw .encoding(error) }
    }

    // MARK: Links

    /// The RTM_NEWLINK request creating `name` of `kind`.
    public static func createLinkRequest(name: String, kind: LinkKind, mtu: UInt32? = nil, up: Bool = false) throws(NetlinkError) -> NetlinkRequest {
        typealias L = RouteWire.LinkAttribute
        var w = AttributeWriter(prefix: interfaceHeader(flags: up ? RouteWire.interfaceUp : 0, change: up ? RouteWire.interfaceUp : 0))
        w.append(L.name, string: name)
        if let mtu { w.append(L.mtu, uint32: mtu) }
        w.nested(L.linkInfo) { info in
            info.append(RouteWire.LinkInfoAttribute.kind, string: kind.name)
            switch kind {
            case .dummy: break
            case .veth(let peer):
                info.nested(RouteWire.LinkInfoAttribute.data) { data in
                    data.beginNested(RouteWire.vethPeer)
                    // The peer is described by its own ifinfomsg and attributes.
                    var peerWriter = AttributeWriter(prefix: interfaceHeader())
                    peerWriter.append(L.name, string: peer)
                    data.append(bytesOf: peerWriter)
                    data.endNested()
                }
            case .ip6tnl(let p): info.nested(RouteWire.LinkInfoAttribute.data) { p.encode(into: &$0) }
            case .ipip(let p), .sit(let p): info.nested(RouteWire.LinkInfoAttribute.data) { p.encode(into: &$0) }
            }
        }
        return try finish(RouteWire.MessageType.newLink, [.create, .exclusive], w)
    }

    public func createLink(name: String, kind: LinkKind, mtu: UInt32? = nil, up: Bool = false) throws(NetlinkError) {
        try connection.execute(Self.createLinkRequest(name: name, kind: kind, mtu: mtu, up: up))
    }

    public static func deleteLinkRequest(index: Int32) throws(NetlinkError) -> NetlinkRequest {
        try finish(RouteWire.MessageType.deleteLink, [], AttributeWriter(prefix: interfaceHeader(index: index)))
    }

    public func deleteLink(named name: String) throws(NetlinkError) {
        try connection.execute(Self.deleteLinkRequest(index: try link(named: name).index))
    }

    /// RTM_NEWLINK on an existing link: up or down, and the MTU.
    public static func setLinkRequest(index: Int32, up: Bool? = nil, mtu: UInt32? = nil) throws(NetlinkError) -> NetlinkRequest {
        let flags: UInt32 = up == true ? RouteWire.interfaceUp : 0
        let change: UInt32 = up == nil ? 0 : RouteWire.interfaceUp
        var w = AttributeWriter(prefix: interfaceHeader(index: index, flags: flags, change: change))
        if let mtu { w.append(RouteWire.LinkAttribute.mtu, uint32: mtu) }
        return try finish(RouteWire.MessageType.newLink, [], w)
    }

    public func setLink(named name: String, up: Bool? = nil, mtu: UInt32? = nil) throws(NetlinkError) {
        try connection.execute(Self.setLinkRequest(index: try link(named: name).index, up: up, mtu: mtu))
    }

    public func links() throws(NetlinkError) -> [Link] {
        let messages = try connection.dump(NetlinkRequest(type: RouteWire.MessageType.getLink, payload: Self.interfaceHeader()))
        var links: [Link] = []
        for message in messages where message.header.type == RouteWire.MessageType.newLink {
            do { links.append(try Link(parsing: message.payload, offset: message.offset + 16)) } catch { throw .malformed(error) }
        }
        return links
    }

    public func link(named name: String) throws(NetlinkError) -> Link {
        var w = AttributeWriter(prefix: Self.interfaceHeader())
        w.append(RouteWire.LinkAttribute.name, string: name)
        let replies = try connection.execute(try Self.finish(RouteWire.MessageType.getLink, [], w))
        guard let reply = replies.first else { throw .kernel(KernelError(errno: Errno.ENODEV)) }
        do { return try Link(parsing: reply.payload, offset: reply.offset + 16) } catch { throw .malformed(error) }
    }

    // MARK: Addresses

    public static func addressRequest(_ type: UInt16, _ address: InterfaceAddress) throws(NetlinkError) -> NetlinkRequest {
        var header: [UInt8] = [UInt8(truncatingIfNeeded: address.address.family.rawValue), address.prefixLength,
                               UInt8(truncatingIfNeeded: address.flags & 0xff), address.scope]
        header.appendNative(UInt32(bitPattern: address.interfaceIndex))
        var w = AttributeWriter(prefix: header)
        w.append(RouteWire.AddressAttribute.local, bytes: address.address.bytes)
        w.append(RouteWire.AddressAttribute.address, bytes: address.address.bytes)
        if address.flags != 0 { w.append(RouteWire.AddressAttribute.flags, uint32: address.flags) }
        return try finish(type, type == RouteWire.MessageType.newAddress ? [.create, .exclusive] : [], w)
    }

    /// Adds `address`; for IPv6 pass `noDAD` to use it at once (a VIP on lo, a tunnel end).
    public func addAddress(_ address: IPAddress, prefixLength: UInt8, to link: String, noDAD: Bool = false) throws(NetlinkError) {
        let index = try self.link(named: link).index
        try connection.execute(Self.addressRequest(RouteWire.MessageType.newAddress,
            InterfaceAddress(interfaceIndex: index, address: address, prefixLength: prefixLength,
                             flags: noDAD ? RouteWire.addressNoDAD : 0)))
    }

    public func deleteAddress(_ address: IPAddress, prefixLength: UInt8, from link: String) throws(NetlinkError) {
        let index = try self.link(named: link).index
        try connection.execute(Self.addressRequest(RouteWire.MessageType.deleteAddress,
            InterfaceAddress(interfaceIndex: index, address: address, prefixLength: prefixLength)))
    }

    public func addresses() throws(NetlinkError) -> [InterfaceAddress] {
        let messages = try connection.dump(NetlinkRequest(type: RouteWire.MessageType.getAddress, payload: [0, 0, 0, 0, 0, 0, 0, 0]))
        var addresses: [InterfaceAddress] = []
        for message in messages where message.header.type == RouteWire.MessageType.newAddress {
            do { addresses.append(try InterfaceAddress(parsing: message.payload, offset: message.offset + 16)) } catch { throw .malformed(error) }
        }
        return addresses
    }

    // MARK: Routes

    public static func routeRequest(_ type: UInt16, _ route: Route) throws(NetlinkError) -> NetlinkRequest {
        try finish(type, type == RouteWire.MessageType.newRoute ? [.create, .exclusive] : [], route.encode())
    }

    public func addRoute(_ route: Route) throws(NetlinkError) {
        try connection.execute(Self.routeRequest(RouteWire.MessageType.newRoute, route))
    }

    public func deleteRoute(_ route: Route) throws(NetlinkError) {
        try connection.execute(Self.routeRequest(RouteWire.MessageType.deleteRoute, route))
    }

    /// The routes of `family` in every table.
    public func routes(family: AddressFamily) throws(NetlinkError) -> [Route] {
        var header: [UInt8] = [UInt8(truncatingIfNeeded: family.rawValue), 0, 0, 0, 0, 0, 0, 0]
        header.appendNative(UInt32(0))
        let messages = try connection.dump(NetlinkRequest(type: RouteWire.MessageType.getRoute, payload: header))
        var routes: [Route] = []
        for message in messages where message.header.type == RouteWire.MessageType.newRoute {
            do { routes.append(try Route(parsing: message.payload, offset: message.offset + 16)) } catch { throw .malformed(error) }
        }
        return routes
    }
}

extension AttributeWriter {
    /// Appends another writer's finished bytes inside the current nest (a nested header).
    mutating func append(bytesOf other: AttributeWriter) {
        appendRaw(other.bytes)
    }
}
