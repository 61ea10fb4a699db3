import XlsxWriter
import PledgeTallyCore
import Aggregate

/// The Summary sheet: the run's key figures, the totals by domain as formulas
/// over the Pledges sheet(s) with the exact figures of by_domain.csv cached
/// beside them, and a chart of the totals.
///
/// Each domain row reads the pledges with COUNTIFS/SUMIFS (English function
/// names, as xlsx stores them whatever the reader's language):
///
///     pledges   =COUNTIFS(Pledges!$D$2:$D$1048576,$A10)
///     unpriced  =COUNTIFS(…$D…,$A10,Pledges!$G$2:$G$1048576,"unspecified")
///     total     =SUMIFS(Pledges!$N$2:$N$1048576,…$D…,$A10)
///     ceiling   =SUMIFS(… "up_to")+SUMIFS(… "range")
///     floor     =SUMIFS(… "at_least")+SUMIFS(… "initial")
///     share     =IF($D$14=0,0,D10/$D$14)
///
/// with one term per Pledges sheet when the pledges continue on "Pledges 2"….
/// The TOTAL row sums the domain rows. Cached values come from the exact
/// totals (`facts.domains`, `facts.grandTotal`), so readers that do not
/// calculate show by_domain.csv's figures, and a recalculation gives them too.
struct WorkbookSummary {
    let facts: RunFacts
    let labels: WorkbookLabels
    let formats: WorkbookFormats
    let pledgeSheets: [String]

    /// Zero-based row of the table's header.
    static let headerRow = 8
    /// The chart's top row (beside the key figures and the table) and height in pixels (rows are 20).
    static let chartRow = 1
    static let chartHeight = 340.0

    func write(on sheet: Worksheet, book: borrowing Workbook) throws(XlsxError) {
        let currency = facts.options.currency
        let marker = labels.truncated
        var widths = [Int](repeating: 0, count: 7)
        func seeWidth(_ col: Int, _ n: Int) { widths[col] = max(widths[col], n) }

        // Key figures.
        try sheet.write(row: 0, col: 0, string: labels.title, format: formats.title)
        try sheet.write(row: 1, col: 0, string: labels.reportingCurrency, format: formats.label)
        try sheet.write(row: 1, col: 1, string: currency)
        try sheet.write(row: 2, col: 0, string: labels.rateDates, format: formats.label)
        if let days = facts.rateDays {
            try sheet.write(row: 2, col: 1, day: days.lowerBound, format: formats.date)
            try sheet.write(row: 2, col: 2, day: days.upperBound, format: formats.date)
        } else {
            try sheet.write(row: 2, col: 1, string: labels.noRates)
        }
        let counts = [(labels.records, facts.records), (labels.accepted, facts.accepted),
                      (labels.rejected, facts.rejected), (labels.unpriced, facts.grandTotal.unpriced)]
        for (i, (label, value)) in counts.enumerated() {
            try sheet.write(row: 3 + i, col: 0, string: label, format: formats.label)
            try sheet.write(row: 3 + i, col: 1, number: Double(value), format: formats.count)
        }
        // The rates' last day, under the counts (`make rates` moves it on).
        try sheet.write(row: 3 + counts.count, col: 0, string: labels.ratesEnd, format: formats.label)
        if let last = facts.ratesLastDay { try sheet.write(row: 3 + counts.count, col: 1, day: last, format: formats.date) }
        for label in [labels.reportingCurrency, labels.rateDates, labels.ratesEnd] + counts.map(\.0) { seeWidth(0, label.count + 1) }

        // The table.
        let header = WorkbookLabels.filled(labels.summaryHeader, currency: currency)
        let top = Self.headerRow
        for (col, title) in header.enumerated() {
            try sheet.write(row: top, col: col, string: title, format: col == 0 ? formats.header : formats.headerNumber)
            seeWidth(col, title.count + 1)
        }
        let first = top + 1
        let totalRow = first + facts.domains.count
        let money = try formats.money(currency, book: book)
        let moneyTotal = try formats.moneyTotal(currency, book: book)
        let grand = facts.grandTotal.total
        for (i, d) in facts.domains.enumerated() {
            let row = first + i
            try WorkbookCellText.write(d.domain, to: sheet, row: row, col: 0, marker: marker)
            seeWidth(0, d.domain.count)
            let crit = Self.criterion(d.domain, cell: "$A\(row + 1)")
            try sheet.writeFormula(row: row, col: 1, formula: countFormula(crit), cachedNumber: Double(d.pledges),
                                   format: formats.count)
            try sheet.writeFormula(row: row, col: 2, formula: countFormula(crit, qualifiers: [.unspecified]),
                                   cachedNumber: Double(d.unpriced), format: formats.count)
            try sheet.writeFormula(row: row, col: 3, formula: sumFormula(crit), cachedNumber: d.total.nearestDouble,
                                   format: money)
            try sheet.writeFormula(row: row, col: 4, formula: sumFormula(crit, qualifiers: [.upTo, .range]),
                                   cachedNumber: d.ceiling.nearestDouble, format: money)
            try sheet.writeFormula(row: row, col: 5, formula: sumFormula(crit, qualifiers: [.atLeast, .initial]),
                                   cachedNumber: d.floor.nearestDouble, format: money)
            try sheet.writeFormula(row: row, col: 6, formula: shareFormula(row, totalRow),
                                   cachedNumber: Self.fraction(d.total, of: grand), format: formats.percent)
            for (col, value) in [(3, d.total), (4, d.ceiling), (5, d.floor)] {
                seeWidth(col, WorkbookNumberFormat.displayWidth(value, currency: currency, language: formats.language))
            }
        }

        // TOTAL: the sum of the rows above.
        let g = facts.grandTotal
        try sheet.write(row: totalRow, col: 0, string: labels.totalRow, format: formats.totalLabel)
        let cached: [(Double, CellFormat)] = [
            (Double(g.pledges), formats.countBold), (Double(g.unpriced), formats.countBold),
            (g.total.nearestDouble, moneyTotal), (g.ceiling.nearestDouble, moneyTotal), (g.floor.nearestDouble, moneyTotal),
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
        try sheet.writeFormula(row: totalRow, col: 6, formula: shareFormula(totalRow, totalRow),
                               cachedNumber: Self.fraction(g.total, of: grand), format: formats.percentBold)
        for (col, value) in [(3, g.total), (4, g.ceiling), (5, g.floor)] {
            seeWidth(col, WorkbookNumberFormat.displayWidth(value, currency: currency, language: formats.language))
        }

        for (i, note) in labels.notes.enumerated() {
            try sheet.write(row: totalRow + 2 + i, col: 0, string: note, format: formats.note)
        }

        // Widths: column A fits the labels and domains; the numbers fit their figures.
        try sheet.setColumn(0, width: Double(min(max(widths[0] + 2, 24), 50)))
        for col in 1..<7 { try sheet.setColumn(col, width: Double(max(widths[col] + 2, 10))) }
        try sheet.setColumn(7, width: 3)

        if !facts.domains.isEmpty {
            try insertChart(on: sheet, book: book, first: first, last: totalRow - 1)
            // Print and PDF cover the used cells only: a formatted blank under the
            // chart's bottom edge keeps the chart whole on the page.
            let chartBottom = Self.chartRow + Int((Self.chartHeight / 20).rounded(.up)) + 1
            let lastRow = totalRow + 1 + labels.notes.count
            if chartBottom > lastRow { try sheet.writeBlank(row: chartBottom, col: 0, format: formats.note) }
        }
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: 0)
    }

    // MARK: Formulas

    private var pledgesColumns: (domain: String, qualifier: String, amount: String) {
        (columnName(ReportWorkbook.domainColumn), columnName(ReportWorkbook.qualifierColumn),
         columnName(ReportWorkbook.reportedColumn))
    }

    /// `Pledges!$D$2:$D$1048576`: a column below the header, on one pledges sheet.
    private func range(_ sheet: String, _ column: String) -> String {
        "\(quotedSheetName(sheet))!$\(column)$2:$\(column)$\(ExcelLimits.maxRow + 1)"
    }

    private func countFormula(_ crit: String, qualifiers: [Qualifier] = []) -> String {
        let c = pledgesColumns
        let terms = pledgeSheets.flatMap { s -> [String] in
            if qualifiers.isEmpty { return ["COUNTIFS(\(range(s, c.domain)),\(crit))"] }
            return qualifiers.map { "COUNTIFS(\(range(s, c.domain)),\(crit),\(range(s, c.qualifier)),\"\($0.rawValue)\")" }
        }
        return "=" + terms.joined(separator: "+")
    }

    private func sumFormula(_ crit: String, qualifiers: [Qualifier] = []) -> String {
        let c = pledgesColumns
        let terms = pledgeSheets.flatMap { s -> [String] in
            if qualifiers.isEmpty { return ["SUMIFS(\(range(s, c.amount)),\(range(s, c.domain)),\(crit))"] }
            return qualifiers.map {
                "SUMIFS(\(range(s, c.amount)),\(range(s, c.domain)),\(crit),\(range(s, c.qualifier)),\"\($0.rawValue)\")"
            }
        }
        return "=" + terms.joined(separator: "+")
    }

    private func shareFormula(_ row: Int, _ totalRow: Int) -> String {
        "=IF($D$\(totalRow + 1)=0,0,D\(row + 1)/$D$\(totalRow + 1))"
    }

    /// The COUNTIFS/SUMIFS criterion that matches exactly `domain`: the domain's
    /// own cell when its text is plain, otherwise a literal `"=…"` with Excel's
    /// wildcards (`*` `?` `~`) escaped, so that "R&D*" or "<5" match only themselves.
    static func criterion(_ domain: String, cell: String) -> String {
        let wildcard = domain.contains { $0 == "*" || $0 == "?" || $0 == "~" }
        let operatorFirst = domain.first.map { $0 == "=" || $0 == "<" || $0 == ">" } ?? true
        if !wildcard && !operatorFirst { return cell }
        var escaped = ""
        for ch in domain {
            switch ch {
            case "*", "?", "~": escaped.append("~"); escaped.append(ch)
            case "\"": escaped.append("\"\"")
            default: escaped.append(ch)
            }
        }
        return "\"=\(escaped)\""
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

    // MARK: Chart and dates

    private func insertChart(on sheet: Worksheet, book: borrowing Workbook, first: Int, last: Int) throws(XlsxError) {
        let currency = facts.options.currency
        let chart = try book.addChart(.column)
        let title = labels.chartTitle.replacing("{cur}", with: currency)
        try chart.addSeries(
            name: title,
            categories: CellRange(sheet: sheet.name, col: 0, firstRow: first, lastRow: last),
            values: CellRange(sheet: sheet.name, col: 3, firstRow: first, lastRow: last),
            color: 0x2E75B6)
        try chart.setTitle(title)
        try chart.setLegend(.none)
        try chart.setValueAxisNumberFormat(axisFormat)
        let count = last - first + 1
        // Columns in table order (largest first); the chart widens with the number of domains.
        try sheet.insertChart(chart, row: Self.chartRow, col: 8, width: Double(min(1200, max(520, 140 + 90 * count))),
                              height: Self.chartHeight)
    }

    /// The value axis in billions, millions or units, whichever suits the grand total.
    private var axisFormat: String {
        let total = facts.grandTotal.total
        let fr = formats.language == .fr
        if total >= DecimalAmount(mantissa: 2_000_000_000) { return WorkbookNumberFormat.axisBillions(formats.language) }
        if total >= DecimalAmount(mantissa: 2_000_000) { return fr ? "#,##0,,\"\u{00A0}M\"" : "#,##0,,\" M\"" }
        return WorkbookNumberFormat.count
    }
}
