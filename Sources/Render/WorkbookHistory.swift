import XlsxWriter
import PledgeTallyCore
import Aggregate
import RunCompare

/// The History sheet: the TOTAL row of every run in history.csv (total,
/// ceiling and floor, each in its run's currency, to the cent) and, from two
/// runs on, a line chart of them below, on a printed page of its own.
struct WorkbookHistory {
    let labels: WorkbookChangeLabels
    let formats: WorkbookFormats
    let marker: (Int) -> String

    static let tableTop = 1

    func write(_ history: RunHistory, on sheet: Worksheet, book: borrowing Workbook) throws(XlsxError) {
        let runs = history.totals
        try sheet.write(row: 0, col: 0, string: labels.historyTitle, format: formats.title)
        for (c, title) in labels.historyHeader.enumerated() {
            let numeric = RunHistory.sheetColumns[c].numeric
            try sheet.write(row: Self.tableTop, col: c, string: title, format: numeric ? formats.headerNumber : formats.header)
        }
        var row = Self.tableTop
        for r in runs {
            row += 1
            try sheet.write(row: row, col: 0, number: Double(r.run), format: formats.count)
            if let d = Day(iso: r.latestPledgeDate) { try sheet.write(row: row, col: 1, day: d, format: formats.date) }
            try sheet.write(row: row, col: 2, string: r.currency)
            let money = try formats.money(Currency(r.currency), book: book)
            for (c, a) in [(3, r.total), (4, r.ceiling), (5, r.floor)] {
                try sheet.write(row: row, col: c, number: a.nearestDouble, format: money)
            }
            try sheet.write(row: row, col: 6, number: Double(r.pledges), format: formats.count)
            try sheet.write(row: row, col: 7, string: r.inputsSHA256)
        }
        try sheet.write(row: row + 2, col: 0, string: labels.historyNote, format: formats.note)
        // Wide enough for the figures and for each header in bold ("Dernière date d’engagement").
        for (c, column) in RunHistory.sheetColumns.enumerated() {
            try sheet.setColumn(c, width: max(Double(column.width ?? 10), Double(labels.historyHeader[c].count + 3)))
        }

        // The chart below the table, on a printed page of its own (never cut by a page end); its value
        // axis in billions or millions of the latest run's currency, as the Summary's chart.
        guard runs.count >= 2, let latest = runs.last else { return }
        let chartRow = row + 4
        let chart = try book.addChart(.line)
        let first = Self.tableTop + 1, last = Self.tableTop + runs.count
        for (col, color) in [(3, Color(rgb: 0x1F4E79)), (4, Color(rgb: 0xC55A11)), (5, Color(rgb: 0x548235))] {
            try chart.addSeries(
                name: labels.historyHeader[col],
                categories: CellRange(sheet: sheet.name, col: 0, firstRow: first, lastRow: last),
                values: CellRange(sheet: sheet.name, col: col, firstRow: first, lastRow: last),
                color: color)
        }
        try chart.setTitle(labels.historyChart)
        try chart.setLegend(.bottom)
        try chart.setXAxisTitle(labels.historyHeader[0])
        let largest = runs.filter { $0.currency == latest.currency }.map(\.total.nearestDouble).max() ?? 0
        try chart.setValueAxisNumberFormat(WorkbookScaledFormat.axis(Currency(latest.currency), formats.language, largest: largest))
        try sheet.insertChart(chart, row: chartRow, col: 0, width: 900, height: 380)
        try sheet.setPageBreaks(beforeRows: [chartRow])
    }
}
