#if canImport(Glibc)
import Glibc
import XCTest

/// Resolves generic netlink families by name against the running kernel, with plain
/// Glibc sockets (no NetlinkKit): the kernel lab's own check that a test executable
/// built on the host reaches the guest kernel's IPVS.
///
/// Classes whose names end in `KernelTests` are the kernel tests: `Tests/KernelLab/test`
/// runs them inside the lab, where `KERNEL_LAB` is set and a missing kernel feature is a
/// failure; elsewhere (a host without IPVS) they skip.
final class GenericNetlinkKernelTests: XCTestCase {
    /// The controller family is part of every kernel with generic netlink.
    func testResolvesTheControllerFamily() throws {
        let id = try GenericNetlinkResolver.familyID(named: "nlctrl")
        XCTAssertEqual(id, GenericNetlinkResolver.controllerID)
    }

    func testResolvesTheIPVSFamily() throws {
        guard let id = try GenericNetlinkResolver.familyID(named: "IPVS") else {
            if getenv("KERNEL_LAB") != nil {
                XCTFail("the kernel lab's kernel has no IPVS family (is ip_vs loaded?)")
                return
            }
            throw XCTSkip("this kernel has no IPVS; run Tests/KernelLab/test")
        }
        // Dynamic family ids start after the controller's.
        XCTAssertGreaterThan(id, GenericNetlinkResolver.controllerID)
    }
}

/// One CTRL_CMD_GETFAMILY exchange over a NETLINK_GENERIC socket.
private enum GenericNetlinkResolver {
    static let controllerID: UInt16 = 0x10  // GENL_ID_CTRL
    static let getFamily: UInt8 = 3  // CTRL_CMD_GETFAMILY
    static let familyIDAttribute: UInt16 = 1  // CTRL_ATTR_FAMILY_ID
    static let familyNameAttribute: UInt16 = 2  // CTRL_ATTR_FAMILY_NAME
    static let errorMessage: UInt16 = 2  // NLMSG_ERROR
    static let request: UInt16 = 1  // NLM_F_REQUEST

    struct SystemError: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    struct MalformedReply: Error {}

    /// The family's id, or nil when the kernel answers ENOENT (no such family).
    static func familyID(named name: String) throws -> UInt16? {
        let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 16 /* NETLINK_GENERIC */)
        guard fd >= 0 else { throw SystemError(call: "socket(AF_NETLINK, NETLINK_GENERIC)", code: errno) }
        defer { close(fd) }

        let query = message(named: name)
        // Unbound and unaddressed, a netlink socket sends to the kernel (port 0).
        let sent = query.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == query.count else { throw SystemError(call: "send", code: errno) }

        var reply = [UInt8](repeating: 0, count: 8192)
        let received = reply.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard received >= 0 else { throw SystemError(call: "recv", code: errno) }
        return try parse(reply[..<received])
    }

    /// nlmsghdr, genlmsghdr, then the NUL-terminated name as CTRL_ATTR_FAMILY_NAME.
    static func message(named name: String) -> [UInt8] {
        let nameBytes = Array(name.utf8) + [0]
        let attributeLength = 4 + nameBytes.count
        let padding = (4 - attributeLength % 4) % 4
        var bytes: [UInt8] = []
        append(UInt32(16 + 4 + attributeLength + padding), to: &bytes)  // nlmsg_len
        append(controllerID, to: &bytes)  // nlmsg_type
        append(request, to: &bytes)  // nlmsg_flags
        append(UInt32(1), to: &bytes)  // nlmsg_seq
        append(UInt32(0), to: &bytes)  // nlmsg_pid
        bytes += [getFamily, 1, 0, 0]  // cmd, version, reserved
        append(UInt16(attributeLength), to: &bytes)
        append(familyNameAttribute, to: &bytes)
        bytes += nameBytes + [UInt8](repeating: 0, count: padding)
        return bytes
    }

    static func parse(_ reply: ArraySlice<UInt8>) throws -> UInt16? {
        let base = reply.startIndex
        guard reply.count >= 20, let length = UInt32(at: base, in: reply), Int(length) <= reply.count,
            let type = UInt16(at: base + 4, in: reply)
        else { throw MalformedReply() }
        if type == errorMessage {
            guard let code = UInt32(at: base + 16, in: reply) else { throw MalformedReply() }
            let error = Int32(bitPattern: code)
            if error == -ENOENT { return nil }
            throw SystemError(call: "CTRL_CMD_GETFAMILY", code: -error)
        }
        var offset = base + 20
        let end = base + Int(length)
        while offset + 4 <= end {
            guard let attributeLength = UInt16(at: offset, in: reply), attributeLength >= 4,
                let attributeType = UInt16(at: offset + 2, in: reply)
            else { throw MalformedReply() }
            if attributeType & 0x3fff == familyIDAttribute {
                guard attributeLength >= 6, let id = UInt16(at: offset + 4, in: reply) else { throw MalformedReply() }
                return id
            }
            offset += (Int(attributeLength) + 3) & ~3
        }
        throw MalformedReply()
    }

    /// Appends in host byte order, netlink's.
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { bytes += $0 }
    }
}

extension FixedWidthInteger {
    /// The integer at `offset` in host byte order (netlink's), or nil when it would run
    /// past the end.
    fileprivate init?(at offset: Int, in bytes: ArraySlice<UInt8>) {
        guard offset >= bytes.startIndex, offset + MemoryLayout<Self>.size <= bytes.endIndex else { return nil }
        self = bytes.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: offset - bytes.startIndex, as: Self.self)
        }
    }
}
#endif
