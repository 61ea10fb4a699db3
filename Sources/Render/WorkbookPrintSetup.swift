import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

/// How every sheet prints: A4 landscape, the report's title and "Page n of m"
/// in the footer, and for tables (every sheet but the Summary and Run) the
/// header row repeated at the top of each page.
///
/// A sheet is fitted one page wide when that keeps it at ``minimumScale`` or
/// more. A wider table (Pledges has 17 columns) would print too small to
/// read, so it prints at ``wideScale`` instead, across then down, with its
/// investor column repeated at the left of every page: each page stays
/// readable and says whose pledge a row is.
enum WorkbookPrintSetup {
    /// A table's width in characters and the column to repeat on every page when it is too wide for one.
    struct Table {
        var width: Double
        var repeatedColumn: Int
    }

    /// Characters of the default font across an A4 landscape page at 100 % (default margins).
    static let pageChars = 135.0
    static let minimumScale = 60
    static let wideScale = 70

    /// `headerRows`: sheets whose table header is not the first row (Changes, Run history);
    /// `headerless`: sheets that hold no table this time (Changes on a first run);
    /// `tables`: the sheets whose width is known, which go across pages when too wide.
    static func apply(to book: borrowing Workbook, title: String, words: SummaryLabels, untabled: Set<String>,
                      headerRows: [String: Int] = [:], headerless: Set<String> = [],
                      tables: [String: Table] = [:]) throws(XlsxError) {
        let footer = words.footer.replacing("{title}", with: title.replacing("&", with: "&&"))
        for sheet in book.worksheets {
            try sheet.setPaper(.a4)
            try sheet.setLandscape()
            if let table = tables[sheet.name], pageChars / table.width * 100 < Double(minimumScale) {
                try sheet.setPrintScale(wideScale)
                try sheet.printAcross()
                try sheet.repeatColumns(first: table.repeatedColumn, last: table.repeatedColumn)
            } else {
                try sheet.fitToPages(width: 1, height: 0)
            }
            try sheet.setFooter(footer)
            if !untabled.contains(sheet.name) && !headerless.contains(sheet.name) {
                let row = headerRows[sheet.name] ?? 0
                try sheet.repeatRows(first: row, last: row)
            }
        }
    }
}
