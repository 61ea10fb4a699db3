/// A value a worksheet can write into one cell; adopt it for your own types.
///
/// ```swift
/// extension Money: CellWritable {
///     func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
///         try sheet.write(row: row, col: col, number: asDouble, format: format)
///     }
/// }
/// ```
public protocol CellWritable {
    func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError)
}

extension String: CellWritable {
    public func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
        try sheet.write(row: row, col: col, string: self, format: format)
    }
}

extension Substring: CellWritable {
    public func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
        try sheet.write(row: row, col: col, string: String(self), format: format)
    }
}

extension Double: CellWritable {
    public func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
        try sheet.write(row: row, col: col, number: self, format: format)
    }
}

extension Int: CellWritable {
    /// Written as a Double; integers beyond ±2^53 that a Double cannot hold exactly throw.
    public func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
        guard let exact = Double(exactly: self) else {
            throw .numberNotExact(sheet: sheet.name, row: row, col: col, value: self)
        }
        try sheet.write(row: row, col: col, number: exact, format: format)
    }
}

extension Bool: CellWritable {
    public func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
        try sheet.write(row: row, col: col, bool: self, format: format)
    }
}

extension Optional: CellWritable where Wrapped: CellWritable {
    /// `nil` writes a blank cell (which, without a format, is no cell at all).
    public func write(to sheet: Worksheet, row: Int, col: Int, format: CellFormat?) throws(XlsxError) {
        switch self {
        case .some(let value): try value.write(to: sheet, row: row, col: col, format: format)
        case .none: try sheet.writeBlank(row: row, col: col, format: format)
        }
    }
}
