import CPcap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a capture, borrowed from the reader.
///
/// `bytes` points into libpcap's buffer and stays valid only until the next call to
/// ``PcapReader/next()``; copy it (`Array(record.bytes)`) to keep it longer.
public struct PcapRecord {
    /// The 1-based frame number, counting every record in the file (as tshark does),
    /// including records a filter skipped.
    public let frameNumber: Int
    /// When the packet was captured, with nanosecond resolution.
    public let timestamp: PcapTimestamp
    /// The length of the packet on the wire (`len`).
    public let originalLength: Int
    /// The captured bytes (`caplen` of them), starting at the link-layer header.
    public let bytes: UnsafeRawBufferPointer

    /// True when the capture holds fewer bytes than were on the wire (snap length).
    public var isTruncated: Bool { bytes.count < originalLength }

    /// The record libpcap describes with `header` (read with nanosecond precision).
    @inline(__always)
    init(frameNumber: Int, header: UnsafePointer<pcap_pkthdr>, data: UnsafePointer<UInt8>) {
        let h = header.pointee
        self.frameNumber = frameNumber
        timestamp = PcapTimestamp(
            seconds: Int64(h.ts.tv_sec),
            nanoseconds: UInt32(clamping: max(0, min(999_999_999, Int(h.ts.tv_usec))))
        )
        originalLength = Int(h.len)
        bytes = UnsafeRawBufferPointer(start: data, count: Int(h.caplen))
    }
}

/// Reads a pcap or pcapng capture through libpcap, with nanosecond timestamps.
///
/// ```swift
/// let reader = try PcapReader(path: "tunnel.pcap", filter: "ip6")
/// while let record = try reader.next() {
///     print(record.frameNumber, record.bytes.count)
/// }
/// ```
///
/// `path` may be `-` for standard input. A filter is applied per record with
/// `pcap_offline_filter` rather than inside libpcap, so frame numbers keep counting the
/// records that did not match.
public final class PcapReader {
    /// The file read, or `-`.
    public let path: String
    /// The data-link type of every record (libpcap's in-memory DLT value).
    public let linkType: LinkType
    /// The snapshot length written in the file header.
    public let snapshotLength: Int

    private let handle: OpaquePointer
    /// The stdio buffer of the file libpcap reads (nil for standard input).
    private let readBuffer: UnsafeMutableRawPointer?
    private var program = bpf_program()
    private let hasFilter: Bool
    private var framesRead = 0

    /// Opens a capture and, optionally, compiles a BPF filter for its link type.
    ///
    /// - Throws: ``PcapError`` naming the file and the reason: missing, empty, not a
    ///   capture, truncated header, or a filter that does not compile.
    public init(path: String, filter: String? = nil) throws(PcapError) {
        self.path = path
        if path != "-" { try Self.checkReadable(path) }
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let (handle, readBuffer) = Self.open(path, &errbuf) else {
            throw Self.classifyOpenError(path: path, message: errbuf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        self.handle = handle
        self.readBuffer = readBuffer
        self.linkType = LinkType(rawValue: pcap_datalink(handle))
        self.snapshotLength = Int(pcap_snapshot(handle))
        if let filter {
            if pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) != 0 {
                let reason = String(cString: pcap_geterr(handle))
                pcap_close(handle)
                readBuffer?.deallocate()
                throw PcapError(kind: .badFilter, path: path, reason: "filter '\(filter)': \(reason)")
            }
            hasFilter = true
        } else {
            hasFilter = false
        }
    }

    deinit {
        if hasFilter { pcap_freecode(&program) }
        pcap_close(handle)
        readBuffer?.deallocate()
    }

    /// The next record that passes the filter, or `nil` at the end of the capture.
    ///
    /// - Throws: ``PcapError`` with kind `.truncated` when the file ends inside a record.
    public func next() throws(PcapError) -> PcapRecord? {
        while true {
            var header: UnsafeMutablePointer<pcap_pkthdr>?
            var data: UnsafePointer<UInt8>?
            let status = pcap_next_ex(handle, &header, &data)
            switch status {
            case 1:
                framesRead += 1
                guard let header, let data else { continue }
                if hasFilter, pcap_offline_filter(&program, header, data) == 0 { continue }
                return PcapRecord(frameNumber: framesRead, header: header, data: data)
            case PCAP_ERROR_BREAK:
                return nil
            default:
                throw readError()
            }
        }
    }

    /// Calls `body` with every remaining record that passes the filter, in order, to the
    /// end of the capture: the fast way to read a whole file.
    ///
    /// libpcap runs its own read loop (`pcap_dispatch`) and calls back for each record, so
    /// a record costs no call into the reader, no optional and no status check; on a large
    /// capture that is a tenth of the time libpcap and the reader take together.
    ///
    /// Each record is borrowed: its bytes are valid only during the call to `body`, which
    /// must not read from this reader itself (``next()`` or a nested ``forEachRecord(_:)``).
    ///
    /// - Throws: ``PcapError`` with kind `.truncated` when the file ends inside a record;
    ///   `body` has seen every record before it.
    public func forEachRecord(_ body: (PcapRecord) -> Void) throws(PcapError) {
        var frames = framesRead
        let status = withoutActuallyEscaping(body) { body in
            withUnsafeMutablePointer(to: &frames) { frames in
                withUnsafeMutablePointer(to: &program) { program in
                    let context = DispatchContext(body: body, filter: hasFilter ? program : nil, framesRead: frames)
                    return withExtendedLifetime(context) {
                        let user = Unmanaged.passUnretained(context).toOpaque().assumingMemoryBound(to: UInt8.self)
                        // pcap_dispatch stops after INT_MAX records, so call it until a call reads none.
                        while true {
                            let status = pcap_dispatch(handle, -1, Self.deliver, user)
                            if status <= 0 { return status }
                        }
                    }
                }
            }
        }
        framesRead = frames
        if status < 0 && status != PCAP_ERROR_BREAK { throw readError() }
    }

    /// What `pcap_dispatch` hands back to ``deliver`` for each record.
    ///
    /// A class with constant properties, borrowed in the callback: the body can then be
    /// called without retaining it, which a closure read through a pointer would need
    /// (a retain and a release per record).
    private final class DispatchContext {
        let body: (PcapRecord) -> Void
        let filter: UnsafeMutablePointer<bpf_program>?
        let framesRead: UnsafeMutablePointer<Int>

        init(body: @escaping (PcapRecord) -> Void, filter: UnsafeMutablePointer<bpf_program>?, framesRead: UnsafeMutablePointer<Int>) {
            self.body = body
            self.filter = filter
            self.framesRead = framesRead
        }
    }

    /// The `pcap_handler` for ``forEachRecord(_:)``: counts the frame, applies the filter,
    /// and passes the record on.
    private static let deliver: pcap_handler = { user, header, data in
        guard let user else { return }
        // forEachRecord keeps the context alive for the whole pcap_dispatch.
        Unmanaged<DispatchContext>.fromOpaque(user)._withUnsafeGuaranteedRef { context in
            context.framesRead.pointee += 1
            guard let header, let data else { return }
            if let filter = context.filter, pcap_offline_filter(filter, header, data) == 0 { return }
            context.body(PcapRecord(frameNumber: context.framesRead.pointee, header: header, data: data))
        }
    }

    /// The error libpcap reported, naming the last frame read.
    private func readError() -> PcapError {
        let message = String(cString: pcap_geterr(handle))
        let kind: PcapError.Kind = message.contains("truncated") ? .truncated : .other
        return PcapError(kind: kind, path: path, reason: "after frame \(framesRead): \(message)")
    }

    /// Opens `path` with a larger stdio buffer: libpcap reads each record with two small
    /// `fread`s, and with the default 4 KiB buffer a large capture costs a `read` system
    /// call per 4 KiB. Standard input, and any file `fopen` refuses, go through
    /// `pcap_open_offline`, which reports the reason in libpcap's words.
    private static func open(_ path: String, _ errbuf: inout [CChar]) -> (OpaquePointer, UnsafeMutableRawPointer?)? {
        let precision = UInt32(PCAP_TSTAMP_PRECISION_NANO)
        guard path != "-", let file = fopen(path, "rb") else {
            return pcap_open_offline_with_tstamp_precision(path, precision, &errbuf).map { ($0, nil) }
        }
        // stdio ignores the size unless it is given the buffer too; the buffer must outlive
        // the stream, which pcap_close closes.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: readBufferSize, alignment: 16)
        setvbuf(file, buffer.assumingMemoryBound(to: CChar.self), _IOFBF, readBufferSize)
        guard let handle = pcap_fopen_offline_with_tstamp_precision(file, precision, &errbuf) else {
            fclose(file)
            buffer.deallocate()
            return nil
        }
        return (handle, buffer)
    }

    /// The stdio buffer of a capture read from a file: 8 times fewer system calls than
    /// the default, yet small enough to stay in the L1 data cache while the kernel fills
    /// it and libpcap copies records out (a 1 MiB buffer measured slower).
    static let readBufferSize = 1 << 15

    private static func checkReadable(_ path: String) throws(PcapError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PcapError(kind: .cannotOpen, path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw PcapError(kind: .cannotOpen, path: path, reason: "is a directory, not a capture file")
        }
        if info.st_size == 0 && (info.st_mode & S_IFMT) == S_IFREG {
            throw PcapError(kind: .empty, path: path, reason: "file is empty (0 bytes); expected a pcap or pcapng capture")
        }
    }

    private static func classifyOpenError(path: String, message: String) -> PcapError {
        if message.contains("unknown file format") {
            return PcapError(kind: .notACapture, path: path, reason: "not a pcap or pcapng capture (\(message))")
        }
        if message.contains("truncated") {
            return PcapError(kind: .truncated, path: path, reason: "file ends inside its header (\(message))")
        }
        if message.contains("No such file") || message.contains("Permission denied") {
            return PcapError(kind: .cannotOpen, path: path, reason: message)
        }
        return PcapError(kind: .notACapture, path: path, reason: message)
    }
}
