import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

/// The Unclassified sheet (Non classés): unclassified.csv as a table — each
/// domain text no rule matched, its pledges and total, largest first — for the
/// analyst to copy rules for domains.csv from.
enum WorkbookUnclassified {
    /// Writes the sheet; returns its name.
    static func write(_ facts: RunFacts, words: SummaryLabels, formats: WorkbookFormats,
                      book: borrowing Workbook) throws(XlsxError) -> String {
        let currency = facts.options.currency
        let table = try WorkbookTable(book: book, name: words.unclassifiedSheet,
                                      header: WorkbookLabels.filled(words.unclassifiedHeader, currency: currency),
                                      headerFormat: formats.header)
        let money = try formats.money(currency, book: book)
        for r in facts.unclassifiedTotals.rows {
            let (sheet, row) = try table.nextRow(book: book)
            try WorkbookCellText.write(r.text, to: sheet, row: row, col: 0, marker: { n in "… (\(n))" })
            table.see(0, text: r.text)
            try sheet.write(row: row, col: 1, number: Double(r.pledges), format: formats.count)
            try sheet.write(row: row, col: 2, number: r.total.nearestDouble, format: money)
            table.see(2, characters: WorkbookNumberFormat.displayWidth(r.total, currency: currency, language: formats.language))
        }
        try table.finish()
        return words.unclassifiedSheet
    }
}
