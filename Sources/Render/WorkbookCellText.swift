import XlsxWriter

/// Text cells that always fit: input text is written as text (never a
/// formula), and text a cell cannot hold is repaired visibly instead of
/// failing the run or being cut silently.
enum WorkbookCellText {
    /// Writes `text` as a text cell. Text over Excel's 32,767 characters is cut
    /// and ends with `marker(originalLength)`; a NUL (which xlsx cannot store)
    /// becomes U+FFFD. The common case costs one write: the repair only runs
    /// after libxlsxwriter refused the text.
    @inline(__always)
    static func write(_ text: String, to sheet: Worksheet, row: Int, col: Int, format: CellFormat? = nil,
                      marker: (Int) -> String) throws(XlsxError) {
        do {
            try sheet.write(row: row, col: col, string: text, format: format)
        } catch .stringTooLong, .stringContainsNul {
            try sheet.write(row: row, col: col, string: fitted(text, marker: marker), format: format)
        }
    }

    /// `text` made storable: NUL replaced, and cut to at most 32,767 UTF-16
    /// code units (Excel's count; libxlsxwriter counts code points, which is
    /// never more) on a character boundary, ending with the marker.
    static func fitted(_ text: String, marker: (Int) -> String) -> String {
        let clean = text.utf8.contains(0) ? String(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : Character($0) }) : text
        let limit = ExcelLimits.maxStringLength
        guard clean.utf16.count > limit else { return clean }
        let tail = marker(clean.count)
        let room = limit - tail.utf16.count
        var used = 0
        var end = clean.startIndex
        for ch in clean {
            let n = ch.utf16.count
            if used + n > room { break }
            used += n
            end = clean.index(after: end)
        }
        return String(clean[..<end]) + tail
    }
}
