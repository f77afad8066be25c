/// Everything that can go wrong talking netlink.
public enum NetlinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kernel refused a request (NLMSG_ERROR with a non-zero errno, or a failed dump).
    case kernel(KernelError)
    /// A reply that does not decode.
    case malformed(NetlinkDecodingError)
    /// A request that cannot be encoded.
    case encoding(NetlinkEncodingError)
    /// A system call failed (socket, bind, send, recv, setns...).
    case system(call: String, errno: Int32)
    /// A reply whose sequence number matches no request in flight.
    case unexpectedSequence(expected: UInt32, received: UInt32)
    /// A datagram that did not come from the kernel (sender port id not 0).
    case notFromKernel(portID: UInt32)
    /// A dump kept being interrupted by concurrent changes.
    case dumpInterrupted(attempts: Int)
    /// A generic netlink family the kernel does not know (its module not loaded).
    case familyNotFound(String)
    /// The connection was closed.
    case closed

    public var description: String {
        switch self {
        case .kernel(let error): return error.description
        case .malformed(let error): return error.description
        case .encoding(let error): return error.description
        case .system(let call, let errno): return "\(call) failed: \(Errno.name(errno)) (\(errno))"
        case .unexpectedSequence(let expected, let received):
            return "netlink reply with sequence \(received), expected \(expected)"
        case .notFromKernel(let portID): return "netlink datagram from port \(portID), not the kernel"
        case .dumpInterrupted(let attempts): return "netlink dump interrupted by concurrent changes \(attempts) times"
        case .familyNotFound(let name): return "generic netlink family '\(name)' not found"
        case .closed: return "netlink connection closed"
        }
    }

    /// The kernel's errno when this is a kernel error.
    public var errno: Int32? {
        if case .kernel(let error) = self { return error.errno }
        return nil
    }
}

/// The kernel's answer to a failed request: its errno (with its name) and the
/// extended ACK that explains it.
public struct KernelError: Error, Equatable, Sendable, CustomStringConvertible {
    public var errno: Int32
    public var extendedAck: ExtendedAck
    /// The header of the request that failed.
    public var request: NetlinkHeader?

    public init(errno: Int32, extendedAck: ExtendedAck = ExtendedAck(), request: NetlinkHeader? = nil) {
        self.errno = errno
        self.extendedAck = extendedAck
        self.request = request
    }

    public var errnoName: String { Errno.name(errno) }

    public var description: String {
        var text = "\(errnoName) (\(errno))"
        if let message = extendedAck.message, !message.isEmpty { text += ": \(message)" }
        if let offset = extendedAck.offset { text += " [attribute at byte \(offset)]" }
        if let missing = extendedAck.missingType {
            text += " [missing attribute \(missing)"
            if let nest = extendedAck.missingNest { text += " in the nest at byte \(nest)" }
            text += "]"
        }
        return text
    }
}
