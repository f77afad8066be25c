#if canImport(Glibc)
import Glibc

/// A real AF_NETLINK socket. It turns on extended ACKs, capped ACKs and strict
/// checking where the kernel supports them, and receives whole datagrams, growing its
/// buffer (MSG_PEEK | MSG_TRUNC) instead of truncating a large dump.
public final class NetlinkSocket: NetlinkTransport {
    public let localPortID: UInt32
    private let descriptor: Int32
    private var buffer: [UInt8]
    /// Which of NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK the kernel accepted.
    public let options: Options

    public struct Options: OptionSet, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let extendedAck = Options(rawValue: 1)
        public static let cappedAck = Options(rawValue: 2)
        public static let strictChecking = Options(rawValue: 4)
    }

    /// Opens a socket for `proto`, inside `namespace` when given (the socket stays in
    /// that namespace for its whole life; the calling thread returns to its own).
    public init(protocol proto: NetlinkProtocol, namespace: NetworkNamespace? = nil,
                receiveBufferSize: Int32 = 4 << 20) throws(NetlinkError) {
        let fd: Int32
        if let namespace {
            fd = try namespace.perform { () throws(NetlinkError) -> Int32 in try Self.open(proto) }
        } else {
            fd = try Self.open(proto)
        }
        descriptor = fd
        var enabled: Options = []
        let solNetlink: Int32 = 270
        for (option, flag) in [(Int32(11), Options.extendedAck), (10, .cappedAck), (12, .strictChecking)] {
            var one: Int32 = 1
            if setsockopt(fd, solNetlink, option, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 {
                enabled.insert(flag)
            }
        }
        options = enabled
        // Pipelined writes queue many ACKs; a larger buffer keeps them from being dropped.
        // SO_RCVBUFFORCE passes the rmem_max limit when we have CAP_NET_ADMIN.
        var size = receiveBufferSize
        if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size)) != 0 {
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = NetlinkAddress()
        address.nl_family = sa_family_t(AF_NETLINK)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<NetlinkAddress>.size))
            }
        }
        guard bound == 0 else {
            let code = Glibc.errno
            close(fd)
            throw .system(call: "bind(AF_NETLINK)", errno: code)
        }
        var local = NetlinkAddress()
        var length = socklen_t(MemoryLayout<NetlinkAddress>.size)
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = Glibc.errno
            close(fd)
            throw .system(call: "getsockname(AF_NETLINK)", errno: code)
        }
        localPortID = local.nl_pid
        buffer = [UInt8](repeating: 0, count: 32 * 1024)
    }

    private static func open(_ proto: NetlinkProtocol) throws(NetlinkError) -> Int32 {
        let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), proto.rawValue)
        guard fd >= 0 else { throw .system(call: "socket(AF_NETLINK)", errno: Glibc.errno) }
        return fd
    }

    deinit { close(descriptor) }

    public func send(_ datagram: [UInt8]) throws(NetlinkError) {
        var address = NetlinkAddress()
        address.nl_family = sa_family_t(AF_NETLINK)
        while true {
            let sent = datagram.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<NetlinkAddress>.size))
                    }
                }
            }
            if sent >= 0 { return }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw .system(call: "sendto(AF_NETLINK)", errno: code)
        }
    }

    public func receive() throws(NetlinkError) -> (bytes: [UInt8], senderPortID: UInt32) {
        // Peek first to learn the datagram's real size, then read it whole.
        while true {
            let peeked = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_PEEK) | Int32(MSG_TRUNC))
            }
            if peeked < 0 {
                let code = Glibc.errno
                if code == EINTR { continue }
                throw .system(call: "recv(AF_NETLINK, MSG_PEEK)", errno: code)
            }
            if peeked > buffer.count {
                buffer = [UInt8](repeating: 0, count: netlinkAlign(peeked))
            }
            var sender = NetlinkAddress()
            var senderLength = socklen_t(MemoryLayout<NetlinkAddress>.size)
            let received = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &sender) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(descriptor, bytes.baseAddress, bytes.count, 0, $0, &senderLength)
                    }
                }
            }
            if received < 0 {
                let code = Glibc.errno
                if code == EINTR { continue }
                throw .system(call: "recvfrom(AF_NETLINK)", errno: code)
            }
            return (Array(buffer[0..<min(received, buffer.count)]), sender.nl_pid)
        }
    }
}

extension NetlinkSocket {
    /// recvmmsg(2) fetches many ACKs per system call. Glibc declares it only under
    /// _GNU_SOURCE, so it is looked up like setns; without it, one datagram is received.
    private typealias ReceiveMany = @convention(c) (Int32, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutableRawPointer?) -> Int32
    private static let receiveManyFunction: ReceiveMany? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "recvmmsg") else { return nil }
        return unsafeBitCast(symbol, to: ReceiveMany.self)
    }()

    /// `struct mmsghdr`: a msghdr and the received length (64 bytes on LP64).
    private struct MultiMessageHeader {
        var header = msghdr()
        var length: UInt32 = 0
    }

    /// Each slot holds one ACK or error; with NETLINK_CAP_ACK these are a few hundred
    /// bytes at most, and a larger one is reported instead of being silently cut.
    static let slotSize = 8192

    public func receiveMany(maximum: Int) throws(NetlinkError) -> [(bytes: [UInt8], senderPortID: UInt32)] {
        guard let function = Self.receiveManyFunction, maximum > 1 else { return [try receive()] }
        let count = min(maximum, 64)
        var storage = [UInt8](repeating: 0, count: count * Self.slotSize)
        var addresses = [NetlinkAddress](repeating: NetlinkAddress(), count: count)
        var vectors = [iovec](repeating: iovec(), count: count)
        var headers = [MultiMessageHeader](repeating: MultiMessageHeader(), count: count)
        let received: Int32 = storage.withUnsafeMutableBytes { raw in
            addresses.withUnsafeMutableBufferPointer { addressBuffer in
                vectors.withUnsafeMutableBufferPointer { vectorBuffer in
                    headers.withUnsafeMutableBufferPointer { headerBuffer in
                        for i in 0..<count {
                            vectorBuffer[i].iov_base = raw.baseAddress.map { $0 + i * Self.slotSize }
                            vectorBuffer[i].iov_len = Self.slotSize
                            headerBuffer[i].header.msg_name = UnsafeMutableRawPointer(addressBuffer.baseAddress.map { $0 + i })
                            headerBuffer[i].header.msg_namelen = socklen_t(MemoryLayout<NetlinkAddress>.size)
                            headerBuffer[i].header.msg_iov = vectorBuffer.baseAddress.map { $0 + i }
                            headerBuffer[i].header.msg_iovlen = 1
                        }
                        while true {
                            // MSG_WAITFORONE (0x10000): block for the first, then take what is queued.
                            let n = function(descriptor, UnsafeMutableRawPointer(headerBuffer.baseAddress), UInt32(count), 0x10000, nil)
                            if n < 0, Glibc.errno == EINTR { continue }
                            return n
                        }
                    }
                }
            }
        }
        guard received > 0 else { throw .system(call: "recvmmsg(AF_NETLINK)", errno: received < 0 ? Glibc.errno : Errno.EAGAIN) }
        var datagrams: [(bytes: [UInt8], senderPortID: UInt32)] = []
        datagrams.reserveCapacity(Int(received))
        for i in 0..<Int(received) {
            if headers[i].header.msg_flags & Int32(MSG_TRUNC) != 0 {
                throw .system(call: "recvmmsg(AF_NETLINK): a reply over \(Self.slotSize) bytes was truncated", errno: Errno.EMSGSIZE)
            }
            let length = min(Int(headers[i].length), Self.slotSize)
            let start = i * Self.slotSize
            datagrams.append((Array(storage[start..<(start + length)]), addresses[i].nl_pid))
        }
        return datagrams
    }
}

/// `struct sockaddr_nl`, which Glibc's module map does not export: family, padding,
/// port id, multicast groups (12 bytes, the kernel's layout).
struct NetlinkAddress {
    var nl_family: sa_family_t = 0
    var nl_pad: UInt16 = 0
    var nl_pid: UInt32 = 0
    var nl_groups: UInt32 = 0
}
#endif
