import PledgeTallyCore
import Ingest
import Normalise

/// The name of one output column: its CSV header and its workbook label in
/// each language (docs/output.md lists them). `{cur}` stands for the
/// reporting currency: in lower case in a CSV header (`amount_{cur}` is
/// `amount_eur`), as the code in a label (`Amount ({cur})` is `Amount (EUR)`).
package struct ColumnName: Sendable {
    /// The CSV header, also the column's id (the diff reads columns by it).
    package let csv: String
    package let en: String
    package let fr: String
    /// The width of the column on a sheet whose widths are fixed (Run history); nil where the
    /// sheet measures its content.
    package let width: Int?
    /// True for a column of figures, whose header is right-aligned over them.
    package let numeric: Bool

    package init(_ csv: String, en: String, fr: String, width: Int? = nil, numeric: Bool = false) {
        self.csv = csv
        self.en = en
        self.fr = fr
        self.width = width
        self.numeric = numeric
    }

    /// The CSV header for reports in `currency`.
    package func header(currency: String) -> String {
        csv.contains("{cur}") ? csv.replacing("{cur}", with: currency.lowercased()) : csv
    }

    /// The workbook label in `language`, for reports in `currency`.
    package func label(_ language: Language, currency: String) -> String {
        let text = language == .fr ? fr : en
        return text.contains("{cur}") ? text.replacing("{cur}", with: currency) : text
    }
}

extension Array where Element == ColumnName {
    /// The header row of the CSV file.
    package func csvHeader(currency: String) -> [String] { map { $0.header(currency: currency) } }

    /// The header row of the workbook's table.
    package func labels(_ language: Language, currency: String) -> [String] {
        map { $0.label(language, currency: currency) }
    }

    /// The position of the column whose CSV header is `csv` (as written in the table, `{cur}` unfilled).
    package func index(_ csv: String) -> Int {
        guard let i = firstIndex(where: { $0.csv == csv }) else { preconditionFailure("no column \(csv)") }
        return i
    }
}

/// One column of a file written row by row: its name and how a row gives its
/// cell. The CSV writer and the workbook both write a row by walking the
/// table, so adding a column is one entry here.
package struct OutputColumn<Row>: Sendable {
    package let name: ColumnName
    package let cell: @Sendable (Row) -> OutputCell

    package init(_ name: ColumnName, _ cell: @escaping @Sendable (Row) -> OutputCell) {
        self.name = name
        self.cell = cell
    }
}

extension Array {
    /// The names of a table's columns.
    package func names<Row>() -> [ColumnName] where Element == OutputColumn<Row> { map(\.name) }
}

/// A cell of an output row, as the row gives it. The CSV writer and the
/// workbook each render every kind in their own way (docs/output.md).
package enum OutputCell: Sendable {
    /// Input text: CSV guarded and quoted; a text cell.
    case text(String)
    /// A code (currency): written as is in CSV; a text cell.
    case code(String)
    /// A source line: an integer; a number without grouping.
    case line(Int)
    /// A count: an integer; a number with grouping.
    case count(Int)
    /// An amount (nil: none) in its own currency (nil: unknown, two places): at least that
    /// currency's minor digits. The workbook writes it only when the currency is known.
    case amount(DecimalAmount?, currency: Currency?)
    /// An amount in the reporting currency, to its minor digits.
    case reported(DecimalAmount)
    /// A figure with a fixed number of places (a share).
    case fixed(DecimalAmount, places: Int)
    case day(Day)
    /// A rate: its text to 10 significant digits; a number in the rate format.
    case rate(ExchangeRate)
    /// A qualifier: its code in CSV; its word, styled, in the workbook.
    case qualifier(Qualifier)
    /// A domain: as is in CSV; the workbook shows the unclassified domain in its language.
    case domain(String)
    /// A source address: text in CSV; a hyperlink in the workbook when it is a web address.
    case link(String)
    case empty
}
