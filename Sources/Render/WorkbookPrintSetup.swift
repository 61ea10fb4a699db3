import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

/// How every sheet prints: A4 landscape, one page wide, the report's title and
/// "Page n of m" in the footer, and for tables (every sheet but the Summary and
/// Run) the header row repeated at the top of each page.
enum WorkbookPrintSetup {
    /// `headerRows`: sheets whose table header is not the first row (Changes, Run history);
    /// `headerless`: sheets that hold no table this time (Changes on a first run).
    static func apply(to book: borrowing Workbook, title: String, words: SummaryLabels, untabled: Set<String>,
                      headerRows: [String: Int] = [:], headerless: Set<String> = []) throws(XlsxError) {
        let footer = words.footer.replacing("{title}", with: title.replacing("&", with: "&&"))
        for sheet in book.worksheets {
            try sheet.setPaper(.a4)
            try sheet.setLandscape()
            try sheet.fitToPages(width: 1, height: 0)
            try sheet.setFooter(footer)
            if !untabled.contains(sheet.name) && !headerless.contains(sheet.name) {
                let row = headerRows[sheet.name] ?? 0
                try sheet.repeatRows(first: row, last: row)
            }
        }
    }
}
