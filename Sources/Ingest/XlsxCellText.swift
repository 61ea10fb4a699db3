import PledgeTallyCore

/// A cell's value as the text a ``RawRecord`` carries.
///
/// - Text (shared, inline, rich text runs joined; a formula's text result)
///   as written.
/// - Numbers exactly from their XML text (``XlsxNumberText``); a number whose
///   format shows a date, outside the amount column, as `YYYY-MM-DD` in the
///   workbook's date system.
/// - Booleans as `TRUE` / `FALSE`.
/// - Error values and formulas saved without a result are problems.
enum XlsxCellText {
    struct Problem: Error {
        var value: String
        var reason: String
    }

    static func text(_ value: XlsxCell.Value, book: XlsxWorkbook, amount: Bool) -> Result<String, Problem> {
        switch value {
        case .empty:
            return .success("")
        case .text(let text):
            return .success(text)
        case .shared(let index):
            guard let text = book.strings.string(at: index) else {
                return .failure(Problem(value: String(index), reason: "the cell names shared string \(index), which the workbook does not have"))
            }
            return .success(text)
        case .number(let xml, let style):
            guard let number = XlsxNumberText(xml) else {
                return .failure(Problem(value: String(xml.prefix(200)), reason: "the cell’s number cannot be read"))
            }
            if !amount && book.styles.format(style).isDate {
                switch number.day(date1904: book.date1904) {
                case .success(let day): return .success(day.description)
                case .failure(let problem): return .failure(Problem(value: number.text, reason: problem.reason))
                }
            }
            return .success(number.text)
        case .boolean(let value):
            return .success(value ? "TRUE" : "FALSE")
        case .isoDate(let text):
            // `2025-02-10T00:00:00`: the day, as a CSV file would write it.
            if text.utf8.count >= 10, let day = Day(iso: text.prefix(10)) { return .success(day.description) }
            return .success(text)
        case .error(let code):
            return .failure(Problem(value: code, reason: "the cell holds the error value \(code)"))
        case .formulaWithoutValue:
            return .failure(Problem(value: "", reason: "the cell has a formula but no saved result (the workbook was saved without calculating it); open it in Excel or LibreOffice and save it again"))
        case .tooLong(let length):
            return .failure(Problem(value: "", reason: "the cell holds \(length) bytes of text, more than the \(Ingest.recordLimit) read"))
        }
    }

    /// A header cell's text; anything that is not text reads as its value or empty.
    static func headerText(_ value: XlsxCell.Value, book: XlsxWorkbook) -> String {
        (try? text(value, book: book, amount: true).get()) ?? ""
    }
}
