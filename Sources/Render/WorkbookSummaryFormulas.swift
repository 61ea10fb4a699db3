import XlsxWriter

/// How a Summary formula picks the Pledges rows of one name (a domain, a
/// currency, an investor) held in a Summary cell.
///
/// COUNTIFS/SUMIFS read their criterion as a pattern, not as text: `*`, `?`
/// and `~` are wildcards, a leading `=`, `<` or `>` is an operator, "2030",
/// "TRUE" or "10/02/2025" become a number, a boolean or a date, and Excel
/// refuses (#VALUE!) a criterion over 255 characters. So the criterion form is
/// kept for plain names only (``isPlainCriterion(_:)``); any other name is
/// compared as text with SUMPRODUCT, which has none of these rules and no
/// length limit:
///
///     criterion  COUNTIFS(Pledges!$D$2:$D$1048576,$A14)
///     exact      SUMPRODUCT(--EXACT(Pledges!$D$2:$D$1048576,$A14))      case counts
///     equal      SUMPRODUCT(--(Pledges!$C$2:$C$1048576=$A40))           case ignored, as criteria do
enum RowMatch: Equatable {
    case criterion(cell: String)
    case exact(cell: String)
    case equal(cell: String)

    /// The match for `text` in `cell`. `caseMatters`: the cached figures
    /// count names that differ only in case apart (domains of domains.csv),
    /// so a name that has such a twin is compared with EXACT.
    static func forName(_ text: String, cell: String, hasCaseTwin: Bool = false, caseMatters: Bool) -> RowMatch {
        if isPlainCriterion(text) && !hasCaseTwin { return .criterion(cell: cell) }
        return caseMatters ? .exact(cell: cell) : .equal(cell: cell)
    }

    /// True when a COUNTIFS criterion holding `text` matches exactly the
    /// cells equal to `text` (case ignored) and Excel accepts it: at most 255
    /// UTF-16 units, starting with a letter, no wildcard, no digit (numbers,
    /// dates, times, percentages, fractions all need one), no control or
    /// non-character, and not a boolean word (English or French Excel).
    static func isPlainCriterion(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, text.utf16.count <= 255 else {
            return false
        }
        for s in text.unicodeScalars {
            switch s {
            case "*", "?", "~": return false
            default:
                if s.properties.numericType != nil || s.properties.generalCategory == .control
                    || s.properties.isNoncharacterCodePoint {
                    return false
                }
            }
        }
        return !["TRUE", "FALSE", "VRAI", "FAUX"].contains(text.uppercased())
    }
}

/// Formulas over the Pledges sheet(s): one term per sheet, summed.
///
/// COUNTIFS/SUMIFS read whole columns (they skip empty cells at no cost);
/// SUMPRODUCT computes every cell of its arrays, so its ranges stop at each
/// sheet's last data row (`rows`, when known): a whole column would make a
/// LibreOffice or Excel recalculation compare a million empty cells per term.
struct PledgeFormulas {
    let sheets: [String]
    /// Data rows on each sheet (below the header); empty: whole columns.
    var rows: [Int] = []

    /// `Pledges!$D$2:$D$1048576`: a column below the header, on one pledges sheet.
    static func range(_ sheet: String, _ column: String) -> String {
        "\(quotedSheetName(sheet))!$\(column)$2:$\(column)$\(ExcelLimits.maxRow + 1)"
    }

    /// A formula's text literal: `"…"` with `"` doubled.
    static func literal(_ text: String) -> String {
        "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// How many rows match in column `over`; with `qualifiers`, only rows
    /// whose column `column` holds one of `values` (one term per value).
    func count(_ match: RowMatch, over: String, qualifiers: (column: String, values: [String])? = nil) -> String {
        formula(match, sum: nil, over: over, qualifiers: qualifiers)
    }

    /// The sum of column `sum` over the matching rows (blank cells add nothing).
    func sum(_ sum: String, _ match: RowMatch, over: String, qualifiers: (column: String, values: [String])? = nil) -> String {
        formula(match, sum: sum, over: over, qualifiers: qualifiers)
    }

    private func formula(_ match: RowMatch, sum: String?, over: String,
                         qualifiers: (column: String, values: [String])?) -> String {
        let terms = sheets.flatMap { s -> [String] in
            let values: [String?] = qualifiers.map { $0.values.map { Optional($0) } } ?? [nil]
            return values.map { q in term(match, sheet: s, sum: sum, over: over, qualifier: q.map { (qualifiers!.column, $0) }) }
        }
        return "=" + terms.joined(separator: "+")
    }

    private func term(_ match: RowMatch, sheet s: String, sum: String?, over: String,
                      qualifier: (column: String, value: String)?) -> String {
        var r = { (column: String) in Self.range(s, column) }
        let extra = qualifier.map { "," + r($0.column) + "," + Self.literal($0.value) } ?? ""
        if let i = sheets.firstIndex(of: s), i < rows.count {
            let last = rows[i] + 1
            r = { (column: String) in "\(quotedSheetName(s))!$\(column)$2:$\(column)$\(last)" }
        }
        let test: String
        switch match {
        case .criterion(let cell):
            if let sum { return "SUMIFS(\(Self.range(s, sum)),\(Self.range(s, over)),\(cell)\(extra))" }
            return "COUNTIFS(\(Self.range(s, over)),\(cell)\(extra))"
        case .exact(let cell): test = "EXACT(\(r(over)),\(cell))"
        case .equal(let cell): test = "(\(r(over))=\(cell))"
        }
        let rows = qualifier.map { "\(test)*(\(r($0.column))=\(Self.literal($0.value)))" } ?? "--" + test
        return "SUMPRODUCT(\(rows)\(sum.map { "," + r($0) } ?? ""))"
    }
}
