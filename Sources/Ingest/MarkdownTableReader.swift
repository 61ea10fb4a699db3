#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the pipe tables of a Markdown pledge file; every other line is
/// ignored.
///
/// A table is a header row (a line with an unescaped `|`) followed by a
/// delimiter row (`---|:---:|--:`, also with a `|`); its rows follow until a
/// blank line or a line without `|`. Outer pipes are optional, cells are
/// trimmed and `\|` is read as `|`; other backslashes are kept as written.
/// Each table has its own header, matched like a CSV header; a table whose
/// header cannot be used gives one rejection (field "file", at its header
/// line) and its rows are not read. Tables inside fenced code blocks are
/// ignored. A file without any table is rejected as a whole.
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
        /// A table whose header was rejected: its rows are skipped.
        case skipped
    }

    /// The table being read; nil outside tables.
    private var table: Table?
    /// The last line, when it could be a table's header row.
    private var candidate: (line: Int, text: String, cells: [String])?
    /// The fence (byte and length) of the code block being skipped.
    private var fence: (byte: UInt8, length: Int)?
    private var sawTable = false

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
        if !sawTable {
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
            candidate = nil
            if case .reading = table {
                try body(.rejected(Rejection(
                    source: source, line: line, field: "record", value: skipped.excerpt,
                    reason: "line longer than the limit of \(recordLimit) bytes; not read"
                        + RecordText.lengthNote(bytes: skipped.length, what: "line"))))
            }
            return
        }
        var s = start
        var e = end
        if e > s && base[e - 1] == 0x0D { e -= 1 }
        let written = UnsafeBufferPointer(start: base + s, count: e - s)
        while s < e && (base[s] == 0x20 || base[s] == 0x09) { s += 1 }
        while e > s && (base[e - 1] == 0x20 || base[e - 1] == 0x09) { e -= 1 }
        let trimmed = UnsafeBufferPointer(start: base + s, count: e - s)

        if try skipsFencedCode(trimmed) { return }

        let limit: Int
        if case .reading(let mapping) = table { limit = mapping.columnCount } else { limit = Ingest.columnLimit }
        let row = Self.split(trimmed, limit: limit)

        if let current = table {
            if row.pipes > 0 {
                if case .reading(let mapping) = current {
                    try readRow(row, written: written, line: line, mapping: mapping, body)
                }
                return
            }
            table = nil   // a blank line or text ends the table
        }

        if let header = candidate, row.pipes > 0, let delimiters = row.cells, Self.isDelimiterRow(delimiters) {
            candidate = nil
            sawTable = true
            try startTable(header: header, delimiterCount: delimiters.count, line: line, body)
            return
        }
        if row.pipes > 0, let cells = row.cells, !cells.isEmpty {
            candidate = (line, Self.excerpt(written), cells)
        } else {
            candidate = nil
        }
    }

    /// Tracks fenced code blocks; true when the line is in one, or a fence.
    private mutating func skipsFencedCode(_ trimmed: UnsafeBufferPointer<UInt8>) throws -> Bool {
        let first = trimmed.first
        var run = 0
        if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
            while run < trimmed.count && trimmed[run] == first { run += 1 }
        }
        if let open = fence {
            if first == open.byte && run >= open.length && trimmed[run...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                fence = nil
            }
            return true
        }
        if run >= 3, let first {
            fence = (first, run)
            table = nil
            candidate = nil
            return true
        }
        return false
    }

    /// A header row followed by its delimiter row: a table starts.
    private mutating func startTable(
        header: (line: Int, text: String, cells: [String]), delimiterCount: Int, line: Int,
        _ body: (IngestEvent) throws -> Void
    ) throws {
        func reject(_ reason: String) throws {
            table = .skipped
            try body(.rejected(Rejection(
                source: source, line: header.line, field: "file", value: header.text,
                reason: reason + "; the rows of this table are not read")))
        }
        guard delimiterCount == header.cells.count else {
            try reject("the table’s header has \(header.cells.count) cells but its delimiter row (line \(line)) has \(delimiterCount)")
            return
        }
        switch ColumnMapping.match(header.cells) {
        case .success(let mapping): table = .reading(mapping)
        case .failure(let problem): try reject(problem.reason)
        }
    }

    private func readRow(
        _ row: (pipes: Int, count: Int, cells: [String]?), written: UnsafeBufferPointer<UInt8>, line: Int,
        mapping: ColumnMapping, _ body: (IngestEvent) throws -> Void
    ) throws {
        if let cells = row.cells, cells.allSatisfy(\.isEmpty) { return }   // an empty row
        guard row.count == mapping.columnCount, let cells = row.cells else {
            let excerpt = RecordText.excerpt(written)
            try body(.rejected(Rejection(
                source: source, line: line, field: "record", value: excerpt.text,
                reason: "expected \(mapping.columnCount) cells as in the table’s header, found \(row.count)"
                    + (excerpt.isCut ? RecordText.lengthNote(bytes: written.count) : ""))))
            return
        }
        try body(.record(RawRecord(
            source: source, line: line,
            investor: cells[mapping.investor], amount: cells[mapping.amount], domain: cells[mapping.domain],
            date: mapping.date.map { cells[$0] }, currency: mapping.currency.map { cells[$0] })))
    }

    private static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        RecordText.excerpt(bytes).text
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

    /// A cell's text, trimmed, `\|` read as `|`.
    private static func cell(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ escapedPipe: Bool) -> String {
        var s = start
        var e = min(end, line.count)
        while s < e && (line[s] == 0x20 || line[s] == 0x09) { s += 1 }
        while e > s && (line[e - 1] == 0x20 || line[e - 1] == 0x09) { e -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: line[s..<e])
        guard escapedPipe else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == backslash && i + 1 < bytes.count {
                if bytes[i + 1] != pipe { out.append(backslash) }
                out.append(bytes[i + 1])
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Cells like `---`, `:---`, `---:`, `:---:`.
    static func isDelimiterRow(_ cells: [String]) -> Bool {
        !cells.isEmpty && cells.allSatisfy { cell in
            var bytes = Substring(cell).utf8[...]
            if bytes.first == UInt8(ascii: ":") { bytes = bytes.dropFirst() }
            if bytes.last == UInt8(ascii: ":") { bytes = bytes.dropLast() }
            return !bytes.isEmpty && bytes.allSatisfy { $0 == UInt8(ascii: "-") }
        }
    }
}
