/// The parts of a workbook read before its sheets: where the workbook part
/// is, its sheets in order with their state, the date system, the shared
/// strings and the cell styles.
struct XlsxWorkbook {
    struct Sheet {
        var name: String
        /// `visible`, `hidden` or `veryHidden`.
        var state: String
        /// The sheet part's path in the zip, nil for a chart sheet or a broken link.
        var path: String?
    }

    var sheets: [Sheet] = []
    /// The 1904 date system (serial 0 = 1904-01-01) rather than 1900.
    var date1904 = false
    var strings = XlsxSharedStrings()
    var styles = XlsxStyles()

    /// Reads the package relationships, the workbook part, its relationships,
    /// the styles and the shared strings.
    init(_ archive: XlsxArchive) throws {
        let root = try XlsxWorkbook.relationships(archive, "_rels/.rels", base: "")
        guard let workbookPath = root.first(where: { $0.type.hasSuffix("/officeDocument") })?.target
            ?? (archive.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil)
        else {
            if archive.contains("xl/workbook.bin") {
                throw XlsxProblem("an Excel binary workbook (.xlsb), not an .xlsx; save it as .xlsx")
            }
            throw XlsxProblem("a zip file but not an .xlsx workbook (no xl/workbook.xml)")
        }
        if workbookPath.hasSuffix(".bin") {
            throw XlsxProblem("an Excel binary workbook (.xlsb), not an .xlsx; save it as .xlsx")
        }
        let folder = workbookPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")

        let book = WorkbookPart()
        guard try archive.parse(workbookPath, with: XlsxXMLParser(handler: book)) else {
            throw XlsxProblem("the workbook part \(workbookPath) is missing")
        }
        date1904 = book.date1904
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + workbookPath.split(separator: "/").last! + ".rels"
        let links = try XlsxWorkbook.relationships(archive, relsPath, base: folder)
        var targets: [String: String] = [:]
        for link in links where link.type.hasSuffix("/worksheet") { targets[link.id] = link.target }
        sheets = book.sheets.map { Sheet(name: $0.name, state: $0.state, path: targets[$0.id]) }

        if let stylesPath = links.first(where: { $0.type.hasSuffix("/styles") })?.target {
            let reader = XlsxStyles.Reader()
            try archive.parse(stylesPath, with: XlsxXMLParser(handler: reader))
            styles = reader.styles
        }
        if let stringsPath = links.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            let reader = XlsxSharedStrings.Reader()
            try archive.parse(stringsPath, with: XlsxXMLParser(handler: reader))
            strings = reader.strings
        }
    }

    struct Relationship {
        var id: String
        var type: String
        /// The target's path in the zip.
        var target: String
    }

    /// The relationships of a `.rels` part (none when it is missing), targets
    /// resolved against `base`.
    static func relationships(_ archive: XlsxArchive, _ path: String, base: String) throws -> [Relationship] {
        let reader = RelationshipsPart()
        try archive.parse(path, with: XlsxXMLParser(handler: reader))
        return reader.links.compactMap { link in
            if link.external { return nil }
            return Relationship(id: link.id, type: link.type, target: resolve(link.target, base: base))
        }
    }

    /// A relationship target as a zip path: absolute (`/xl/…`) or relative to `base`.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." { _ = parts.popLast(); continue }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/workbook.xml`: the sheets and the date system.
private final class WorkbookPart: XlsxXMLHandler {
    var sheets: [(name: String, state: String, id: String)] = []
    var date1904 = false

    func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes) {
        if name.isEqual(to: "sheet") {
            sheets.append((attributes.string("name") ?? "Sheet\(sheets.count + 1)",
                           attributes.string("state") ?? "visible",
                           attributes.string("id") ?? ""))
        } else if name.isEqual(to: "workbookPr") {
            if let value = attributes.string("date1904") { date1904 = value == "1" || value == "true" }
        }
    }
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// A `.rels` part.
private final class RelationshipsPart: XlsxXMLHandler {
    var links: [(id: String, type: String, target: String, external: Bool)] = []

    func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes) {
        guard name.isEqual(to: "Relationship") else { return }
        links.append((attributes.string("Id") ?? "", attributes.string("Type") ?? "",
                      attributes.string("Target") ?? "", attributes.string("TargetMode") == "External"))
    }
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// The shared strings, stored as one byte buffer and the end of each string
/// in it (a few bytes a string besides its text).
struct XlsxSharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }

    /// The string at `index`, or nil when there is none.
    func string(at index: Int) -> String? {
        guard index >= 0 && index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<ends[index]], as: UTF8.self) }
    }

    /// Reads `<si>` items: the text of their `<t>` elements, rich-text runs
    /// joined, phonetic runs (`<rPh>`) left out.
    final class Reader: XlsxXMLHandler {
        var strings = XlsxSharedStrings()
        private var inText = false
        private var phonetic = 0

        func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes) {
            if name.isEqual(to: "t") { inText = phonetic == 0 }
            else if name.isEqual(to: "rPh") { phonetic += 1 }
        }
        func end(_ name: UnsafePointer<CChar>) {
            if name.isEqual(to: "t") { inText = false }
            else if name.isEqual(to: "rPh") { phonetic -= 1 }
            else if name.isEqual(to: "si") { strings.ends.append(strings.bytes.count) }
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            if inText { strings.bytes.append(contentsOf: bytes) }
        }
    }
}
