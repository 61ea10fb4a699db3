import CXlsxWriter
import Glibc

/// One sheet of a ``Workbook``: cells, columns, panes, filters and charts.
///
/// Rows and columns are zero-based (`row: 0, col: 0` is A1). Every call checks
/// its arguments and libxlsxwriter's result, and throws an ``XlsxError`` naming
/// the sheet and cell. Once the workbook is closed, every call throws
/// ``XlsxError/workbookClosed(operation:)``.
public final class Worksheet {
    /// The sheet's name as given to ``Workbook/addWorksheet(name:)``.
    public let name: String
    /// Zero-based position in the workbook (creation order).
    public let index: Int

    let core: WorkbookCore
    let pointer: UnsafeMutablePointer<lxw_worksheet>

    init(core: WorkbookCore, pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, index: Int) {
        self.core = core
        self.pointer = pointer
        self.name = name
        self.index = index
    }

    // MARK: Cells

    /// Writes text; it is always a text cell, even when it starts with `=`.
    ///
    /// Text over 32,767 characters throws ``XlsxError/stringTooLong(sheet:row:col:length:)``
    /// (no silent truncation). An empty string with no format writes nothing
    /// (libxlsxwriter's rule), which reads back as an empty cell. Control
    /// characters other than tab and newline, U+FFFE and U+FFFF are stored
    /// escaped as `_xHHHH_`, and literal `_xHHHH_` text as `_x005F_xHHHH_`
    /// (see ``OOXMLText``), which Excel and LibreOffice decode (openpyxl shows
    /// the escape). The length limit applies to the text as stored.
    public func write(row: Int, col: Int, string: String, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, col, format)
        let string = OOXMLText.escaped(string) ?? string
        let count = string.utf8.count
        let err: lxw_error = string.withCString { p in
            strlen(p) == count
                ? worksheet_write_string(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), p, f)
                : nulInText
        }
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "write", row, col, text: string) }
    }

    /// The most hyperlinks Excel keeps in one worksheet.
    public static let maxLinks = 65_530

    /// Writes a hyperlink to `url` showing `string`. Returns false, writing
    /// nothing, when libxlsxwriter refuses the link (longer than Excel's 2,079
    /// characters, or past ``maxLinks`` in the sheet), so the caller can write
    /// the text instead.
    public func write(row: Int, col: Int, url: String, string: String, format: CellFormat? = nil) throws(XlsxError) -> Bool {
        let f = try prepare(row, col, format)
        let err: lxw_error = url.withCString { u in
            string.withCString { s in
                worksheet_write_url_opt(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), u, f, s, nil)
            }
        }
        if err == LXW_NO_ERROR { return true }
        if err == LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED || err == LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED
            || err == LXW_ERROR_255_STRING_LENGTH_EXCEEDED || err == LXW_ERROR_PARAMETER_VALIDATION {
            return false
        }
        throw failure(err, "write", row, col, text: string)
    }

    /// Writes a number. xlsx stores every number as a Double: convert exact
    /// decimals at this boundary. NaN and infinities throw.
    public func write(row: Int, col: Int, number: Double, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, col, format)
        if _slowPath(!number.isFinite) { throw .numberNotFinite(sheet: name, row: row, col: col, value: number) }
        let err = worksheet_write_number(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), number, f)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "write", row, col) }
    }

    /// Writes a value of any ``CellWritable`` type (`String`, `Double`, `Int`, `Bool`, optionals).
    public func write<Value: CellWritable>(row: Int, col: Int, _ value: Value, format: CellFormat? = nil) throws(XlsxError) {
        try value.write(to: self, row: row, col: col, format: format)
    }

    /// Writes a boolean cell (`TRUE`/`FALSE`).
    public func write(row: Int, col: Int, bool: Bool, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, col, format)
        let err = worksheet_write_boolean(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), bool ? 1 : 0, f)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "write", row, col) }
    }

    /// Writes a real date cell (an Excel serial number shown as a date).
    ///
    /// `format` should carry a date number format; when it is nil the
    /// workbook's `yyyy-mm-dd` format is used. Dates must lie in 1900...9999.
    public func writeDate(row: Int, col: Int, year: Int, month: Int, day: Int, format: CellFormat? = nil) throws(XlsxError) {
        var f = try prepare(row, col, format)
        if _slowPath(!isValidDate(year, month, day)) {
            throw .invalidDate(sheet: name, row: row, col: col, year: year, month: month, day: day)
        }
        if f == nil { f = try core.defaultDateFormat().pointer }
        var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        let err = worksheet_write_datetime(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), &date, f)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "writeDate", row, col) }
    }

    /// The format ``writeDate(row:col:year:month:day:format:)`` uses when given none.
    public static let defaultDateFormat = Format().numberFormat("yyyy-mm-dd")

    /// Writes a formula with its value already computed, so readers that do
    /// not calculate (openpyxl `data_only`, viewers, pandas) show the number.
    /// The leading `=` is optional.
    public func writeFormula(row: Int, col: Int, formula: String, cachedNumber: Double, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, col, format)
        if _slowPath(!cachedNumber.isFinite) { throw .numberNotFinite(sheet: name, row: row, col: col, value: cachedNumber) }
        try checkFormula(formula, row, col)
        let err = worksheet_write_formula_num(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), formula, f, cachedNumber)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "writeFormula", row, col) }
    }

    /// Writes a formula whose computed value is text.
    public func writeFormula(row: Int, col: Int, formula: String, cachedString: String, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, col, format)
        try checkFormula(formula, row, col)
        if cachedString.utf8.contains(0) { throw .stringContainsNul(sheet: name, row: row, col: col) }
        let cachedString = OOXMLText.escaped(cachedString) ?? cachedString
        let err = worksheet_write_formula_str(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), formula, f, cachedString)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "writeFormula", row, col, text: cachedString) }
    }

    /// Writes an empty cell that carries a format. Without a format
    /// libxlsxwriter writes nothing, which is the same as an empty cell.
    public func writeBlank(row: Int, col: Int, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, col, format)
        let err = worksheet_write_blank(pointer, lxw_row_t(truncatingIfNeeded: row), lxw_col_t(truncatingIfNeeded: col), f)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "writeBlank", row, col) }
    }

    /// Merges a block of cells and writes `string` in it. Not usable in
    /// constant-memory mode except on the current row.
    public func mergeRange(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, string: String, format: CellFormat? = nil) throws(XlsxError) {
        let op = "mergeRange on '\(name)'"
        let f = try prepare(firstRow, firstCol, format)
        try checkArea(op, firstRow, firstCol, lastRow, lastCol)
        if firstRow == lastRow && firstCol == lastCol {
            throw .invalidArgument(operation: op, detail: "a merged range needs more than one cell")
        }
        if string.utf8.contains(0) { throw .stringContainsNul(sheet: name, row: firstRow, col: firstCol) }
        let string = OOXMLText.escaped(string) ?? string
        let err = worksheet_merge_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol), string, f)
        if _slowPath(err != LXW_NO_ERROR) { throw failure(err, "mergeRange", firstRow, firstCol, text: string) }
    }

    // MARK: Layout

    /// Sets the width (in characters, 0...255) and optional default format of columns `first...last`.
    public func setColumn(first: Int, last: Int, width: Double, format: CellFormat? = nil) throws(XlsxError) {
        let op = "setColumn on '\(name)'"
        let f = try prepare(0, first, format)
        try checkArea(op, 0, first, 0, last)
        if !(width >= 0 && width <= 255) { throw .invalidArgument(operation: op, detail: "width \(width) is outside 0...255") }
        let err = worksheet_set_column(pointer, lxw_col_t(first), lxw_col_t(last), width, f)
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// Sets the width of one column.
    public func setColumn(_ col: Int, width: Double, format: CellFormat? = nil) throws(XlsxError) {
        try setColumn(first: col, last: col, width: width, format: format)
    }

    /// Sets a row's height in points (0...409) and optional default format.
    /// In constant-memory mode, call it before writing the row's cells.
    public func setRow(_ row: Int, height: Double, format: CellFormat? = nil) throws(XlsxError) {
        let f = try prepare(row, 0, format)
        if !(height >= 0 && height <= 409) {
            throw .invalidArgument(operation: "setRow on '\(name)'", detail: "height \(height) is outside 0...409")
        }
        let err = worksheet_set_row(pointer, lxw_row_t(row), height, f)
        if err != LXW_NO_ERROR { throw failure(err, "setRow", row, 0) }
    }

    /// Freezes the rows above `row` and the columns left of `col`
    /// (`freezePanes(row: 1, col: 0)` keeps a header row in view).
    public func freezePanes(row: Int, col: Int) throws(XlsxError) {
        _ = try prepare(row, col, nil)
        worksheet_freeze_panes(pointer, lxw_row_t(row), lxw_col_t(col))
    }

    /// Adds filter buttons over a block whose first row is the header.
    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws(XlsxError) {
        let op = "autofilter on '\(name)'"
        _ = try prepare(firstRow, firstCol, nil)
        try checkArea(op, firstRow, firstCol, lastRow, lastCol)
        let err = worksheet_autofilter(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol))
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// Shows the rows of a block in `format` wherever `formula` is true for
    /// that row (an Excel conditional format of type "formula"). Write the
    /// formula for the top-left cell with the column fixed: `=$G2="up_to"`.
    /// Only the font, fill and border of `format` apply.
    public func highlight(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, when formula: String, format: CellFormat) throws(XlsxError) {
        let op = "highlight on '\(name)'"
        let f = try prepare(firstRow, firstCol, format)
        try checkArea(op, firstRow, firstCol, lastRow, lastCol)
        try checkFormula(formula, firstRow, firstCol)
        let err: lxw_error = formula.withCString { p in
            var rule = lxw_conditional_format()
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            rule.value_string = UnsafeMutablePointer(mutating: p)
            rule.format = f
            return worksheet_conditional_format_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol), &rule)
        }
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// Makes this the sheet shown when the file is opened.
    public func activate() throws(XlsxError) {
        _ = try core.requireOpen("activate '\(name)'")
        worksheet_activate(pointer)
    }

    // MARK: Printing

    /// Prints in landscape orientation.
    public func setLandscape() throws(XlsxError) {
        _ = try core.requireOpen("setLandscape on '\(name)'")
        worksheet_set_landscape(pointer)
    }

    /// Scales printing to fit `width` pages across and `height` down (0: as many as needed).
    public func fitToPages(width: Int, height: Int) throws(XlsxError) {
        _ = try core.requireOpen("fitToPages on '\(name)'")
        guard (0...Int(UInt16.max)).contains(width), (0...Int(UInt16.max)).contains(height) else {
            throw .invalidArgument(operation: "fitToPages on '\(name)'", detail: "page counts must be 0...65535")
        }
        worksheet_fit_to_pages(pointer, UInt16(width), UInt16(height))
    }

    /// Prints at `percent` % (10...400) instead of fitting to pages.
    public func setPrintScale(_ percent: Int) throws(XlsxError) {
        _ = try core.requireOpen("setPrintScale on '\(name)'")
        guard (10...400).contains(percent) else {
            throw .invalidArgument(operation: "setPrintScale on '\(name)'", detail: "the scale must be 10...400")
        }
        worksheet_set_print_scale(pointer, UInt16(percent))
    }

    /// Prints pages across, then down (a wide table's row stays on neighbouring pages).
    public func printAcross() throws(XlsxError) {
        _ = try core.requireOpen("printAcross on '\(name)'")
        worksheet_print_across(pointer)
    }

    /// Repeats columns `first...last` at the left of every printed page.
    public func repeatColumns(first: Int, last: Int) throws(XlsxError) {
        let op = "repeatColumns on '\(name)'"
        _ = try prepare(0, first, nil)
        try checkArea(op, 0, first, 0, last)
        let err = worksheet_repeat_columns(pointer, lxw_col_t(first), lxw_col_t(last))
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// Repeats rows `first...last` at the top of every printed page.
    public func repeatRows(first: Int, last: Int) throws(XlsxError) {
        let op = "repeatRows on '\(name)'"
        _ = try prepare(first, 0, nil)
        try checkArea(op, first, 0, last, 0)
        let err = worksheet_repeat_rows(pointer, lxw_row_t(first), lxw_row_t(last))
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    // MARK: Charts

    /// Places `chart` with its top-left corner in cell (`row`, `col`), moved
    /// by the offsets and sized `width` x `height` pixels (default 480 x 288).
    /// A chart can be inserted once and needs at least one series.
    public func insertChart(_ chart: Chart, row: Int, col: Int, xOffset: Int = 0, yOffset: Int = 0,
                            width: Double = 480, height: Double = 288) throws(XlsxError) {
        let op = "insertChart at \(cellName(name, row, col))"
        _ = try prepare(row, col, nil)
        guard chart.core === core else { throw .foreignObject(operation: op) }
        if chart.seriesCount == 0 { throw .invalidArgument(operation: op, detail: "the chart has no series") }
        if chart.inserted { throw .invalidArgument(operation: op, detail: "the chart is already inserted") }
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw .invalidArgument(operation: op, detail: "size \(width) x \(height) must be positive")
        }
        guard let x = Int32(exactly: xOffset), let y = Int32(exactly: yOffset) else {
            throw .invalidArgument(operation: op, detail: "offsets out of range")
        }
        var options = lxw_chart_options()
        options.x_offset = x
        options.y_offset = y
        options.x_scale = width / 480
        options.y_scale = height / 288
        let err = worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(col), chart.pointer, &options)
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
        chart.inserted = true
    }

    // MARK: Checks

    /// The common gate of every cell call: open workbook, cell in the grid,
    /// format from this workbook. Cheap: two loads and three comparisons.
    @inline(__always)
    private func prepare(_ row: Int, _ col: Int, _ format: CellFormat?) throws(XlsxError) -> UnsafeMutablePointer<lxw_format>? {
        if _slowPath(core.handle == nil) { throw closedError(row, col) }
        if _slowPath(UInt(bitPattern: row) > UInt(ExcelLimits.maxRow) || UInt(bitPattern: col) > UInt(ExcelLimits.maxCol)) {
            throw .cellOutOfRange(sheet: name, row: row, col: col)
        }
        guard let format else { return nil }
        if _slowPath(format.workbookID != core.id) { throw .foreignObject(operation: "write to \(cellName(name, row, col))") }
        return format.pointer
    }

    @inline(never)
    private func closedError(_ row: Int, _ col: Int) -> XlsxError {
        .workbookClosed(operation: "write to \(cellName(name, row, col))")
    }

    private func checkArea(_ op: String, _ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int) throws(XlsxError) {
        for (r, c) in [(firstRow, firstCol), (lastRow, lastCol)] {
            if UInt(bitPattern: r) > UInt(ExcelLimits.maxRow) || UInt(bitPattern: c) > UInt(ExcelLimits.maxCol) {
                throw .cellOutOfRange(sheet: name, row: r, col: c)
            }
        }
        if firstRow > lastRow || firstCol > lastCol {
            throw .invalidArgument(operation: op, detail: "the range starts after it ends (rows \(firstRow)...\(lastRow), columns \(firstCol)...\(lastCol))")
        }
    }

    private func checkFormula(_ formula: String, _ row: Int, _ col: Int) throws(XlsxError) {
        if formula.isEmpty || formula == "=" {
            throw .invalidArgument(operation: "formula for \(cellName(name, row, col))", detail: "the formula is empty")
        }
        if formula.utf8.contains(0) { throw .stringContainsNul(sheet: name, row: row, col: col) }
    }

    /// Maps a C error from a cell write, with this sheet and cell as context.
    @inline(never)
    private func failure(_ err: lxw_error, _ op: String, _ row: Int, _ col: Int, text: String? = nil) -> XlsxError {
        switch err {
        case nulInText:
            return .stringContainsNul(sheet: name, row: row, col: col)
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE where core.constantMemory:
            // The cell is inside the grid (checked before C), so C refused an already flushed row.
            return .rowAlreadyWritten(sheet: name, row: row, col: col)
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            return .cellOutOfRange(sheet: name, row: row, col: col)
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            return .stringTooLong(sheet: name, row: row, col: col, length: text?.unicodeScalars.count ?? 0)
        default:
            return .library(operation: "\(op) to \(cellName(name, row, col))", code: Int(err.rawValue), message: cMessage(err))
        }
    }
}

/// Stands for "the text holds a NUL" in the result of a write closure.
private let nulInText = LXW_MAX_ERRNO

private func isValidDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
}
