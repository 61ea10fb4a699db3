import XlsxWriter
import PledgeTallyCore
import Aggregate

/// The Changes sheet (after Summary): the bridge from the previous run's
/// total to this one's at the top, then one row per change as changes.csv
/// has them, largest absolute delta first. Past Excel's row limit the table
/// goes on in "Changes 2"… as the Pledges sheet does.
struct WorkbookChanges {
    let labels: WorkbookChangeLabels
    let formats: WorkbookFormats
    let currency: String
    let marker: (Int) -> String
    /// The last row index a sheet may use.
    let lastRow: Int

    /// The row of the table's header on the first sheet.
    static let tableTop = 7

    /// Throws `XlsxError`, or `DiffError` when a run's file changed since it was compared.
    func write(_ changes: RunChanges, on sheet: Worksheet, book: borrowing Workbook) throws {
        var widths = ColumnWidths(header: WorkbookLabels.filled(labels.tableHeader, currency: currency))
        try sheet.write(row: 0, col: 0, string: labels.changesTitle, format: formats.title)
        let diff: RunDiff
        switch changes {
        case .firstRun:
            try sheet.write(row: 1, col: 0, string: labels.firstRun, format: formats.note)
            try sheet.setColumn(0, width: 16)
            return
        case .unavailable(let reason):
            try WorkbookCellText.write(labels.unavailable + reason, to: sheet, row: 1, col: 0, marker: marker)
            try sheet.setColumn(0, width: 16)
            return
        case .diff(let d):
            diff = d
        }
        let cur = currency
        let money = try formats.money(cur, book: book)
        // The bridge: counts and amounts, previous total … this run's total.
        try sheet.write(row: 2, col: 0, string: "", format: formats.header)
        for (i, title) in labels.bridgeHeader.enumerated() {
            try sheet.write(row: 2, col: i + 1, string: title, format: formats.headerNumber)
            widths.see(i + 1, title.count + 1)
        }
        // Printed landscape, one page wide.
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: 0)
        try sheet.write(row: 3, col: 0, string: labels.pledgesRow, format: formats.label)
        let kinds: [RunDiff.Kind] = [.added, .removed, .changed, .nowRejected, .noLongerRejected]
        for (i, kind) in kinds.enumerated() {
            try sheet.write(row: 3, col: i + 2, number: Double(diff.count(kind)), format: formats.count)
        }
        if diff.sameCurrency {
            try sheet.write(row: 4, col: 0, string: labels.amountRow.replacing("{cur}", with: cur), format: formats.label)
            let b = diff.bridge
            let parts = [diff.oldTotal, b.added, b.removed, b.changed, b.nowRejected, b.noLongerRejected, diff.newTotal]
            for (i, a) in parts.enumerated() {
                try sheet.write(row: 4, col: i + 1, number: a.nearestDouble, format: money)
                widths.see(i + 1, WorkbookNumberFormat.displayWidth(a.absolute, currency: cur, language: formats.language) + 2)
            }
        } else {
            let text = labels.otherCurrency.replacing("{old}", with: diff.oldCurrency).replacing("{new}", with: diff.newCurrency)
            try sheet.write(row: 4, col: 0, string: text, format: formats.note)
        }
        let rejections = labels.rejections.replacing("{new}", with: String(diff.rejectionsAdded))
            .replacing("{gone}", with: String(diff.rejectionsRemoved))
        try sheet.write(row: 5, col: 0, string: rejections, format: formats.note)

        // The table.
        let header = WorkbookLabels.filled(labels.tableHeader, currency: cur)
        var current = sheet
        var row = Self.tableTop
        var sheets: [(Worksheet, Int, Int)] = []   // sheet, header row, last row
        func startTable(_ s: Worksheet, at top: Int) throws {
            for (c, title) in header.enumerated() { try s.write(row: top, col: c, string: title, format: formats.header) }
            sheets.append((s, top, top))
        }
        try startTable(sheet, at: row)
        var continuation = 1
        let cursor = diff.rowCursor()   // rows read from the runs' files one change at a time
        while let r = try cursor.nextRow() {
            if row >= lastRow {
                continuation += 1
                current = try book.addWorksheet(name: "\(labels.changesSheet) \(continuation)")
                row = 0
                try startTable(current, at: 0)
            }
            row += 1
            sheets[sheets.count - 1].2 = row
            let kind = RunDiff.Kind.allCases.first { RunDiff.marker($0) == r.change }.flatMap { labels.kinds[$0] } ?? r.change
            for (c, text) in [kind, r.source, r.key, r.field, r.old, r.new].enumerated() {
                try WorkbookCellText.write(text, to: current, row: row, col: c, marker: marker)
                widths.see(c, text.unicodeScalars.count)
            }
            if let d = r.delta {
                try current.write(row: row, col: 6, number: d.nearestDouble, format: money)
                widths.see(6, WorkbookNumberFormat.displayWidth(d.absolute, currency: cur, language: formats.language) + 1)
            }
            if !r.note.isEmpty {
                try WorkbookCellText.write(r.note, to: current, row: row, col: 7, marker: marker)
                widths.see(7, r.note.unicodeScalars.count)
            }
        }
        for (s, top, last) in sheets {
            for c in header.indices { try s.setColumn(c, width: widths.width(c)) }
            try s.autofilter(firstRow: top, firstCol: 0, lastRow: max(last, top + 1), lastCol: header.count - 1)
            try s.freezePanes(row: top + 1, col: 0)
        }
    }
}
