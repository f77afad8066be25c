import CPcap

/// Writes a classic pcap file with nanosecond timestamps through libpcap's dumper.
///
/// ```swift
/// let writer = try PcapWriter(path: "inner.pcap", linkType: .raw)
/// try writer.write(timestamp: record.timestamp, originalLength: inner.count, bytes: inner)
/// ```
///
/// The file opens in tcpdump and Wireshark. `path` may be `-` for standard output.
public final class PcapWriter {
    /// The file written.
    public let path: String
    private let dead: OpaquePointer
    private let dumper: OpaquePointer
    private var closed = false

    /// Creates (or truncates) `path` and writes the file header.
    ///
    /// - Parameters:
    ///   - linkType: the data-link type of every record; `.raw` and `.raw12` both write
    ///     LINKTYPE_RAW (101) in the file.
    ///   - snapshotLength: the snap length written in the header.
    public init(path: String, linkType: LinkType, snapshotLength: Int = 262_144) throws(PcapError) {
        self.path = path
        // libpcap maps its in-memory DLT_RAW to LINKTYPE_RAW when it writes the header.
        let dlt = linkType == .raw ? Int32(DLT_RAW) : linkType.rawValue
        guard let dead = pcap_open_dead_with_tstamp_precision(
            dlt, Int32(clamping: snapshotLength), UInt32(PCAP_TSTAMP_PRECISION_NANO)
        ) else {
            throw PcapError(kind: .cannotWrite, path: path, reason: "libpcap could not allocate a handle")
        }
        guard let dumper = pcap_dump_open(dead, path) else {
            let reason = String(cString: pcap_geterr(dead))
            pcap_close(dead)
            throw PcapError(kind: .cannotWrite, path: path, reason: reason)
        }
        self.dead = dead
        self.dumper = dumper
    }

    deinit { close() }

    /// Appends one record; `bytes` may be shorter than `originalLength` (a snapped packet).
    public func write(timestamp: PcapTimestamp, originalLength: Int, bytes: UnsafeRawBufferPointer) {
        precondition(!closed, "PcapWriter used after close()")
        var header = pcap_pkthdr()
        header.ts.tv_sec = Int(timestamp.seconds)
        header.ts.tv_usec = Int(timestamp.nanoseconds)
        header.caplen = UInt32(clamping: bytes.count)
        header.len = UInt32(clamping: max(originalLength, bytes.count))
        guard let base = bytes.baseAddress else {
            var empty: UInt8 = 0
            pcap_dump(UnsafeMutablePointer<UInt8>(dumper), &header, &empty)
            return
        }
        pcap_dump(UnsafeMutablePointer<UInt8>(dumper), &header, base.assumingMemoryBound(to: UInt8.self))
    }

    /// Appends one record from an array.
    public func write(timestamp: PcapTimestamp, originalLength: Int? = nil, bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(timestamp: timestamp, originalLength: originalLength ?? $0.count, bytes: $0) }
    }

    /// Flushes and closes the file; later writes are a programming error.
    public func close() {
        guard !closed else { return }
        closed = true
        pcap_dump_close(dumper)
        pcap_close(dead)
    }
}
