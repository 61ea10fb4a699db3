import PledgeTallyCore
import Ingest

extension DiffSide {
    /// Whether the cell as written is the only way to write its value, and
    /// that value a String equal to no other: quoted exactly when the value
    /// holds `,` or `"` (as ``CSVWriter`` writes), valid UTF-8 of code
    /// points that are all in NFC and start no composition (below U+0300,
    /// U+2002–U+207F, U+20A0–U+20CF). Two such cells are then equal Strings
    /// exactly when their bytes are equal (String `==` is canonical
    /// equivalence, and two NFC strings are equivalent only when identical).
    ///
    /// Also that the value is shown as it is (``PrintableText/isAsIs(_:)``):
    /// no scalar that ``PrintableText/isEscaped(_:)`` (CR, LF and tab
    /// included). A changed pledge whose compared cells are all canonical
    /// has them copied into the report without that check again (for
    /// unrelated 1M-pledge runs it was a tenth of the text's instructions).
    @inline(__always)
    static func isCanonical(_ w: UnsafeRawBufferPointer) -> Bool {
        var i = 0, n = w.count
        let quoted = w.first == 0x22
        var special = false
        if quoted {
            guard n >= 2 else { return false }
            i = 1
            n -= 1
        }
        while i < n {
            if i + 8 <= n {
                let x = w.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Printable ASCII without `"` (0x22) or `,` (0x2C): the 8 bytes are plain.
                let q = x ^ 0x2222_2222_2222_2222, c = x ^ 0x2C2C_2C2C_2C2C_2C2C
                let z = (q &- 0x0101_0101_0101_0101) & ~q | (c &- 0x0101_0101_0101_0101) & ~c
                if z & 0x8080_8080_8080_8080 | PrintableText.notPrintableASCII(x) == 0 {
                    i += 8
                    continue
                }
            }
            let b = w[i]
            if b < 0x80 {
                if PrintableText.isEscaped(UInt32(b)) { return false }
                if b == 0x22 || b == 0x2C {
                    guard quoted else { return false }
                    special = true
                }
                i += 1
            } else {
                guard let next = scalarEnd(w, i, n) else { return false }
                i = next
            }
        }
        return !quoted || special
    }

    static func isCanonical(_ r: CSVRecords.Record, _ columns: [Int?]) -> Bool {
        for c in columns {
            guard let c, isCanonical(r.written(c)) else { return false }
        }
        return true
    }

    /// The end of the non-ASCII scalar at `i` when it is one that
    /// ``isCanonical(_:)`` allows: U+00A0–U+02FF, U+2002–U+207F or
    /// U+20A0–U+20CF, and not one ``PrintableText/isEscaped(_:)``.
    @inline(__always)
    private static func scalarEnd(_ w: UnsafeRawBufferPointer, _ i: Int, _ n: Int) -> Int? {
        let b = w[i]
        if b >= 0xC2 && b <= 0xCB {
            guard i + 1 < n, w[i + 1] & 0xC0 == 0x80 else { return nil }
            return PrintableText.isEscaped(UInt32(b & 0x1F) << 6 | UInt32(w[i + 1] & 0x3F)) ? nil : i + 2
        }
        guard b == 0xE2, i + 2 < n, w[i + 1] & 0xC0 == 0x80, w[i + 2] & 0xC0 == 0x80 else { return nil }
        let v = 0x2000 | UInt32(w[i + 1] & 0x3F) << 6 | UInt32(w[i + 2] & 0x3F)
        guard (0x2002...0x207F).contains(v) || (0x20A0...0x20CF).contains(v), !PrintableText.isEscaped(v) else { return nil }
        return i + 3
    }

    /// ``isCanonical(_:)`` of every cell of `w`, cells `first…last` as written
    /// with their commas, in one pass: ASCII without `"` or CR is skipped 8
    /// bytes at a time across cells.
    ///
    /// Why: checked cell by cell (14 a row, most shorter than 8 bytes), pass 1
    /// of two 1M-pledge runs took 0.5 s more (the 1,000-change diff 0.98 →
    /// 1.44 s, load ~1).
    static func isCanonical(stretch w: UnsafeRawBufferPointer) -> Bool {
        let n = w.count
        var i = 0
        var cellStart = true
        while i < n {
            if cellStart && w[i] == 0x22 {   // a quoted cell, to its closing quote
                i += 1
                var special = false
                while true {
                    guard i < n else { return false }
                    if i + 8 <= n {
                        let x = w.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let q = x ^ 0x2222_2222_2222_2222
                        if (q &- 0x0101_0101_0101_0101) & ~q & 0x8080_8080_8080_8080 | PrintableText.notPrintableASCII(x) == 0 {
                            let c = x ^ 0x2C2C_2C2C_2C2C_2C2C
                            if (c &- 0x0101_0101_0101_0101) & ~c & 0x8080_8080_8080_8080 != 0 { special = true }
                            i += 8
                            continue
                        }
                    }
                    let b = w[i]
                    if b == 0x22 {
                        if i + 1 < n && w[i + 1] == 0x22 {
                            special = true
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if b < 0x80 {
                        if PrintableText.isEscaped(UInt32(b)) { return false }
                        if b == 0x2C { special = true }
                        i += 1
                    } else {
                        guard let next = scalarEnd(w, i, n) else { return false }
                        i = next
                    }
                }
                guard special else { return false }
                if i < n {
                    guard w[i] == 0x2C else { return false }
                    i += 1
                }
                continue
            }
            cellStart = false
            if i + 8 <= n {   // unquoted: commas only end cells
                let x = w.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let q = x ^ 0x2222_2222_2222_2222
                if (q &- 0x0101_0101_0101_0101) & ~q & 0x8080_8080_8080_8080 | PrintableText.notPrintableASCII(x) == 0 {
                    cellStart = w[i + 7] == 0x2C
                    i += 8
                    continue
                }
            }
            let b = w[i]
            if b == 0x2C {
                cellStart = true
                i += 1
            } else if b == 0x22 || PrintableText.isEscaped(UInt32(b)) {
                return false
            } else if b < 0x80 {
                i += 1
            } else {
                guard let next = scalarEnd(w, i, n) else { return false }
                i = next
            }
        }
        return true
    }
}
