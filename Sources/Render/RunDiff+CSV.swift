import PledgeTallyCore
import RunCompare

extension RunDiff {
    /// The rows as CSV (plain decimals, no grouping), read from the runs'
    /// files one change at a time. Throws `OutputError` when the file cannot
    /// be written, `DiffError` when a run's file changed since it was compared.
    ///
    /// `chunked`: past a few thousand changes, made from the rows' bytes a
    /// chunk of rows at a time (the same bytes; ``RunDiff/writeCSVChunks(write:)``),
    /// as `diff --csv` does. A run writing its changes.csv does not: its
    /// chunks would hold up to 80 MB of rows on top of the run's own memory.
    public func writeCSV(to file: OutputFile, chunked: Bool = false) throws {
        if try chunked && writeCSVChunks(write: { bytes in try file.write(raw: bytes.assumingMemoryBound(to: UInt8.self)) }) {
            return
        }
        var csv = CSVWriter(file: file)
        try csv.header(Self.csvHeader)
        let cursor = rowCursor()
        while let r = try cursor.nextRow() {
            try csv.plain(r.change)
            for cell in [r.source, r.key, r.field, r.old, r.new] { try csv.text(cell) }
            if let d = r.delta {
                try csv.plain(Self.csvDelta(d, newCurrency))
            } else {
                try csv.empty()
            }
            try csv.text(r.note)
            try csv.endRow()
        }
    }

    /// An empty changes.csv: the header only (a first run).
    public static func writeEmptyCSV(to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(csvHeader)
    }
}
