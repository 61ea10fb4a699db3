#if canImport(Glibc)
import Glibc
#endif

/// Writes to stdout with write(2) and says when that fails (a full disk,
/// `> /dev/full`, a closed pipe), so a command never reports success for
/// output nobody got.
enum StandardOutput {
    struct WriteFailed: Error, CustomStringConvertible {
        var reason: String
        var description: String { "cannot write to standard output: \(reason)" }
    }

    static func write(_ bytes: UnsafeRawBufferPointer) throws(WriteFailed) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw WriteFailed(reason: n < 0 ? String(cString: strerror(errno)) : "nothing written") }
            offset += n
        }
    }

    static func write(_ text: String) throws(WriteFailed) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw WriteFailed(reason: n < 0 ? String(cString: strerror(errno)) : "nothing written") }
            offset += n
        }
        bytes.removeAll()
    }
}
