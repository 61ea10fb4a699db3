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
            case 0x00..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
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
        if bytes.count <= lineLimit && isPrintableAsIs(bytes) {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: printable(String(decoding: bytes, as: UTF8.self)).utf8)
        }
    }

    /// Valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF) without a
    /// control character, U+200E/F, U+2028–202E or U+2066–9.
    ///
    /// ASCII is skipped 8 bytes at a time (the diff of unrelated 1M-pledge
    /// runs checks 455 MB of cells this way: byte by byte it was 7 % of its text's time).
    static func isPrintableAsIs(_ b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        var i = 0
        @inline(__always) func follows(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
        while i < n {
            if i + 8 <= n {
                // No byte ≥ 0x80, below 0x20 or 0x7F ("Bit Twiddling Hacks": hasless, haszero).
                let w = b.loadUnaligned(fromByteOffset: i, as: UInt64.self), d = w ^ 0x7F7F_7F7F_7F7F_7F7F
                let flagged = w | (w &- 0x2020_2020_2020_2020) & ~w | (d &- 0x0101_0101_0101_0101) & ~d
                if flagged & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let x = b[i]
            if x < 0x80 {
                if x < 0x20 || x == 0x7F { return false }
                i += 1
            } else if x < 0xC2 {
                return false
            } else if x < 0xE0 {
                guard follows(i + 1), x != 0xC2 || b[i + 1] >= 0xA0 else { return false }   // U+0080–009F
                i += 2
            } else if x < 0xF0 {
                guard follows(i + 1), follows(i + 2) else { return false }
                let v = UInt32(x & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                if v < 0x800 || (0xD800...0xDFFF).contains(v) { return false }
                if v == 0x200E || v == 0x200F || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
                i += 3
            } else if x < 0xF5 {
                guard follows(i + 1), follows(i + 2), follows(i + 3) else { return false }
                let v = UInt32(x & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12
                if v < 0x10000 || v > 0x10FFFF { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
