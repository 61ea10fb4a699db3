#if DEBUG || FUZZING
@testable import Ingest
#else
import Ingest
#endif

/// The promises the pledge-file readers make for any bytes at all, checked on
/// one input.
///
/// The input is read as CSV, TSV and Markdown through ``Ingest/read(_:_:)``
/// and as a plain table through ``CSVTable/read(path:)``. Checked:
/// - nothing crashes, and reading a readable file never throws;
/// - every event names the file; records + rejections are at most the
///   number of lines; lines are in range and in order;
/// - a file that is not UTF-8 or holds a NUL byte gives exactly one "file"
///   rejection and no record;
/// - cells are text that was in the file: no U+FFFD the file did not have, no
///   NUL; Markdown cells hold no line end and are trimmed;
/// - a CSV table's rows have as many cells as its header.
///
/// When the package is built for testing (debug builds, and fuzz builds, which
/// pass `-enable-testing`) the file is also read with tiny buffers (7 bytes,
/// and 1 byte or 2 to 30 depending on the input's length), and the
/// events must be the same as with the 1 MiB buffer (the reader promises not to
/// depend on where chunks end); and with a 64-byte record limit, checked for
/// the same promises.
public enum PledgeFileChecks {
    /// True when the chunk-boundary comparison is compiled in.
    public static var comparesChunkSizes: Bool {
        #if DEBUG || FUZZING
        return true
        #else
        return false
        #endif
    }

    /// The broken promises for one input, each as a sentence; empty when all hold.
    public static func problems(_ bytes: UnsafeRawBufferPointer, in scratch: ScratchFile) -> [String] {
        scratch.write(bytes)
        let facts = InputFacts(bytes)
        var problems: [String] = []
        for (name, format) in [("fuzz.csv", PledgeFileFormat.csv), ("fuzz.tsv", .tsv), ("fuzz.md", .markdown)] {
            let file = PledgeFile(name: name, path: scratch.path, format: format)
            guard let events = read(file, into: &problems, Ingest.read) else { continue }
            problems += eventProblems(events, file: file, facts: facts)
            #if DEBUG || FUZZING
            // 7, and 1 for short inputs, another small size for longer ones.
            for chunkSize in [7, bytes.count <= 64 ? 1 : 2 + bytes.count % 29] {
                guard let small = read(file, into: &problems, {
                    try Ingest.read($0, chunkSize: chunkSize, recordLimit: Ingest.recordLimit, $1)
                }) else { continue }
                if let difference = firstDifference(events, small) {
                    problems.append("\(name): chunk size \(chunkSize) gives other events than 1 MiB: \(difference)")
                }
            }
            if let limited = read(file, into: &problems, {
                try Ingest.read($0, chunkSize: 5, recordLimit: 64, $1)
            }) {
                problems += eventProblems(limited, file: file, facts: facts).map { "record limit 64: " + $0 }
            }
            #endif
        }
        problems += tableProblems(path: scratch.path, facts: facts)
        return problems
    }

    /// What the checks need to know of the input itself.
    struct InputFacts {
        /// Line feeds + 1.
        var lines = 1
        var isUTF8: Bool
        var hasNUL = false
        /// Whether U+FFFD (EF BF BD) is written in the file.
        var hasReplacementCharacter = false

        init(_ bytes: UnsafeRawBufferPointer) {
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in bytes {
                if byte == 0x0A { lines += 1 }
                if byte == 0 { hasNUL = true }
                if previous == (0xEF, 0xBF) && byte == 0xBD { hasReplacementCharacter = true }
                previous = (previous.1, byte)
            }
            isUTF8 = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) != nil
        }
    }

    private static func read(
        _ file: PledgeFile, into problems: inout [String],
        _ reader: (PledgeFile, (IngestEvent) throws -> Void) throws -> Void
    ) -> [IngestEvent]? {
        var events: [IngestEvent] = []
        do {
            try reader(file) { events.append($0) }
        } catch {
            problems.append("\(file.name): reading threw \(error)")
            return nil
        }
        return events
    }

    static let fields: Set = ["investor", "amount", "domain", "date", "currency", "record", "file"]

    private static func eventProblems(_ events: [IngestEvent], file: PledgeFile, facts: InputFacts) -> [String] {
        var problems: [String] = []
        func problem(_ text: String) { problems.append("\(file.name): \(text)") }

        // Notes (a column not used…) are not records: several may come from the header line.
        let counted = events.filter { if case .note = $0 { false } else { true } }.count
        if counted > facts.lines {
            problem("\(counted) records and rejections from \(facts.lines) lines")
        }
        if !facts.isUTF8 || facts.hasNUL {
            let why = facts.hasNUL ? "a NUL byte" : "bytes that are not UTF-8"
            if events.count != 1 || events.first?.fileRejection == nil {
                problem("a file with \(why) must give one file rejection, gave \(events.count) events: \(String(reflecting: events.prefix(3)))")
            }
        }
        var lastLine = 0
        for event in events {
            switch event {
            case .record(let record):
                if record.source != file.name { problem("record names source \(record.source.debugDescription)") }
                if record.line < 1 || record.line > facts.lines { problem("record at line \(record.line) of \(facts.lines)") }
                if record.line < lastLine { problem("record at line \(record.line) after line \(lastLine)") }
                lastLine = max(lastLine, record.line)
                for (field, cell) in record.cells {
                    if let flaw = cellFlaw(cell, format: file.format, facts: facts) {
                        problem("\(field) cell \(cell.debugDescription) at line \(record.line): \(flaw)")
                    }
                }
            case .rejected(let rejection):
                if rejection.source != file.name { problem("rejection names source \(rejection.source.debugDescription)") }
                if !fields.contains(rejection.field) { problem("rejection of unknown field \(rejection.field.debugDescription)") }
                if rejection.reason.isEmpty { problem("rejection at line \(rejection.line) without a reason") }
                if rejection.line < 0 || rejection.line > facts.lines { problem("rejection at line \(rejection.line) of \(facts.lines)") }
                if rejection.line == 0 && rejection.field != "file" { problem("\(rejection.field) rejection at line 0") }
                if rejection.line > 0 {
                    if rejection.line < lastLine { problem("rejection at line \(rejection.line) after line \(lastLine)") }
                    lastLine = max(lastLine, rejection.line)
                }
                if rejection.value.contains("\u{0}") { problem("rejected value holds a NUL") }
            case .note(let line):
                if !line.hasPrefix(file.name + ":") { problem("note does not name the file: \(line.debugDescription)") }
            }
        }
        return problems
    }

    /// Why a cell cannot have come from the file, or nil.
    private static func cellFlaw(_ cell: String, format: PledgeFileFormat, facts: InputFacts) -> String? {
        if String(validating: Array(cell.utf8), as: UTF8.self) != cell { return "not valid UTF-8" }
        if cell.utf8.contains(0) { return "holds a NUL" }
        if !facts.hasReplacementCharacter && cell.unicodeScalars.contains("\u{FFFD}") {
            return "holds U+FFFD, which the file does not"
        }
        if format == .markdown {
            if cell.utf8.contains(0x0A) || cell.utf8.contains(0x0D) { return "a Markdown cell holds a line end" }
            if cell.utf8.first == 0x20 || cell.utf8.last == 0x20 { return "a Markdown cell is not trimmed" }
        }
        return nil
    }

    private static func tableProblems(path: String, facts: InputFacts) -> [String] {
        let table: CSVTable
        do {
            table = try CSVTable.read(path: path)
        } catch is CSVTable.Problem {
            return []
        } catch {
            return ["CSVTable: reading threw \(error)"]
        }
        var problems: [String] = []
        if !facts.isUTF8 || facts.hasNUL { problems.append("CSVTable: read a file that is not UTF-8 text") }
        var lastLine = 0
        for row in table.rows {
            if row.cells.count != table.header.count {
                problems.append("CSVTable: row at line \(row.line) has \(row.cells.count) cells, header \(table.header.count)")
            }
            if row.line <= lastLine || row.line > facts.lines {
                problems.append("CSVTable: row at line \(row.line) after line \(lastLine), of \(facts.lines)")
            }
            lastLine = row.line
            for cell in row.cells {
                if let flaw = cellFlaw(cell, format: .csv, facts: facts) {
                    problems.append("CSVTable: cell \(cell.debugDescription) at line \(row.line): \(flaw)")
                }
            }
        }
        return problems
    }

    /// The first event that differs between two reads, described, or nil.
    private static func firstDifference(_ a: [IngestEvent], _ b: [IngestEvent]) -> String? {
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(reflecting: a[index]) : "nothing"
            let right = index < b.count ? String(reflecting: b[index]) : "nothing"
            if index >= a.count || index >= b.count || a[index] != b[index] {
                return "event \(index): \(left) versus \(right)"
            }
        }
        return nil
    }
}

extension IngestEvent {
    fileprivate var fileRejection: Rejection? {
        if case .rejected(let rejection) = self, rejection.field == "file" { return rejection }
        return nil
    }
}

extension RawRecord {
    fileprivate var cells: [(String, String)] {
        var cells = [("investor", investor), ("amount", amount), ("domain", domain)]
        if let date { cells.append(("date", date)) }
        if let currency { cells.append(("currency", currency)) }
        if let sourceURL { cells.append(("source_url", sourceURL)) }
        if let notes { cells.append(("notes", notes)) }
        return cells
    }
}
