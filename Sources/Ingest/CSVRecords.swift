#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast reader of the CSV files a run writes (RFC 4180, `,`, LF or CRLF),
/// for `diff`: it hands out each record's cells as byte ranges of the read
/// buffer, so a caller can hash or compare cells without making strings, and
/// tells where each record lies in the file so that it can be read again
/// alone (``CSVRecordFile``).
///
/// Why not ``CSVRows``: on two 1,000,000-row pledges.csv (171 MB each),
/// turning every cell into a String made `diff` take 11.6 s of CPU (21.6 s
/// on a loaded machine). Only output files are read here: a quote opens a
/// cell only at its start, and a record longer than 16 MiB is refused.
package enum CSVRecords {
    /// The longest record read, as for input files.
    package static let recordLimit = 16 << 20

    /// Calls `header` with the first record's cells, then `row` with every
    /// other record (empty lines skipped), which must have as many cells as
    /// the header. A missing file is an `IngestError`; an empty file, a row of
    /// the wrong width or a quote left open a ``CSVTable/Problem``.
    package static func scan(path: String, header: ([String]) throws -> Void,
                             row: (Record) throws -> Void) throws {
        let file = try ChunkedFile(path: path, chunkSize: 1 << 20, maxCapacity: recordLimit + (2 << 20))
        var record = Record()
        var start = 0
        var width: Int?
        var line = 1
        var index = 0
        while true {
            let outcome = record.parse(file.bytes, from: start, count: file.count, atEnd: file.isAtEnd)
            switch outcome {
            case .needMore:
                if file.count - start > recordLimit {
                    throw CSVTable.Problem(path: path, line: line, reason: "a record longer than \(recordLimit) bytes")
                }
                _ = try file.refill(keepingFrom: start)
                start = 0
                continue
            case .end:
                if width == nil { throw CSVTable.Problem(path: path, line: 0, reason: "the file is empty: no header row") }
                return
            case .unclosedQuote:
                throw CSVTable.Problem(path: path, line: line, reason: "a quoted cell is not closed")
            case .textAfterQuote:
                throw CSVTable.Problem(path: path, line: line, reason: "text after the closing quote of a cell")
            case .record(let next, let lines):
                defer { start = next; line += lines }
                if record.isBlankLine { continue }
                record.line = line
                record.offset = file.offset + start
                record.length = next - start
                guard let w = width else {
                    let cells = record.strings
                    width = cells.count
                    try header(cells)
                    continue
                }
                if record.count != w {
                    throw CSVTable.Problem(path: path, line: line, reason: "expected \(w) cells as in the header, found \(record.count)")
                }
                record.index = index
                try row(record)
                index += 1
            }
        }
    }

    /// One record: its cells as ranges of a buffer that is valid only while
    /// the record is handed to a caller (never keep it: a copy shares its
    /// cell bounds too, which the next record read overwrites).
    package struct Record {
        fileprivate var base = UnsafePointer<UInt8>(bitPattern: 1)!
        /// Per cell: start, end (exclusive) of its bytes in the buffer; the
        /// start is negated − 1 for a quoted cell (its bytes then include the
        /// quotes and doubled quotes). `2 * count` of `capacity` used; owned by `storage`.
        ///
        /// Why not an array: appending two bounds per cell to one (a
        /// uniqueness and a capacity check each) was a third of the parser's
        /// instructions (callgrind, `diff` of two 100,000-row runs).
        fileprivate var bounds: UnsafeMutablePointer<Int>
        private var capacity: Int
        private var storage: Storage
        /// The physical line the record starts on (1 = the header).
        package fileprivate(set) var line = 0
        /// The 0-based index of the row after the header.
        package fileprivate(set) var index = 0
        /// Where the record starts in the file, and its length with its line end.
        package fileprivate(set) var offset = 0
        package fileprivate(set) var length = 0

        /// The number of cells.
        package private(set) var count = 0

        fileprivate init() {
            storage = Storage(capacity: 64)
            bounds = storage.pointer
            capacity = 64
        }

        fileprivate var isBlankLine: Bool { count == 1 && bounds[0] == bounds[1] }

        /// Adds a cell's bounds.
        @inline(__always)
        fileprivate mutating func add(_ start: Int, _ end: Int) {
            if 2 * count + 2 > capacity { grow() }
            bounds[2 * count] = start
            bounds[2 * count + 1] = end
            count += 1
        }

        private mutating func grow() {
            let larger = Storage(capacity: 2 * capacity)
            larger.pointer.update(from: bounds, count: 2 * count)
            storage = larger
            bounds = larger.pointer
            capacity *= 2
        }

        private final class Storage {
            let pointer: UnsafeMutablePointer<Int>
            init(capacity: Int) { pointer = .allocate(capacity: capacity) }
            deinit { pointer.deallocate() }
        }

        /// The cell's bytes as written (quotes included for a quoted cell) and whether it is quoted.
        @inline(__always)
        private func raw(_ i: Int) -> (UnsafeBufferPointer<UInt8>, quoted: Bool) {
            let s = bounds[2 * i], e = bounds[2 * i + 1]
            if s >= 0 { return (UnsafeBufferPointer(start: base + s, count: e - s), false) }
            let qs = -s - 1
            return (UnsafeBufferPointer(start: base + qs + 1, count: e - qs - 2), true)
        }

        /// Calls `body` with the cell's value in pieces (a quoted cell's doubled quotes undone).
        @inline(__always)
        package func withPieces(_ i: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
            let (bytes, quoted) = raw(i)
            guard quoted else { return body(UnsafeRawBufferPointer(bytes)) }
            var from = 0, k = 0
            while k < bytes.count {
                if bytes[k] == 0x22 {
                    body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[from...k])))   // up to and with one quote
                    k += 2
                    from = k
                } else {
                    k += 1
                }
            }
            if from < bytes.count { body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[from...]))) }
        }

        /// Adds the cell as written (quotes included) to `hash`: equal values
        /// written alike hash alike. A quoted value may also be written
        /// without quotes by another version: the caller compares the strings
        /// of rows whose hashes differ before calling them different.
        @inline(__always)
        package func hash(_ i: Int, into hash: inout RowHash) {
            let s = bounds[2 * i], e = bounds[2 * i + 1]
            let from = s >= 0 ? s : -s - 1
            hash.add(UnsafeRawBufferPointer(start: base + from, count: e - from))
        }

        /// Adds cells `first…last` as written, commas and quotes included, as one value.
        @inline(__always)
        package func hash(cells first: Int, through last: Int, into hash: inout RowHash) {
            let s = bounds[2 * first], e = bounds[2 * last + 1]
            let from = s >= 0 ? s : -s - 1
            hash.add(UnsafeRawBufferPointer(start: base + from, count: e - from))
        }

        /// Cells `first…last` as written, commas and quotes included, as one stretch.
        @inline(__always)
        package func written(cells first: Int, through last: Int) -> UnsafeRawBufferPointer {
            let s = bounds[2 * first], e = bounds[2 * last + 1]
            let from = s >= 0 ? s : -s - 1
            return UnsafeRawBufferPointer(start: base + from, count: e - from)
        }

        /// The cell as written: its bytes, quotes included for a quoted cell.
        @inline(__always)
        package func written(_ i: Int) -> UnsafeRawBufferPointer {
            let s = bounds[2 * i], e = bounds[2 * i + 1]
            let from = s >= 0 ? s : -s - 1
            return UnsafeRawBufferPointer(start: base + from, count: e - from)
        }

        /// The cell's value when it is not quoted: its bytes (nil for a quoted cell).
        @inline(__always)
        package func plainBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
            let (bytes, quoted) = raw(i)
            return quoted ? nil : bytes
        }

        package func isEmpty(_ i: Int) -> Bool { bounds[2 * i] == bounds[2 * i + 1] }

        /// The cell's value as a string (invalid UTF-8 repaired).
        package func string(_ i: Int) -> String {
            let (bytes, quoted) = raw(i)
            guard quoted else { return String(decoding: bytes, as: UTF8.self) }
            var value: [UInt8] = []
            value.reserveCapacity(bytes.count)
            withPieces(i) { value.append(contentsOf: $0) }
            return String(decoding: value, as: UTF8.self)
        }

        /// Calls `body` with the cell's value as one stretch of bytes (a quoted
        /// cell's copied without its quotes).
        package func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
            let (bytes, quoted) = raw(i)
            guard quoted else { return body(UnsafeRawBufferPointer(bytes)) }
            var value: [UInt8] = []
            value.reserveCapacity(bytes.count)
            withPieces(i) { value.append(contentsOf: $0) }
            return value.withUnsafeBytes(body)
        }

        package var strings: [String] { (0..<count).map { string($0) } }

        fileprivate enum Outcome {
            case record(next: Int, lines: Int)
            case needMore, end, unclosedQuote, textAfterQuote
        }

        /// Skips 8 bytes at a time to the first LF or byte `pattern` is made
        /// of (`,` in a cell, `"` in a quoted one), or to the last 8 bytes
        /// (the zero-byte test of "Bit Twiddling Hacks": the lowest flagged byte is exact).
        @inline(__always)
        private static func skip(_ buffer: UnsafePointer<UInt8>, from: Int, count: Int, to pattern: UInt64) -> Int {
            var i = from
            while i + 8 <= count {
                let w = UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)
                let c = w ^ pattern, n = w ^ 0x0A0A_0A0A_0A0A_0A0A
                let z = ((c &- 0x0101_0101_0101_0101) & ~c | (n &- 0x0101_0101_0101_0101) & ~n) & 0x8080_8080_8080_8080
                if z != 0 { return i + z.trailingZeroBitCount >> 3 }
                i += 8
            }
            return i
        }

        /// Finds the cells of the record starting at `buffer[start]`.
        fileprivate mutating func parse(_ buffer: UnsafePointer<UInt8>, from start: Int, count: Int, atEnd: Bool) -> Outcome {
            base = buffer
            self.count = 0
            if start == count { return atEnd ? .end : .needMore }
            var i = start
            var lines = 1
            while true {
                let cellStart = i
                if i < count && buffer[i] == 0x22 {
                    i += 1
                    while true {
                        i = Self.skip(buffer, from: i, count: count, to: 0x2222_2222_2222_2222)
                        guard i < count else { return atEnd ? .unclosedQuote : .needMore }
                        let b = buffer[i]
                        if b == 0x22 {
                            guard i + 1 < count else {
                                if atEnd { i += 1; break }
                                return .needMore
                            }
                            if buffer[i + 1] != 0x22 { i += 1; break }
                            i += 2
                        } else {
                            if b == 0x0A { lines += 1 }
                            i += 1
                        }
                    }
                    add(-cellStart - 1, i)
                    if i < count && buffer[i] == 0x0D {
                        if i + 1 == count && !atEnd { return .needMore }
                        if i + 1 < count && buffer[i + 1] == 0x0A { i += 1 }
                    }
                    if i < count && buffer[i] != 0x2C && buffer[i] != 0x0A { return .textAfterQuote }
                } else {
                    i = Self.skip(buffer, from: i, count: count, to: 0x2C2C_2C2C_2C2C_2C2C)
                    while i < count {
                        let b = buffer[i]
                        if b == 0x2C || b == 0x0A { break }
                        i += 1
                    }
                    if i == count && !atEnd { return .needMore }
                    var end = i
                    if i < count && buffer[i] == 0x0A && end > cellStart && buffer[end - 1] == 0x0D { end -= 1 }
                    add(cellStart, end)
                }
                if i == count { return .record(next: i, lines: lines) }   // the last record, without a line end
                if buffer[i] == 0x0A { return .record(next: i + 1, lines: lines) }
                i += 1   // a comma: the next cell
            }
        }
    }
}

/// Parses one record from bytes already read (a row of a file read back in
/// a larger block), keeping its cell bounds between calls.
package final class CSVRecordParser {
    private var record = CSVRecords.Record()
    /// Whether `record` is handed to a `body` now: a call from inside it
    /// (the old row's record kept while the new row's is read) parses into
    /// a record of its own, since a record's cell bounds are not copied with it.
    private var lent = false

    package init() {}

    /// Calls `body` with the record that `bytes` hold; nil when they are not
    /// exactly one whole record. The record is valid only during `body`.
    package func withRecord<R>(_ bytes: UnsafeRawBufferPointer, _ body: (CSVRecords.Record) throws -> R) rethrows -> R? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let start = p.assumingMemoryBound(to: UInt8.self)
        if lent {
            var nested = CSVRecords.Record()
            guard case .record(let next, _) = nested.parse(start, from: 0, count: bytes.count, atEnd: true), next == bytes.count else {
                return nil
            }
            return try body(nested)
        }
        guard case .record(let next, _) = record.parse(start, from: 0, count: bytes.count, atEnd: true), next == bytes.count else {
            return nil
        }
        lent = true
        defer { lent = false }
        return try body(record)
    }
}

/// A CSV file whose records are read one at a time by their place, as
/// ``CSVRecords/Record`` gave it (offset and length): one pread each, the
/// record parsed where it was read.
///
/// Not a map of the file: `diff` of two unrelated 1,000,000-row runs reads
/// about 4,000,000 rows back in random order, which touches every page of
/// both files: mapped, they would count in the resident size (342 MB), and
/// letting the pages go (MADV_DONTNEED every 256 rows) cost 39 s of system
/// time against 10 s for pread (measured, load 7).
package final class CSVRecordFile {
    package let path: String
    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 4096
    private var record = CSVRecords.Record()

    package init(path: String) throws(IngestError) {
        let d = open(path, O_RDONLY | O_CLOEXEC)
        guard d >= 0 else { throw .unreadable(path: path, reason: IngestError.systemMessage(errno)) }
        self.path = path
        descriptor = d
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Calls `body` with the record at `offset`, `length` bytes long; nil
    /// when those bytes are not one whole record any more (the file changed).
    /// The record is valid only during `body`.
    package func withRecord<R>(offset: Int, length: Int, _ body: (CSVRecords.Record) throws -> R) throws -> R? {
        guard offset >= 0, length > 0 else { return nil }
        if capacity < length {
            buffer.deallocate()
            capacity = max(length, 2 * capacity)
            buffer = .allocate(capacity: capacity)
        }
        var got = 0
        while got < length {
            let n = pread(descriptor, buffer + got, length - got, off_t(offset + got))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw IngestError.unreadable(path: path, reason: IngestError.systemMessage(errno)) }
            if n == 0 { return nil }
            got += n
        }
        guard case .record(let next, _) = record.parse(buffer, from: 0, count: length, atEnd: true), next == length else {
            return nil
        }
        return try body(record)
    }

    /// The cells of the record at `offset`, `length` bytes long; nil when
    /// those bytes are not one whole record any more (the file changed).
    package func cells(offset: Int, length: Int) throws -> [String]? {
        try withRecord(offset: offset, length: length) { $0.strings }
    }
}
