/// Text as a cell's XML carries it (ECMA-376 Part 1, §22.9.2.19 ST_Xstring):
/// the characters XML 1.0 cannot hold are written `_xHHHH_`, and a literal
/// `_xHHHH_` in the text keeps its meaning by escaping its underscore as
/// `_x005F_`, as Excel does. Excel and LibreOffice decode both.
///
/// libxlsxwriter already writes C0 controls (except tab and line feed) as
/// `_xHHHH_`, but neither U+FFFE and U+FFFF (which make the sheet's XML
/// invalid, so openpyxl and pandas cannot open the file and LibreOffice stops
/// reading the sheet there) nor literal `_xHHHH_` text (which Excel would read
/// as an escape). This does those two; NUL cannot reach C and is the caller's.
public enum OOXMLText {
    /// `text` escaped, or nil when it needs nothing (the common case: one pass
    /// over the bytes, looking for `_` and the lead byte of U+FFFE/U+FFFF).
    @inline(__always)
    public static func escaped(_ text: String) -> String? {
        var suspect = false
        for b in text.utf8 where b == 0x5F || b == 0xEF {
            suspect = true
            break
        }
        return suspect ? slowEscaped(text) : nil
    }

    @inline(never)
    static func slowEscaped(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var changed = false
        for (i, s) in scalars.enumerated() {
            switch s.value {
            case 0xFFFE, 0xFFFF:
                out.append(contentsOf: "_x\(hex4(s.value))_".unicodeScalars)
                changed = true
            case 0x5F where isEscapeSequence(scalars, at: i):
                out.append(contentsOf: "_x005F_".unicodeScalars)
                changed = true
            default:
                out.append(s)
            }
        }
        return changed ? String(out) : nil
    }

    /// `_x` or `_X`, four hex digits, `_` starting at `i`: what a reader would decode.
    static func isEscapeSequence(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x" || s[i + 1] == "X", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// The number of characters libxlsxwriter counts for `text` as written (its limit is 32,767).
    public static func writtenLength(_ text: String) -> Int {
        (escaped(text) ?? text).unicodeScalars.count
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
