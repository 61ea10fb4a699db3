#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the pipe tables of a Markdown pledge file.
///
/// A table is a header row (a line with an unescaped `|`) followed by a
/// delimiter row (`---|:---:|--:`, also with a `|`; the dashes may be typed
/// as – or —); its rows follow. Outer pipes are optional, cells are trimmed
/// and `\|` is read as `|`; other backslashes are kept as written; a CR
/// inside a line is read as a space. `>` blockquote markers before a line are
/// skipped, so a quoted table is read like any other. A blank line does not
/// end a table's header: pipe rows after it are rows of the same table. A
/// line of other text does.
///
/// Every pipe row is counted: it is a record of the table it belongs to, or
/// a rejection naming its line — a row outside a table with a header, a row
/// of a table whose header cannot be used (that header also gives one
/// rejection, field "file"), a delimiter row without a header above it, a
/// pipe row inside a fenced code block (code is not read as a table, but its
/// rows are not lost from sight either). A file without any pipe row is
/// rejected as a whole.
struct MarkdownTableReader {
    /// The file name that records carry.
    let source: String
    /// Lines longer than this are not kept.
    let recordLimit: Int

    init(source: String, recordLimit: Int) {
        self.source = source
        self.recordLimit = recordLimit
    }

    private enum Table {
        case reading(ColumnMapping)
        /// A table whose header (at this line) was rejected: its rows are rejected.
        case skipped(headerLine: Int)
    }

    /// A pipe row whose next line tells whether it is a header (a delimiter
    /// row follows) or a row of data.
    private struct PendingRow {
        var line: Int
        var pipes: Int
        var count: Int
        var cells: [String]?
        var excerpt: (text: String, isCut: Bool)
        var bytes: Int
    }

    /// The table whose header is in force; nil before the first and after a
    /// line of text.
    private var table: Table?
    /// True while the lines are a table's rows, without a break since its header.
    private var inTable = false
    /// The last pipe row, while outside a table's rows.
    private var pending: PendingRow?
    /// The fence (byte, length and line) of the code block being skipped.
    private var fence: (byte: UInt8, length: Int, line: Int)?
    private var sawPipeRow = false
    /// The unused columns already said, once per file.
    private var saidUnused: Set<String> = []
    static let outsideReason = "pipe row outside a table with a header: a table needs a header row such as ‘Investor | Amount | Domain’ followed by a delimiter row such as ‘---|---|---’"

    private static let pipe = UInt8(ascii: "|")
    private static let backslash = UInt8(ascii: "\\")

    /// Reads the file from its start, calling `body` for each record or
    /// rejection.
    mutating func read(_ file: ChunkedFile, _ body: (IngestEvent) throws -> Void) throws {
        while file.count < 3, try file.refill(keepingFrom: 0) {}
        var p = 0
        if file.count >= 3 && file.bytes[0] == 0xEF && file.bytes[1] == 0xBB && file.bytes[2] == 0xBF {
            p = 3   // UTF-8 byte-order mark
        }
        var lineStart = p
        var line = 1
        var skipFrom: Int?   // file offset of a line over the limit, while skipping it
        var skipExcerpt = ""

        while true {
            let base = file.bytes
            if p < file.count, let hit = memchr(base + p, 0x0A, file.count - p) {
                let lineFeed = UnsafeMutableRawPointer(base).distance(to: hit)
                try handleLine(
                    base: base, start: lineStart, end: lineFeed, line: line,
                    skipped: skipFrom.map { (file.offset + lineFeed - $0, skipExcerpt) }, body)
                p = lineFeed + 1
                lineStart = p
                line += 1
                skipFrom = nil
                continue
            }
            p = file.count
            if skipFrom == nil && p - lineStart > recordLimit {
                skipFrom = file.offset + lineStart
                skipExcerpt = RecordText.start(UnsafeBufferPointer(start: base + lineStart, count: p - lineStart))
            }
            let keep = skipFrom == nil ? lineStart : p
            let more = try file.refill(keepingFrom: keep)
            p -= keep
            lineStart = max(lineStart - keep, 0)
            if more { continue }
            if p > lineStart || skipFrom != nil {
                try handleLine(
                    base: file.bytes, start: lineStart, end: p, line: line,
                    skipped: skipFrom.map { (file.offset + p - $0, skipExcerpt) }, body)
            }
            break
        }
        try flushPending(body)
        if !sawPipeRow {
            try body(.rejected(Rejection(
                source: source, line: 0, field: "file", value: "",
                reason: "no pipe table found: a table needs a header row such as ‘Investor | Amount | Domain’ followed by a delimiter row such as ‘---|---|---’")))
        }
    }

    /// One line, without its line feed.
    private mutating func handleLine(
        base: UnsafeMutablePointer<UInt8>, start: Int, end: Int, line: Int,
        skipped: (length: Int, excerpt: String)?,
        _ body: (IngestEvent) throws -> Void
    ) throws {
        if let skipped {
            try flushPending(body)
            if inTable {
                try body(.rejected(Rejection(
                    source: source, line: line, field: "record", value: skipped.excerpt,
                    reason: "line longer than the limit of \(recordLimit) bytes; not read"
                        + RecordText.lengthNote(bytes: skipped.length, what: "line"))))
            } else {
                table = nil   // text, as far as can be told
            }
            return
        }
        var s = start
        var e = end
        if e > s && base[e - 1] == 0x0D { e -= 1 }
        let written = UnsafeBufferPointer(start: base + s, count: e - s)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        while s < e && isSpace(base[s]) { s += 1 }
        while e > s && isSpace(base[e - 1]) { e -= 1 }
        if fence == nil {
            // Blockquote markers: `> `, `>>`, `> > `.
            while s < e && base[s] == UInt8(ascii: ">") {
                s += 1
                while s < e && isSpace(base[s]) { s += 1 }
            }
        }
        let trimmed = UnsafeBufferPointer(start: base + s, count: e - s)

        if try skipsFencedCode(trimmed, written: written, line: line, body) { return }

        // Each pipe row waits one line: followed by a delimiter row, it is a
        // table's header (even right under another table's rows).
        let row = Self.split(trimmed, limit: Ingest.columnLimit)
        if let header = pending, row.pipes > 0, let delimiters = row.cells, Self.isDelimiterRow(delimiters) {
            pending = nil
            try startTable(header: header, delimiterCount: delimiters.count, line: line, body)
            return
        }
        try flushPending(body)
        guard row.pipes > 0 else {
            inTable = false   // a blank line or text ends the rows
            if !trimmed.isEmpty { table = nil }   // text also ends the header's force
            return
        }
        sawPipeRow = true
        if let cells = row.cells, Self.isDelimiterRow(cells) {
            try body(.rejected(Rejection(
                source: source, line: line, field: "record", value: RecordText.excerpt(written).text,
                reason: "delimiter row without a header row directly above it")))
            return
        }
        pending = PendingRow(line: line, pipes: row.pipes, count: row.count, cells: row.cells,
                             excerpt: RecordText.excerpt(written), bytes: written.count)
    }

    /// The pending pipe row, now known not to be a header: a row of the table
    /// in force (the rows resume after a blank line), or a rejection.
    private mutating func flushPending(_ body: (IngestEvent) throws -> Void) throws {
        guard let row = pending else { return }
        pending = nil
        if table != nil {
            inTable = true
            try readRow((row.pipes, row.count, row.cells), excerpt: { row.excerpt }, bytes: row.bytes, line: row.line, body)
        } else {
            try body(.rejected(Rejection(
                source: source, line: row.line, field: "record", value: row.excerpt.text,
                reason: Self.outsideReason
                    + (row.excerpt.isCut ? RecordText.lengthNote(bytes: row.bytes) : ""))))
        }
    }

    /// Tracks fenced code blocks; true when the line is in one, or a fence.
    /// A pipe row inside one is a rejection, so that it is counted.
    private mutating func skipsFencedCode(
        _ trimmed: UnsafeBufferPointer<UInt8>, written: UnsafeBufferPointer<UInt8>, line: Int,
        _ body: (IngestEvent) throws -> Void
    ) throws -> Bool {
        let first = trimmed.first
        var run = 0
        if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
            while run < trimmed.count && trimmed[run] == first { run += 1 }
        }
        if let open = fence {
            if first == open.byte && run >= open.length && trimmed[run...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                fence = nil
            } else if Self.split(trimmed, limit: Ingest.columnLimit).pipes > 0 {
                sawPipeRow = true
                let excerpt = RecordText.excerpt(written)
                try body(.rejected(Rejection(
                    source: source, line: line, field: "record", value: excerpt.text,
                    reason: "pipe row inside the fenced code block opened on line \(open.line): code is not read as a table; remove the fence to read it"
                        + (excerpt.isCut ? RecordText.lengthNote(bytes: written.count) : ""))))
            }
            return true
        }
        if run >= 3, let first {
            try flushPending(body)
            fence = (first, run, line)
            table = nil
            inTable = false
            return true
        }
        return false
    }

    /// A header row followed by its delimiter row: a table starts.
    private mutating func startTable(
        header: PendingRow, delimiterCount: Int, line: Int,
        _ body: (IngestEvent) throws -> Void
    ) throws {
        inTable = true
        func reject(_ reason: String) throws {
            table = .skipped(headerLine: header.line)
            try body(.rejected(Rejection(
                source: source, line: header.line, field: "file", value: header.excerpt.text,
                reason: reason + "; the rows of this table are not read")))
        }
        guard let cells = header.cells, delimiterCount == cells.count else {
            try reject("the table’s header has \(header.count) cells but its delimiter row (line \(line)) has \(delimiterCount)")
            return
        }
        switch ColumnMapping.match(cells) {
        case .success(let mapping):
            table = .reading(mapping)
            for name in mapping.unused where saidUnused.insert(name).inserted {
                try body(.note(ColumnMapping.unusedNote(source: source, column: name)))
            }
        case .failure(let problem): try reject(problem.reason)
        }
    }

    private func readRow(
        _ row: (pipes: Int, count: Int, cells: [String]?), excerpt: () -> (text: String, isCut: Bool), bytes: Int,
        line: Int, _ body: (IngestEvent) throws -> Void
    ) throws {
        if let cells = row.cells, cells.allSatisfy(\.isEmpty) { return }   // an empty row
        func reject(_ reason: String) throws {
            let excerpt = excerpt()
            try body(.rejected(Rejection(
                source: source, line: line, field: "record", value: excerpt.text,
                reason: reason + (excerpt.isCut ? RecordText.lengthNote(bytes: bytes) : ""))))
        }
        guard case .reading(let mapping) = table else {
            if case .skipped(let headerLine) = table {
                try reject("row of a table whose header (line \(headerLine)) cannot be used; not read")
            } else {
                try reject(Self.outsideReason)
            }
            return
        }
        guard row.count == mapping.columnCount, let cells = row.cells else {
            try reject("expected \(mapping.columnCount) cells as in the table’s header, found \(row.count)")
            return
        }
        try body(.record(RawRecord(
            source: source, line: line,
            investor: cells[mapping.investor], amount: cells[mapping.amount], domain: cells[mapping.domain],
            date: mapping.date.map { cells[$0] }, currency: mapping.currency.map { cells[$0] },
            sourceURL: mapping.sourceURL.map { cells[$0] }, notes: mapping.notes.map { cells[$0] })))
    }

    /// Splits a trimmed line on its unescaped pipes, without a leading or
    /// trailing pipe. `cells` is nil when there are more than `limit`.
    static func split(_ line: UnsafeBufferPointer<UInt8>, limit: Int) -> (pipes: Int, count: Int, cells: [String]?) {
        let n = line.count
        var pipes = 0
        var lastPipe = -1
        var i = 0
        while i < n {
            let b = line[i]
            if b == backslash { i += 2; continue }
            if b == pipe { pipes += 1; lastPipe = i }
            i += 1
        }
        guard pipes > 0 else { return (0, n == 0 ? 0 : 1, nil) }
        let leading = line[0] == pipe
        let trailing = lastPipe == n - 1
        let count = pipes + 1 - (leading ? 1 : 0) - (trailing ? 1 : 0)
        guard count <= limit else { return (pipes, count, nil) }

        var cells: [String] = []
        cells.reserveCapacity(count)
        var cellStart = 0
        var escapedPipe = false
        i = 0
        while i < n {
            let b = line[i]
            if b == backslash {
                if i + 1 < n && line[i + 1] == pipe { escapedPipe = true }
                i += 2
                continue
            }
            if b == pipe {
                if !(i == 0 && leading) {
                    cells.append(cell(line, cellStart, i, escapedPipe))
                }
                cellStart = i + 1
                escapedPipe = false
            }
            i += 1
        }
        if !trailing { cells.append(cell(line, cellStart, n, escapedPipe)) }
        return (pipes, count, cells)
    }

    /// A cell's text, trimmed, `\|` read as `|`, a CR read as a space.
    private static func cell(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ escapedPipe: Bool) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        var s = start
        var e = min(end, line.count)
        while s < e && isSpace(line[s]) { s += 1 }
        while e > s && isSpace(line[e - 1]) { e -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: line[s..<e])
        guard escapedPipe || (bytes.count > 0 && memchr(bytes.baseAddress!, 0x0D, bytes.count) != nil) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == backslash && i + 1 < bytes.count {
                if bytes[i + 1] != pipe { out.append(backslash) }
                out.append(bytes[i + 1] == 0x0D ? 0x20 : bytes[i + 1])
                i += 2
            } else {
                out.append(bytes[i] == 0x0D ? 0x20 : bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Cells like `---`, `:---`, `---:`, `:---:`; the dashes may be typographic
    /// (‐ ‑ ‒ – — ― −), as word processors and some keyboards type them.
    static func isDelimiterRow(_ cells: [String]) -> Bool {
        !cells.isEmpty && cells.allSatisfy { cell in
            var scalars = Substring(cell).unicodeScalars[...]
            if scalars.first == ":" { scalars = scalars.dropFirst() }
            if scalars.last == ":" { scalars = scalars.dropLast() }
            return !scalars.isEmpty && scalars.allSatisfy { $0 == "-" || (0x2010...0x2015).contains($0.value) || $0 == "\u{2212}" }
        }
    }
}
