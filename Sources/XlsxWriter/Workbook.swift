import CXlsxWriter

/// An xlsx file being built; nothing is written until ``close()``.
///
/// ```swift
/// var book = try Workbook(path: "report.xlsx", options: WorkbookOptions(constantMemory: true))
/// let money = try book.register(Format().numberFormat("#,##0.00"))
/// let sheet = try book.addWorksheet(name: "Pledges")
/// try sheet.write(row: 0, col: 0, string: "amount")
/// try sheet.write(row: 1, col: 0, number: 1500, format: money)
/// try book.close()
/// ```
///
/// The workbook owns the C `lxw_workbook`. It cannot be copied; ``close()``
/// consumes it and is the one place where the file is written and I/O fails.
/// A workbook dropped without `close()` frees its memory and writes nothing.
/// Worksheets and charts it handed out stay valid objects, but any use after
/// the workbook is closed throws ``XlsxError/workbookClosed(operation:)``.
///
/// Output is reproducible: the creation date is fixed (see
/// ``DocumentProperties``) and libxlsxwriter stamps every zip entry
/// 1980-01-01 00:00, so the same content gives byte-identical files.
///
/// A workbook and its sheets are meant for one thread at a time.
public struct Workbook: ~Copyable {
    let core: WorkbookCore

    /// Starts a workbook that ``close()`` will write to `path`.
    public init(
        path: String,
        options: WorkbookOptions = WorkbookOptions(),
        properties: DocumentProperties = DocumentProperties()
    ) throws(XlsxError) {
        core = try WorkbookCore(path: path, options: options, properties: properties)
    }

    deinit { core.abandon() }

    /// Where ``close()`` writes.
    public var path: String { core.path }

    /// The worksheets, in creation order (which is their order in the file).
    public var worksheets: [Worksheet] { core.sheets }

    /// The worksheet with this name, compared as Excel does (ignoring case).
    public func worksheet(named name: String) -> Worksheet? {
        guard let exact = core.sheetKeys[SheetName.key(name)] else { return nil }
        return core.sheets.first { $0.name == exact }
    }

    /// Adds a worksheet after the existing ones.
    ///
    /// The name is checked against Excel's rules first: 1 to 31 characters,
    /// none of `[ ] : * ? / \`, no `'` at either end, not `History`, and not
    /// the name of another sheet ignoring case.
    public func addWorksheet(name: String) throws(XlsxError) -> Worksheet {
        let wb = try core.requireOpen("addWorksheet(name: '\(name)')")
        try SheetName.validate(name, existing: core.sheetKeys)
        guard let ws = workbook_add_worksheet(wb, name) else {
            throw .library(operation: "addWorksheet(name: '\(name)')", code: -1,
                           message: "libxlsxwriter could not add the worksheet (memory or temporary file)")
        }
        let sheet = Worksheet(core: core, pointer: ws, name: name, index: core.sheets.count)
        core.sheets.append(sheet)
        core.sheetKeys[SheetName.key(name)] = name
        return sheet
    }

    /// The handle for `format` in this workbook, creating the C format the
    /// first time a given `Format` value is seen (later calls are a dictionary lookup).
    ///
    /// Register each format once, outside loops, and pass the handle to writes.
    public func register(_ format: Format) throws(XlsxError) -> CellFormat {
        try core.register(format)
    }

    /// A new chart, to be filled with series and placed with ``Worksheet/insertChart(_:row:col:xOffset:yOffset:width:height:)``.
    public func addChart(_ type: ChartType) throws(XlsxError) -> Chart {
        let wb = try core.requireOpen("addChart")
        guard let chart = workbook_add_chart(wb, type.c) else {
            throw .library(operation: "addChart(\(type))", code: -1, message: "libxlsxwriter could not create the chart")
        }
        let result = Chart(core: core, pointer: chart, type: type)
        core.charts.append(result)
        return result
    }

    /// Assembles the xlsx file at ``path`` and frees the workbook.
    ///
    /// Errors name the path: ``XlsxError/cannotCreateFile(path:reason:)`` when
    /// the file cannot be opened (missing directory, permissions), and
    /// ``XlsxError/saveFailed(path:reason:)`` when writing fails (temporary
    /// files, zip, disk full). After a failure the file may exist and be
    /// incomplete: write to a temporary name and rename it for atomic output.
    public consuming func close() throws(XlsxError) {
        try core.close()
    }
}

extension WorkbookCore {
    func register(_ format: Format) throws(XlsxError) -> CellFormat {
        let wb = try requireOpen("register(format)")
        if let known = formats[format] { return known }
        try format.validate()
        guard let f = workbook_add_format(wb) else {
            throw .library(operation: "register(format)", code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue),
                           message: "libxlsxwriter could not create the format")
        }
        format.apply(to: f)
        let handle = CellFormat(pointer: f, workbookID: id)
        formats[format] = handle
        return handle
    }

    /// The format of date cells written without one, registered on first use.
    func defaultDateFormat() throws(XlsxError) -> CellFormat {
        if let known = dateFormat { return known }
        let handle = try register(Worksheet.defaultDateFormat)
        dateFormat = handle
        return handle
    }
}
