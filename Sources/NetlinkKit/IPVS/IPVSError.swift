/// An IPVS operation that failed, naming the object and the reason, e.g.
/// "service 192.0.2.1:80/tcp: scheduler 'mh' not available (module ip_vs_mh not loaded)".
public struct IPVSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// "service 192.0.2.1:80/tcp", "destination 10.0.0.1:80 of service 192.0.2.1:80/tcp", "IPVS".
    public var object: String
    public var reason: String
    /// What the kernel or the socket said.
    public var underlying: NetlinkError

    public init(object: String, reason: String, underlying: NetlinkError) {
        self.object = object
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String { "\(object): \(reason)" }

    /// The operations whose errnos mean different things.
    public enum Operation: Sendable {
        case addService(IPVSService)
        case editService(IPVSService)
        case deleteService(VirtualService)
        case getService(VirtualService)
        case addDestination(IPVSDestination, VirtualService)
        case editDestination(IPVSDestination, VirtualService)
        case deleteDestination(IPAddress, Port, VirtualService)
        case listDestinations(VirtualService)
        case zero(VirtualService?)
        case startDaemon(IPVSSyncDaemon)
        case stopDaemon(IPVSSyncDaemon.Role)
        case other(String)

        var object: String {
            switch self {
            case .addService(let s), .editService(let s): return "service \(s.id)"
            case .deleteService(let id), .getService(let id), .listDestinations(let id): return "service \(id)"
            case .addDestination(let d, let s), .editDestination(let d, let s):
                return "destination \(d.endpoint) of service \(s)"
            case .deleteDestination(let a, let p, let s):
                return "destination \(VirtualService.endpoint(a, p)) of service \(s)"
            case .zero(let id?): return "service \(id)"
            case .zero(nil): return "IPVS counters"
            case .startDaemon(let d): return "sync daemon \(d.role.name) on \(d.interface)"
            case .stopDaemon(let r): return "sync daemon \(r.name)"
            case .other(let what): return what
            }
        }
    }

    /// Maps a failure of `operation` to its object and a reason people can act on.
    public init(_ error: NetlinkError, during operation: Operation) {
        underlying = error
        object = operation.object
        guard case .kernel(let kernel) = error else {
            if case .familyNotFound = error {
                object = "IPVS"
                reason = "not available (module ip_vs not loaded)"
            } else {
                reason = error.description
            }
            return
        }
        let detail = kernel.extendedAck.message.map { ": \($0)" } ?? ""
        switch (kernel.errno, operation) {
        case (Errno.EPERM, _), (Errno.EACCES, _):
            reason = "permission denied (CAP_NET_ADMIN required)"
        case (Errno.EEXIST, .addService):
            reason = "already exists"
        case (Errno.EEXIST, .addDestination):
            reason = "already exists"
        case (Errno.ENOENT, .addService(let s)), (Errno.ENOENT, .editService(let s)):
            if let engine = s.persistenceEngine {
                reason = "scheduler '\(s.scheduler)' or persistence engine '\(engine)' not available (module ip_vs_\(s.scheduler) or ip_vs_pe_\(engine) not loaded)"
            } else {
                reason = "scheduler '\(s.scheduler)' not available (module ip_vs_\(s.scheduler) not loaded)"
            }
        case (Errno.ESRCH, .addDestination(_, let s)), (Errno.ESRCH, .editDestination(_, let s)),
             (Errno.ESRCH, .deleteDestination(_, _, let s)), (Errno.ESRCH, .listDestinations(let s)):
            object = "service \(s)"
            reason = "no such service"
        case (Errno.ESRCH, .stopDaemon):
            reason = "not running"
        case (Errno.ESRCH, _):
            reason = "no such service"
        case (Errno.ENOENT, .editDestination), (Errno.ENOENT, .deleteDestination):
            reason = "no such destination"
        case (Errno.EAFNOSUPPORT, _):
            reason = "address family not supported (kernel without IPv6 IPVS?)"
        case (Errno.EEXIST, .startDaemon):
            reason = "already running"
        case (Errno.EINVAL, .startDaemon):
            reason = "refused (EINVAL): the kernel runs no sync daemon while a destination has the other address family"
        case (Errno.ENODEV, .startDaemon(let d)):
            reason = "no such interface '\(d.interface)'"
        case (Errno.EINVAL, _):
            reason = "invalid request (\(kernel.errnoName)\(detail))"
        case (Errno.EBUSY, _):
            reason = "busy (\(kernel.errnoName)\(detail))"
        default:
            reason = "\(kernel.errnoName) (\(kernel.errno))\(detail)"
        }
    }
}
