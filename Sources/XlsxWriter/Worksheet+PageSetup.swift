import CXlsxWriter

/// Paper sizes for printing (Excel's codes).
public enum PaperSize: Hashable, Sendable {
    case a4, letter

    var code: UInt8 {
        switch self {
        case .a4: 9
        case .letter: 1
        }
    }
}

extension Worksheet {
    /// The paper the sheet prints on.
    public func setPaper(_ paper: PaperSize) throws(XlsxError) {
        _ = try core.requireOpen("setPaper on '\(name)'")
        worksheet_set_paper(pointer, paper.code)
    }

    /// The printed page footer, in Excel's header/footer codes: `&L`, `&C`,
    /// `&R` start the left, centre and right parts, `&P` is the page number and
    /// `&N` the number of pages (`"&CPage &P of &N"`). At most 255 characters;
    /// a literal `&` is written `&&`.
    public func setFooter(_ text: String) throws(XlsxError) {
        let op = "setFooter on '\(name)'"
        _ = try core.requireOpen(op)
        try checkHeaderFooter(text, op)
        let err = worksheet_set_footer(pointer, text)
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// The printed page header, in the same codes as ``setFooter(_:)``.
    public func setHeader(_ text: String) throws(XlsxError) {
        let op = "setHeader on '\(name)'"
        _ = try core.requireOpen(op)
        try checkHeaderFooter(text, op)
        let err = worksheet_set_header(pointer, text)
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// Starts a new printed page above each of `rows` (zero-based; 0 is ignored,
    /// at most 1,023 breaks). Replaces any breaks set before.
    public func setPageBreaks(beforeRows rows: [Int]) throws(XlsxError) {
        let op = "setPageBreaks on '\(name)'"
        _ = try core.requireOpen(op)
        let breaks = rows.filter { $0 > 0 }
        guard breaks.count <= 1023 else { throw .invalidArgument(operation: op, detail: "more than 1,023 page breaks") }
        for r in breaks where r > ExcelLimits.maxRow { throw .cellOutOfRange(sheet: name, row: r, col: 0) }
        var list = breaks.sorted().map { lxw_row_t($0) } + [0]
        let err = worksheet_set_h_pagebreaks(pointer, &list)
        if err != LXW_NO_ERROR { throw .library(operation: op, code: Int(err.rawValue), message: cMessage(err)) }
    }

    /// Hides the cell gridlines on screen and in print.
    public func hideGridlines() throws(XlsxError) {
        _ = try core.requireOpen("hideGridlines on '\(name)'")
        worksheet_gridlines(pointer, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Writes `text` in a cell that links to `cell` (`"A1"`) on the sheet
    /// `sheet` of the same workbook. The sheet name is quoted as needed; it
    /// need not exist yet.
    public func writeLink(row: Int, col: Int, toSheet sheet: String, cell: String = "A1", text: String,
                          format: CellFormat? = nil) throws(XlsxError) {
        let op = "writeLink"
        _ = try core.requireOpen(op)
        if let format, format.workbookID != core.id {
            throw .foreignObject(operation: "\(op) to \(cellName(name, row, col))")
        }
        if UInt(bitPattern: row) > UInt(ExcelLimits.maxRow) || UInt(bitPattern: col) > UInt(ExcelLimits.maxCol) {
            throw .cellOutOfRange(sheet: name, row: row, col: col)
        }
        if sheet.isEmpty || sheet.utf8.contains(0) || text.utf8.contains(0) || cell.utf8.contains(0) {
            throw .invalidArgument(operation: op, detail: "empty sheet name or text containing NUL")
        }
        let target = "internal:" + quotedSheetName(sheet) + "!" + cell
        // Excel's limit on a link's target (libxlsxwriter refuses longer ones).
        if target.utf8.count > 255 + 9 {
            throw .invalidArgument(operation: op, detail: "the link target is over 255 characters")
        }
        let err = worksheet_write_url_opt(pointer, lxw_row_t(row), lxw_col_t(col), target, format?.pointer, text, nil)
        if err != LXW_NO_ERROR {
            throw .library(operation: "\(op) to \(cellName(name, row, col))", code: Int(err.rawValue), message: cMessage(err))
        }
    }

    private func checkHeaderFooter(_ text: String, _ op: String) throws(XlsxError) {
        if text.utf8.contains(0) { throw .invalidArgument(operation: op, detail: "text contains NUL") }
        if text.unicodeScalars.count > 255 {
            throw .invalidArgument(operation: op, detail: "\(text.unicodeScalars.count) characters, over Excel's 255")
        }
    }
}
