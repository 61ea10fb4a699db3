import Foundation
import PledgeTallyCore
import Ingest
import Normalise
import Aggregate
import Render

/// The whole run: ingest → normalise → aggregate → render, one record at a
/// time, into a staging folder that replaces the output folder only when
/// every file is complete.
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
        // The output folder first: one that is not the job's, or that overlaps the input, stops the run before any work.
        let outputFolder = try OutputFolder.check(options.output, input: options.input)
        let input = try ReferenceData.load(inputFolder: options.input, say: say)
        guard input.rates.currencies.contains(options.currency.code) else {
            throw RunError(.usage, "--currency \(options.currency): the ECB rates files have no rate for \(options.currency)")
        }

        let transaction = try OutputTransaction(folder: outputFolder, waiting: say)
        var facts = RunFacts(version: version, options: options, domainsFile: input.domainsFile, rateFiles: input.rates.files)
        facts.ratesLastDay = input.rates.ecbLastDay
        var normaliser = Normaliser(domains: input.domains, defaultDate: options.date)
        var converter = Converter(rates: input.rates, reportingCurrency: options.currency)
        var totals = DomainTotals()
        var duplicates = DuplicateFinder()
        var shownRejections = 0
        var cutTexts = 0   // texts report.xlsx holds cut (Excel's cell limit)
        let maxShownRejections = 20

        var files: ReportFiles?
        var identical = false
        do {
            let report = try ReportFiles(options: options, inputBytes: input.pledgeBytes, folder: transaction.path)
            files = report

            var recordsSoFar = 0
            let digests = BackgroundDigests(paths: input.pledgeFiles.map(\.rawPath))
            for file in input.pledgeFiles {
                var stats = RunFacts.InputFile(path: "pledges/" + file.name, sha256: "")
                func rejected(_ r: Rejection) throws {
                    stats.rejected += 1
                    try report.add(r)
                    if shownRejections < maxShownRejections {
                        say("\(r.source):\(r.line): \(r.field) ‘\(r.value.prefix(80))’: \(r.reason)")
                    }
                    shownRejections += 1
                }
                normaliser.monthFirst = try SlashDates.monthFirstDate(in: file)
                if let m = normaliser.monthFirst {
                    say("warning: \(m.source):\(m.line): ‘\(m.text)’ is a day only as MM/DD/YYYY, so every slash date of \(file.name) is rejected; write YYYY-MM-DD")
                }
                try Ingest.read(file) { event in
                    if case .note(let line) = event {
                        say(line)
                        return
                    }
                    stats.records += 1
                    recordsSoFar += 1
                    if recordsSoFar & 4095 == 0 { progress.update(stage: "reading \(file.name)", records: recordsSoFar) }
                    switch event {
                    case .rejected(let r):
                        try rejected(r)
                    case .record(let raw):
                        switch normaliser.normalise(raw).flatMap({ converter.convert($0) }) {
                        case .failure(let r):
                            try rejected(r)
                        case .success(let p):
                            stats.accepted += 1
                            if let conflict = normaliser.currencyConflict {
                                facts.currencyConflicts += 1
                                if facts.currencyConflicts <= maxShownRejections {
                                    say("warning: \(raw.source):\(raw.line): \(conflict)")
                                }
                            }
                            if let earlier = duplicates.check(p.pledge), duplicates.count <= maxShownRejections {
                                say("warning: \(raw.source):\(raw.line) states the same pledge as \(earlier) (investor, amount, domain and date); both are kept")
                            }
                            try totals.add(p)
                            try facts.breakdown.add(p)
                            try facts.unclassifiedTotals.add(p)
                            for w in WorkbookCellText.cutWarnings(p.pledge) {
                                if cutTexts < maxShownRejections { say(w) }
                                cutTexts += 1
                            }
                            try report.add(p)
                        }
                    case .note:
                        break
                    }
                }
                stats.sha256 = try digests.sha256(file.rawPath)
                facts.inputs.append(stats)
            }
            if duplicates.count > maxShownRejections {
                say("warning: … and \(duplicates.count - maxShownRejections) more repeated pledges")
            }
            facts.duplicatePledges = duplicates.count
            if facts.currencyConflicts > maxShownRejections {
                say("warning: … and \(facts.currencyConflicts - maxShownRejections) more amounts in another currency than their currency column")
            }
            if duplicates.isSaturated {
                say("note: repeated pledges were looked for among the first \(DuplicateFinder.maxSlots / 4 * 3) pledges and against them only")
            }
            if cutTexts > maxShownRejections {
                say("warning: … and \(cutTexts - maxShownRejections) more texts cut in report.xlsx")
            }
            if shownRejections > maxShownRejections {
                say("… and \(shownRejections - maxShownRejections) more rejections: see rejected.csv")
            }

            facts.domains = totals.rows
            facts.grandTotal = try totals.grandTotal()
            facts.usedRates = converter.used.sorted()
            if converter.staleRejections > 0, let last = input.rates.ecbLastDay {
                let n = converter.staleRejections
                say("rates end \(last): \(n) \(n == 1 ? "pledge" : "pledges") dated after \(last.adding(days: RateTable.maxAgeDays)) \(n == 1 ? "is" : "are") rejected; run make rates")
            }
            facts.unclassified = normaliser.domains.unclassifiedTexts
            let unclassified = facts.unclassifiedTotals
            if unclassified.count > 0 {
                let pledges = unclassified.rows.reduce(unclassified.untracked) { $0 + $1.pledges }
                say("note: \(unclassified.count) domain texts match no rule of domains.csv (\(pledges) pledges): see unclassified.csv")
            }
            if normaliser.domains.unclassifiedOverflow {
                say("note: more than \(DomainMap.maxUnclassified) distinct domain texts match no rule; only the first \(DomainMap.maxUnclassified) are listed")
            }
            progress.update(stage: "writing the workbook", records: recordsSoFar, force: true)

            identical = try report.finish(facts, previous: PreviousRun(target: transaction.target), say: say)
        } catch {
            files?.cancel()
            progress.clear()
            transaction.abandon()
            throw runError(error)
        }
        progress.clear()

        if facts.accepted == 0 {
            transaction.abandon()
            throw RunError(.data, "\(options.input): no valid pledge in \(facts.records) records; outputs left as they were")
        }
        if options.strict && facts.rejected > 0 {
            transaction.abandon()
            throw RunError(.data, "\(options.input): \(facts.rejected) records rejected and --strict is set; outputs left as they were")
        }
        try transaction.publish(keepingPrevious: identical)
        return facts
    }

    /// The run's error for anything that stopped it.
    static func runError(_ error: any Error) -> RunError {
        switch error {
        case let e as RunError: return e
        case let e as OutputError: return RunError(e)
        case let e as IngestError: return RunError(e)   // a pledge file gone or changed since it was listed
        case is DecimalAmount.Overflow: return RunError(.data, "the totals exceed the largest amount pledgetally can add exactly")
        default: return RunError(.ioError, String(describing: error))
        }
    }
}
