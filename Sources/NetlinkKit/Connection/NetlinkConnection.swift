/// A netlink conversation over one transport: each operation sends a request, receives
/// and validates the replies (sender is the kernel, sequence numbers match), follows
/// multipart dumps to NLMSG_DONE (retrying an interrupted dump), and waits for the ACK.
/// Not thread-safe: use one connection per thread (netlink sockets are cheap).
public final class NetlinkConnection {
    public let transport: any NetlinkTransport
    private var nextSequence: UInt32
    /// Generic netlink families resolved on this connection (see ``family(named:)``).
    var families: [String: GenericFamily] = [:]
    /// How many times a dump interrupted by concurrent changes is retried.
    public var dumpAttempts = 5

    public init(transport: any NetlinkTransport, initialSequence: UInt32 = 1) {
        self.transport = transport
        self.nextSequence = initialSequence
    }

    private func takeSequence() -> UInt32 {
        let sequence = nextSequence
        nextSequence = nextSequence &+ 1
        if nextSequence == 0 { nextSequence = 1 }
        return sequence
    }

    private func receiveMessages() throws(NetlinkError) -> [NetlinkMessage] {
        let (bytes, sender) = try transport.receive()
        guard sender == 0 else { throw .notFromKernel(portID: sender) }
        do { return try NetlinkMessage.split(bytes[...]) } catch { throw .malformed(error) }
    }

    private func receiveAcknowledgements(maximum: Int) throws(NetlinkError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        for (bytes, sender) in try transport.receiveMany(maximum: maximum) {
            guard sender == 0 else { throw .notFromKernel(portID: sender) }
            do { messages += try NetlinkMessage.split(bytes[...]) } catch { throw .malformed(error) }
        }
        return messages
    }

    private static func decodeError(_ message: NetlinkMessage) throws(NetlinkError) -> NetlinkErrorMessage {
        do {
            return try NetlinkErrorMessage(payload: message.payload, flags: message.header.flags,
                                           offset: message.offset + NetlinkHeader.size)
        } catch { throw .malformed(error) }
    }

    /// Sends `request` with NLM_F_ACK and returns the replies that came before the ACK.
    /// A kernel error becomes ``NetlinkError/kernel(_:)``.
    @discardableResult
    public func execute(_ request: NetlinkRequest) throws(NetlinkError) -> [NetlinkMessage] {
        let sequence = takeSequence()
        try transport.send(NetlinkMessage.encode(type: request.type, flags: request.flags.union([.request, .acknowledge]),
                                                 sequence: sequence, payload: request.payload))
        var replies: [NetlinkMessage] = []
        while true {
            for message in try receiveMessages() {
                guard message.header.sequence == sequence else {
                    throw .unexpectedSequence(expected: sequence, received: message.header.sequence)
                }
                switch message.header.type {
                case NetlinkMessageType.error:
                    let answer = try Self.decodeError(message)
                    if answer.errno != 0 {
                        throw .kernel(KernelError(errno: answer.errno, extendedAck: answer.extendedAck, request: answer.request))
                    }
                    return replies
                case NetlinkMessageType.noop:
                    continue
                case NetlinkMessageType.done:
                    // A GET answered as a dump: DONE ends it and no ACK follows.
                    try Self.checkDone(message)
                    return replies
                default:
                    replies.append(message)
                }
            }
        }
    }

    /// Sends `request` as a dump (NLM_F_DUMP) and returns every message up to NLMSG_DONE.
    /// An interrupted dump (NLM_F_DUMP_INTR) is started again, up to ``dumpAttempts`` times.
    public func dump(_ request: NetlinkRequest) throws(NetlinkError) -> [NetlinkMessage] {
        var attempt = 0
        while true {
            attempt += 1
            let (messages, interrupted) = try dumpOnce(request)
            if !interrupted { return messages }
            if attempt >= dumpAttempts { throw .dumpInterrupted(attempts: attempt) }
        }
    }

    private func dumpOnce(_ request: NetlinkRequest) throws(NetlinkError) -> ([NetlinkMessage], Bool) {
        let sequence = takeSequence()
        try transport.send(NetlinkMessage.encode(type: request.type, flags: request.flags.union([.request, .dump]),
                                                 sequence: sequence, payload: request.payload))
        var replies: [NetlinkMessage] = []
        var interrupted = false
        while true {
            for message in try receiveMessages() {
                guard message.header.sequence == sequence else {
                    throw .unexpectedSequence(expected: sequence, received: message.header.sequence)
                }
                if message.header.flags.contains(.dumpInterrupted) { interrupted = true }
                switch message.header.type {
                case NetlinkMessageType.done:
                    try Self.checkDone(message)
                    return (replies, interrupted)
                case NetlinkMessageType.error:
                    let answer = try Self.decodeError(message)
                    if answer.errno != 0 {
                        throw .kernel(KernelError(errno: answer.errno, extendedAck: answer.extendedAck, request: answer.request))
                    }
                    return (replies, interrupted)
                case NetlinkMessageType.noop:
                    continue
                default:
                    replies.append(message)
                }
            }
        }
    }

    /// NLMSG_DONE carries the dump's final status (an int, then extended-ACK attributes).
    private static func checkDone(_ message: NetlinkMessage) throws(NetlinkError) {
        guard let status = message.payload.native(Int32.self, at: 0), status < 0 else { return }
        var extendedAck = ExtendedAck()
        if message.header.flags.contains(.acknowledgementTLVs), let tlvs = message.payload.bytes(from: 4) {
            do { extendedAck = try ExtendedAck(parsing: tlvs, baseOffset: message.offset + NetlinkHeader.size + 4) } catch {
                throw .malformed(error)
            }
        }
        throw .kernel(KernelError(errno: status == Int32.min ? Int32.max : -status, extendedAck: extendedAck))
    }

    /// Sends many requests without waiting for each ACK: up to `window` in flight, batched
    /// into datagrams of at most `batchBytes`. Returns one result per request, in order;
    /// a failed request does not stop the others (the kernel goes on with the next
    /// message too). Transport failures abort the whole pipeline.
    public func pipeline(_ requests: [NetlinkRequest], window: Int = 1024, batchBytes: Int = 64 * 1024)
        throws(NetlinkError) -> [Result<Void, KernelError>] {
        let window = max(1, window)
        var results = [Result<Void, KernelError>?](repeating: nil, count: requests.count)
        // Consecutive sequence numbers (never wrapping inside one pipeline) map a reply
        // back to its request by subtraction.
        let count = UInt32(clamping: requests.count)
        if UInt32.max - nextSequence < count { nextSequence = 1 }
        let firstSequence = nextSequence
        nextSequence = firstSequence &+ count
        if nextSequence == 0 { nextSequence = 1 }
        func index(of sequence: UInt32) -> Int? {
            guard sequence >= firstSequence else { return nil }
            let distance = Int(sequence - firstSequence)
            return distance < requests.count ? distance : nil
        }
        var next = 0
        var outstanding = 0
        var completed = 0
        var datagram: [UInt8] = []
        datagram.reserveCapacity(batchBytes)
        while completed < requests.count {
            datagram.removeAll(keepingCapacity: true)
            // Refill only when half the window has drained, so that sends stay large.
            while next < requests.count, outstanding < window, outstanding <= window / 2 || !datagram.isEmpty {
                let request = requests[next]
                let encoded = NetlinkMessage.encode(type: request.type, flags: request.flags.union([.request, .acknowledge]),
                                                    sequence: firstSequence &+ UInt32(truncatingIfNeeded: next),
                                                    payload: request.payload)
                if !datagram.isEmpty, datagram.count + encoded.count > batchBytes { break }
                datagram.append(contentsOf: encoded)
                next += 1
                outstanding += 1
            }
            if !datagram.isEmpty { try transport.send(datagram) }
            guard outstanding > 0 else { continue }
            for message in try receiveAcknowledgements(maximum: outstanding) {
                guard message.header.type == NetlinkMessageType.error else { continue }
                guard let position = index(of: message.header.sequence), results[position] == nil else {
                    throw .unexpectedSequence(expected: firstSequence, received: message.header.sequence)
                }
                let answer = try Self.decodeError(message)
                results[position] = answer.errno == 0
                    ? .success(())
                    : .failure(KernelError(errno: answer.errno, extendedAck: answer.extendedAck, request: answer.request))
                outstanding -= 1
                completed += 1
            }
        }
        return results.map { $0 ?? .success(()) }
    }
}
