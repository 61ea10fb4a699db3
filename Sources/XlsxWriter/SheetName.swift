/// Excel's rules for worksheet names, checked before libxlsxwriter sees a name.
enum SheetName {
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// The key under which Excel considers two names equal (it ignores case).
    static func key(_ name: String) -> String { name.lowercased() }

    /// Throws the first rule `name` breaks; `existing` maps ``key(_:)`` to the names in use.
    static func validate(_ name: String, existing: [String: String]) throws(XlsxError) {
        if name.isEmpty { throw .sheetNameBlank }
        if name.utf16.count > ExcelLimits.maxSheetNameLength { throw .sheetNameTooLong(name: name) }
        if let bad = name.first(where: { forbidden.contains($0) }) {
            throw .sheetNameInvalidCharacter(name: name, character: bad)
        }
        if name.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw .sheetNameInvalidCharacter(name: name, character: "\u{0}")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw .sheetNameStartsOrEndsWithApostrophe(name: name) }
        if key(name) == "history" { throw .sheetNameReserved(name: name) }
        if let used = existing[key(name)] { throw .sheetNameReused(name: name, existing: used) }
    }
}
