#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `bytes` to a file descriptor, retrying short writes and EINTR.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
    }
}

/// Standard error, for the one-line messages and progress the tools print.
public enum StandardError {
    /// Writes `line` and a newline to standard error, unbuffered.
    public static func print(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    /// Whether standard error is a terminal (progress lines are only for people).
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Overwrites the current terminal line with `text` (no newline).
    public static func progress(_ text: String) {
        var line = "\r" + text + "\u{1B}[K"
        line.withUTF8 { writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }
}

/// A buffered writer to standard output: much faster than `print` for a line per packet.
public final class StandardOutput {
    private var buffer: [UInt8] = []

    /// A writer with a 64 KiB buffer.
    public init() { buffer.reserveCapacity(1 << 16) }

    /// Appends `line` and a newline, flushing when the buffer is large.
    public func line(_ line: String) {
        var line = line
        line.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out everything buffered.
    public func flush() {
        buffer.withUnsafeBytes { writeAll(STDOUT_FILENO, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
