/// The ingest stage: the files of `Input/pledges/` in, raw records out.
///
/// Input: a folder of `.csv`, `.tsv` and `.md` files. Output: for each file in
/// name order, a stream of ``IngestEvent``s, each a ``RawRecord`` (cells as
/// written, with file and line) or a ``Rejection``. Ingest finds the columns
/// by their header but never interprets a cell; normalise does that.
///
/// Each file is read twice with POSIX `read(2)` into one buffer of about 1 MB:
/// a first pass checks the whole file is UTF-8 (so no record of a file in
/// another encoding is ever emitted), a second pass parses it. Memory stays
/// flat whatever the file size.
///
/// Decisions where the specification is silent:
/// - Unquoted cells lose the spaces (and tabs, outside TSV) around them, as
///   analysts expect from `a, b`; quoted cells keep everything between the
///   quotes. Markdown cells are trimmed.
/// - A line whose cells are all empty (`,,,` as Excel writes for formatted
///   empty rows, or only spaces) is blank: skipped, not a record.
/// - Columns not named in the header table are ignored; a header cell matching
///   no field is simply not read. The cell count must still match the header.
/// - A file with a NUL byte is rejected as a whole (it is binary, or UTF-16
///   without a byte-order mark), with the byte offset.
/// - A record longer than 16 MiB is rejected (with its first 200 characters
///   and its length) and skipped without being held in memory.
/// - Text after a closing quote (`"a"b`) rejects the record rather than guess.
/// - A Markdown table whose header lacks a required column, or names one
///   twice, is rejected as one "file" rejection at its header line, and its
///   rows are not read; other tables of the file still are. A Markdown row with
///   more or fewer cells than its header is rejected like a CSV record (no
///   padding, no dropping); a row of empty cells is skipped like a blank line. A table ends at a blank line or a line without `|`;
///   tables inside fenced code blocks are ignored.
/// - Hidden files (name starting with `.`: `.DS_Store`, `.gitkeep`, editor
///   locks) in the pledges folder are skipped; any other file that is not
///   `.csv`, `.tsv` or `.md` (any case) stops the run with exit 65.
/// - Files whose line ends are bare CR (classic Mac OS) are rejected as a
///   whole with a message saying so.
public enum Ingest {
    /// Bytes asked of `read(2)` at a time; also the buffer's starting size.
    static let chunkSize = 1 << 20
    /// The longest record (or Markdown line) kept; longer ones are rejected.
    static let recordLimit = 16 << 20
    /// The most cells read from a header.
    static let columnLimit = 1 << 16

    /// Streams one file's records in order, calling `body` for each record or
    /// per-record rejection.
    ///
    /// Whole-file problems (not UTF-8, no header, a required column missing,
    /// duplicate columns, Markdown file with no table) are delivered as one
    /// `.rejected` event with field "file" (line = the header's line, or 0) and
    /// no records. Throws ``IngestError/unreadable(path:reason:)`` when the file
    /// cannot be opened or read, and whatever `body` throws.
    public static func read(_ file: PledgeFile, _ body: (IngestEvent) throws -> Void) throws {
        try read(file, chunkSize: chunkSize, recordLimit: recordLimit, body)
    }

    /// ``read(_:_:)`` with other buffer sizes, so tests can put chunk
    /// boundaries everywhere.
    static func read(
        _ file: PledgeFile, chunkSize: Int, recordLimit: Int,
        _ body: (IngestEvent) throws -> Void
    ) throws {
        if file.format == .xlsx {
            return try XlsxReader(file: file).read(body)
        }
        let source = try ChunkedFile(
            path: file.rawPath, chunkSize: chunkSize, maxCapacity: recordLimit + 2 * chunkSize)
        if let problem = try EncodingCheck.firstProblem(in: source) {
            try body(.rejected(Rejection(
                source: file.name, line: 0, field: "file", value: "",
                reason: problem.reason)))
            return
        }
        try source.rewind()
        switch file.format {
        case .csv:
            var reader = DelimitedReader(source: file.name, separator: nil, recordLimit: recordLimit)
            try reader.read(source, body)
        case .tsv:
            var reader = DelimitedReader(source: file.name, separator: 0x09, recordLimit: recordLimit)
            try reader.read(source, body)
        case .markdown:
            var reader = MarkdownTableReader(source: file.name, recordLimit: recordLimit)
            try reader.read(source, body)
        case .xlsx:
            break
        }
    }
}
