import Foundation
import PledgeTallyCore
import Ingest
import Normalise
import Aggregate
import Render

/// The whole run: read the inputs; normalise and aggregate the pledges one
/// record at a time while the reports are written; compare with the run
/// already published; render; publish. The files are made in a staging folder
/// that replaces the output folder only when every file is complete.
public enum Pipeline {
    public static let version = "0.1.0"

    /// What the run says on stderr besides progress: warnings and rejections.
    public typealias Say = (String) -> Void

    /// Runs the job. Returns the run's facts when the outputs were published.
    public static func run(_ options: RunOptions, say speak: @escaping Say = StandardError.report,
                           progress: Progress = Progress()) throws(RunError) -> RunFacts {
        // A message clears the progress line first, so the two never share a line.
        let say: Say = { line in
            progress.clear()
            speak(line)
        }
        let (outputFolder, input) = try readInputs(options, say: say)
        let transaction = try OutputTransaction(folder: outputFolder, waiting: say)
        var files: ReportFiles?
        let facts: RunFacts
        let comparison: PreviousRun.Outcome?
        do {
            let report = try ReportFiles(options: options, inputBytes: input.pledgeBytes, folder: transaction.path)
            files = report
            var pledges = PledgeStream(options: options, input: input, report: report, say: say, progress: progress)
            for file in input.pledgeFiles { try pledges.read(file) }
            facts = try pledges.aggregate()
            progress.update(stage: "writing the workbook", records: facts.records, force: true)
            let manifest = try report.finishTables(facts)
            comparison = try report.compare(with: PreviousRun(target: transaction.target), manifest: manifest, facts: facts,
                                            say: say)
            try report.finishWorkbook(facts, comparison: comparison)
        } catch {
            files?.cancel()
            progress.clear()
            transaction.abandon()
            throw runError(error)
        }
        progress.clear()
        try publish(facts, options, transaction, sameRunAsPublished: comparison?.identical ?? false)
        return facts
    }

    /// The output folder checked (one that is not the job's, or that overlaps the input, stops the run before any
    /// work), then the input folder's domains, rates and list of pledge files.
    static func readInputs(_ options: RunOptions, say: Say) throws(RunError) -> (OutputFolder, ReferenceData) {
        let outputFolder = try OutputFolder.check(options.output, input: options.input)
        let input = try ReferenceData.load(inputFolder: options.input, say: say)
        guard input.rates.currencies.contains(options.currency.code) else {
            throw RunError(.usage, RunWords.noRate(for: options.currency))
        }
        return (outputFolder, input)
    }

    /// Replaces the output folder by the staging one, unless the run has nothing to publish.
    static func publish(_ facts: RunFacts, _ options: RunOptions, _ transaction: OutputTransaction,
                        sameRunAsPublished: Bool) throws(RunError) {
        if facts.accepted == 0 {
            transaction.abandon()
            throw RunError(.data, RunWords.noValidPledge(input: options.input, records: facts.records))
        }
        if options.strict && facts.rejected > 0 {
            transaction.abandon()
            throw RunError(.data, RunWords.strictRejected(input: options.input, rejected: facts.rejected))
        }
        try transaction.publish(keepingPrevious: sameRunAsPublished)
    }

    /// The run's error for anything that stopped it.
    static func runError(_ error: any Error) -> RunError {
        switch error {
        case let e as RunError: return e
        case let e as OutputError: return RunError(e)
        case let e as IngestError: return RunError(e)   // a pledge file gone or changed since it was listed
        case is DecimalAmount.Overflow: return RunError(.data, RunWords.totalsTooLarge)
        default: return RunError(.ioError, String(describing: error))
        }
    }
}
