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
        guard let handle = pcap_open_offline_with_tstamp_precision(
            path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf
        ) else {
            throw Self.classifyOpenError(path: path, message: errbuf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        self.handle = handle
        self.linkType = LinkType(rawValue: pcap_datalink(handle))
        self.snapshotLength = Int(pcap_snapshot(handle))
        if let filter {
            if pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) != 0 {
                let reason = String(cString: pcap_geterr(handle))
                pcap_close(handle)
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
                let h = header.pointee
                return PcapRecord(
                    frameNumber: framesRead,
                    timestamp: PcapTimestamp(
                        seconds: Int64(h.ts.tv_sec),
                        nanoseconds: UInt32(clamping: max(0, min(999_999_999, Int(h.ts.tv_usec))))
                    ),
                    originalLength: Int(h.len),
                    bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen))
                )
            case PCAP_ERROR_BREAK:
                return nil
            default:
                let message = String(cString: pcap_geterr(handle))
                let kind: PcapError.Kind = message.contains("truncated") ? .truncated : .other
                throw PcapError(
                    kind: kind, path: path,
                    reason: "after frame \(framesRead): \(message)"
                )
            }
        }
    }

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
