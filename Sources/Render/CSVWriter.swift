import PledgeTallyCore

/// Writes RFC 4180 CSV: UTF-8 without BOM, LF line ends, `,` separators,
/// quotes only where needed, and the CSV-injection guard of docs/output.md.
public struct CSVWriter {
    public let file: OutputFile
    private var first = true

    public init(file: OutputFile) { self.file = file }

    /// A text cell: guarded against spreadsheet formula injection (a leading
    /// = + - @ tab or CR gets a `'` before it), then quoted if needed.
    public mutating func text(_ value: String) throws(OutputError) {
        try separator()
        var value = value
        var failure: OutputError?
        let file = self.file
        value.withUTF8 { bytes in
            do throws(OutputError) {
                try CSVCell.write(UnsafeRawBufferPointer(bytes)) { (piece: UnsafeRawBufferPointer) throws(OutputError) in
                    try file.write(raw: piece.assumingMemoryBound(to: UInt8.self))
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// A cell written as is (numbers, dates, codes: never quoted or guarded).
    public mutating func plain(_ value: String) throws(OutputError) {
        try separator()
        try file.write(value)
    }

    /// An exact decimal with `places` places.
    public mutating func decimal(_ value: DecimalAmount, places: Int) throws(OutputError) {
        try separator()
        try file.write(decimal: value, places: places)
    }

    public mutating func int(_ value: Int) throws(OutputError) {
        try separator()
        try file.write(int: value)
    }

    public mutating func day(_ value: Day) throws(OutputError) {
        try separator()
        try file.write(day: value)
    }

    /// An empty cell.
    public mutating func empty() throws(OutputError) {
        try separator()
    }

    public mutating func endRow() throws(OutputError) {
        try file.write(byte: 0x0A)
        first = true
    }

    /// A header row of plain names.
    public mutating func header(_ names: [String]) throws(OutputError) {
        for name in names { try text(name) }
        try endRow()
    }

    @inline(__always)
    private mutating func separator() throws(OutputError) {
        if first { first = false } else { try file.write(byte: 0x2C) }
    }
}
