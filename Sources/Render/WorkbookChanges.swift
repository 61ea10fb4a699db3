import XlsxWriter
import PledgeTallyCore
import Aggregate
import RunCompare

/// The Changes sheet (after Summary): the bridge from the previous run's
/// total to this one's at the top, then one row per change as changes.csv
/// has them, largest absolute delta first. Past Excel's row limit the table
/// goes on in "Changes 2"… as the Pledges sheet does.
struct WorkbookChanges {
    let labels: WorkbookChangeLabels
    let formats: WorkbookFormats
    let currency: Currency
    let marker: (Int) -> String
    /// The last row index a sheet may use.
    let lastRow: Int

    /// The row of the table's header on the first sheet.
    static let tableTop = 7

    /// Returns the row of the table's header on `sheet` (nil when there is no table), to repeat it on every printed page.
    /// Throws `XlsxError`, or `DiffError` when a run's file changed since it was compared.
    @discardableResult
    func write(_ changes: RunChanges, on sheet: Worksheet, book: borrowing Workbook) throws -> Int? {
        var widths = ColumnWidths(header: WorkbookLabels.filled(labels.tableHeader, currency: currency))
        try sheet.write(row: 0, col: 0, string: labels.changesTitle, format: formats.title)
        let diff: RunDiff
        switch changes {
        case .firstRun:
            try sheet.write(row: 1, col: 0, string: labels.firstRun, format: formats.note)
            try sheet.setColumn(0, width: 16)
            return nil
        case .unavailable(let reason):
            try WorkbookCellText.write(labels.unavailable + reason, to: sheet, row: 1, col: 0, marker: marker)
            try sheet.setColumn(0, width: 16)
            return nil
        case .diff(let d):
            diff = d
        }
        let cur = currency
        let money = try formats.money(cur, book: book)
        let figures = Figures(share: try book.register(Format().numberFormat("0.00")),
                              amount: try book.register(Format().numberFormat("#,##0.00########")))
        // The bridge: counts and amounts, previous total … this run's total.
        try sheet.write(row: 2, col: 0, string: "", format: formats.header)
        for (i, title) in labels.bridgeHeader.enumerated() {
            try sheet.write(row: 2, col: i + 1, string: title, format: formats.headerNumber)
            widths.see(i + 1, title.count + 1)
        }
        try sheet.write(row: 3, col: 0, string: labels.pledgesRow, format: formats.label)
        widths.see(0, labels.pledgesRow.count + 1)
        let kinds: [RunDiff.Kind] = [.added, .removed, .changed, .nowRejected, .noLongerRejected]
        for (i, kind) in kinds.enumerated() {
            try sheet.write(row: 3, col: i + 2, number: Double(diff.count(kind)), format: formats.count)
        }
        if diff.sameCurrency {
            let label = labels.amountRow.replacing("{cur}", with: cur.code)
            try sheet.write(row: 4, col: 0, string: label, format: formats.label)
            widths.see(0, label.count + 2)   // bold
            let b = diff.bridge
            let parts = [diff.oldTotal, b.added, b.removed, b.changed, b.nowRejected, b.noLongerRejected, diff.newTotal]
            for (i, a) in parts.enumerated() {
                try sheet.write(row: 4, col: i + 1, number: a.nearestDouble, format: money)
                widths.see(i + 1, Self.width(a, cur, formats.language) + 1)
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
                if c >= 4, let figure = try number(r.field, text, figures, book: book) {
                    try current.write(row: row, col: c, number: figure.value, format: figure.format)
                    widths.see(c, figure.width)
                    continue
                }
                try WorkbookCellText.write(text, to: current, row: row, col: c, marker: marker)
                widths.see(c, text.unicodeScalars.count)
            }
            if let d = r.delta {
                try current.write(row: row, col: 6, number: d.nearestDouble, format: money)
                widths.see(6, Self.width(d, cur, formats.language) + 1)   // room before the note
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
        return Self.tableTop
    }

    /// Formats of the old and new figures that have no currency: a share, an amount in its own currency.
    private struct Figures {
        var share, amount: CellFormat
    }

    /// Characters `amount` takes in its money format, the minus sign included.
    static func width(_ amount: DecimalAmount, _ currency: Currency, _ language: Language) -> Int {
        WorkbookNumberFormat.displayWidth(amount.absolute, currency: currency, language: language) + (amount.isNegative ? 1 : 0)
    }

    /// An old or new value that is a figure, as a number cell with its format and width: amounts of a
    /// `…_<cur>` column in that currency's money format, an amount in its own currency grouped,
    /// counts as counts, shares to two places. Nil for text (and for a figure that does not read).
    private func number(_ field: String, _ text: String, _ figures: Figures, book: borrowing Workbook) throws(XlsxError)
        -> (value: Double, format: CellFormat, width: Int)? {
        guard !text.isEmpty, let a = DecimalAmount(plain: text) else { return nil }
        let language = formats.language
        switch field {
        case "pledges", "unpriced":
            return (a.nearestDouble, formats.count, Self.width(a, "XXX", language))
        case "share_pct":
            return (a.nearestDouble, figures.share, text.count + 1)
        case "amount", "amount_low":
            return (a.nearestDouble, figures.amount, Self.width(a, "XXX", language))
        default:
            for prefix in ["amount_", "total_", "ceiling_", "floor_", "low_"] where field.hasPrefix(prefix) {
                let text = field.dropFirst(prefix.count).uppercased()
                guard text.count == 3, text.allSatisfy({ $0 >= "A" && $0 <= "Z" }) else { return nil }
                let code = Currency(text)
                return (a.nearestDouble, try formats.money(code, book: book), Self.width(a, code, language))
            }
            return nil
        }
    }
}
