import XlsxWriter
import PledgeTallyCore
import Aggregate

/// The number-format codes and cell styles of the workbook, per language.
///
/// In the file a number format always uses `,` for grouping and `.` for the
/// decimal mark; Excel and LibreOffice show them with the reader's locale. What
/// the language decides is the order: `"€"#,##0.00` (symbol first) in English,
/// `#,##0.00 "€"` (symbol after, with a no-break space) in French, and the date
/// layout: `yyyy-mm-dd` in English, `dd/mm/yyyy` in French.
enum WorkbookNumberFormat {
    /// The symbol shown for a currency; other currencies show their ISO code.
    static func symbol(_ currency: Currency, _ language: Language) -> String {
        switch currency.code {
        case "EUR": return "€"
        case "USD": return language == .fr ? "$ US" : "$"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "INR": return "₹"
        default: return currency.code
        }
    }

    /// `#,##0` followed by the currency's minor digits (`#,##0.00`, `#,##0` for JPY).
    static func digits(_ currency: Currency) -> String {
        let minor = currency.minorDigits
        return minor == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: minor)
    }

    /// The amount format of a currency in a language.
    static func money(_ currency: Currency, _ language: Language) -> String {
        let symbol = symbol(currency, language)
        let number = digits(currency)
        switch language {
        case .en:
            // A one-character symbol sits against the number ("€1,200.00"), a code has a space ("CHF 1,200.00").
            return symbol.count == 1 ? "\"\(symbol)\"\(number)" : "\"\(symbol) \"\(number)"
        case .fr:
            return "\(number)\"\u{00A0}\(symbol)\""
        }
    }

    static func date(_ language: Language) -> String {
        language == .fr ? "dd/mm/yyyy" : "yyyy-mm-dd"
    }

    /// Rates: at least four decimals, up to sixteen, without trailing zeros beyond four.
    static let rate = "0.0000############"
    static let count = "#,##0"
    static let percent = "0.00%"
    /// The chart's value axis, in billions.
    static func axisBillions(_ language: Language) -> String {
        language == .fr ? "#,##0,,,\"\u{00A0}Md\"" : "#,##0,,,\" bn\""
    }

    /// How many characters `amount` takes when shown with ``money(_:_:)``.
    static func displayWidth(_ amount: DecimalAmount, currency: Currency, language: Language) -> Int {
        let minor = currency.minorDigits
        let integerDigits = max(1, amount.digitCount - amount.scale)
        let groups = (integerDigits - 1) / 3
        return integerDigits + groups + (minor > 0 ? minor + 1 : 0) + symbol(currency, language).count + 1
    }
}

/// The registered cell formats of one workbook: the fixed ones made at the
/// start, the currency ones made once per currency on first use.
final class WorkbookFormats {
    let language: Language
    let title: CellFormat
    let header: CellFormat
    /// A header over a column of numbers (right-aligned like them).
    let headerNumber: CellFormat
    let label: CellFormat
    let note: CellFormat
    let date: CellFormat
    let rate: CellFormat
    let count: CellFormat
    /// Line numbers: no grouping ("1234", as in the CSV).
    let line: CellFormat
    let countBold: CellFormat
    let percent: CellFormat
    let percentBold: CellFormat
    let totalLabel: CellFormat
    let section: CellFormat
    /// A link to another sheet.
    let link: CellFormat
    /// Text, dates, headers and links in a column right after a column of right-aligned figures: indented
    /// one step, so the figures do not run into them.
    let textGap: CellFormat
    let dateGap: CellFormat
    let headerGap: CellFormat
    let linkGap: CellFormat
    /// The About sheet's items and meanings: wrapped, top-aligned.
    let wrapped: CellFormat
    /// The qualifier cell's look, indexed by ``Qualifier/styleIndex``.
    private let qualifiers: [CellFormat?]
    private var money: [Currency: CellFormat] = [:]
    private var moneyBold: [Currency: CellFormat] = [:]
    /// The last currency looked up, which is usually the next one too.
    private var lastCurrency: Currency?
    private var lastMoney: CellFormat?

    init(book: borrowing Workbook, language: Language) throws(XlsxError) {
        self.language = language
        title = try book.register(Format().bold().fontSize(14).fontColor(0x1F4E79))
        header = try book.register(Format().bold().backgroundColor(0xDDEBF7).bottomBorder(.thin).verticalAlign(.top))
        headerNumber = try book.register(
            Format().bold().backgroundColor(0xDDEBF7).bottomBorder(.thin).verticalAlign(.top).align(.right))
        label = try book.register(Format().bold())
        note = try book.register(Format().italic().fontColor(0x595959))
        section = try book.register(Format().bold().fontColor(0x1F4E79).bottomBorder(.thin))
        link = try book.register(Format().underline().fontColor(0x0563C1))
        date = try book.register(Format().numberFormat(WorkbookNumberFormat.date(language)).align(.left))
        rate = try book.register(Format().numberFormat(WorkbookNumberFormat.rate))
        count = try book.register(Format().numberFormat(WorkbookNumberFormat.count))
        line = try book.register(Format().numberFormat("0"))
        countBold = try book.register(Format().numberFormat(WorkbookNumberFormat.count).bold().bottomBorder(.double))
        percent = try book.register(Format().numberFormat(WorkbookNumberFormat.percent))
        percentBold = try book.register(Format().numberFormat(WorkbookNumberFormat.percent).bold().bottomBorder(.double))
        totalLabel = try book.register(Format().bold().bottomBorder(.double))
        textGap = try book.register(Format().align(.left).indent(1))
        dateGap = try book.register(Format().numberFormat(WorkbookNumberFormat.date(language)).align(.left).indent(1))
        headerGap = try book.register(
            Format().bold().backgroundColor(0xDDEBF7).bottomBorder(.thin).verticalAlign(.top).align(.left).indent(1))
        linkGap = try book.register(Format().underline().fontColor(0x0563C1).align(.left).indent(1))
        wrapped = try book.register(Format().textWrap().verticalAlign(.top))

        var styles: [CellFormat?] = []
        for q in Qualifier.allCases {
            let style: Format?
            if q.isCeiling {
                style = Format().backgroundColor(0xFFE699).fontColor(0x7F6000)
            } else if q.isFloor {
                style = Format().backgroundColor(0xBDD7EE).fontColor(0x1F4E79)
            } else {
                switch q {
                case .approximately: style = Format().italic().fontColor(0x7F7F7F)
                case .unspecified: style = Format().backgroundColor(0xE7E6E6).fontColor(0x7F7F7F)
                default: style = nil
                }
            }
            styles.append(try style.map { f throws(XlsxError) in try book.register(f) })
        }
        qualifiers = styles
    }

    /// The qualifier cell's format: amber for ceilings, blue for floors, grey for estimates and blanks.
    @inline(__always)
    func qualifier(_ q: Qualifier) -> CellFormat? { qualifiers[q.styleIndex] }

    /// The amount format of `currency`, registered on first use.
    @inline(__always)
    func money(_ currency: Currency, book: borrowing Workbook) throws(XlsxError) -> CellFormat {
        if currency == lastCurrency, let known = lastMoney { return known }
        let format: CellFormat
        if let known = money[currency] {
            format = known
        } else {
            format = try book.register(Format().numberFormat(WorkbookNumberFormat.money(currency, language)))
            money[currency] = format
        }
        lastCurrency = currency
        lastMoney = format
        return format
    }

    /// The amount format of `currency` for a total row (bold, double rule under).
    func moneyTotal(_ currency: Currency, book: borrowing Workbook) throws(XlsxError) -> CellFormat {
        if let known = moneyBold[currency] { return known }
        let format = try book.register(
            Format().numberFormat(WorkbookNumberFormat.money(currency, language)).bold().bottomBorder(.double))
        moneyBold[currency] = format
        return format
    }
}

extension Qualifier {
    /// Position in `allCases`, for array lookups.
    var styleIndex: Int {
        switch self {
        case .exact: 0
        case .upTo: 1
        case .atLeast: 2
        case .approximately: 3
        case .initial: 4
        case .range: 5
        case .unspecified: 6
        }
    }
}
