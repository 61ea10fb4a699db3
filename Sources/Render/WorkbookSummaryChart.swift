import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

/// The Summary's chart: per domain, the firm part, the floor part (may grow)
/// and the ceiling part (may shrink) as stacked bars from zero, the largest
/// domain on top, with value labels in billions or millions; beyond 12
/// domains, the 12 largest and "Other". Under it, the small table the chart
/// reads, as formulas over the domain table:
///
///     firm     =D14-E14-F14
///     floor    =F14
///     ceiling  =E14
///     (Other)  =SUM(D26:D35)-SUM(E26:E35)-SUM(F26:F35)   …
struct WorkbookSummaryChart {
    let summary: WorkbookSummary
    static let maxBars = 12
    static let colors: (firm: Color, floor: Color, ceiling: Color) = (0x1F4E79, 0x9DC3E6, 0xFFC000)

    /// Writes the chart at `top` and its data under it; returns the first free row after them.
    func write(on sheet: Worksheet, book: borrowing Workbook, table: WorkbookSummary.DomainTable, top: Int,
               widths: WorkbookSummary.Widths) throws(XlsxError) -> Int {
        let facts = summary.facts
        let formats = summary.formats
        let words = summary.words
        let currency = facts.options.currency
        let language = formats.language
        let domains = facts.domains
        let shownCount = domains.count > Self.maxBars ? Self.maxBars : domains.count
        let hasOther = domains.count > Self.maxBars

        // The bars' figures, exactly.
        struct Bar { var name: String; var firm, floor, ceiling, total: DecimalAmount }
        var bars: [Bar] = []
        do throws(DecimalAmount.Overflow) {
            for d in domains.prefix(shownCount) {
                bars.append(Bar(name: summary.shown(d.domain), firm: try d.total.subtracting(d.ceiling).subtracting(d.floor),
                                floor: d.floor, ceiling: d.ceiling, total: d.total))
            }
            if hasOther {
                var rest = DomainTotal(domain: words.other)
                for d in domains.dropFirst(shownCount) { try rest.add(d) }
                bars.append(Bar(name: words.other, firm: try rest.total.subtracting(rest.ceiling).subtracting(rest.floor),
                                floor: rest.floor, ceiling: rest.ceiling, total: rest.total))
            }
        } catch {
            return top   // totals too large to split: no chart (by_domain.csv would have failed first)
        }

        let height = Double(max(260, 90 + 30 * bars.count))
        let chartRows = Int((height / 20).rounded(.up)) + 1
        let dataTop = top + chartRows + 1

        // The chart's table.
        try sheet.write(row: dataTop, col: 0, string: words.chartSection, format: formats.section)
        let header = WorkbookLabels.filled(words.chartHeader, currency: currency)
        for (col, title) in header.enumerated() {
            try sheet.write(row: dataTop + 1, col: col, string: title, format: col == 0 ? formats.header : formats.headerNumber)
            widths.see(col, title.count + 1)
        }
        let money = try book.register(Format().numberFormat(WorkbookScaledFormat.amount(currency, language)))
        let first = dataTop + 2
        for (i, bar) in bars.enumerated() {
            let row = first + i
            try WorkbookCellText.write(bar.name, to: sheet, row: row, col: 0, marker: summary.labels.truncated)
            let formulas: [String]
            if i < shownCount {
                let t = table.first + i + 1
                formulas = ["=D\(t)-E\(t)-F\(t)", "=F\(t)", "=E\(t)"]
            } else {
                let a = table.first + shownCount + 1, b = table.totalRow
                formulas = ["=SUM(D\(a):D\(b))-SUM(E\(a):E\(b))-SUM(F\(a):F\(b))", "=SUM(F\(a):F\(b))", "=SUM(E\(a):E\(b))"]
            }
            for (j, (formula, value)) in zip(formulas, [bar.firm, bar.floor, bar.ceiling]).enumerated() {
                try sheet.writeFormula(row: row, col: 1 + j, formula: formula, cachedNumber: value.nearestDouble, format: money)
                widths.see(1 + j, WorkbookScaledFormat.displayWidth(value, currency: currency, language: language))
            }
        }
        let last = first + bars.count - 1

        // The chart.
        let largest = bars.map(\.total.nearestDouble).max() ?? 0
        let chart = try book.addChart(.barStacked)
        let categories = CellRange(sheet: sheet.name, col: 0, firstRow: first, lastRow: last)
        let labelFormat = WorkbookScaledFormat.labels(currency, language, hideBelow: max(1, largest * 0.1), largest: largest)
        let names = WorkbookLabels.filled(words.chartSeries, currency: currency)
        for (j, (name, color)) in zip(names, [Self.colors.firm, Self.colors.floor, Self.colors.ceiling]).enumerated() {
            let series = try chart.addSeries(name: name, categories: categories,
                                             values: CellRange(sheet: sheet.name, col: 1 + j, firstRow: first, lastRow: last),
                                             color: color)
            try series.showValues(numberFormat: labelFormat, position: .center, fontSize: 8,
                                  color: j == 0 ? 0xFFFFFF : 0x1F1F1F)
        }
        try chart.setTitle(words.chartTitle.replacing("{cur}", with: currency.code))
        try chart.setLegend(.bottom)
        try chart.setValueAxisMin(0)
        try chart.setValueAxisNumberFormat(WorkbookScaledFormat.axis(currency, language, largest: largest))
        try chart.reverseCategories()
        try chart.setGap(40)
        let width = Double(widths.chars.enumerated().reduce(0) { sum, c in
            sum + (c.offset == 0 ? min(max(c.element + 2, 24), 50) : min(max(c.element + 2, 10), 40))
        } * 7)
        try sheet.insertChart(chart, row: top, col: 0, width: max(600, width), height: height)
        // Printed, the chart and its figures start a page of their own.
        try sheet.setPageBreaks(beforeRows: [top])
        return last + 1
    }
}
