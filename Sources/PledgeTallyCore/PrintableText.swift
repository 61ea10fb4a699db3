/// What a terminal line can show as it is.
public enum PrintableText {
    /// Whether scalar `v` is shown as an escape: a control character (C0,
    /// DEL, C1), or a bidirectional control that would reorder what follows
    /// it (U+200E/F, U+2028–202E, U+2066–9).
    @inlinable
    public static func isEscaped(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F..<0xA0).contains(v) || v == 0x200E || v == 0x200F
            || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The high bit set in each byte of `w` that is not printable ASCII
    /// (≥ 0x80, below 0x20, or 0x7F), and possibly in bytes above such a
    /// one: zero exactly when all 8 bytes are printable ASCII ("Bit
    /// Twiddling Hacks": hasless, haszero).
    @inlinable @inline(__always)
    public static func notPrintableASCII(_ w: UInt64) -> UInt64 {
        let d = w ^ 0x7F7F_7F7F_7F7F_7F7F
        return (w | (w &- 0x2020_2020_2020_2020) & ~w | (d &- 0x0101_0101_0101_0101) & ~d) & 0x8080_8080_8080_8080
    }

    /// Valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF) without
    /// a scalar that ``isEscaped(_:)``.
    ///
    /// ASCII is skipped 8 bytes at a time (the diff of unrelated 1M-pledge
    /// runs checks 455 MB of cells this way: byte by byte it was 7 % of its text's time).
    @inlinable
    public static func isAsIs(_ b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        var i = 0
        @inline(__always) func follows(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
        while i < n {
            if i + 8 <= n {
                if notPrintableASCII(b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) == 0 {
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
                guard follows(i + 1), !isEscaped(UInt32(x & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)) else { return false }
                i += 2
            } else if x < 0xF0 {
                guard follows(i + 1), follows(i + 2) else { return false }
                let v = UInt32(x & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                if v < 0x800 || (0xD800...0xDFFF).contains(v) { return false }
                if isEscaped(v) { return false }
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
