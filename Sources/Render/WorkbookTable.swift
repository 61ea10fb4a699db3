import XlsxWriter

/// A table written row by row (constant memory) over as many sheets as it
/// needs: when a sheet has `rowsPerSheet` data rows the table goes on in a new
/// sheet named "<name> 2", "<name> 3"…, each with the header row.
///
/// Column widths: libxlsxwriter has no autofit, so the table tracks the widest
/// content of each column (in characters, from 10 up to 60) as rows stream and
/// sets the widths in ``finish()``. That works in constant-memory mode because
/// column settings (`<cols>`) are kept in memory and only written when the file
/// is assembled at close; only the cells are flushed row by row. The filter is
/// set at the end too, when the last row is known.
final class WorkbookTable {
    let name: String
    let header: [String]
    let rowsPerSheet: Int
    private let headerFormat: CellFormat
    /// The sheets so far, with their data row counts.
    private(set) var sheets: [(sheet: Worksheet, rows: Int)] = []
    private var widths: ColumnWidths
    /// Hyperlinks written in the current sheet (Excel keeps 65,530 a sheet).
    var links = 0

    /// Starts the table: its first sheet with the header row.
    init(book: borrowing Workbook, name: String, header: [String], headerFormat: CellFormat,
         rowsPerSheet: Int = ExcelLimits.maxRow) throws(XlsxError) {
        precondition(rowsPerSheet >= 1 && rowsPerSheet <= ExcelLimits.maxRow)
        self.name = name
        self.header = header
        self.headerFormat = headerFormat
        self.rowsPerSheet = rowsPerSheet
        widths = ColumnWidths(header: header)
        try addSheet(book: book)
    }

    /// The sheet names, in order.
    var sheetNames: [String] { sheets.map(\.sheet.name) }

    /// The number of data rows in every sheet together.
    var rowCount: Int { sheets.reduce(0) { $0 + $1.rows } }

    /// The sheet and row for the next data row (starting a new sheet when the current one is full).
    @inline(__always)
    func nextRow(book: borrowing Workbook) throws(XlsxError) -> (Worksheet, Int) {
        if _slowPath(sheets[sheets.count - 1].rows == rowsPerSheet) { try addSheet(book: book) }
        sheets[sheets.count - 1].rows += 1
        let last = sheets[sheets.count - 1]
        return (last.sheet, last.rows)
    }

    /// Notes that a cell of `col` shows `characters` characters.
    @inline(__always)
    func see(_ col: Int, characters: Int) { widths.see(col, characters) }

    /// Notes the text of a cell of `col`, cheaply: the UTF-8 length is an upper
    /// bound of the character count, so most cells need no counting.
    @inline(__always)
    func see(_ col: Int, text: String) {
        let bytes = text.utf8.count
        if bytes <= widths.chars[col] || widths.chars[col] >= ColumnWidths.maximum { return }
        widths.see(col, text.unicodeScalars.count)
    }

    /// Sets the widths and the filter of every sheet.
    func finish() throws(XlsxError) {
        for (sheet, rows) in sheets {
            for col in header.indices {
                try sheet.setColumn(col, width: widths.width(col))
            }
            try sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: max(rows, 1), lastCol: header.count - 1)
        }
    }

    private func addSheet(book: borrowing Workbook) throws(XlsxError) {
        let sheetName = sheets.isEmpty ? name : "\(name) \(sheets.count + 1)"
        let sheet = try book.addWorksheet(name: sheetName)
        for (col, title) in header.enumerated() {
            try sheet.write(row: 0, col: col, string: title, format: headerFormat)
        }
        try sheet.freezePanes(row: 1, col: 0)
        sheets.append((sheet, 0))
        links = 0
    }
}

/// The widest content seen in each column, in characters.
struct ColumnWidths {
    static let minimum = 10
    static let maximum = 60
    private(set) var chars: [Int]
    /// Header lengths, plus room for the filter button.
    private let headerChars: [Int]

    init(header: [String]) {
        headerChars = header.map { $0.count + 3 }
        chars = Array(repeating: 0, count: header.count)
    }

    @inline(__always)
    mutating func see(_ col: Int, _ characters: Int) {
        if characters > chars[col] { chars[col] = min(characters, Self.maximum) }
    }

    /// Excel's width unit is about one digit of the default font; one more for padding.
    func width(_ col: Int) -> Double {
        Double(min(Self.maximum, max(Self.minimum, headerChars[col], chars[col] + 1)))
    }
}
