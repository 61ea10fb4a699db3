/// Reads `.xlsx` (and `.xlsm`) pledge files: each visible worksheet whose
/// header row names the required columns is a table of pledges.
///
/// The zip is read with ZIPFoundation and each part streamed through expat
/// (``XlsxXMLParser``) in 64 KiB chunks: a sheet is never held whole, only
/// the shared strings (as one byte buffer) and the styles are. A sheet is
/// decompressed twice: a first pass finds its merged ranges (written after
/// the rows; parsed only when the bytes name `mergeCell`), the second reads
/// the rows.
///
/// - Records carry `source` = `file.xlsx#Sheet` and `line` = the sheet's row.
/// - A hidden sheet, a chart sheet, or a sheet whose first 20 rows hold no
///   header is skipped with one `.note`; a workbook with no table at all is
///   one file rejection. So is a workbook that cannot be read: encrypted, an
///   old `.xls`, a zip bomb, a damaged zip or XML part (records read before
///   the damage was found are kept).
/// - A merged range's value fills every cell of the range in the record's
///   columns; hidden rows are read like the others.
package struct XlsxReader {
    package let file: PledgeFile
    /// The most bytes one part, and the whole workbook, may expand to.
    package var partLimit = XlsxArchive.defaultPartLimit
    package var totalLimit = XlsxArchive.defaultTotalLimit

    package init(file: PledgeFile) { self.file = file }

    package func read(_ body: (IngestEvent) throws -> Void) throws {
        var source = file.name
        do {
            let archive = try XlsxArchive(path: file.rawPath, partLimit: partLimit, totalLimit: totalLimit)
            let book = try XlsxWorkbook(archive)
            let notes = XlsxFileNotes(file: file.name)
            var tables = 0
            for sheet in book.sheets {
                source = file.name + "#" + sheet.name
                func skip(_ why: String) throws {
                    try body(.note("\(file.name): sheet ‘\(sheet.name)’ skipped: \(why)"))
                }
                guard sheet.state == "visible" else { try skip("it is hidden"); continue }
                guard let path = sheet.path, archive.contains(path) else { try skip("it is not a worksheet (a chart sheet?)"); continue }

                // Merged ranges follow the rows: a first pass finds them, parsing
                // the part only when its bytes name a merged cell at all.
                let merges = XlsxMerges()
                if try archive.part(path, contains: "mergeCell") {
                    try archive.parse(path, with: XlsxXMLParser(handler: merges), checkCRC: false)
                }
                let table = XlsxTable(source: source, book: book, merges: merges.ranges, fileNotes: notes)
                let rows = XlsxSheetRows(textLimit: Ingest.recordLimit)
                let parser = XlsxXMLParser(handler: rows)
                rows.onRow = { [unowned rows, unowned parser] number, cells in
                    let hadHeader = table.mapping != nil
                    table.add(number, cells)
                    if table.isDone { parser.stop() }
                    if !hadHeader, table.mapping != nil { rows.wanted = table.wantedColumns }
                }
                func flush() throws {
                    for event in notes.pending { try body(event) }
                    notes.pending.removeAll()
                    for event in table.pending { try body(event) }
                    table.pending.removeAll(keepingCapacity: true)
                }
                try archive.parse(path, with: parser, afterChunk: flush)
                try flush()
                if table.foundHeader {
                    tables += 1
                } else {
                    try skip(table.firstProblem.map { "no header among its first \(XlsxTable.headerRows) rows (\($0))" }
                             ?? "no header among its first \(XlsxTable.headerRows) rows (they are empty)")
                }
            }
            if tables == 0 {
                source = file.name
                throw XlsxProblem(book.sheets.isEmpty
                    ? "the workbook has no sheet"
                    : "no sheet has a header row naming the columns ‘investor’, ‘amount’ and ‘domain’ among its first \(XlsxTable.headerRows) rows")
            }
        } catch let problem as XlsxProblem {
            try body(.rejected(Rejection(source: source, line: 0, field: "file", value: "", reason: problem.reason)))
        }
    }
}
