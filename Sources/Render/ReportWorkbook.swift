import XlsxWriter
import PledgeTallyCore
import Ingest
import Normalise
import Aggregate
import RunCompare

/// report.xlsx (docs/output.md): Summary, Changes, History, Pledges, Rejected,
/// Rates and Run sheets, written while the run streams.
///
/// The pipeline calls, from one thread: `init`, then `add` for each pledge and
/// rejection in input order, then ``finish(_:)`` once. The workbook runs in
/// libxlsxwriter's constant-memory mode: every sheet is written row by row and
/// flushed, and no pledge is kept, so memory does not grow with the input.
/// Sheets appear in creation order: Summary, Changes and History (filled in
/// `finish`, but created first so they come first), Pledges, Rejected, then
/// any continuation sheets ("Pledges 2"… beyond Excel's 1,048,575 data rows,
/// "Changes 2"… likewise), then Rates and Run.
///
/// Numbers are doubles in xlsx: each exact amount is converted once, correctly
/// rounded (``DecimalAmount/nearestDouble``). The same inputs give the same
/// bytes: fixed document date, no clock, no locale, no hash-order iteration.
///
/// Errors are ``OutputError``s naming the file: `cannotCreate` when the
/// workbook cannot be started or its file created (exit 73), `writeFailed`
/// for anything that goes wrong while writing or saving (exit 74), with the
/// wrapper's message naming the sheet and cell. Text too long for a cell is cut
/// visibly rather than failing (see ``WorkbookCellText``).
final class ReportWorkbook {
    let path: String
    let options: RunOptions
    let labels: WorkbookLabels
    let words: SummaryLabels
    /// The workbook until ``finish(_:)`` closes it.
    private var book: Workbook?
    private var closed = false
    private let formats: WorkbookFormats
    private let summary: Worksheet
    private let changes: Worksheet
    private let history: Worksheet
    private let changeLabels: WorkbookChangeLabels
    private let rowsPerSheet: Int
    private let pledges: WorkbookTable
    private let rejected: WorkbookTable
    private let reportingCurrency: Currency
    private let reportingDigits: Int
    private let marker: (Int) -> String

    /// Pledges columns the Summary formulas read (zero-based): domain, qualifier, amount in the reporting currency.
    static let domainColumn = OutputColumns.pledges.names().index("domain")
    static let qualifierColumn = OutputColumns.pledges.names().index("qualifier")
    static let reportedColumn = OutputColumns.pledges.names().index("amount_{cur}")

    convenience init(path: String, options: RunOptions, compressionLevel: Int? = nil) throws {
        try self.init(path: path, options: options, rowsPerSheet: ExcelLimits.maxRow, compressionLevel: compressionLevel)
    }

    /// `rowsPerSheet` is the most data rows per Pledges (and Rejected) sheet;
    /// tests lower it to see the table continue on a second sheet.
    /// `compressionLevel` is the zip's zlib level (nil: libxlsxwriter's 6).
    init(path: String, options: RunOptions, rowsPerSheet: Int, compressionLevel: Int? = nil) throws(OutputError) {
        self.path = path
        self.options = options
        let labels = WorkbookLabels.forLanguage(options.language)
        self.labels = labels
        let words = SummaryLabels.forLanguage(options.language)
        self.words = words
        marker = labels.truncated
        reportingCurrency = options.currency
        reportingDigits = options.currency.minorDigits
        changeLabels = WorkbookChangeLabels.forLanguage(options.language)
        self.rowsPerSheet = rowsPerSheet
        do throws(XlsxError) {
            let book = try Workbook(
                path: path, options: WorkbookOptions(constantMemory: true, compressionLevel: compressionLevel),
                properties: DocumentProperties(
                    title: labels.title, subject: words.subject.replacing("{cur}", with: options.currency.code),
                    keywords: words.keywords))
            formats = try WorkbookFormats(book: book, language: options.language)
            summary = try book.addWorksheet(name: labels.sheets.summary)
            changes = try book.addWorksheet(name: changeLabels.changesSheet)
            history = try book.addWorksheet(name: changeLabels.historySheet)
            pledges = try WorkbookTable(
                book: book, name: labels.sheets.pledges,
                header: OutputColumns.pledges.names().labels(options.language, currency: options.currency.code),
                headerFormat: formats.header, rowsPerSheet: rowsPerSheet)
            rejected = try WorkbookTable(
                book: book, name: labels.sheets.rejected, header: OutputColumns.rejected.names().labels(options.language, currency: options.currency.code),
                headerFormat: formats.header, rowsPerSheet: rowsPerSheet)
            self.book = .some(consume book)
        } catch {
            throw Self.mapped(error, path: path, creating: true)
        }
    }

    /// Writes one Pledges row: the columns of pledges.csv, in its order.
    func add(_ p: ConvertedPledge) throws {
        try requireOpen()
        do throws(XlsxError) {
            try write(p, OutputColumns.pledges, table: pledges)
        } catch {
            throw Self.mapped(error, path: path, creating: false)
        }
    }

    /// Writes one Rejected row.
    func add(_ r: Rejection) throws {
        try requireOpen()
        do throws(XlsxError) {
            try write(r, OutputColumns.rejected, table: rejected)
        } catch {
            throw Self.mapped(error, path: path, creating: false)
        }
    }

    /// Fills Summary, Changes and History, adds Rates and Run, and writes the file.
    func finish(_ facts: RunFacts, changes runChanges: RunChanges = .firstRun, history runHistory: RunHistory = RunHistory()) throws {
        try requireOpen()
        closed = true
        do throws(XlsxError) {
            try pledges.finish()
            try rejected.finish()
            let unclassified = try WorkbookUnclassified.write(facts, words: words, formats: formats, book: book!)
            try WorkbookSummary(facts: facts, labels: labels, words: words, formats: formats,
                                pledgeSheets: pledges.sheetNames, pledgeRows: pledges.sheets.map(\.rows),
                                unclassifiedSheet: unclassified)
                .write(on: summary, book: book!)
        } catch {
            throw Self.mapped(error, path: path, creating: false)
        }
        let changesHeader: Int?
        do {
            changesHeader = try WorkbookChanges(labels: changeLabels, formats: formats, currency: reportingCurrency,
                                                marker: marker, lastRow: rowsPerSheet)
                .write(runChanges, on: changes, book: book!)
        } catch let error as XlsxError {
            throw Self.mapped(error, path: path, creating: false)
        }
        do throws(XlsxError) {
            try WorkbookHistory(labels: changeLabels, formats: formats, marker: marker)
                .write(runHistory, on: history, book: book!)
            try WorkbookRates.write(facts, labels: labels, formats: formats, book: book!)
            try WorkbookRunSheet.write(facts, labels: labels, formats: formats, book: book!)
            try WorkbookAbout.write(labels: labels, words: words, changes: changeLabels, currency: options.currency,
                                    formats: formats, book: book!)
            var headerRows = [changeLabels.historySheet: WorkbookHistory.tableTop]
            headerRows[changeLabels.changesSheet] = changesHeader
            try WorkbookPrintSetup.apply(to: book!, title: labels.title, words: words,
                                         untabled: [labels.sheets.summary, labels.sheets.run], headerRows: headerRows,
                                         headerless: changesHeader == nil ? [changeLabels.changesSheet] : [])
            if let book = book.take() { try book.close() }
        } catch {
            throw Self.mapped(error, path: path, creating: false)
        }
    }

    // MARK: Rows

    /// One row of a streamed table: each column's cell of `row` (``OutputColumns``), as the workbook shows it.
    @inline(__always)
    private func write<Row>(_ row: Row, _ columns: [OutputColumn<Row>], table: WorkbookTable) throws(XlsxError) {
        let (sheet, r) = try table.nextRow(book: book!)
        for col in columns.indices {
            switch columns[col].cell(row) {
            case .text(let s), .code(let s):
                try text(s, sheet, r, col, table: table)
            case .domain(let d):
                try text(d == DomainMap.unclassified ? words.unclassifiedDomain : d, sheet, r, col, table: table)
            case .line(let n):
                try sheet.write(row: r, col: col, number: Double(n), format: formats.line)
                table.see(col, characters: digits(n))
            case .count(let n):
                try sheet.write(row: r, col: col, number: Double(n), format: formats.count)
                table.see(col, characters: digits(n) + (digits(n) - 1) / 3)
            case .amount(let a, let currency):
                if let currency {
                    let money = try formats.money(currency, book: book!)
                    if let a { try amount(a, currency, money, sheet, r, col, table: table) }
                }
            case .reported(let a):
                try amount(a, reportingCurrency, try formats.money(reportingCurrency, book: book!), sheet, r, col, table: table)
            case .fixed(let a, _):
                try sheet.write(row: r, col: col, number: a.nearestDouble)
                table.see(col, characters: a.description.utf8.count)
            case .day(let d):
                try sheet.write(row: r, col: col, day: d, format: formats.date)
                table.see(col, characters: 10)
            case .rate(let rate):
                // As pledges.csv shows it (10 significant digits).
                try sheet.write(row: r, col: col, number: rate.shown.nearestDouble, format: formats.rate)
                table.see(col, characters: rate.text.utf8.count)
            case .qualifier(let q):
                let word = words.qualifier(q)
                try sheet.write(row: r, col: col, string: word, format: formats.qualifier(q))
                table.see(col, characters: word.utf8.count)
            case .link(let u):
                if table.links < Worksheet.maxLinks, Self.isWebLink(u), try sheet.write(row: r, col: col, url: u, string: u) {
                    table.links += 1
                    table.see(col, text: u)
                } else {
                    try text(u, sheet, r, col, table: table)
                }
            case .empty:
                break
            }
        }
    }

    /// An `http://` or `https://` address without spaces or control
    /// characters: written as a hyperlink; anything else as text.
    static func isWebLink(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && text.utf8.count > 8
            && !text.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
    }

    @inline(__always)
    private func text(_ s: String, _ sheet: Worksheet, _ row: Int, _ col: Int, table: WorkbookTable) throws(XlsxError) {
        try WorkbookCellText.write(s, to: sheet, row: row, col: col, marker: marker)
        table.see(col, text: s)
    }

    @inline(__always)
    private func amount(_ a: DecimalAmount, _ currency: Currency, _ format: CellFormat, _ sheet: Worksheet,
                        _ row: Int, _ col: Int, table: WorkbookTable) throws(XlsxError) {
        try sheet.write(row: row, col: col, number: a.nearestDouble, format: format)
        table.see(col, characters: WorkbookNumberFormat.displayWidth(a, currency: currency, language: options.language))
    }

    private func digits(_ n: Int) -> Int {
        var count = 1
        var v = n.magnitude
        while v >= 10 { v /= 10; count += 1 }
        return count
    }

    // MARK: Errors

    private func requireOpen() throws(OutputError) {
        if closed { throw OutputError.writeFailed(path: path, reason: "the workbook was already finished") }
    }

    /// The wrapper's error as the run's output error: file creation problems
    /// are `cannotCreate` (exit 73), everything else `writeFailed` (exit 74)
    /// with the wrapper's message, which names the sheet and cell.
    static func mapped(_ error: XlsxError, path: String, creating: Bool) -> OutputError {
        switch error {
        case .cannotCreateFile(_, let reason), .invalidTmpdir(_, let reason):
            return .cannotCreate(path: path, reason: reason)
        case .saveFailed(_, let reason):
            return .writeFailed(path: path, reason: reason)
        default:
            return creating ? .cannotCreate(path: path, reason: error.description)
                : .writeFailed(path: path, reason: error.description)
        }
    }
}
