/// Why a capture could not be opened, read, filtered or written.
///
/// Each case carries what libpcap (or the file system) said, so a tool can print one
/// line that names the file and the reason.
public struct PcapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in broad strokes; tools map these to exit statuses.
    public enum Kind: String, Sendable {
        /// The file does not exist or cannot be opened.
        case cannotOpen
        /// The file exists but holds zero bytes.
        case empty
        /// The file is not a pcap or pcapng capture libpcap can read.
        case notACapture
        /// The file ends in the middle of a header or a record.
        case truncated
        /// The BPF filter expression does not compile for this link type.
        case badFilter
        /// A capture could not be written.
        case cannotWrite
        /// Any other libpcap failure.
        case other
    }

    /// The broad category of the failure.
    public let kind: Kind
    /// The file (or `-` for standard input) the error is about.
    public let path: String
    /// libpcap's or the system's own explanation.
    public let reason: String

    /// Creates an error; libraries and tests use this, tools only print it.
    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// One line: the file and the reason, e.g. `capture 'x.pcap': file is empty`.
    public var description: String {
        let name = path == "-" ? "standard input" : "'\(path)'"
        return "capture \(name): \(reason)"
    }
}
