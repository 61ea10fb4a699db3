/// Reads an output CSV file of a run row by row, without keeping it: the
/// header first, then each row, which must have as many cells as the header.
///
/// Used by `diff`, which reads pledges.csv twice (once to pair rows, once to
/// fetch the few that changed) rather than holding a million rows.
package enum CSVRows {
    /// Calls `header` with the first row, then `row` with every other row and
    /// its 0-based index. A missing file is an `IngestError`; a file without a
    /// header or with a row of the wrong width a ``CSVTable/Problem``.
    package static func read(path: String, header: ([String]) throws -> Void,
                     row: (_ index: Int, _ cells: [String]) throws -> Void) throws {
        try withoutActuallyEscaping(header) { header in
            try withoutActuallyEscaping(row) { row in
                try read(path: path, escapingHeader: header, row: row)
            }
        }
    }

    private static func read(path: String, escapingHeader header: @escaping ([String]) throws -> Void,
                             row: @escaping (_ index: Int, _ cells: [String]) throws -> Void) throws {
        let file = try ChunkedFile(path: path, chunkSize: Ingest.chunkSize,
                                   maxCapacity: Ingest.recordLimit + 2 * Ingest.chunkSize)
        var reader = DelimitedReader(source: path, separator: UInt8(ascii: ","), recordLimit: Ingest.recordLimit)
        var width: Int?
        var index = 0
        var problem: CSVTable.Problem?
        reader.tableRow = { line, cells in
            guard problem == nil else { return }
            guard let w = width else {
                width = cells.count
                try header(cells)
                return
            }
            if cells.count != w {
                problem = CSVTable.Problem(path: path, line: line, reason: "expected \(w) cells as in the header, found \(cells.count)")
                return
            }
            try row(index, cells)
            index += 1
        }
        try reader.read(file) { event in
            if case .rejected(let r) = event, problem == nil {
                problem = CSVTable.Problem(path: path, line: r.line, reason: r.reason)
            }
        }
        if let problem { throw problem }
        if width == nil { throw CSVTable.Problem(path: path, line: 0, reason: "the file is empty: no header row") }
    }
}
