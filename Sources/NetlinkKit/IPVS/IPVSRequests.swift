/// Pure builders of IPVS request payloads (generic netlink header + attributes). The
/// client sends them; tests compare them byte for byte with what the kernel expects.
public enum IPVSRequests {
    static func header(_ command: IPVSWire.Command) -> AttributeWriter {
        AttributeWriter(prefix: GenericHeader(command: command.rawValue, version: IPVSWire.version).bytes)
    }

    static func finish(_ writer: AttributeWriter, family: UInt16, flags: NetlinkFlags = []) throws(NetlinkError) -> NetlinkRequest {
        do { return NetlinkRequest(type: family, flags: flags, payload: try writer.finish()) } catch { throw .encoding(error) }
    }

    public static func addService(_ service: IPVSService, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.newService)
        service.encode(into: &w)
        return try finish(w, family: family)
    }

    public static func editService(_ service: IPVSService, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.setService)
        service.encode(into: &w)
        return try finish(w, family: family)
    }

    public static func deleteService(_ id: VirtualService, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.deleteService)
        w.nested(IPVSWire.CommandAttribute.service) { id.encode(into: &$0) }
        return try finish(w, family: family)
    }

    /// GET_SERVICE for one service (a "do" request), or for all (send as a dump) when nil.
    public static func getService(_ id: VirtualService?, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.getService)
        if let id { w.nested(IPVSWire.CommandAttribute.service) { id.encode(into: &$0) } }
        return try finish(w, family: family)
    }

    public static func addDestination(_ destination: IPVSDestination, to service: VirtualService, family: UInt16)
        throws(NetlinkError) -> NetlinkRequest {
        var w = header(.newDestination)
        w.nested(IPVSWire.CommandAttribute.service) { service.encode(into: &$0) }
        destination.encode(into: &w)
        return try finish(w, family: family)
    }

    public static func editDestination(_ destination: IPVSDestination, of service: VirtualService, family: UInt16)
        throws(NetlinkError) -> NetlinkRequest {
        var w = header(.setDestination)
        w.nested(IPVSWire.CommandAttribute.service) { service.encode(into: &$0) }
        destination.encode(into: &w)
        return try finish(w, family: family)
    }

    public static func deleteDestination(address: IPAddress, port: Port, of service: VirtualService, family: UInt16)
        throws(NetlinkError) -> NetlinkRequest {
        var w = header(.deleteDestination)
        w.nested(IPVSWire.CommandAttribute.service) { service.encode(into: &$0) }
        IPVSDestination.encodeIdentity(address: address, port: port, into: &w)
        return try finish(w, family: family)
    }

    /// GET_DEST is always a dump, filtered by the service.
    public static func getDestinations(of service: VirtualService, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.getDestination)
        w.nested(IPVSWire.CommandAttribute.service) { service.encode(into: &$0) }
        return try finish(w, family: family)
    }

    public static func flush(family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        try finish(header(.flush), family: family)
    }

    /// ZERO: the counters of one service, or of everything when nil.
    public static func zero(_ service: VirtualService?, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.zero)
        if let service { w.nested(IPVSWire.CommandAttribute.service) { service.encode(into: &$0) } }
        return try finish(w, family: family)
    }

    public static func getConfig(family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        try finish(header(.getConfig), family: family)
    }

    /// SET_CONFIG: a zero timeout leaves that timeout unchanged.
    public static func setTimeouts(_ timeouts: IPVSTimeouts, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.setConfig)
        w.append(IPVSWire.CommandAttribute.timeoutTCP, uint32: timeouts.tcp)
        w.append(IPVSWire.CommandAttribute.timeoutTCPFin, uint32: timeouts.tcpFin)
        w.append(IPVSWire.CommandAttribute.timeoutUDP, uint32: timeouts.udp)
        return try finish(w, family: family)
    }

    public static func getInfo(family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        try finish(header(.getInfo), family: family)
    }

    public static func startDaemon(_ daemon: IPVSSyncDaemon, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.newDaemon)
        daemon.encode(into: &w)
        return try finish(w, family: family)
    }

    public static func stopDaemon(_ role: IPVSSyncDaemon.Role, family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        var w = header(.deleteDaemon)
        w.nested(IPVSWire.CommandAttribute.daemon) { $0.append(IPVSWire.DaemonAttribute.state, uint32: role.rawValue) }
        return try finish(w, family: family)
    }

    public static func getDaemons(family: UInt16) throws(NetlinkError) -> NetlinkRequest {
        try finish(header(.getDaemon), family: family)
    }
}
