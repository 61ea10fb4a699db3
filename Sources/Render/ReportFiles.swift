import PledgeTallyCore
import Ingest
import Normalise
import Aggregate
import RunCompare

/// Every output of a run, written as the run streams: pledges.csv and
/// rejected.csv on the calling thread, report.xlsx's rows on a second thread
/// (its XML is the costliest part), then by_domain.csv, manifest.json and the
/// workbook's Summary, Rates and Run sheets at the end.
package final class ReportFiles {
    /// Inputs larger than this (in bytes of pledge files, about 100,000 rows)
    /// get a workbook deflated at zlib level 1 rather than 6: about half the
    /// time to close, for a file about a fifth larger.
    static let fastCompressionAbove = 8 << 20

    private enum Row {
        case pledge(ConvertedPledge)
        case rejection(Rejection)
    }

    private let options: RunOptions
    private let reportingDigits: Int
    private let folder: (String) -> String
    private let pledgesFile: OutputFile
    private let rejectedFile: OutputFile
    private var pledgesCSV: CSVWriter
    private var rejectedCSV: CSVWriter
    private let workbook: ReportWorkbook
    private let workbookRows: BackgroundWriter<Row>
    /// The latest date among the accepted pledges (history.csv's run date).
    private var latestPledgeDate: Day?

    /// Creates the files; `folder` gives the path of a file in the output folder.
    package init(options: RunOptions, inputBytes: Int, folder: @escaping (String) -> String) throws {
        self.options = options
        self.folder = folder
        reportingDigits = options.currency.minorDigits
        pledgesFile = try OutputFile(path: folder("pledges.csv"))
        rejectedFile = try OutputFile(path: folder("rejected.csv"))
        pledgesCSV = CSVWriter(file: pledgesFile)
        rejectedCSV = CSVWriter(file: rejectedFile)
        try pledgesCSV.header(ReportCSV.pledgesHeader(currency: options.currency))
        try rejectedCSV.header(ReportCSV.rejectedHeader)
        let workbook = try ReportWorkbook(
            path: folder("report.xlsx"), options: options,
            compressionLevel: inputBytes > Self.fastCompressionAbove ? 1 : nil)
        self.workbook = workbook
        workbookRows = BackgroundWriter(name: "report.xlsx rows") { rows in
            for row in rows {
                switch row {
                case .pledge(let p): try workbook.add(p)
                case .rejection(let r): try workbook.add(r)
                }
            }
        }
    }

    package func add(_ p: ConvertedPledge) throws {
        if latestPledgeDate.map({ p.pledge.date > $0 }) ?? true { latestPledgeDate = p.pledge.date }
        try ReportCSV.write(p, reportingDigits: reportingDigits, to: &pledgesCSV)
        try workbookRows.send(.pledge(p))
    }

    package func add(_ r: Rejection) throws {
        try ReportCSV.write(r, to: &rejectedCSV)
        try workbookRows.send(.rejection(r))
    }

    /// Completes the CSV files and manifest.json. Returns manifest.json's
    /// text, which tells whether this run is the one already published.
    package func finishTables(_ facts: RunFacts) throws -> String {
        try pledgesFile.finish()
        try rejectedFile.finish()
        let byDomain = try OutputFile(path: folder("by_domain.csv"))
        try ReportCSV.writeByDomain(facts, to: byDomain)
        try byDomain.finish()
        let unclassified = try OutputFile(path: folder("unclassified.csv"))
        try ReportCSV.writeUnclassified(facts, to: unclassified)
        try unclassified.finish()
        let manifestText = Manifest.json(facts).rendered() + "\n"
        let manifest = try OutputFile(path: folder("manifest.json"))
        try manifest.write(manifestText)
        try manifest.finish()
        return manifestText
    }

    /// Compares this run with `previous`, the run already published (see
    /// ``PreviousRun``): writes changes.csv and history.csv, once
    /// ``finishTables(_:)`` has returned `manifest`.
    package func compare(with previous: PreviousRun, manifest: String, facts: RunFacts,
                         say: (String) -> Void = { _ in }) throws -> PreviousRun.Outcome {
        let staging = folder("")
        return try previous.compare(manifest: manifest, staging: staging.hasSuffix("/") ? String(staging.dropLast()) : staging,
                                    facts: facts, latestPledgeDate: latestPledgeDate, say: say)
    }

    /// Completes the workbook: its remaining rows first, then its summary
    /// sheets, on this thread; the Changes and Run history sheets from
    /// `comparison` (none: a first run).
    package func finishWorkbook(_ facts: RunFacts, comparison: PreviousRun.Outcome?) throws {
        try workbookRows.finish()
        try workbook.finish(facts, changes: comparison?.changes ?? .firstRun, history: comparison?.history ?? RunHistory())
    }

    /// Stops the workbook's thread after a failure elsewhere.
    package func cancel() {
        workbookRows.cancel()
    }
}
