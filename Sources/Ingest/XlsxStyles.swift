/// What a cell's number format says about a number: whether it shows a
/// date, and which currency symbol it shows, if any.
struct XlsxNumberFormat: Equatable {
    var isDate = false
    /// The currency as the format writes it (`€`, `$`, `EUR`, `CHF`), or nil.
    var currency: String?

    static let general = XlsxNumberFormat()

    /// Excel's built-in formats that show dates or times (ids 14–22, 45–47,
    /// and the East Asian 27–36, 50–58). The built-in currency formats (5–8,
    /// 41–44) depend on the reader's locale, so name no currency here.
    static func builtIn(_ id: Int) -> XlsxNumberFormat {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return XlsxNumberFormat(isDate: true)
        default: return .general
        }
    }

    /// The symbols that name a currency where a format writes them bare.
    private static let symbols: Set<Character> = ["€", "$", "£", "¥", "₹", "₣", "₩", "₽", "₺", "₪"]

    /// Reads a format code's first section: date or time tokens (`y m d h s`
    /// outside quotes and brackets), and a currency from `[$€-40C]`, a
    /// quoted `"$"` or `"CHF"`, an escaped `\$` or a bare symbol.
    init(code: String) {
        var chars = Array(code)
        if let semicolon = XlsxNumberFormat.firstSectionEnd(chars) { chars = Array(chars[..<semicolon]) }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                var j = i + 1
                while j < chars.count && chars[j] != "\"" { j += 1 }
                let literal = String(chars[(i + 1)..<min(j, chars.count)]).trimmingCharacters(in: " ")
                if currency == nil, XlsxNumberFormat.isCurrencyText(literal) { currency = literal }
                i = j + 1
            case "[":
                var j = i + 1
                while j < chars.count && chars[j] != "]" { j += 1 }
                let inside = chars[(i + 1)..<min(j, chars.count)]
                if inside.first == "$" {
                    let symbol = String(inside.dropFirst().prefix(while: { $0 != "-" }))
                    if currency == nil, !symbol.isEmpty { currency = symbol }
                } else if !inside.isEmpty, inside.allSatisfy({ "hHmMsS".contains($0) }) {
                    isDate = true   // elapsed time: [h]:mm
                }
                i = j + 1
            case "\\":
                if i + 1 < chars.count, currency == nil, XlsxNumberFormat.symbols.contains(chars[i + 1]) {
                    currency = String(chars[i + 1])
                }
                i += 2
            case "_", "*":
                i += 2   // a padding character, not shown
            default:
                if "yYmMdDhHsS".contains(c) { isDate = true }
                else if currency == nil, XlsxNumberFormat.symbols.contains(c) { currency = String(c) }
                i += 1
            }
        }
    }

    init(isDate: Bool = false, currency: String? = nil) {
        self.isDate = isDate
        self.currency = currency
    }

    /// A quoted literal that names a currency: a symbol, or three capitals (`CHF`).
    private static func isCurrencyText(_ text: String) -> Bool {
        if text.count == 1, let c = text.first { return symbols.contains(c) }
        if text.count == 3 { return text.allSatisfy { $0.isASCII && $0.isUppercase } }
        return text.count == 2 && text.last.map(symbols.contains) == true   // US$, C$
    }

    /// Where the first `;` outside quotes is.
    private static func firstSectionEnd(_ chars: [Character]) -> Int? {
        var quoted = false
        var i = 0
        while i < chars.count {
            if chars[i] == "\"" { quoted.toggle() }
            else if chars[i] == "\\" && !quoted { i += 1 }
            else if chars[i] == ";" && !quoted { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// The number format of each cell style (`s="3"` on a cell is `cellXfs`
/// entry 3 of `xl/styles.xml`).
struct XlsxStyles {
    private(set) var formats: [XlsxNumberFormat] = []

    /// The format of style `index`; general when there is no such style.
    func format(_ index: Int) -> XlsxNumberFormat {
        index >= 0 && index < formats.count ? formats[index] : .general
    }

    final class Reader: XlsxXMLHandler {
        var styles = XlsxStyles()
        private var custom: [Int: XlsxNumberFormat] = [:]
        private var ids: [Int] = []
        private var inCellXfs = false

        func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes) {
            if name.isEqual(to: "numFmt") {
                if let id = attributes.string("numFmtId").flatMap(Int.init), let code = attributes.string("formatCode") {
                    custom[id] = XlsxNumberFormat(code: code)
                }
            } else if name.isEqual(to: "cellXfs") {
                inCellXfs = true
            } else if inCellXfs && name.isEqual(to: "xf") {
                ids.append(attributes.string("numFmtId").flatMap(Int.init) ?? 0)
            }
        }
        func end(_ name: UnsafePointer<CChar>) {
            if name.isEqual(to: "cellXfs") {
                inCellXfs = false
                styles.formats = ids.map { custom[$0] ?? XlsxNumberFormat.builtIn($0) }
            }
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }
}
