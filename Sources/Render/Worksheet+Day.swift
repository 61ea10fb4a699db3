import XlsxWriter
import PledgeTallyCore

extension Worksheet {
    /// A real date cell for `day`; a day Excel cannot show (before 1900) is
    /// written as its ISO text instead.
    @inline(__always)
    func write(row: Int, col: Int, day: Day, format: CellFormat) throws(XlsxError) {
        let (y, m, d) = day.components
        if (1900...9999).contains(y) {
            try writeDate(row: row, col: col, year: y, month: m, day: d, format: format)
        } else {
            try write(row: row, col: col, string: day.description)
        }
    }
}
