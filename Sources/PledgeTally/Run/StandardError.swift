import PledgeTallyCore
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

    /// A problem or warning about the input: one line whatever the input
    /// held. See ``printable(_:limit:)``.
    public static func report(_ text: String) { line(printable(text)) }

    /// The most Unicode scalars a reported line keeps.
    public static let lineLimit = 1_000

    /// `text` made safe for one terminal line: line ends, tabs and other
    /// control characters, and the bidirectional controls that would reorder
    /// what follows them (U+200E/F, U+202A–E, U+2066–9), written as escapes
    /// (`\n`, `\u{202E}`); cut after `limit` scalars with "…".
    public static func printable(_ text: String, limit: Int = lineLimit) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                out.append("…")
                break
            }
            count += 1
            let v = scalar.value
            switch v {
            case 0x0A: out.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: out.append(contentsOf: "\\r".unicodeScalars)
            case 0x09: out.append(contentsOf: "\\t".unicodeScalars)
            case _ where PrintableText.isEscaped(v):
                out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Appends `bytes` (UTF-8) made printable: the bytes themselves when
    /// ``printable(_:limit:)`` would leave them as they are — valid UTF-8, no
    /// scalar it escapes, too short to be cut — else its String's result.
    ///
    /// Why: `diff` of two unrelated 1,000,000-pledge runs escapes about 8
    /// million cells; through Strings that was a tenth of its 58 s (perf).
    public static func appendPrintable(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        if bytes.count <= lineLimit && PrintableText.isAsIs(bytes) {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: printable(String(decoding: bytes, as: UTF8.self)).utf8)
        }
    }
}
