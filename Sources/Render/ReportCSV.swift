import PledgeTallyCore
import Ingest
import Normalise
import Aggregate

/// The CSV files of docs/output.md: pledges.csv and rejected.csv row by row as the
/// run streams, by_domain.csv at the end.
public enum ReportCSV {
    public static func pledgesHeader(currency: Currency) -> [String] {
        ["source", "line", "investor", "domain", "domain_text", "amount_text", "qualifier", "amount", "amount_low",
         "currency", "date", "rate", "rate_date", "amount_\(currency.code.lowercased())", "source_url", "notes", "rate_source"]
    }

    public static func byDomainHeader(currency: Currency) -> [String] {
        let c = currency.code.lowercased()
        return ["domain", "pledges", "unpriced", "total_\(c)", "ceiling_\(c)", "floor_\(c)", "low_\(c)", "share_pct"]
    }

    /// Investor and amount as written, so a pledge can be followed from pledges.csv to
    /// rejected.csv; empty for rejections of a whole file or of a record whose cells could not be told apart.
    public static let rejectedHeader = ["source", "line", "investor", "amount_text", "field", "value", "reason"]

    /// One pledges.csv row.
    public static func write(_ p: ConvertedPledge, reportingDigits: Int, to csv: inout CSVWriter) throws(OutputError) {
        let pledge = p.pledge
        try csv.text(pledge.source)
        try csv.int(pledge.line)
        try csv.text(pledge.investor)
        try csv.text(pledge.domain)
        try csv.text(pledge.domainText)
        try csv.text(pledge.amountText)
        try csv.plain(pledge.qualifier.rawValue)
        let digits = pledge.currency?.minorDigits ?? 2
        if let a = pledge.amount { try csv.decimal(a, places: max(digits, a.scale)) } else { try csv.empty() }
        if let a = pledge.amountLow { try csv.decimal(a, places: max(digits, a.scale)) } else { try csv.empty() }
        if let c = pledge.currency { try csv.plain(c.code) } else { try csv.empty() }
        try csv.day(pledge.date)
        if let r = p.rate { try csv.plain(r.text) } else { try csv.empty() }
        if let d = p.rate?.day { try csv.day(d) } else { try csv.empty() }
        if let a = p.amountReported { try csv.decimal(a, places: reportingDigits) } else { try csv.empty() }
        if let u = pledge.sourceURL { try csv.text(u) } else { try csv.empty() }
        if let n = pledge.notes { try csv.text(n) } else { try csv.empty() }
        try csv.text(p.rate?.source ?? "")
        try csv.endRow()
    }

    /// One rejected.csv row.
    public static func write(_ r: Rejection, to csv: inout CSVWriter) throws(OutputError) {
        try csv.text(r.source)
        try csv.int(r.line)
        try csv.text(r.investor)
        try csv.text(r.amountText)
        try csv.text(r.field)
        try csv.text(r.value)
        try csv.text(r.reason)
        try csv.endRow()
    }

    public static func unclassifiedHeader(currency: Currency) -> [String] {
        ["domain_text", "pledges", "total_\(currency.code.lowercased())"]
    }

    /// unclassified.csv, whole: the domain texts no rule matched, largest total first.
    public static func writeUnclassified(_ facts: RunFacts, to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(unclassifiedHeader(currency: facts.options.currency))
        let digits = facts.options.currency.minorDigits
        for row in facts.unclassifiedTotals.rows {
            try csv.text(row.text)
            try csv.plain(String(row.pledges))
            try csv.plain(row.total.formatted(places: digits))
            try csv.endRow()
        }
    }

    /// by_domain.csv, whole.
    public static func writeByDomain(_ facts: RunFacts, to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(byDomainHeader(currency: facts.options.currency))
        let digits = facts.options.currency.minorDigits
        for row in facts.domains + [facts.grandTotal] {
            try csv.text(row.domain)
            try csv.plain(String(row.pledges))
            try csv.plain(String(row.unpriced))
            try csv.plain(row.total.formatted(places: digits))
            try csv.plain(row.ceiling.formatted(places: digits))
            try csv.plain(row.floor.formatted(places: digits))
            try csv.plain(row.low.formatted(places: digits))
            try csv.plain(row.share(of: facts.grandTotal.total).formatted(places: 2))
            try csv.endRow()
        }
    }
}
