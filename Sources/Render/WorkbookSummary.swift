import XlsxWriter
import Normalise
import PledgeTallyCore
import Aggregate

/// The Summary sheet: a report an analyst can forward as it is.
///
/// From the top: the title and the facts that date it (latest pledge date,
/// ECB rate days, inputs, reporting currency, counts, with links to the
/// Rejected and Unclassified sheets); the totals by domain; notes; a stacked
/// bar chart of each domain's firm, floor and ceiling parts with the small
/// table it reads; the breakdowns by currency and by investor.
///
/// Each domain row reads the pledges with COUNTIFS/SUMIFS (English function
/// names, as xlsx stores them whatever the reader's language), or with
/// SUMPRODUCT(EXACT(…)) for a domain no criterion can stand for (``RowMatch``):
///
///     pledges   =COUNTIFS(Pledges!$D$2:$D$1048576,$A14)
///     unpriced  =COUNTIFS(…$D…,$A14,Pledges!$G$2:$G$1048576,"unspecified")
///     total     =SUMIFS(Pledges!$N$2:$N$1048576,…$D…,$A14)
///     ceiling   =SUMIFS(… "up_to")+SUMIFS(… "range")
///     floor     =SUMIFS(… "at_least")+SUMIFS(… "initial")
///     low       =D14-2380952380.95   (the total less the ranges' spread)
///     share     =IF($D$20=0,0,D14/$D$20)
///
/// with one term per Pledges sheet when the pledges continue on "Pledges 2"….
/// The TOTAL row sums the domain rows. Cached values come from the exact
/// totals (`facts.domains`, `facts.grandTotal`), so readers that do not
/// calculate show by_domain.csv's figures, and a recalculation gives them too.
/// Amounts keep their exact value and show in billions or millions
/// (``WorkbookScaledFormat``).
struct WorkbookSummary {
    let facts: RunFacts
    let labels: WorkbookLabels
    let words: SummaryLabels
    let formats: WorkbookFormats
    let pledgeSheets: [String]
    /// Data rows on each pledges sheet (the SUMPRODUCT ranges stop there).
    var pledgeRows: [Int] = []
    /// The sheet holding the unclassified domain texts, when there is one.
    var unclassifiedSheet: String? = nil

    /// Zero-based columns of the domain table.
    static let columns = 8

    /// Widths of columns A…H, in characters, grown by every section.
    final class Widths {
        var chars = [Int](repeating: 0, count: WorkbookSummary.columns)
        func see(_ col: Int, _ n: Int) { chars[col] = max(chars[col], n) }
    }

    func write(on sheet: Worksheet, book: borrowing Workbook) throws(XlsxError) {
        let widths = Widths()
        var row = try writeTitleBlock(on: sheet, widths: widths)
        row += 1
        let table = try writeDomainTable(on: sheet, book: book, top: row, widths: widths)
        row = table.totalRow + 2
        for note in labels.notes {
            try sheet.write(row: row, col: 0, string: note, format: formats.note)
            row += 1
        }
        if !facts.domains.isEmpty {
            row = try WorkbookSummaryChart(summary: self).write(
                on: sheet, book: book, table: table, top: row + 1, widths: widths)
        }
        row = try WorkbookSummaryBreakdowns(summary: self).write(on: sheet, book: book, top: row + 1, widths: widths)

        // Widths: column A fits the labels and domains; the numbers fit their figures.
        try sheet.setColumn(0, width: Double(min(max(widths.chars[0] + 2, 24), 50)))
        for col in 1..<Self.columns { try sheet.setColumn(col, width: Double(min(max(widths.chars[col] + 2, 10), 40))) }
    }

    // MARK: Title block

    /// Title, dating facts and counts; returns the first row after them.
    private func writeTitleBlock(on sheet: Worksheet, widths: Widths) throws(XlsxError) -> Int {
        let currency = facts.options.currency
        try sheet.write(row: 0, col: 0, string: labels.title, format: formats.title)
        var row = 2
        func label(_ text: String) throws(XlsxError) {
            try sheet.write(row: row, col: 0, string: text, format: formats.label)
            widths.see(0, text.count + 1)
        }
        func day(_ text: String, _ value: Day?) throws(XlsxError) {
            try label(text)
            if let value { try sheet.write(row: row, col: 1, day: value, format: formats.date) }
            else { try sheet.write(row: row, col: 1, string: labels.noRates) }
            row += 1
        }
        try day(words.asOf, facts.breakdown.latestDay)
        try day(words.ratesFirst, facts.rateDays?.lowerBound)
        try day(words.ratesLast, facts.rateDays?.upperBound)
        // The ECB rates' last day (`make rates` moves it on).
        try day(labels.ratesEnd, facts.ratesLastDay)
        try label(words.inputs)
        try sheet.write(row: row, col: 1, string: Self.inputList(facts.inputs.map(\.path)))
        row += 1
        try label(labels.reportingCurrency)
        try sheet.write(row: row, col: 1, string: currency.code)
        row += 1
        let counts: [(String, Int, String?)] = [
            (labels.records, facts.records, nil), (labels.accepted, facts.accepted, nil),
            (labels.rejected, facts.rejected, labels.sheets.rejected), (labels.unpriced, facts.grandTotal.unpriced, nil),
            (words.unclassifiedTexts, facts.unclassifiedTotals.count, unclassifiedSheet),
        ]
        for (text, value, link) in counts {
            try label(text)
            try sheet.write(row: row, col: 1, number: Double(value), format: formats.count)
            if let link, value > 0 {
                // Indented: the count before it is right-aligned.
                try sheet.writeLink(row: row, col: 2, toSheet: link, text: words.seeSheet.replacing("{sheet}", with: link),
                                    format: formats.linkGap)
            }
            row += 1
        }
        return row
    }

    /// The input files' names, joined; a long list is cut with a count of the rest.
    static func inputList(_ paths: [String]) -> String {
        var text = ""
        for (i, p) in paths.enumerated() {
            let next = text.isEmpty ? p : text + ", " + p
            if next.count > 200 { return text + " … (+\(paths.count - i))" }
            text = next
        }
        return text
    }

    // MARK: Domain table

    struct DomainTable {
        /// Zero-based rows: the header, the first domain, TOTAL.
        var header, first, totalRow: Int
    }

    private func writeDomainTable(on sheet: Worksheet, book: borrowing Workbook, top: Int,
                                  widths: Widths) throws(XlsxError) -> DomainTable {
        let currency = facts.options.currency
        let marker = labels.truncated
        let header = WorkbookLabels.filled(words.header, currency: currency)
        for (col, title) in header.enumerated() {
            try sheet.write(row: top, col: col, string: title, format: col == 0 ? formats.header : formats.headerNumber)
            widths.see(col, title.count + 1)
        }
        let first = top + 1
        let totalRow = first + facts.domains.count
        let money = try book.register(Format().numberFormat(WorkbookScaledFormat.amount(currency, formats.language)))
        let moneyTotal = try book.register(
            Format().numberFormat(WorkbookScaledFormat.amount(currency, formats.language)).bold().bottomBorder(.double))
        let grand = facts.grandTotal.total
        func seeAmounts(_ d: DomainTotal) {
            for (col, value) in [(3, d.total), (4, d.ceiling), (5, d.floor), (6, d.low)] {
                widths.see(col, WorkbookScaledFormat.displayWidth(value, currency: currency, language: formats.language))
            }
        }
        // Domains are counted apart by case (domains.csv may give "Energy" and "ENERGY"), criteria are not.
        var caseCount: [String: Int] = [:]
        for d in facts.domains { caseCount[shown(d.domain).lowercased(), default: 0] += 1 }
        let f = PledgeFormulas(sheets: pledgeSheets, rows: pledgeRows)
        let c = pledgesColumns
        func q(_ qualifiers: [Qualifier]) -> (column: String, values: [String]) {
            (c.qualifier, qualifiers.map { words.qualifier($0) })
        }
        for (i, d) in facts.domains.enumerated() {
            let row = first + i
            let name = shown(d.domain)
            try WorkbookCellText.write(name, to: sheet, row: row, col: 0, marker: marker)
            widths.see(0, name.count)
            let match = RowMatch.forName(name, cell: "$A\(row + 1)", hasCaseTwin: caseCount[name.lowercased(), default: 0] > 1,
                                         caseMatters: true)
            try sheet.writeFormula(row: row, col: 1, formula: f.count(match, over: c.domain), cachedNumber: Double(d.pledges),
                                   format: formats.count)
            try sheet.writeFormula(row: row, col: 2, formula: f.count(match, over: c.domain, qualifiers: q([.unspecified])),
                                   cachedNumber: Double(d.unpriced), format: formats.count)
            try sheet.writeFormula(row: row, col: 3, formula: f.sum(c.amount, match, over: c.domain),
                                   cachedNumber: d.total.nearestDouble, format: money)
            try sheet.writeFormula(row: row, col: 4, formula: f.sum(c.amount, match, over: c.domain, qualifiers: q(Qualifier.ceilings)),
                                   cachedNumber: d.ceiling.nearestDouble, format: money)
            try sheet.writeFormula(row: row, col: 5,
                                   formula: f.sum(c.amount, match, over: c.domain, qualifiers: q(Qualifier.floors)),
                                   cachedNumber: d.floor.nearestDouble, format: money)
            try sheet.writeFormula(row: row, col: 6, formula: lowFormula(d, row: row), cachedNumber: d.low.nearestDouble,
                                   format: money)
            try sheet.writeFormula(row: row, col: 7, formula: shareFormula(row, totalRow),
                                   cachedNumber: Self.fraction(d.total, of: grand), format: formats.percent)
            seeAmounts(d)
        }

        // TOTAL: the sum of the rows above.
        let g = facts.grandTotal
        try sheet.write(row: totalRow, col: 0, string: labels.totalRow, format: formats.totalLabel)
        let cached: [(Double, CellFormat)] = [
            (Double(g.pledges), formats.countBold), (Double(g.unpriced), formats.countBold),
            (g.total.nearestDouble, moneyTotal), (g.ceiling.nearestDouble, moneyTotal),
            (g.floor.nearestDouble, moneyTotal), (g.low.nearestDouble, moneyTotal),
        ]
        for (i, (value, format)) in cached.enumerated() {
            let col = 1 + i
            if facts.domains.isEmpty {
                try sheet.write(row: totalRow, col: col, number: value, format: format)
            } else {
                let letter = columnName(col)
                try sheet.writeFormula(row: totalRow, col: col, formula: "=SUM(\(letter)\(first + 1):\(letter)\(totalRow))",
                                       cachedNumber: value, format: format)
            }
        }
        try sheet.writeFormula(row: totalRow, col: 7, formula: shareFormula(totalRow, totalRow),
                               cachedNumber: Self.fraction(g.total, of: grand), format: formats.percentBold)
        seeAmounts(g)
        return DomainTable(header: top, first: first, totalRow: totalRow)
    }

    /// A domain as the workbook shows it ("Non classé" in French).
    func shown(_ domain: String) -> String {
        domain == DomainMap.unclassified ? words.unclassifiedDomain : domain
    }

    // MARK: Formulas

    private var pledgesColumns: (domain: String, qualifier: String, amount: String) {
        (columnName(ReportWorkbook.domainColumn), columnName(ReportWorkbook.qualifierColumn),
         columnName(ReportWorkbook.reportedColumn))
    }

    /// Low: the row's total less the ranges' spread (high end − low end, in
    /// the reporting currency), which the Pledges sheet does not hold.
    private func lowFormula(_ d: DomainTotal, row: Int) -> String {
        let spread = (try? d.total.subtracting(d.low)) ?? .zero
        let digits = facts.options.currency.minorDigits
        return spread.isZero ? "=D\(row + 1)" : "=D\(row + 1)-\(spread.formatted(places: digits))"
    }

    private func shareFormula(_ row: Int, _ totalRow: Int) -> String {
        "=IF($D$\(totalRow + 1)=0,0,D\(row + 1)/$D$\(totalRow + 1))"
    }

    /// `part / whole` as a fraction (the share), from the exact quotient, or 0 when `whole` is 0.
    static func fraction(_ part: DecimalAmount, of whole: DecimalAmount) -> Double {
        guard !whole.isZero else { return 0 }
        // As many places as fit in the 128-bit intermediate; 17 give a double's full precision.
        for places in stride(from: 17, through: 0, by: -1) {
            if let q = try? part.scaled(by: 1, over: whole, places: places) { return q.nearestDouble }
        }
        return 0
    }
}
