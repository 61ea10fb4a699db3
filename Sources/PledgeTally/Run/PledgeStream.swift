import PledgeTallyCore
import Ingest
import Normalise
import Aggregate
import Render

/// The pledges of a run, one record at a time: each record normalised
/// (read, dated, priced), then aggregated (totals, breakdowns, repeated
/// pledges) and written to the reports as it comes. ``aggregate()`` then
/// completes the run's facts.
struct PledgeStream {
    private var facts: RunFacts
    private var normaliser: Normaliser
    private var converter: Converter
    private var totals = DomainTotals()
    private var duplicates = DuplicateFinder()
    private let report: ReportFiles
    private let rates: RateTable
    private let say: Pipeline.Say
    private let progress: Progress
    private var records = 0
    private var shownRejections = 0
    private var cutTexts = 0   // texts report.xlsx holds cut (Excel's cell limit)
    private let digests: BackgroundDigests

    init(options: RunOptions, input: ReferenceData, report: ReportFiles, say: @escaping Pipeline.Say, progress: Progress) {
        facts = RunFacts(version: Pipeline.version, options: options, domainsFile: input.domainsFile, rateFiles: input.rates.files)
        facts.ratesLastDay = input.rates.ecbLastDay
        normaliser = Normaliser(domains: input.domains, defaultDate: options.date, words: RunWords.reason)
        converter = Converter(rates: input.rates, reportingCurrency: options.currency)
        rates = input.rates
        digests = BackgroundDigests(paths: input.pledgeFiles.map(\.rawPath))
        self.report = report
        self.say = say
        self.progress = progress
    }

    /// Every record of `file`, normalised, aggregated and written.
    mutating func read(_ file: PledgeFile) throws {
        var stats = RunFacts.InputFile(path: "pledges/" + file.name, sha256: "")
        normaliser.monthFirst = try SlashDates.monthFirstDate(in: file)
        if let m = normaliser.monthFirst { say(RunWords.monthFirst(m, file: file.name)) }
        try Ingest.read(file) { event in
            if case .note(let line) = event {
                say(line)
                return
            }
            stats.records += 1
            records += 1
            if records & 4095 == 0 { progress.update(stage: "reading \(file.name)", records: records) }
            switch event {
            case .rejected(let r):
                try rejected(r, &stats)
            case .record(let raw):
                switch normaliser.normalise(raw).flatMap({ converter.convert($0) }) {
                case .failure(let r):
                    try rejected(r, &stats)
                case .success(let p):
                    stats.accepted += 1
                    try aggregate(p, raw)
                    try report.add(p)
                }
            case .note:
                break
            }
        }
        stats.sha256 = try digests.sha256(file.rawPath)
        facts.inputs.append(stats)
    }

    private mutating func rejected(_ r: Rejection, _ stats: inout RunFacts.InputFile) throws {
        stats.rejected += 1
        try report.add(r)
        if shownRejections < RunWords.shownOfAKind { say(RunWords.rejected(r)) }
        shownRejections += 1
    }

    /// One accepted pledge into the totals and breakdowns, with its warnings.
    private mutating func aggregate(_ p: ConvertedPledge, _ raw: RawRecord) throws {
        let shown = RunWords.shownOfAKind
        if let conflict = normaliser.currencyConflict {
            facts.currencyConflicts += 1
            if facts.currencyConflicts <= shown { say(RunWords.currencyConflict(raw, conflict)) }
        }
        if let earlier = duplicates.check(p.pledge), duplicates.count <= shown {
            say(RunWords.repeated(raw, sameAs: earlier))
        }
        try totals.add(p)
        try facts.breakdown.add(p)
        try facts.unclassifiedTotals.add(p)
        for w in WorkbookCellText.cutWarnings(p.pledge) {
            if cutTexts < shown { say(w) }
            cutTexts += 1
        }
    }

    /// The run's facts once every file is read: totals, rates used, what is
    /// unclassified, and the counts of what was shown only in part.
    mutating func aggregate() throws -> RunFacts {
        let shown = RunWords.shownOfAKind
        if duplicates.count > shown { say(RunWords.moreRepeated(duplicates.count - shown)) }
        facts.duplicatePledges = duplicates.count
        if facts.currencyConflicts > shown { say(RunWords.moreCurrencyConflicts(facts.currencyConflicts - shown)) }
        if duplicates.isSaturated { say(RunWords.repeatsLookedForAmongFirst(DuplicateFinder.maxSlots / 4 * 3)) }
        if cutTexts > shown { say(RunWords.moreCutTexts(cutTexts - shown)) }
        if shownRejections > shown { say(RunWords.moreRejections(shownRejections - shown)) }

        facts.domains = totals.rows
        facts.grandTotal = try totals.grandTotal()
        facts.usedRates = converter.used.sorted()
        if converter.staleRejections > 0, let last = rates.ecbLastDay {
            say(RunWords.staleRates(lastDay: last, rejected: converter.staleRejections))
        }
        facts.unclassified = normaliser.domains.unclassifiedTexts
        let unclassified = facts.unclassifiedTotals
        if unclassified.count > 0 {
            let pledges = unclassified.rows.reduce(unclassified.untracked) { $0 + $1.pledges }
            say(RunWords.unclassified(texts: unclassified.count, pledges: pledges))
        }
        if normaliser.domains.unclassifiedOverflow { say(RunWords.unclassifiedOverflow(DomainMap.maxUnclassified)) }
        return facts
    }
}
