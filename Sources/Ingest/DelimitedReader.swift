/// Reads CSV and TSV pledge files: RFC 4180 quoting, parsed by a byte-level
/// state machine over the buffer of a ``ChunkedFile``.
///
/// A record may span chunks: the reader keeps it (from its first byte) when
/// it asks for the next chunk, and goes on from where it stopped, so a cell,
/// a doubled quote or a CRLF cut by a chunk boundary reads as if it were not.
/// Cells are kept as positions in the buffer and become `String`s only for
/// the columns a ``RawRecord`` needs, once the record is complete.
///
/// - Quoted cells (`"a, ""b""` and newlines) keep everything between the
///   quotes, with `""` read as `"`; spaces around the quotes are dropped.
/// - Unquoted cells are trimmed of spaces (and of tabs, except in TSV).
/// - Lines end with LF or CRLF, in any mix. Blank lines, and lines whose cells
///   are all empty, are skipped.
/// - The first non-blank record is the header; see ``ColumnMapping``.
struct DelimitedReader {
    /// The file name that records carry.
    let source: String
    /// `,` `;` or tab; nil to sniff `,` or `;` from the header line.
    let separator: UInt8?
    /// Records longer than this are rejected and skipped.
    let recordLimit: Int

    init(source: String, separator: UInt8?, recordLimit: Int) {
        self.source = source
        self.separator = separator
        self.recordLimit = recordLimit
    }

    typealias Cell = DelimitedCells.Cell

    private enum State {
        /// Before a cell's first byte, skipping spaces.
        case cellStart
        /// In an unquoted cell.
        case unquoted
        /// Between the quotes of a quoted cell.
        case quoted
        /// Just after a quote inside a quoted cell: a doubled quote, or the end.
        case quoteInQuoted
        /// After a quoted cell's closing quote.
        case afterQuote
    }

    /// When set, every record (the header too) goes here as plain cells, and
    /// no pledge columns are looked for: the reader serves any CSV table.
    var tableRow: ((_ line: Int, _ cells: [String]) throws -> Void)?

    /// The header's columns, once read.
    private var mapping: ColumnMapping?
    /// The current record's cells, up to `cellLimit`.
    private let cells = DelimitedCells()
    /// The current record's cells, all of them.
    private var cellCount = 0
    private var cellLimit = Ingest.columnLimit
    /// The 1-based cell of the current record with text after its closing quote.
    private var textAfterQuote: Int?
    /// Set once the whole file is rejected.
    private var fileRejected = false

    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// Reads the file from its start, calling `body` for each record or
    /// rejection; stops after a whole-file rejection.
    mutating func read(_ file: ChunkedFile, _ body: (IngestEvent) throws -> Void) throws {
        while file.count < 3, try file.refill(keepingFrom: 0) {}
        var p = 0
        if file.count >= 3 && file.bytes[0] == 0xEF && file.bytes[1] == 0xBB && file.bytes[2] == 0xBF {
            p = 3   // UTF-8 byte-order mark
        }
        let sep = try separator ?? Self.sniffSeparator(file, from: p, limit: recordLimit)
        let tabIsSpace = sep != Self.tab

        var base = file.bytes
        var end = file.count
        var state = State.cellStart
        var line = 1
        var recordStart = p
        var recordLine = 1
        var contentStart = p
        var quoteEnd = p
        var doubled = false
        var quoteLine = 0
        // While skipping a record over the limit: its file offset and first characters.
        var skipFrom: Int?
        var skipExcerpt = ""

        scanning: while true {
            if p == end {
                // Out of bytes: keep the unfinished record and read the next chunk.
                if skipFrom == nil && end - recordStart > recordLimit {
                    skipFrom = file.offset + recordStart
                    skipExcerpt = RecordText.start(UnsafeBufferPointer(start: base + recordStart, count: end - recordStart))
                }
                let keep = skipFrom == nil ? recordStart : p
                let more = try file.refill(keepingFrom: keep)
                base = file.bytes
                end = file.count
                p -= keep
                recordStart = max(recordStart - keep, 0)
                contentStart = max(contentStart - keep, 0)
                quoteEnd = max(quoteEnd - keep, 0)
                if skipFrom == nil {
                    cells.shift(by: keep)
                } else {
                    cells.removeAll()
                }
                if more { continue scanning }

                // End of file: finish the last record, if any.
                switch state {
                case .cellStart:
                    if cellCount == 0 && p == recordStart && skipFrom == nil { break scanning }
                    addCell(p, p, false)
                case .unquoted:
                    addCell(contentStart, Self.trimmedEnd(base, contentStart, p, tabIsSpace), false)
                case .quoteInQuoted:
                    addCell(contentStart, p - 1, doubled)
                case .afterQuote:
                    addCell(contentStart, quoteEnd, doubled)
                case .quoted:
                    let excerpt = skipFrom == nil
                        ? RecordText.excerpt(UnsafeBufferPointer(start: base + recordStart, count: p - recordStart))
                        : (text: skipExcerpt, isCut: true)
                    let length = file.offset + p - (skipFrom ?? (file.offset + recordStart))
                    var reason = "unterminated quote: cell \(cellCount + 1) opens a quote on line \(quoteLine) that is not closed before the end of the file"
                    if excerpt.isCut { reason += RecordText.lengthNote(bytes: length) }
                    try body(.rejected(Rejection(
                        source: source, line: recordLine, field: mapping == nil ? "file" : "record",
                        value: excerpt.text, reason: reason)))
                    fileRejected = mapping == nil
                    break scanning
                }
                _ = try finishRecord(
                    base: base, start: recordStart, textEnd: p, line: recordLine,
                    skipped: skipFrom.map { (file.offset + p - $0, skipExcerpt) }, body)
                break scanning
            }

            switch state {
            case .cellStart:
                let b = base[p]
                if b == Self.space || (tabIsSpace && b == Self.tab) {
                    p &+= 1
                    continue scanning
                }
                if b == Self.quote {
                    state = .quoted
                    p &+= 1
                    contentStart = p
                    doubled = false
                    quoteLine = line
                    continue scanning
                }
                if b == sep {
                    addCell(p, p, false)
                    p &+= 1
                    continue scanning
                }
                if b == Self.lineFeed {
                    addCell(p, p, false)
                    break   // to the end of the record, below
                }
                contentStart = p
                state = .unquoted
                fallthrough

            case .unquoted:
                // Runs of unquoted cells stay in this loop: the common case.
                while true {
                    while p < end {
                        let b = base[p]
                        if b == sep || b == Self.lineFeed { break }
                        p &+= 1
                    }
                    if p == end { continue scanning }
                    addCell(contentStart, Self.trimmedEnd(base, contentStart, p, tabIsSpace), false)
                    if base[p] != sep { break }   // the line feed: the record ends, below
                    p &+= 1
                    if p < end {
                        let b = base[p]
                        if b != Self.quote && b != sep && b != Self.lineFeed && b != Self.space
                            && b != Self.tab && b != Self.carriageReturn {
                            contentStart = p
                            p &+= 1
                            continue
                        }
                    }
                    state = .cellStart
                    continue scanning
                }

            case .quoted:
                while p < end {
                    let b = base[p]
                    if b == Self.quote { break }
                    if b == Self.lineFeed { line &+= 1 }
                    p &+= 1
                }
                if p == end { continue scanning }
                p &+= 1
                state = .quoteInQuoted
                continue scanning

            case .quoteInQuoted:
                if base[p] == Self.quote {
                    doubled = true
                    p &+= 1
                    state = .quoted
                } else {
                    quoteEnd = p - 1
                    state = .afterQuote
                }
                continue scanning

            case .afterQuote:
                let b = base[p]
                if b == sep {
                    addCell(contentStart, quoteEnd, doubled)
                    p &+= 1
                    state = .cellStart
                    continue scanning
                }
                if b == Self.lineFeed {
                    addCell(contentStart, quoteEnd, doubled)
                    break   // to the end of the record, below
                }
                if b == Self.space || b == Self.carriageReturn || (tabIsSpace && b == Self.tab) {
                    p &+= 1
                    continue scanning
                }
                // Text after the closing quote: read on to the cell's end, then reject.
                if textAfterQuote == nil { textAfterQuote = cellCount + 1 }
                state = .unquoted
                continue scanning
            }

            // base[p] is the line feed that ends the record.
            let goOn = try finishRecord(
                base: base, start: recordStart, textEnd: p, line: recordLine,
                skipped: skipFrom.map { (file.offset + p - $0, skipExcerpt) }, body)
            if !goOn { break scanning }
            p &+= 1
            line &+= 1
            recordStart = p
            recordLine = line
            state = .cellStart
            skipFrom = nil
        }
        if mapping == nil && tableRow == nil && !fileRejected {
            try body(.rejected(Rejection(
                source: source, line: 0, field: "file", value: "",
                reason: "the file is empty: no header row (investor, amount, domain)")))
        }
    }

    @inline(__always)
    private mutating func addCell(_ start: Int, _ end: Int, _ doubled: Bool) {
        if cellCount < cellLimit {
            cells.append(Cell(start: start, end: end, hasDoubledQuotes: doubled))
        }
        cellCount &+= 1
    }

    /// The end of an unquoted cell without its trailing spaces (and CR).
    @inline(__always)
    private static func trimmedEnd(_ base: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, _ tabIsSpace: Bool) -> Int {
        var e = end
        while e > start {
            let c = base[e - 1]
            guard c == space || c == carriageReturn || (tabIsSpace && c == tab) else { break }
            e -= 1
        }
        return e
    }

    /// A cell's text, `""` read as `"`.
    @inline(__always)
    private static func text(of cell: Cell, in base: UnsafeMutablePointer<UInt8>) -> String {
        let bytes = UnsafeBufferPointer(start: base + cell.start, count: cell.end - cell.start)
        guard cell.hasDoubledQuotes else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var i = 0
            var j = 0
            while i < bytes.count {
                let b = bytes[i]
                out[j] = b
                j += 1
                i += b == quote ? 2 : 1
            }
            return j
        }
    }

    /// Handles a complete record: the header, a blank line, a record or a
    /// rejection. Returns false when the file is rejected as a whole.
    ///
    /// - Parameter skipped: for a record over the limit, its length in bytes
    ///   and its first characters.
    private mutating func finishRecord(
        base: UnsafeMutablePointer<UInt8>, start: Int, textEnd: Int, line: Int,
        skipped: (length: Int, excerpt: String)?,
        _ body: (IngestEvent) throws -> Void
    ) throws -> Bool {
        let goOn = try handleRecord(base: base, start: start, textEnd: textEnd, line: line, skipped: skipped, body)
        cells.removeAll()
        cellCount = 0
        textAfterQuote = nil
        if !goOn { fileRejected = true }
        return goOn
    }

    private mutating func handleRecord(
        base: UnsafeMutablePointer<UInt8>, start: Int, textEnd: Int, line: Int,
        skipped: (length: Int, excerpt: String)?,
        _ body: (IngestEvent) throws -> Void
    ) throws -> Bool {
        var textEnd = textEnd
        if textEnd > start && base[textEnd - 1] == Self.carriageReturn { textEnd -= 1 }
        let what = mapping == nil ? "header" : "record"
        let field = mapping == nil ? "file" : "record"

        if let skipped {
            try body(.rejected(Rejection(
                source: source, line: line, field: field, value: skipped.excerpt,
                reason: "\(what) longer than the limit of \(recordLimit) bytes; not read"
                    + RecordText.lengthNote(bytes: skipped.length, what: what))))
            return mapping != nil
        }
        if textAfterQuote == nil && cellCount == cells.count && cells.areAllEmpty {
            return true   // blank line
        }

        let source = self.source
        func reject(_ reason: String) throws {
            let excerpt = RecordText.excerpt(UnsafeBufferPointer(start: base + start, count: textEnd - start))
            let note = excerpt.isCut ? RecordText.lengthNote(bytes: textEnd - start, what: what) : ""
            try body(.rejected(Rejection(
                source: source, line: line, field: field, value: excerpt.text, reason: reason + note)))
        }

        if let cell = textAfterQuote {
            try reject("text after the closing quote of cell \(cell); quote the whole cell and double the quotes inside it")
            return mapping != nil || tableRow != nil
        }
        if let tableRow {
            try tableRow(line, (0..<min(cellCount, cells.count)).map { Self.text(of: cells[$0], in: base) })
            return true
        }
        guard let mapping else {
            let usable = try readHeader(base: base, start: start, textEnd: textEnd, reject)
            for note in self.mapping?.unusedNotes(source: source) ?? [] { try body(note) }
            return usable
        }

        guard cellCount == mapping.columnCount else {
            try reject("expected \(mapping.columnCount) cells as in the header, found \(cellCount)")
            return true
        }
        try body(.record(RawRecord(
            source: source, line: line,
            investor: Self.text(of: cells[mapping.investor], in: base),
            amount: Self.text(of: cells[mapping.amount], in: base),
            domain: Self.text(of: cells[mapping.domain], in: base),
            date: mapping.date.map { Self.text(of: cells[$0], in: base) },
            currency: mapping.currency.map { Self.text(of: cells[$0], in: base) },
            sourceURL: mapping.sourceURL.map { Self.text(of: cells[$0], in: base) }, notes: mapping.notes.map { Self.text(of: cells[$0], in: base) })))
        return true
    }

    /// Reads the header's columns; returns false (after a file rejection)
    /// when they cannot be used.
    private mutating func readHeader(
        base: UnsafeMutablePointer<UInt8>, start: Int, textEnd: Int,
        _ reject: (String) throws -> Void
    ) throws -> Bool {
        guard cellCount <= cells.count else {
            try reject("the header has \(cellCount) columns, more than the \(Ingest.columnLimit) read")
            return false
        }
        if UnsafeBufferPointer(start: base + start, count: textEnd - start).contains(Self.carriageReturn) {
            try reject("the line ends are bare CR (classic Mac OS), so the whole file reads as one line; save it with LF or CRLF line ends")
            return false
        }
        let names = (0..<cells.count).map { Self.text(of: cells[$0], in: base) }
        switch ColumnMapping.match(names) {
        case .success(let found):
            mapping = found
            cellLimit = found.columnCount
            return true
        case .failure(let problem):
            try reject(problem.reason)
            return false
        }
    }
}
