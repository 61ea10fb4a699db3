/// Excel's grid limits and A1-style references.
public enum ExcelLimits {
    /// The last zero-based row index (Excel has 1,048,576 rows).
    public static let maxRow = 1_048_575
    /// The last zero-based column index (column XFD).
    public static let maxCol = 16_383
    /// The most characters a cell can hold.
    public static let maxStringLength = 32_767
    /// The longest sheet name, in UTF-16 code units.
    public static let maxSheetNameLength = 31
}

/// A1 notation of a zero-based cell: `cellReference(row: 2, col: 1)` is `"B3"`.
public func cellReference(row: Int, col: Int, absolute: Bool = false) -> String {
    let dollar = absolute ? "$" : ""
    return dollar + columnName(col) + dollar + String(row + 1)
}

/// Excel's letters for a zero-based column: 0 is `A`, 25 `Z`, 26 `AA`.
public func columnName(_ col: Int) -> String {
    var n = col + 1
    var letters: [UInt8] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(UInt8(ascii: "A") + UInt8(r))
        n = (n - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self)
}

/// A sheet name as a formula needs it: bare when it is plain letters and
/// underscores, otherwise in single quotes with any `'` doubled (`'Pledge data'`,
/// `'O''Brien'`, `'Sheet1'`). Quoting is always valid in Excel formulas, so the
/// rule only has to be safe, not minimal.
public func quotedSheetName(_ name: String) -> String {
    let plain = !name.isEmpty && name.utf8.allSatisfy { b in
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ||
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
    }
    let upper = name.uppercased()
    if plain && upper != "R" && upper != "C" { return name }
    var quoted = "'"
    for ch in name {
        if ch == "'" { quoted.append("''") } else { quoted.append(ch) }
    }
    quoted.append("'")
    return quoted
}

/// A rectangular block of cells on a named sheet, used for chart series.
public struct CellRange: Hashable, Sendable {
    public var sheet: String
    public var firstRow: Int
    public var firstCol: Int
    public var lastRow: Int
    public var lastCol: Int

    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// A single column from `firstRow` to `lastRow`.
    public init(sheet: String, col: Int, firstRow: Int, lastRow: Int) {
        self.init(sheet: sheet, firstRow: firstRow, firstCol: col, lastRow: lastRow, lastCol: col)
    }

    /// The absolute reference with the sheet name quoted as needed:
    /// `='Pledge data'!$A$2:$A$13`.
    public var formula: String {
        let start = cellReference(row: firstRow, col: firstCol, absolute: true)
        let end = cellReference(row: lastRow, col: lastCol, absolute: true)
        let area = (firstRow == lastRow && firstCol == lastCol) ? start : "\(start):\(end)"
        return "=\(quotedSheetName(sheet))!\(area)"
    }

    var isValid: Bool {
        firstRow >= 0 && firstCol >= 0 && firstRow <= lastRow && firstCol <= lastCol
            && lastRow <= ExcelLimits.maxRow && lastCol <= ExcelLimits.maxCol
    }
}
