/// How a text cell is written in the CSV files pledgetally writes
/// (docs/output.md): a leading = + - @ tab or CR guarded by a `'` (what a
/// spreadsheet may read as the start of a formula), then quoted when it
/// holds `,` `"` LF or CR, its quotes doubled. `CSVWriter` writes its cells
/// through it, and `diff` its changes.csv rows made from rows' bytes.
public enum CSVCell {
    /// = + - @ tab CR: what a spreadsheet may read as the start of a formula.
    @inlinable
    public static func startsFormula(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Hands the cell of `value` (UTF-8) to `out`, in pieces.
    @inlinable
    public static func write<E: Error>(_ value: UnsafeRawBufferPointer,
                                       to out: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        var needsQuotes = false
        for b in value where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        let guarded = value.first.map(startsFormula) ?? false
        if !needsQuotes && !guarded { return try out(value) }
        if needsQuotes { try out(quote) }
        if guarded { try out(apostrophe) }
        guard needsQuotes else { return try out(value) }
        var start = 0
        for (i, b) in value.enumerated() where b == 0x22 {
            try out(UnsafeRawBufferPointer(rebasing: value[start...i]))   // up to and with the quote
            try out(quote)                                                // doubled
            start = i + 1
        }
        try out(UnsafeRawBufferPointer(rebasing: value[start...]))
        try out(quote)
    }

    @usableFromInline static var quote: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: ("\"" as StaticString).utf8Start, count: 1) }
    @usableFromInline static var apostrophe: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: ("'" as StaticString).utf8Start, count: 1) }
}
