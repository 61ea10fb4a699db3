import CXlsxWriter

/// Every failure the wrapper reports, each case carrying the context needed to act on it.
///
/// Rows and columns in the associated values are zero-based, as in the API;
/// ``description`` also names the cell in Excel's A1 notation (`Pledges!B3`).
/// Errors from libxlsxwriter are mapped here with the C library's own message
/// (`lxw_strerror`); nothing in the wrapper calls `fatalError` or drops an
/// `lxw_error`.
public enum XlsxError: Error, Equatable, Sendable {
    // MARK: Sheet names (checked before libxlsxwriter sees them)

    /// The sheet name is empty.
    case sheetNameBlank
    /// The sheet name is longer than 31 characters (UTF-16 code units, as Excel counts).
    case sheetNameTooLong(name: String)
    /// The sheet name contains one of `[ ] : * ? / \`.
    case sheetNameInvalidCharacter(name: String, character: Character)
    /// The sheet name starts or ends with `'`.
    case sheetNameStartsOrEndsWithApostrophe(name: String)
    /// The sheet name is `History` (in any case), which Excel reserves.
    case sheetNameReserved(name: String)
    /// Another sheet already has this name, compared case-insensitively.
    case sheetNameReused(name: String, existing: String)

    // MARK: Cells

    /// The cell is beyond Excel's grid: rows 0...1_048_575, columns 0...16_383.
    case cellOutOfRange(sheet: String, row: Int, col: Int)
    /// Constant-memory mode: the row was already flushed to disk (rows must be written in order).
    case rowAlreadyWritten(sheet: String, row: Int, col: Int)
    /// The text is longer than Excel's cell limit of 32,767 characters.
    case stringTooLong(sheet: String, row: Int, col: Int, length: Int)
    /// The text contains a NUL character, which a C string (and XML) cannot carry.
    case stringContainsNul(sheet: String, row: Int, col: Int)
    /// NaN or an infinity: xlsx has no representation for them.
    case numberNotFinite(sheet: String, row: Int, col: Int, value: Double)
    /// An integer that a Double (the only number type of xlsx) cannot hold exactly.
    case numberNotExact(sheet: String, row: Int, col: Int, value: Int)
    /// Not a calendar date Excel can show (years 1900...9999).
    case invalidDate(sheet: String, row: Int, col: Int, year: Int, month: Int, day: Int)

    // MARK: Other arguments and lifecycle

    /// An argument out of its allowed range; `operation` names the call and the place.
    case invalidArgument(operation: String, detail: String)
    /// The workbook was closed (or abandoned) before this call.
    case workbookClosed(operation: String)
    /// A ``CellFormat`` or ``Chart`` made by another workbook was passed.
    case foreignObject(operation: String)

    // MARK: I/O

    /// The temporary directory given in ``WorkbookOptions`` is missing or not a directory.
    case invalidTmpdir(path: String, reason: String)
    /// The output file cannot be created (missing directory, permissions, ...).
    case cannotCreateFile(path: String, reason: String)
    /// Writing the file failed while saving (temporary file, zip or disk errors).
    case saveFailed(path: String, reason: String)
    /// Any other libxlsxwriter error, with the operation and place it came from.
    case library(operation: String, code: Int, message: String)
}

extension XlsxError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .sheetNameBlank:
            return "Worksheet name cannot be blank."
        case .sheetNameTooLong(let name):
            return "Worksheet name '\(name)' exceeds Excel's limit of 31 characters."
        case .sheetNameInvalidCharacter(let name, let character):
            return "Worksheet name '\(name)' cannot contain '\(character)': Excel does not allow [ ] : * ? / \\ in sheet names."
        case .sheetNameStartsOrEndsWithApostrophe(let name):
            return "Worksheet name '\(name)' cannot start or end with an apostrophe."
        case .sheetNameReserved(let name):
            return "Worksheet name '\(name)' is reserved by Excel."
        case .sheetNameReused(let name, let existing):
            return existing == name
                ? "Worksheet name '\(name)' is already in use."
                : "Worksheet name '\(name)' is already in use as '\(existing)' (Excel compares sheet names case-insensitively)."
        case .cellOutOfRange(let sheet, let row, let col):
            return "Cell row \(row), column \(col) on sheet '\(sheet)' is outside Excel's limits (rows 0...1048575, columns 0...16383)."
        case .rowAlreadyWritten(let sheet, let row, let col):
            return "Cannot write \(cellName(sheet, row, col)): in constant-memory mode rows are written in order and row \(row + 1) was already flushed."
        case .stringTooLong(let sheet, let row, let col, let length):
            return "Text for \(cellName(sheet, row, col)) has \(length) characters, over Excel's cell limit of 32767."
        case .stringContainsNul(let sheet, let row, let col):
            return "Text for \(cellName(sheet, row, col)) contains a NUL character, which xlsx cannot store."
        case .numberNotFinite(let sheet, let row, let col, let value):
            return "Number for \(cellName(sheet, row, col)) is \(value); xlsx can only store finite numbers."
        case .numberNotExact(let sheet, let row, let col, let value):
            return "Integer \(value) for \(cellName(sheet, row, col)) cannot be stored exactly as an xlsx number (a Double)."
        case .invalidDate(let sheet, let row, let col, let year, let month, let day):
            return "Date \(year)-\(month)-\(day) for \(cellName(sheet, row, col)) is not a valid date in 1900...9999."
        case .invalidArgument(let operation, let detail):
            return "\(operation): \(detail)"
        case .workbookClosed(let operation):
            return "\(operation): the workbook is already closed."
        case .foreignObject(let operation):
            return "\(operation): the format or chart belongs to another workbook."
        case .invalidTmpdir(let path, let reason):
            return "Temporary directory '\(path)' cannot be used: \(reason)."
        case .cannotCreateFile(let path, let reason):
            return "Cannot create '\(path)': \(reason)."
        case .saveFailed(let path, let reason):
            return "Saving '\(path)' failed: \(reason)."
        case .library(let operation, let code, let message):
            return "\(operation): libxlsxwriter error \(code): \(message)"
        }
    }
}

/// `Sheet!B3`, or `'Sheet name'!B3` when the name needs quoting in a formula.
func cellName(_ sheet: String, _ row: Int, _ col: Int) -> String {
    "\(quotedSheetName(sheet))!\(cellReference(row: row, col: col))"
}

/// The message libxlsxwriter gives for an error code.
func cMessage(_ error: lxw_error) -> String {
    guard let message = lxw_strerror(error) else { return "unknown error" }
    return String(cString: message)
}
