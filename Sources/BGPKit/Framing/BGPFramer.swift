/// Cuts a TCP byte stream into whole BGP messages, whatever the segment boundaries.
///
/// Append bytes as they arrive, then call ``nextMessage(_:)`` until it returns nil. The
/// framer keeps one buffer, reserved at creation, so framing allocates nothing per
/// message once the buffer is large enough. A header error (bad marker, length or type)
/// is thrown and repeated on every later call: a stream cannot be resynchronised.
///
/// ```swift
/// var framer = BGPFramer()
/// framer.append(segment)
/// while let message = try framer.nextDecodedMessage(context: context) { … }
/// ```
public struct BGPFramer: Sendable {
    /// The longest message accepted; raise it to 65,535 once extended message is
    /// negotiated (OPEN and KEEPALIVE stay limited to 4,096 regardless).
    public var maximumMessageLength: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var failure: BGPError?
    /// Absolute stream offset of `buffer[start]`, to name a header error's position.
    public private(set) var streamOffset = 0

    /// A framer for messages up to `maximumMessageLength` bytes.
    public init(maximumMessageLength: Int = BGPMessageHeader.maximumLength) {
        self.maximumMessageLength = maximumMessageLength
        buffer.reserveCapacity(2 * BGPMessageHeader.maximumExtendedLength)
    }

    /// Bytes received and not yet returned as messages.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Adds received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 0, start >= buffer.count / 2 || buffer.count + 4096 > buffer.capacity {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Passes the next whole message (header included, borrowed until `body` returns) to
    /// `body` and returns its result; nil when no whole message is buffered yet.
    public mutating func nextMessage<R>(_ body: (UnsafeRawBufferPointer) -> R) throws(BGPError) -> R? {
        if let failure { throw failure }
        let available = buffer.count - start
        guard available >= BGPMessageHeader.length else { return nil }
        let from = start
        let limit = maximumMessageLength
        let header: Result<BGPMessageHeader, BGPError> = buffer.withUnsafeBytes { all in
            let window = UnsafeRawBufferPointer(rebasing: all[from..<(from + BGPMessageHeader.length)])
            do throws(BGPError) {
                return .success(try BGPMessageHeader(decoding: window, maximumLength: limit))
            } catch {
                return .failure(error)
            }
        }
        let length: Int
        switch header {
        case let .success(h): length = h.messageLength
        case var .failure(error):
            error.offset += streamOffset
            failure = error
            throw error
        }
        guard available >= length else { return nil }
        let result = buffer.withUnsafeBytes { all in
            body(UnsafeRawBufferPointer(rebasing: all[from..<(from + length)]))
        }
        start += length
        streamOffset += length
        return result
    }

    /// Decodes the next whole message; nil when none is buffered. A header error or a
    /// malformed message throws (a malformed message is consumed first, so a caller that
    /// chooses to carry on after, say, an AFI/SAFI disable can).
    public mutating func nextDecodedMessage(context: SessionContext) throws(BGPError) -> BGPMessage? {
        let result = try nextMessage { bytes -> Result<BGPMessage, BGPError> in
            do throws(BGPError) { return .success(try BGPMessage(decoding: bytes, context: context)) } catch { return .failure(error) }
        }
        guard let result else { return nil }
        return try result.get()
    }

    /// The next whole message as a copy; nil when none is buffered.
    public mutating func nextMessage() throws(BGPError) -> [UInt8]? {
        try nextMessage { [UInt8]($0) }
    }
}
