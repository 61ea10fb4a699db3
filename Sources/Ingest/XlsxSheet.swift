#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One cell of a sheet as its XML says it, before any field is read from it.
struct XlsxCell {
    enum Value {
        case empty
        /// Index into the shared strings.
        case shared(Int)
        /// Inline text, or a formula's string result.
        case text(String)
        /// The number's XML text, and the cell's style.
        case number(String, style: Int)
        case boolean(Bool)
        /// An ISO 8601 date cell (`t="d"`).
        case isoDate(String)
        /// An error value: `#N/A`, `#DIV/0!`…
        case error(String)
        /// A formula saved without its result.
        case formulaWithoutValue(String)
        /// Text longer than the reader keeps.
        case tooLong(Int)
    }
    /// 0-based column.
    var column: Int
    var value: Value
}

/// Reads a worksheet part's `<sheetData>` as it streams: each `<row>` is
/// handed over complete, cells in column order, and forgotten.
///
/// Rows and cells without an `r` attribute (or whose `r` names no column,
/// or a row outside Excel's 1,048,576) follow the previous one. Only
/// the columns `wanted` says are kept once it is set; cells past Excel's
/// 16,384 columns are ignored.
final class XlsxSheetRows: XlsxXMLHandler {
    static let maxColumns = 16_384
    /// Excel's rows: a row numbered outside 1...maxRows follows the previous one.
    static let maxRows = 1_048_576

    /// Called with each row's 1-based number and cells.
    var onRow: (_ row: Int, _ cells: [XlsxCell]) -> Void = { _, _ in }
    /// When set, only these columns are read (true at the column's index).
    var wanted: [Bool]?
    let textLimit: Int

    private var rowNumber = 0
    private var cells: [XlsxCell] = []
    private var inRow = false
    // The current cell.
    private var column = -1
    private var kind: UInt8 = 0   // first letter of t: n(umber) s(hared) i(nline) b(ool) e(rror) d(ate) (s)t(r)
    private var isStr = false
    private var style = 0
    private var hasFormula = false
    private var hasValue = false
    private var keep = false
    private var text: [UInt8] = []
    private var overLong = 0
    private var collecting = false
    private var phonetic = 0

    init(textLimit: Int) {
        self.textLimit = textLimit
        text.reserveCapacity(256)
    }

    func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes) {
        let first = UInt8(bitPattern: name[0])
        if first == 0x63 && name[1] == 0 {   // c
            column = attributes["r"].flatMap(Self.column(of:)) ?? column + 1
            keep = column < Self.maxColumns && (wanted.map { column < $0.count && $0[column] } ?? true)
            kind = 0x6E
            isStr = false
            if let t = attributes["t"] {
                kind = UInt8(bitPattern: t[0])
                isStr = t.isEqual(to: "str")
                if t.isEqual(to: "inlineStr") { kind = 0x69 }
            }
            style = attributes["s"].map { Int(strtol($0, nil, 10)) } ?? 0
            hasFormula = false
            hasValue = false
            text.removeAll(keepingCapacity: true)
            overLong = 0
        } else if first == 0x76 && name[1] == 0 {   // v
            hasValue = true
            collecting = keep
        } else if first == 0x74 && name[1] == 0 {   // t, inside <is>
            collecting = keep && phonetic == 0
            hasValue = true
        } else if first == 0x66 && name[1] == 0 {   // f
            hasFormula = true
        } else if name.isEqual(to: "row") {
            let stated = attributes["r"].map { Int(strtol($0, nil, 10)) } ?? 0
            rowNumber = (1...Self.maxRows).contains(stated) ? stated : rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = -1
            inRow = true
        } else if name.isEqual(to: "rPh") {
            phonetic += 1
        }
    }

    func end(_ name: UnsafePointer<CChar>) {
        let first = UInt8(bitPattern: name[0])
        if (first == 0x76 || first == 0x74) && name[1] == 0 {
            collecting = false
        } else if first == 0x63 && name[1] == 0 {
            if keep { cells.append(XlsxCell(column: column, value: value())) }
        } else if name.isEqual(to: "row") {
            inRow = false
            if !cells.isEmpty, zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
                cells.sort { $0.column < $1.column }
            }
            onRow(rowNumber, cells)
        } else if name.isEqual(to: "rPh") {
            phonetic -= 1
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard collecting else { return }
        if text.count + bytes.count > textLimit {
            overLong += bytes.count
            return
        }
        text.append(contentsOf: bytes)
    }

    private func value() -> XlsxCell.Value {
        if overLong > 0 { return .tooLong(text.count + overLong) }
        let string = String(decoding: text, as: UTF8.self)
        if !hasValue || (text.isEmpty && kind != 0x69 && !isStr) {
            // A formula whose <v> is missing or empty was saved without its result.
            return hasFormula ? .formulaWithoutValue("") : .empty
        }
        if isStr { return .text(string) }
        switch kind {
        case 0x73: return .shared(Int(Self.trimmed(string)) ?? -1)            // s
        case 0x69: return .text(string)                                         // inlineStr
        case 0x62: return .boolean(Self.trimmed(string) == "1" || string == "true")   // b
        case 0x65: return .error(string)                                        // e
        case 0x64: return .isoDate(string)                                      // d
        default: return .number(Self.trimmed(string), style: style)          // n
        }
    }

    /// The text without the spaces, tabs and line ends around it.
    static func trimmed(_ s: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = s.firstIndex(where: { !isSpace($0) }), let last = s.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(s[first...last])
    }

    /// The 0-based column of a cell reference (`AB12` → 27); nil when it
    /// starts with no letter (`22`), so the cell follows the previous one.
    static func column(of reference: UnsafePointer<CChar>) -> Int? {
        var value = 0
        var p = reference
        while true {
            let c = UInt8(bitPattern: p.pointee) | 0x20
            guard c >= 0x61 && c <= 0x7A else { break }
            value = value * 26 + Int(c - 0x60)
            if value > maxColumns { return maxColumns }
            p += 1
        }
        return value == 0 ? nil : value - 1
    }
}

/// The merged ranges of a worksheet (`<mergeCell ref="A1:D1"/>`, after the
/// rows in the part, so read in a first pass).
final class XlsxMerges: XlsxXMLHandler {
    struct Range {
        var top: Int, left: Int, bottom: Int, right: Int
    }
    /// The most ranges kept.
    static let limit = 100_000
    private(set) var ranges: [Range] = []

    func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes) {
        guard name.isEqual(to: "mergeCell"), ranges.count < Self.limit, let ref = attributes.string("ref") else { return }
        let ends = ref.split(separator: ":")
        guard ends.count == 2, let a = Self.cell(ends[0]), let b = Self.cell(ends[1]) else { return }
        ranges.append(Range(top: min(a.row, b.row), left: min(a.col, b.col), bottom: max(a.row, b.row), right: max(a.col, b.col)))
    }
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// `B12` → (row 12, column 1).
    static func cell(_ text: Substring) -> (row: Int, col: Int)? {
        let letters = text.prefix(while: { $0.isLetter })
        guard !letters.isEmpty, letters.count <= 3, let row = Int(text.dropFirst(letters.count)), row > 0 else { return nil }
        let col = letters.uppercased().utf8.reduce(0) { $0 * 26 + Int($1 - 0x40) } - 1
        return (row, col)
    }
}
