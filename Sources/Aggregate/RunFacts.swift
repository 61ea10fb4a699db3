import PledgeTallyCore
import Normalise

/// Everything a finished run knows besides the pledges themselves: what it
/// read, how it was told to run, and what it added up to. Render turns it
/// into by_domain.csv, the Summary, Rates and Run sheets and manifest.json.
public struct RunFacts: Sendable {
    /// One pledge file and what became of its records.
    public struct InputFile: Sendable, Equatable {
        /// Path relative to the input folder ("pledges/summit.md").
        public var path: String
        public var sha256: String
        public var records = 0
        public var accepted = 0
        public var rejected = 0
    }

    public var version: String
    public var options: RunOptions
    public var inputs: [InputFile] = []
    public var domainsFile: (path: String, sha256: String)
    public var rateFiles: [RateFile] = []
    /// The ECB files' last day (the Summary shows it; stale rates are counted from it).
    public var ratesLastDay: Day?
    /// Rows by total descending, then domain.
    public var domains: [DomainTotal] = []
    public var grandTotal = DomainTotal(domain: "TOTAL")
    /// Every ECB rate a conversion used, by currency then day.
    public var usedRates: [Converter.UsedRate] = []
    /// Domain texts no rule matched, as first seen.
    public var unclassified: [String] = []
    /// Pledges with the same investor, amount, domain text and date as an earlier one.
    public var duplicatePledges = 0
    /// The latest pledge date, the totals by currency and by investor (the Summary's breakdowns).
    public var breakdown = Breakdown()
    /// Accepted pledges no domain rule matched, by domain text (unclassified.csv).
    public var unclassifiedTotals = UnclassifiedTotals()
    /// Pledges whose amount names a currency other than their currency column's (the amount's was kept).
    public var currencyConflicts = 0

    public var records: Int { inputs.reduce(0) { $0 + $1.records } }
    public var accepted: Int { inputs.reduce(0) { $0 + $1.accepted } }
    public var rejected: Int { inputs.reduce(0) { $0 + $1.rejected } }

    /// The first and last ECB publication day used, if any.
    public var rateDays: ClosedRange<Day>? {
        guard let lo = usedRates.map(\.day).min(), let hi = usedRates.map(\.day).max() else { return nil }
        return lo...hi
    }
}

/// How a run was asked to run (the command line's options).
public struct RunOptions: Sendable, Equatable {
    public var input: String
    public var output: String
    public var currency: Currency
    public var date: Day?
    public var language: Language
    public var strict: Bool

    public init(input: String = "Input", output: String = "Output", currency: Currency = .euro, date: Day? = nil,
                language: Language = .en, strict: Bool = false) {
        self.input = input
        self.output = output
        self.currency = currency
        self.date = date
        self.language = language
        self.strict = strict
    }
}

extension RunFacts {
    package init(version: String, options: RunOptions, domainsFile: (path: String, sha256: String), rateFiles: [RateFile]) {
        self.version = version
        self.options = options
        self.domainsFile = domainsFile
        self.rateFiles = rateFiles
    }
}

extension RunFacts.InputFile {
    package init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
