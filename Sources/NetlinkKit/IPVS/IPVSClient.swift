/// Drives IPVS over generic netlink: one method per command of ip_vs.h, typed models in
/// and out, errors that name the object and the reason.
public final class IPVSClient {
    public let connection: NetlinkConnection
    private var familyID: UInt16?

    public init(connection: NetlinkConnection) {
        self.connection = connection
    }

    #if canImport(Glibc)
    /// Opens a NETLINK_GENERIC socket (inside `namespace` when given).
    public convenience init(namespace: NetworkNamespace? = nil) throws(IPVSError) {
        do {
            self.init(connection: NetlinkConnection(transport: try NetlinkSocket(protocol: .generic, namespace: namespace)))
        } catch {
            throw IPVSError(error, during: .other("netlink socket"))
        }
    }
    #endif

    /// The IPVS family id, resolved once.
    public func family() throws(IPVSError) -> UInt16 {
        if let familyID { return familyID }
        do {
            let id = try connection.family(named: IPVSWire.familyName).id
            familyID = id
            return id
        } catch {
            throw IPVSError(error, during: .other("IPVS"))
        }
    }

    private func run(_ operation: IPVSError.Operation,
                     _ build: (UInt16) throws(NetlinkError) -> NetlinkRequest) throws(IPVSError) -> [GenericMessage] {
        let id = try family()
        do {
            return try decode(connection.execute(build(id)))
        } catch {
            throw IPVSError(error, during: operation)
        }
    }

    private func runDump(_ operation: IPVSError.Operation,
                         _ build: (UInt16) throws(NetlinkError) -> NetlinkRequest) throws(IPVSError) -> [GenericMessage] {
        let id = try family()
        do {
            return try decode(connection.dump(build(id)))
        } catch {
            throw IPVSError(error, during: operation)
        }
    }

    private func decode(_ messages: [NetlinkMessage]) throws(NetlinkError) -> [GenericMessage] {
        var decoded: [GenericMessage] = []
        decoded.reserveCapacity(messages.count)
        for message in messages {
            do { decoded.append(try GenericMessage(message)) } catch { throw .malformed(error) }
        }
        return decoded
    }

    // MARK: Services

    public func add(_ service: IPVSService) throws(IPVSError) {
        _ = try run(.addService(service)) { id throws(NetlinkError) in try IPVSRequests.addService(service, family: id) }
    }

    /// Replaces the settings of an existing service (scheduler, flags, persistence).
    public func update(_ service: IPVSService) throws(IPVSError) {
        _ = try run(.editService(service)) { id throws(NetlinkError) in try IPVSRequests.editService(service, family: id) }
    }

    public func delete(_ service: VirtualService) throws(IPVSError) {
        _ = try run(.deleteService(service)) { id throws(NetlinkError) in try IPVSRequests.deleteService(service, family: id) }
    }

    public func services() throws(IPVSError) -> [IPVSService] {
        let messages = try runDump(.other("IPVS services")) { id throws(NetlinkError) in
            try IPVSRequests.getService(nil, family: id)
        }
        return try Self.services(from: messages)
    }

    public func service(_ id: VirtualService) throws(IPVSError) -> IPVSService {
        let messages = try run(.getService(id)) { family throws(NetlinkError) in try IPVSRequests.getService(id, family: family) }
        let services = try Self.services(from: messages)
        guard let service = services.first else {
            throw IPVSError(object: "service \(id)", reason: "no such service",
                            underlying: .kernel(KernelError(errno: Errno.ESRCH)))
        }
        return service
    }

    static func services(from messages: [GenericMessage]) throws(IPVSError) -> [IPVSService] {
        var services: [IPVSService] = []
        services.reserveCapacity(messages.count)
        for message in messages {
            do {
                guard let nest = try message.attributes.nested(IPVSWire.CommandAttribute.service) else { continue }
                services.append(try IPVSService(parsing: nest))
            } catch {
                throw IPVSError(object: "IPVS service list", reason: error.description, underlying: .malformed(error))
            }
        }
        return services
    }

    // MARK: Destinations

    public func add(_ destination: IPVSDestination, to service: VirtualService) throws(IPVSError) {
        _ = try run(.addDestination(destination, service)) { id throws(NetlinkError) in
            try IPVSRequests.addDestination(destination, to: service, family: id)
        }
    }

    public func update(_ destination: IPVSDestination, of service: VirtualService) throws(IPVSError) {
        _ = try run(.editDestination(destination, service)) { id throws(NetlinkError) in
            try IPVSRequests.editDestination(destination, of: service, family: id)
        }
    }

    public func deleteDestination(address: IPAddress, port: Port, of service: VirtualService) throws(IPVSError) {
        _ = try run(.deleteDestination(address, port, service)) { id throws(NetlinkError) in
            try IPVSRequests.deleteDestination(address: address, port: port, of: service, family: id)
        }
    }

    public func destinations(of service: VirtualService) throws(IPVSError) -> [IPVSDestination] {
        let messages = try runDump(.listDestinations(service)) { id throws(NetlinkError) in
            try IPVSRequests.getDestinations(of: service, family: id)
        }
        var destinations: [IPVSDestination] = []
        for message in messages {
            do {
                guard let nest = try message.attributes.nested(IPVSWire.CommandAttribute.destination) else { continue }
                destinations.append(try IPVSDestination(parsing: nest, serviceFamily: service.family))
            } catch {
                throw IPVSError(object: "destinations of service \(service)", reason: error.description, underlying: .malformed(error))
            }
        }
        return destinations
    }

    // MARK: Everything else

    /// Removes every service and destination.
    public func flush() throws(IPVSError) {
        _ = try run(.other("IPVS flush")) { id throws(NetlinkError) in try IPVSRequests.flush(family: id) }
    }

    /// Zeroes the counters of one service, or of all.
    public func zero(_ service: VirtualService? = nil) throws(IPVSError) {
        _ = try run(.zero(service)) { id throws(NetlinkError) in try IPVSRequests.zero(service, family: id) }
    }

    public func timeouts() throws(IPVSError) -> IPVSTimeouts {
        let messages = try run(.other("IPVS timeouts")) { id throws(NetlinkError) in try IPVSRequests.getConfig(family: id) }
        guard let attributes = messages.first?.attributes else {
            throw IPVSError(object: "IPVS timeouts", reason: "no reply", underlying: .closed)
        }
        do {
            return IPVSTimeouts(tcp: try attributes.uint32(IPVSWire.CommandAttribute.timeoutTCP) ?? 0,
                                tcpFin: try attributes.uint32(IPVSWire.CommandAttribute.timeoutTCPFin) ?? 0,
                                udp: try attributes.uint32(IPVSWire.CommandAttribute.timeoutUDP) ?? 0)
        } catch {
            throw IPVSError(object: "IPVS timeouts", reason: error.description, underlying: .malformed(error))
        }
    }

    /// Sets the timeouts; a zero value leaves that one unchanged.
    public func setTimeouts(_ timeouts: IPVSTimeouts) throws(IPVSError) {
        _ = try run(.other("IPVS timeouts")) { id throws(NetlinkError) in try IPVSRequests.setTimeouts(timeouts, family: id) }
    }

    public func info() throws(IPVSError) -> IPVSInfo {
        let messages = try run(.other("IPVS info")) { id throws(NetlinkError) in try IPVSRequests.getInfo(family: id) }
        guard let attributes = messages.first?.attributes else {
            throw IPVSError(object: "IPVS info", reason: "no reply", underlying: .closed)
        }
        do {
            return IPVSInfo(version: try attributes.uint32(IPVSWire.InfoAttribute.version) ?? 0,
                            connectionTableSize: try attributes.uint32(IPVSWire.InfoAttribute.connectionTableSize) ?? 0)
        } catch {
            throw IPVSError(object: "IPVS info", reason: error.description, underlying: .malformed(error))
        }
    }

    public func startSyncDaemon(_ daemon: IPVSSyncDaemon) throws(IPVSError) {
        _ = try run(.startDaemon(daemon)) { id throws(NetlinkError) in try IPVSRequests.startDaemon(daemon, family: id) }
    }

    public func stopSyncDaemon(_ role: IPVSSyncDaemon.Role) throws(IPVSError) {
        _ = try run(.stopDaemon(role)) { id throws(NetlinkError) in try IPVSRequests.stopDaemon(role, family: id) }
    }

    public func syncDaemons() throws(IPVSError) -> [IPVSSyncDaemon] {
        let messages = try runDump(.other("IPVS sync daemons")) { id throws(NetlinkError) in try IPVSRequests.getDaemons(family: id) }
        var daemons: [IPVSSyncDaemon] = []
        for message in messages {
            do {
                guard let nest = try message.attributes.nested(IPVSWire.CommandAttribute.daemon) else { continue }
                daemons.append(try IPVSSyncDaemon(parsing: nest))
            } catch {
                throw IPVSError(object: "IPVS sync daemons", reason: error.description, underlying: .malformed(error))
            }
        }
        return daemons
    }

    // MARK: Pipelined writes

    /// A write for ``apply(_:window:)``.
    public enum Change: Sendable {
        case addService(IPVSService)
        case editService(IPVSService)
        case deleteService(VirtualService)
        case addDestination(IPVSDestination, to: VirtualService)
        case editDestination(IPVSDestination, of: VirtualService)
        case deleteDestination(IPAddress, Port, of: VirtualService)

        var operation: IPVSError.Operation {
            switch self {
            case .addService(let s): return .addService(s)
            case .editService(let s): return .editService(s)
            case .deleteService(let id): return .deleteService(id)
            case .addDestination(let d, let s): return .addDestination(d, s)
            case .editDestination(let d, let s): return .editDestination(d, s)
            case .deleteDestination(let a, let p, let s): return .deleteDestination(a, p, s)
            }
        }

        func request(family: UInt16) throws(NetlinkError) -> NetlinkRequest {
            switch self {
            case .addService(let s): return try IPVSRequests.addService(s, family: family)
            case .editService(let s): return try IPVSRequests.editService(s, family: family)
            case .deleteService(let id): return try IPVSRequests.deleteService(id, family: family)
            case .addDestination(let d, let s): return try IPVSRequests.addDestination(d, to: s, family: family)
            case .editDestination(let d, let s): return try IPVSRequests.editDestination(d, of: s, family: family)
            case .deleteDestination(let a, let p, let s):
                return try IPVSRequests.deleteDestination(address: a, port: p, of: s, family: family)
            }
        }
    }

    /// Applies many changes with up to `window` requests in flight, in order (the kernel
    /// handles one socket's messages in sequence, so a destination added after its service
    /// finds it). Returns one error per failed change, with its index.
    public func apply(_ changes: [Change], window: Int = 256) throws(IPVSError) -> [(index: Int, error: IPVSError)] {
        let id = try family()
        var requests: [NetlinkRequest] = []
        requests.reserveCapacity(changes.count)
        for change in changes {
            do { requests.append(try change.request(family: id)) } catch { throw IPVSError(error, during: change.operation) }
        }
        let results: [Result<Void, KernelError>]
        do { results = try connection.pipeline(requests, window: window) } catch {
            throw IPVSError(error, during: .other("IPVS"))
        }
        var failures: [(index: Int, error: IPVSError)] = []
        for (index, result) in results.enumerated() {
            if case .failure(let kernel) = result {
                failures.append((index, IPVSError(.kernel(kernel), during: changes[index].operation)))
            }
        }
        return failures
    }
}
