import PledgeTallyCore

/// A small CSV file read whole, as plain cells: domains.csv, and the outputs
/// of an earlier run for `pledgetally diff`.
///
/// Same reader as the pledge files (RFC 4180, `,` or `;` sniffed, BOM, CRLF,
/// blank lines skipped), without looking for pledge columns.
public struct CSVTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 1-based line where the row starts.
        public var line: Int
        public var cells: [String]
    }

    public var header: [String]
    public var rows: [Row]

    /// A problem that makes the file unusable as a table.
    public typealias Problem = FileProblem

    /// Reads the file at `path`. Rows with a different number of cells than
    /// the header, text that is not UTF-8 or an unterminated quote make it a
    /// `Problem`; a missing or unreadable file an `IngestError`.
    public static func read(path: String) throws -> CSVTable {
        let file = try ChunkedFile(path: path, chunkSize: Ingest.chunkSize, maxCapacity: Ingest.recordLimit + 2 * Ingest.chunkSize)
        if let problem = try EncodingCheck.firstProblem(in: file) {
            throw Problem(path: path, line: 0, reason: problem.reason)
        }
        try file.rewind()
        var reader = DelimitedReader(source: path, separator: nil, recordLimit: Ingest.recordLimit)
        var header: [String]?
        var rows: [Row] = []
        var problem: Problem?
        reader.tableRow = { line, cells in
            if header == nil {
                header = cells
            } else if cells.count != header!.count {
                if problem == nil { problem = Problem(path: path, line: line, reason: "expected \(header!.count) cells as in the header, found \(cells.count)") }
            } else {
                rows.append(Row(line: line, cells: cells))
            }
        }
        try reader.read(file) { event in
            if case .rejected(let r) = event, problem == nil {
                problem = Problem(path: path, line: r.line, reason: r.reason)
            }
        }
        if let problem { throw problem }
        guard let header else { throw Problem(path: path, line: 0, reason: "the file is empty: no header row") }
        return CSVTable(header: header, rows: rows)
    }

    /// The index of the column whose folded name is one of `names`.
    public func column(_ names: String...) -> Int? {
        let wanted = Set(names.map { TextFolding.fold($0) })
        return header.firstIndex { wanted.contains(TextFolding.fold($0)) }
    }
}
