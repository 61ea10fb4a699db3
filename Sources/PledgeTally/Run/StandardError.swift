#if canImport(Glibc)
import Glibc
#endif

/// Writes to stderr with write(2): one call per message, so lines from a
/// run never interleave mid-line, and no shared C `FILE` is involved.
public enum StandardError {
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// `text` and a line end.
    public static func line(_ text: String) { write(text + "\n") }
}
