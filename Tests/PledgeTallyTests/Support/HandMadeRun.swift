import Foundation
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Ingest
@testable import Normalise
@testable import Aggregate
@testable import Render
@testable import RunCompare

/// A run's render stage fed with values made by hand (no input files): the
/// workbook, the CSV files and manifest.json, as the pipeline writes them, so
/// the workbook checkers can compare them.
enum HandMadeRun {
    static let day = Day(iso: "2025-02-10")!

    /// A converted pledge: EUR as is, USD at 1.032 per euro; `amount` nil for an unspecified one.
    static func pledge(_ line: Int, investor: String = "", domain: String, qualifier: Qualifier = .exact,
                       amount: String?, low: String? = nil, currency: Currency = .euro,
                       domainText: String = "as written", amountText: String = "as written") -> ConvertedPledge {
        let a = amount.flatMap { DecimalAmount(plain: $0) }
        let pledge = Pledge(
            source: "hand.csv", line: line, investor: investor.isEmpty ? "Investor \(line)" : investor, domain: domain,
            domainText: domainText, amountText: amountText, qualifier: a == nil ? .unspecified : qualifier,
            amount: a, amountLow: low.flatMap { DecimalAmount(plain: $0) }, currency: a == nil ? nil : currency,
            date: day)
        guard let a else { return ConvertedPledge(pledge: pledge, rate: nil, amountReported: nil) }
        if currency == "EUR" {
            return ConvertedPledge(pledge: pledge, rate: ExchangeRate(reportingPerEuro: 1, originalPerEuro: 1, day: nil),
                                   amountReported: a.rounded(places: 2))
        }
        let usd = DecimalAmount(plain: "1.032")!
        return ConvertedPledge(pledge: pledge, rate: ExchangeRate(reportingPerEuro: 1, originalPerEuro: usd, day: day, source: "ECB"),
                               amountReported: try! a.scaled(by: 1, over: usd, places: 2))
    }

    /// Writes report.xlsx (with `rowsPerSheet` data rows per sheet), pledges.csv,
    /// rejected.csv, by_domain.csv and manifest.json into `folder`; with a
    /// `previous` run's folder, also changes.csv, an empty history.csv and the
    /// Changes sheet comparing with it.
    @discardableResult
    static func write(_ pledges: [ConvertedPledge], rejections: [Rejection] = [], to folder: String,
                      language: Language = .en, rowsPerSheet: Int = 1_048_575, previous: String? = nil) throws -> RunFacts {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let options = RunOptions(input: "Input", output: folder, currency: "EUR", date: day, language: language)
        let workbook = try ReportWorkbook(path: folder + "/report.xlsx", options: options, rowsPerSheet: rowsPerSheet)
        let pledgesFile = try OutputFile(path: folder + "/pledges.csv")
        let rejectedFile = try OutputFile(path: folder + "/rejected.csv")
        var pledgesCSV = CSVWriter(file: pledgesFile)
        var rejectedCSV = CSVWriter(file: rejectedFile)
        try pledgesCSV.header(ReportCSV.pledgesHeader(currency: "EUR"))
        try rejectedCSV.header(ReportCSV.rejectedHeader)
        var totals = DomainTotals()
        var breakdown = Breakdown()
        var unclassified = UnclassifiedTotals()
        for p in pledges {
            try ReportCSV.write(p, reportingDigits: 2, to: &pledgesCSV)
            try workbook.add(p)
            try totals.add(p)
            try breakdown.add(p)
            try unclassified.add(p)
        }
        for r in rejections {
            try ReportCSV.write(r, to: &rejectedCSV)
            try workbook.add(r)
        }
        try pledgesFile.finish()
        try rejectedFile.finish()

        var facts = RunFacts(version: "test", options: options,
                             domainsFile: (path: "domains.csv", sha256: String(repeating: "d0", count: 32)))
        var input = RunFacts.InputFile(path: "pledges/hand.csv", sha256: String(repeating: "ab", count: 32))
        input.records = pledges.count + rejections.count
        input.accepted = pledges.count
        input.rejected = rejections.count
        facts.inputs = [input]
        facts.domains = totals.rows
        facts.grandTotal = try totals.grandTotal()
        facts.breakdown = breakdown
        facts.unclassifiedTotals = unclassified
        if pledges.contains(where: { $0.pledge.currency == "USD" }) {
            facts.usedRates = [Converter.UsedRate(currency: "USD", day: day, rate: DecimalAmount(plain: "1.032")!, source: "ECB")]
        }
        let byDomain = try OutputFile(path: folder + "/by_domain.csv")
        try ReportCSV.writeByDomain(facts, to: byDomain)
        try byDomain.finish()
        let unclassifiedFile = try OutputFile(path: folder + "/unclassified.csv")
        try ReportCSV.writeUnclassified(facts, to: unclassifiedFile)
        try unclassifiedFile.finish()
        let manifest = try OutputFile(path: folder + "/manifest.json")
        try manifest.write(Manifest.json(facts).rendered() + "\n")
        try manifest.finish()
        var changes = RunChanges.firstRun
        if let previous {
            let diff = try RunDiff(oldFolder: previous, newFolder: folder)
            let csv = try OutputFile(path: folder + "/changes.csv")
            try diff.writeCSV(to: csv)
            try csv.finish()
            let history = try OutputFile(path: folder + "/history.csv")
            try RunHistory().write(to: history)
            try history.finish()
            changes = .diff(diff)
        }
        try workbook.finish(facts, changes: changes)
        return facts
    }
}
