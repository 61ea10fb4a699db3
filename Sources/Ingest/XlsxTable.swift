/// One worksheet read as a pledge table: finds the header among the first
/// rows, then turns each row into a record or a rejection.
///
/// The header is the first row among the sheet's first ``headerRows`` that
/// names the required columns; rows above it (a title, a note) are not
/// read. Events wait in ``pending`` until the reader hands them on, between
/// two chunks of the part, where errors can be thrown.
final class XlsxTable {
    static let headerRows = 20

    let source: String
    private let book: XlsxWorkbook
    private let fileNotes: XlsxFileNotes
    private(set) var mapping: ColumnMapping?
    /// The table's header was found but cannot be used (rejected), or the
    /// first rows hold no header: nothing more to read.
    private(set) var isDone = false
    /// The header was found (usable or rejected).
    private(set) var foundHeader = false
    /// Why the first non-empty row is not a header, for the skip line.
    private(set) var firstProblem: String?
    var pending: [IngestEvent] = []

    private let merges: [XlsxMerges.Range]
    private var nextMerge = 0
    private var activeMerges: [Int] = []
    private var mergeValues: [Int: XlsxCell.Value] = [:]

    init(source: String, book: XlsxWorkbook, merges: [XlsxMerges.Range], fileNotes: XlsxFileNotes) {
        self.source = source
        self.book = book
        self.fileNotes = fileNotes
        self.merges = merges.sorted { $0.top < $1.top }
    }

    /// The columns the records need, once the header is known.
    private(set) var wantedColumns: [Bool]?

    private func computeWanted() -> [Bool]? {
        guard let m = mapping else { return nil }
        let used = [m.investor, m.amount, m.domain, m.date, m.currency, m.sourceURL, m.notes].compactMap { $0 }
        var wanted = Array(repeating: false, count: (used.max() ?? 0) + 1)
        for c in used { wanted[c] = true }
        return wanted
    }

    /// Reads one row of the sheet.
    func add(_ row: Int, _ cells: [XlsxCell]) {
        if isDone { return }
        guard let mapping else { return readHeader(row, cells) }
        updateMerges(row, cells)
        // The row's values by column, in a buffer reused from row to row.
        if present.count != width { present = Array(repeating: nil, count: width) }
        for i in present.indices { present[i] = nil }
        var anything = false
        for cell in cells where cell.column < width {
            if case .empty = cell.value { continue }
            present[cell.column] = cell.value
            anything = true
        }
        guard anything else { return }   // a blank row
        for index in activeMerges {
            let range = merges[index]
            guard let value = mergeValues[index], range.left < width else { continue }
            for column in range.left...min(range.right, width - 1) where present[column] == nil {
                if row == range.top && column == range.left { continue }
                present[column] = value
            }
        }
        record(row, present, mapping)
    }

    /// One past the last column a record reads.
    private var width: Int { wantedColumns?.count ?? 0 }
    private var present: [XlsxCell.Value?] = []

    private func record(_ row: Int, _ present: [XlsxCell.Value?], _ m: ColumnMapping) {
        var failure: Rejection?
        func field(_ column: Int?, _ name: String, amount: Bool = false) -> String? {
            guard let column else { return nil }
            switch XlsxCellText.text((column < present.count ? present[column] : nil) ?? .empty, book: book, amount: amount) {
            case .success(let text): return text
            case .failure(let problem):
                if failure == nil {
                    failure = Rejection(source: source, line: row, field: name, value: problem.value, reason: problem.reason)
                }
                return ""
            }
        }
        var currency = field(m.currency, "currency")
        let investor = field(m.investor, "investor") ?? ""
        let amount = field(m.amount, "amount", amount: true) ?? ""
        if currency?.isEmpty ?? true, case .number(_, let style)?? = present[m.amount],
           let symbol = book.styles.format(style).currency {
            currency = symbol   // the amount cell's number format names the currency
        }
        let record = RawRecord(
            source: source, line: row, investor: investor, amount: amount,
            domain: field(m.domain, "domain") ?? "", date: field(m.date, "date"), currency: currency,
            sourceURL: field(m.sourceURL, "source_url"), notes: field(m.notes, "notes"))
        if var failure {
            // rejected.csv names the pledge: investor and amount as written (empty when unreadable).
            failure.investor = investor
            failure.amountText = amount
            pending.append(.rejected(failure))
        } else {
            pending.append(.record(record))
        }
    }

    private func readHeader(_ row: Int, _ cells: [XlsxCell]) {
        guard row <= Self.headerRows else {
            isDone = true
            return
        }
        let texts = cells.map { (column: $0.column, text: XlsxCellText.headerText($0.value, book: book)) }
        guard texts.contains(where: { !$0.text.isEmpty }) else { return }
        var names = Array(repeating: "", count: min((cells.last?.column ?? 0) + 1, Ingest.columnLimit))
        for t in texts where t.column < names.count { names[t.column] = t.text }
        switch ColumnMapping.match(names) {
        case .success(let found):
            mapping = found
            foundHeader = true
            wantedColumns = computeWanted()
            for name in found.unused { fileNotes.unused(name) }
        case .failure(let problem):
            let fields = Set(names.compactMap { PledgeField(header: $0) })
            if PledgeField.allCases.allSatisfy({ !$0.isRequired || fields.contains($0) }) {
                // The header, but it names a column twice.
                foundHeader = true
                isDone = true
                let shown = names.filter { !$0.isEmpty }.joined(separator: ", ")
                pending.append(.rejected(Rejection(source: source, line: row, field: "file",
                                                   value: String(shown.prefix(200)), reason: problem.reason)))
            } else if firstProblem == nil {
                firstProblem = "row \(row) is not a header: \(problem.reason)"
            }
        }
    }

    private func updateMerges(_ row: Int, _ cells: [XlsxCell]) {
        guard !merges.isEmpty else { return }
        activeMerges.removeAll { merges[$0].bottom < row }
        for index in activeMerges where merges[index].top == row { capture(index, cells) }
        while nextMerge < merges.count && merges[nextMerge].top <= row {
            if merges[nextMerge].bottom >= row {
                activeMerges.append(nextMerge)
                if merges[nextMerge].top == row { capture(nextMerge, cells) }
            }
            nextMerge += 1
        }
    }

    private func capture(_ index: Int, _ cells: [XlsxCell]) {
        let left = merges[index].left
        if let cell = cells.first(where: { $0.column == left }) { mergeValues[index] = cell.value }
    }
}

/// What a workbook's tables say once per file: the columns not used.
final class XlsxFileNotes {
    private let file: String
    private var said: Set<String> = []
    var pending: [IngestEvent] = []

    init(file: String) { self.file = file }

    func unused(_ column: String) {
        guard said.insert(column).inserted else { return }
        pending.append(.note(ColumnMapping.unusedNote(source: file, column: column)))
    }
}
