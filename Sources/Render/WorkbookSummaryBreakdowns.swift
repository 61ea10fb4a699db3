import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

extension ReportWorkbook {
    /// Pledges columns the breakdowns read (zero-based): investor, amount as written, currency.
    static let investorColumn = 2
    static let amountColumn = 7
    static let currencyColumn = 9
}

/// The Summary's breakdowns, as formulas over the Pledges sheet(s) with the
/// exact figures cached, like the domain table:
///
///     By currency: pledges  =COUNTIFS(Pledges!$J$2:$J$1048576,$A40)
///                  amount   =SUMIFS(Pledges!$H$2:$H$1048576,…$J…,$A40)   (in its own currency)
///                  in EUR   =SUMIFS(Pledges!$N$2:$N$1048576,…$J…,$A40)
///     Investors:   pledges  =COUNTIFS(Pledges!$C$2:$C$1048576,$A50)
///                  total    =SUMIFS(Pledges!$N$2:$N$1048576,…$C…,$A50)
///
/// A name no criterion can stand for (a wildcard, a leading `=`, a digit, over
/// 255 characters…) is compared with SUMPRODUCT(--(…=$A50)) instead (``RowMatch``).
struct WorkbookSummaryBreakdowns {
    let summary: WorkbookSummary
    static let investorCount = 20

    /// Writes both tables from `top`; returns the first free row after them.
    func write(on sheet: Worksheet, book: borrowing Workbook, top: Int,
               widths: WorkbookSummary.Widths) throws(XlsxError) -> Int {
        let facts = summary.facts
        let formats = summary.formats
        let words = summary.words
        let currency = facts.options.currency
        let language = formats.language
        let money = try book.register(Format().numberFormat(WorkbookScaledFormat.amount(currency, language)))
        let currencyCol = columnName(ReportWorkbook.currencyColumn)
        let amountCol = columnName(ReportWorkbook.amountColumn)
        let reportedCol = columnName(ReportWorkbook.reportedColumn)
        let investorCol = columnName(ReportWorkbook.investorColumn)
        let f = PledgeFormulas(sheets: summary.pledgeSheets, rows: summary.pledgeRows)
        func header(_ titles: [String], at row: Int) throws(XlsxError) {
            for (col, title) in WorkbookLabels.filled(titles, currency: currency).enumerated() {
                try sheet.write(row: row, col: col, string: title, format: col == 0 ? formats.header : formats.headerNumber)
                widths.see(col, title.count + 1)
            }
        }

        // By currency.
        var row = top
        try sheet.write(row: row, col: 0, string: words.byCurrencySection, format: formats.section)
        row += 1
        try header(words.byCurrencyHeader, at: row)
        row += 1
        for c in facts.breakdown.byCurrency {
            let match = RowMatch.forName(c.currency.code, cell: "$A\(row + 1)", caseMatters: false)
            try sheet.write(row: row, col: 0, string: c.currency.code)
            try sheet.writeFormula(row: row, col: 1, formula: f.count(match, over: currencyCol),
                                   cachedNumber: Double(c.pledges), format: formats.count)
            let own = try book.register(Format().numberFormat(WorkbookScaledFormat.amount(c.currency, language)))
            try sheet.writeFormula(row: row, col: 2, formula: f.sum(amountCol, match, over: currencyCol),
                                   cachedNumber: c.amount.nearestDouble, format: own)
            try sheet.writeFormula(row: row, col: 3, formula: f.sum(reportedCol, match, over: currencyCol),
                                   cachedNumber: c.reported.nearestDouble, format: money)
            widths.see(2, WorkbookScaledFormat.displayWidth(c.amount, currency: c.currency, language: language))
            widths.see(3, WorkbookScaledFormat.displayWidth(c.reported, currency: currency, language: language))
            row += 1
        }

        // The largest investors.
        let investors: [Breakdown.InvestorTotal]
        do throws(DecimalAmount.Overflow) {
            investors = try facts.breakdown.largestInvestors(Self.investorCount)
        } catch {
            return row
        }
        row += 1
        try sheet.write(row: row, col: 0, string: words.investorsSection, format: formats.section)
        row += 1
        try header(words.investorsHeader, at: row)
        row += 1
        for i in investors {
            // Investors are folded by case (``Breakdown``), as criteria and `=` compare.
            let match = RowMatch.forName(i.investor, cell: "$A\(row + 1)", caseMatters: false)
            try WorkbookCellText.write(i.investor, to: sheet, row: row, col: 0, marker: summary.labels.truncated)
            widths.see(0, min(i.investor.count, 48))
            try sheet.writeFormula(row: row, col: 1, formula: f.count(match, over: investorCol),
                                   cachedNumber: Double(i.pledges), format: formats.count)
            try sheet.writeFormula(row: row, col: 2, formula: f.sum(reportedCol, match, over: investorCol),
                                   cachedNumber: i.total.nearestDouble, format: money)
            widths.see(2, WorkbookScaledFormat.displayWidth(i.total, currency: currency, language: language))
            row += 1
        }
        if facts.breakdown.investorsSaturated {
            try sheet.write(row: row, col: 0, string: words.investorsNotAll.replacing(
                "{n}", with: String(Breakdown.maxInvestors)), format: formats.note)
            row += 1
        }
        return row
    }
}
