import PledgeTallyCore
import Ingest
import Normalise
import Aggregate

/// The CSV files of docs/output.md: pledges.csv and rejected.csv row by row as the
/// run streams, by_domain.csv and unclassified.csv at the end. Their columns are
/// ``OutputColumns``' tables.
public enum ReportCSV {
    public static func pledgesHeader(currency: Currency) -> [String] {
        OutputColumns.pledges.names().csvHeader(currency: currency.code)
    }

    public static func byDomainHeader(currency: Currency) -> [String] {
        OutputColumns.byDomain.names().csvHeader(currency: currency.code)
    }

    public static let rejectedHeader = OutputColumns.rejected.names().csvHeader(currency: "")

    public static func unclassifiedHeader(currency: Currency) -> [String] {
        OutputColumns.unclassified.names().csvHeader(currency: currency.code)
    }

    /// One pledges.csv row.
    public static func write(_ p: ConvertedPledge, reportingDigits: Int, to csv: inout CSVWriter) throws(OutputError) {
        try csv.row(p, OutputColumns.pledges, reportingDigits: reportingDigits)
    }

    /// One rejected.csv row.
    public static func write(_ r: Rejection, to csv: inout CSVWriter) throws(OutputError) {
        try csv.row(r, OutputColumns.rejected, reportingDigits: 2)
    }

    /// unclassified.csv, whole: the domain texts no rule matched, largest total first.
    public static func writeUnclassified(_ facts: RunFacts, to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(unclassifiedHeader(currency: facts.options.currency))
        let digits = facts.options.currency.minorDigits
        for row in facts.unclassifiedTotals.rows {
            try csv.row(row, OutputColumns.unclassified, reportingDigits: digits)
        }
    }

    /// by_domain.csv, whole: each domain, then the grand total.
    public static func writeByDomain(_ facts: RunFacts, to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(byDomainHeader(currency: facts.options.currency))
        let digits = facts.options.currency.minorDigits
        for row in facts.domains + [facts.grandTotal] {
            try csv.row(OutputColumns.DomainRow(row, of: facts.grandTotal.total), OutputColumns.byDomain, reportingDigits: digits)
        }
    }
}

extension CSVWriter {
    /// One row: each column's cell of `row`, then the line end.
    @inline(__always)
    mutating func row<Row>(_ row: Row, _ columns: [OutputColumn<Row>], reportingDigits: Int) throws(OutputError) {
        // By index: `for column in columns` copies each column, labels and all
        // (a retain and release per string, 17 times a row: 0.9 s of the main
        // thread at 1M pledges, perf); `columns[i].cell` copies the closure only.
        for i in columns.indices { try cell(columns[i].cell(row), reportingDigits: reportingDigits) }
        try endRow()
    }

    /// One cell as CSV shows it: text guarded and quoted, codes and figures as they are, amounts to
    /// their currency's minor digits (or more when the amount was written with more).
    @inline(__always)
    mutating func cell(_ cell: OutputCell, reportingDigits: Int) throws(OutputError) {
        switch cell {
        case .text(let s), .domain(let s), .link(let s): try text(s)
        case .code(let s): try plain(s)
        case .line(let n), .count(let n): try int(n)
        case .amount(let a, let currency):
            if let a { try decimal(a, places: max(currency?.minorDigits ?? 2, a.scale)) } else { try empty() }
        case .reported(let a): try decimal(a, places: reportingDigits)
        case .fixed(let a, let places): try decimal(a, places: places)
        case .day(let d): try day(d)
        case .rate(let r): try plain(r.text)
        case .qualifier(let q): try plain(q.rawValue)
        case .empty: try empty()
        }
    }
}
