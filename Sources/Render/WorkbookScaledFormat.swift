import PledgeTallyCore
import Normalise
import Aggregate

/// Number formats that show an amount in billions or millions while the cell
/// keeps its exact value: `€279.0bn`, `€850.0m`, `€12,500.00` in English;
/// `279,0 Md€`, `850,0 M€`, `12 500,00 €` in French (the reader's locale
/// draws the separators).
///
/// Each cell picks its unit through conditional sections, so small figures in
/// a table of large ones never show as `€0.0bn`:
///
///     [>=1000000000]"€"#,##0.0,,,"bn";[>=1000000]"€"#,##0.0,,"m";"€"#,##0.00
///
/// (each trailing comma divides by 1,000). Amounts are never negative here.
enum WorkbookScaledFormat {
    static let billion = 1_000_000_000.0
    static let million = 1_000_000.0

    /// The unit words: English `bn`/`m` after the number, French `Md`/`M` before the symbol.
    private static func scaled(_ divisorCommas: String, _ unit: (en: String, fr: String), _ currency: Currency,
                               _ language: Language) -> String {
        let symbol = WorkbookNumberFormat.symbol(currency, language)
        switch language {
        case .en:
            let prefix = symbol.count == 1 ? "\"\(symbol)\"" : "\"\(symbol) \""
            return "\(prefix)#,##0.0\(divisorCommas)\"\(unit.en)\""
        case .fr:
            // "279,0 Md€", "1,2 Md CHF": the unit sticks to a one-character symbol.
            let tail = symbol.count == 1 ? "\(unit.fr)\(symbol)" : "\(unit.fr)\u{00A0}\(symbol)"
            return "#,##0.0\(divisorCommas)\"\u{00A0}\(tail)\""
        }
    }

    static func billions(_ currency: Currency, _ language: Language) -> String {
        scaled(",,,", ("bn", "Md"), currency, language)
    }

    static func millions(_ currency: Currency, _ language: Language) -> String {
        scaled(",,", ("m", "M"), currency, language)
    }

    /// The Summary's amount format: billions from 10^9, millions from 10^6, else the full amount.
    static func amount(_ currency: Currency, _ language: Language) -> String {
        "[>=1000000000]\(billions(currency, language));[>=1000000]\(millions(currency, language));"
            + WorkbookNumberFormat.money(currency, language)
    }

    /// Chart value labels: like ``amount(_:_:)``, but nothing for a value
    /// under `hideBelow` (a bar segment too narrow to hold its label).
    static func labels(_ currency: Currency, _ language: Language, hideBelow: Double, largest: Double) -> String {
        let small = largest >= million ? millions(currency, language) : WorkbookNumberFormat.money(currency, language)
        return "[<\(plain(hideBelow))]\"\";[>=1000000000]\(billions(currency, language));\(small)"
    }

    /// The value axis: whole billions or millions, whichever suits the largest bar.
    static func axis(_ currency: Currency, _ language: Language, largest: Double) -> String {
        if largest >= 2 * billion { return billions(currency, language).replacing("0.0,", with: "0,") }
        if largest >= 2 * million { return millions(currency, language).replacing("0.0,", with: "0,") }
        return WorkbookNumberFormat.money(currency, language)
    }

    /// How many characters ``amount(_:_:)`` shows for `value`.
    static func displayWidth(_ value: DecimalAmount, currency: Currency, language: Language) -> Int {
        let v = value.nearestDouble
        let symbol = WorkbookNumberFormat.symbol(currency, language).count + 1
        func integerWidth(_ x: Double) -> Int {
            let digits = max(1, String(Int(x.rounded(.down))).count)
            return digits + (digits - 1) / 3
        }
        if v >= billion { return integerWidth(v / billion) + 2 + 2 + symbol }
        if v >= million { return integerWidth(v / million) + 2 + 1 + symbol }
        return WorkbookNumberFormat.displayWidth(value, currency: currency, language: language)
    }

    /// A threshold as a plain number for a format condition (no exponent).
    private static func plain(_ x: Double) -> String {
        String(Int(x.rounded(.up)))
    }
}
