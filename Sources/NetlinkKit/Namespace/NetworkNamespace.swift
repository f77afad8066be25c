#if canImport(Glibc)
import Glibc

/// A network namespace to work in: a name under /run/netns (as `ip netns add` makes),
/// or an open file descriptor (a /proc/PID/ns/net). Entering it affects only the
/// calling thread, and ``perform(_:)`` always returns the thread to where it was.
public struct NetworkNamespace: Sendable, Equatable {
    enum Reference: Sendable, Equatable {
        case named(String)
        case path(String)
        case descriptor(Int32)
    }

    let reference: Reference

    /// The namespace `ip netns add NAME` created (/run/netns/NAME).
    public static func named(_ name: String) -> NetworkNamespace { NetworkNamespace(reference: .named(name)) }
    /// The namespace file at `path` (e.g. /proc/1234/ns/net).
    public static func path(_ path: String) -> NetworkNamespace { NetworkNamespace(reference: .path(path)) }
    /// An open namespace file descriptor; the caller keeps ownership.
    public static func fileDescriptor(_ fd: Int32) -> NetworkNamespace { NetworkNamespace(reference: .descriptor(fd)) }

    public var description: String {
        switch reference {
        case .named(let name): return "netns \(name)"
        case .path(let path): return "netns \(path)"
        case .descriptor(let fd): return "netns fd \(fd)"
        }
    }

    private static let cloneNewNet: Int32 = 0x4000_0000

    /// setns(2). Glibc declares it only under _GNU_SOURCE, which Swift's Glibc module does
    /// not define, so it is looked up in the already-loaded C library instead.
    private static func setns(_ fd: Int32, _ type: Int32) throws(NetlinkError) -> Int32 {
        typealias SetNS = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else {
            throw .system(call: "dlsym(setns)", errno: Errno.ENOSYS)
        }
        return unsafeBitCast(symbol, to: SetNS.self)(fd, type)
    }

    /// Runs `body` on the calling thread inside this namespace, then switches back.
    public func perform<T>(_ body: () throws(NetlinkError) -> T) throws(NetlinkError) -> T {
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw .system(call: "open(/proc/thread-self/ns/net)", errno: Glibc.errno) }
        defer { close(original) }
        var target: Int32
        var owned = false
        switch reference {
        case .descriptor(let fd): target = fd
        case .named(let name), .path(let name):
            let path: String
            if case .named = reference {
                guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                    throw .system(call: "setns(invalid namespace name '\(name)')", errno: Errno.EINVAL)
                }
                path = "/run/netns/" + name
            } else {
                path = name
            }
            target = open(path, O_RDONLY | O_CLOEXEC)
            guard target >= 0 else { throw .system(call: "open(\(path))", errno: Glibc.errno) }
            owned = true
        }
        defer { if owned { close(target) } }
        guard try Self.setns(target, Self.cloneNewNet) == 0 else { throw .system(call: "setns(\(description))", errno: Glibc.errno) }
        defer { _ = try? Self.setns(original, Self.cloneNewNet) }
        return try body()
    }
}
#endif
