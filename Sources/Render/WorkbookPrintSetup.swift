import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

/// How every sheet prints: A4 landscape, one page wide, the report's title and
/// "Page n of m" in the footer, and for tables (every sheet but the Summary and
/// Run) the header row repeated at the top of each page.
enum WorkbookPrintSetup {
    static func apply(to book: borrowing Workbook, title: String, words: SummaryLabels,
                      untabled: Set<String>) throws(XlsxError) {
        let footer = words.footer.replacing("{title}", with: title.replacing("&", with: "&&"))
        for sheet in book.worksheets {
            try sheet.setPaper(.a4)
            try sheet.setLandscape()
            try sheet.fitToPages(width: 1, height: 0)
            try sheet.setFooter(footer)
            if !untabled.contains(sheet.name) { try sheet.repeatRows(first: 0, last: 0) }
        }
    }
}
