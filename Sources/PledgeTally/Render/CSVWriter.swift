/// Writes RFC 4180 CSV: UTF-8 without BOM, LF line ends, `,` separators,
/// quotes only where needed, and the CSV-injection guard of SPEC §7.
public struct CSVWriter {
    public let file: OutputFile
    private var first = true

    public init(file: OutputFile) { self.file = file }

    /// A text cell: guarded against spreadsheet formula injection (a leading
    /// = + - @ tab or CR gets a `'` before it), then quoted if needed.
    public mutating func text(_ value: String) throws(OutputError) {
        try separator()
        let utf8 = value.utf8
        let guarded = utf8.first.map { Self.injectionStarts.contains($0) } ?? false
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if needsQuotes { try file.write(byte: UInt8(ascii: "\"")) }
        if guarded { try file.write(byte: UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { try file.write(byte: byte) }
                try file.write(byte: byte)
            }
            try file.write(byte: UInt8(ascii: "\""))
        } else {
            try file.write(utf8)
        }
    }

    /// A cell written as is (numbers, dates, codes: never quoted or guarded).
    public mutating func plain(_ value: String) throws(OutputError) {
        try separator()
        try file.write(value.utf8)
    }

    /// An empty cell.
    public mutating func empty() throws(OutputError) {
        try separator()
    }

    public mutating func endRow() throws(OutputError) {
        try file.write(byte: 10)
        first = true
    }

    /// A header row of plain names.
    public mutating func header(_ names: [String]) throws(OutputError) {
        for name in names { try text(name) }
        try endRow()
    }

    private mutating func separator() throws(OutputError) {
        if first { first = false } else { try file.write(byte: UInt8(ascii: ",")) }
    }

    static let injectionStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]
}
