/// What a terminal line can show as it is.
public enum PrintableText {
    /// Valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF) without a
    /// control character, U+200E/F, U+2028–202E or U+2066–9.
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
