import XlsxWriter
import Normalise

/// Text cells that always fit: input text is written as text (never a
/// formula), and text a cell cannot hold is repaired visibly instead of
/// failing the run or being cut silently.
package enum WorkbookCellText {
    /// Writes `text` as a text cell. Text over Excel's 32,767 characters is cut
    /// and ends with `marker(originalLength)`; a NUL (which xlsx cannot store)
    /// becomes U+FFFD. Characters XML forbids are written `_xHHHH_` by the
    /// wrapper (``OOXMLText``). The common case costs one write and a look at
    /// the text's byte count.
    @inline(__always)
    static func write(_ text: String, to sheet: Worksheet, row: Int, col: Int, format: CellFormat? = nil,
                      marker: (Int) -> String) throws(XlsxError) {
        do {
            // libxlsxwriter counts characters, not Excel's UTF-16 units: 17,000 emoji pass it.
            try sheet.write(row: row, col: col, string: isOverLimit(text) ? fitted(text, marker: marker) : text,
                            format: format)
        } catch .stringTooLong, .stringContainsNul {
            try sheet.write(row: row, col: col, string: fitted(text, marker: marker), format: format)
        }
    }

    /// `text` made storable: NUL replaced, and cut on a character boundary,
    /// ending with the marker, so that it has at most 32,767 UTF-16 code units
    /// (Excel's count) and at most 32,767 characters once escaped as the
    /// sheet's XML stores it (libxlsxwriter's count; escaping U+FFFE or a
    /// literal `_xHHHH_` lengthens the text).
    static func fitted(_ text: String, marker: (Int) -> String) -> String {
        let clean = text.utf8.contains(0) ? String(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : Character($0) }) : text
        let limit = ExcelLimits.maxStringLength
        guard isOverLimit(clean) else { return clean }
        let tail = marker(clean.count)
        var room = limit - tail.utf16.count
        while true {
            var used = 0
            var end = clean.startIndex
            for ch in clean {
                let n = ch.utf16.count
                if used + n > room { break }
                used += n
                end = clean.index(after: end)
            }
            let cut = String(clean[..<end]) + tail
            let stored = OOXMLText.writtenLength(cut)
            if stored <= limit || room <= 0 { return cut }
            room -= stored - limit
        }
    }

    /// True when `text` does not fit a cell as it is (over 32,767 UTF-16 code
    /// units, or over 32,767 characters as stored). A text of at most 14,000
    /// bytes always fits: escaping at most multiplies 3 bytes by 7/3.
    static func isOverLimit(_ text: String) -> Bool {
        let limit = ExcelLimits.maxStringLength
        guard text.utf8.count > 14_000 else { return false }
        return text.utf16.count > limit || OOXMLText.writtenLength(text) > limit
    }

    /// The warning for each text of `pledge` that report.xlsx holds cut.
    package static func cutWarnings(_ pledge: Pledge) -> [String] {
        var lines: [String] = []
        for (field, text) in [("investor", pledge.investor), ("domain", pledge.domainText), ("amount", pledge.amountText),
                              ("domain (from domains.csv)", pledge.domain), ("source URL", pledge.sourceURL ?? ""),
                              ("notes", pledge.notes ?? "")]
        where isOverLimit(text) {
            lines.append("warning: \(pledge.source):\(pledge.line): the \(field) text has \(text.utf16.count) UTF-16 units, "
                         + "over Excel’s cell limit of 32,767; report.xlsx holds it cut at a character boundary "
                         + "(the CSV files hold it whole)")
        }
        return lines
    }
}
