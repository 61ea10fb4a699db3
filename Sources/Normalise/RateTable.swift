import PledgeTallyCore

/// The ECB's euro reference rates: for each currency, the rates by day.
///
/// Rates are units of the currency per 1 EUR. A lookup for day D gives the
/// last rate published on or before D, and refuses one published more than
/// `maxAgeDays` before D, as docs/conversion.md says.
public struct RateTable: Sendable {
    /// One currency's rates, days ascending.
    struct Series: Sendable {
        var days: [Day] = []
        var rates: [DecimalAmount] = []
        /// For each day, the index in `files` of the file its rate came from.
        var sources: [Int32] = []
    }

    var series: [String: Series] = [:]
    /// The files the rates came from, in the order they were applied.
    public internal(set) var files: [RateFile] = []
    /// Fixed pegs by currency (see `RateTable+Pegs.swift`).
    var pegs: [String: [RateSourceFile.Peg]] = [:]
    /// For a currency whose row in a pegs or sources file was skipped, why:
    /// its pledges' reasons say it.
    var skipped: [String: String] = [:]
    /// Rate cells skipped for a currency and day (`1e0`, too many digits…),
    /// days ascending: a lookup that would have used one fails saying so,
    /// rather than falling back to an earlier day.
    var skippedCells: [String: [ECBRateFile.SkippedCell]] = [:]

    /// How old a rate may be, in days, before a lookup refuses it.
    public static let maxAgeDays = 7

    public init() {}

    /// A rate published on a day.
    public struct Quote: Sendable, Equatable {
        public var rate: DecimalAmount
        public var day: Day
        /// The rates file the rate came from ("rates/eurofxref.csv"); empty for EUR.
        public var file: String = ""
        /// Where the rate comes from, as pledges.csv's `rate_source` and the
        /// Rates sheet say it: `ECB`, the other source's path, or the peg
        /// (`peg rates/pegs.csv:2 3.6725 AED/USD × ECB`); empty for EUR.
        public var source: String = ""
    }

    /// Why a lookup failed, as a sentence for rejected.csv.
    public enum LookupError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownCurrency(String)
        case noRateBefore(currency: String, day: Day)
        case tooOld(currency: String, day: Day, last: Day)
        /// A peg's own problem: none covers the day, or its anchor has no rate.
        case peg(currency: String, reason: String, stale: Bool = false)
        /// Another lookup's failure, with why a pegs or sources row for the
        /// currency was skipped.
        indirect case skippedRow(LookupError, String)
        /// The rate the lookup would have used was in a file but could not be read.
        case skippedCell(ECBRateFile.SkippedCell)

        public var description: String {
            switch self {
            case .unknownCurrency(let c):
                return "the ECB publishes no reference rate for \(c), and no pegs or other rates file prices it"
            case .noRateBefore(let c, let d):
                return "no ECB rate for \(c) on or before \(d)"
            case .tooOld(let c, let d, let last):
                return "the last ECB rate for \(c) before \(d) is from \(last), more than \(RateTable.maxAgeDays) days earlier"
            case .peg(_, let reason, _):
                return reason
            case .skippedRow(let e, let why):
                return "\(e.description) (\(why))"
            case .skippedCell(let cell):
                return cell.pledgeReason
            }
        }

        /// The lookup failed because the rates end before the day.
        public var isStale: Bool {
            switch self {
            case .tooOld: true
            case .peg(_, _, let stale): stale
            case .unknownCurrency, .noRateBefore, .skippedCell: false
            case .skippedRow(let e, _): e.isStale
            }
        }
    }

    /// Every currency with at least one rate, and EUR.
    public var currencies: Set<String> { Set(series.keys).union(pegs.keys).union(["EUR"]) }

    /// The last day of the ECB files, the day stale-rate warnings count from.
    public var ecbLastDay: Day? { files.filter { $0.kind == .ecb }.compactMap(\.lastDay).max() }

    /// The first and last day any rate was published, or nil when empty.
    public var coverage: ClosedRange<Day>? {
        let firsts = series.values.compactMap(\.days.first)
        let lasts = series.values.compactMap(\.days.last)
        guard let lo = firsts.min(), let hi = lasts.max() else { return nil }
        return lo...hi
    }

    /// The rate of `currency` in force on `day`. EUR is always 1, on every day.
    public func quote(_ currency: String, on day: Day) -> Result<Quote, LookupError> {
        let result = series[currency] == nil && pegs[currency] != nil ? pegQuote(currency, on: day) : publishedQuote(currency, on: day)
        if case .failure(let e) = result, let why = skipped[currency] {
            // A skipped cell of the day already says which row and why.
            if case .skippedCell = e { return result }
            return .failure(.skippedRow(e, why))
        }
        return result
    }

    /// The rate of a currency from the ECB or another source's file.
    func publishedQuote(_ currency: String, on day: Day) -> Result<Quote, LookupError> {
        if currency == "EUR" { return .success(Quote(rate: 1, day: day)) }
        // The last skipped cell on or before the day, within the age limit.
        let skippedCell = skippedCells.isEmpty ? nil : skippedCells[currency]?.last { $0.day <= day && day.ordinal - $0.day.ordinal <= Int32(Self.maxAgeDays) }
        guard let s = series[currency] else {
            return .failure(skippedCell.map { .skippedCell($0) } ?? .unknownCurrency(currency))
        }
        // Last index with days[i] <= day.
        var lo = 0, hi = s.days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if s.days[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        if let cell = skippedCell, lo == 0 || s.days[lo - 1] < cell.day { return .failure(.skippedCell(cell)) }
        guard lo > 0 else { return .failure(.noRateBefore(currency: currency, day: day)) }
        let found = s.days[lo - 1]
        if day.ordinal - found.ordinal > Int32(Self.maxAgeDays) {
            return .failure(.tooOld(currency: currency, day: day, last: found))
        }
        let file = files[Int(s.sources[lo - 1])]
        return .success(Quote(rate: s.rates[lo - 1], day: found, file: file.path, source: file.kind == .ecb ? "ECB" : file.path))
    }

    /// The table of several files. Where they overlap, the newest file wins:
    /// the one whose last day is later, then the one whose first day is later
    /// (the daily file over the history that ends the same day).
    public init(files contents: [ECBRateFile.Content]) {
        let ordered = contents.sorted {
            let a = ($0.file.lastDay?.ordinal ?? .min, $0.file.firstDay?.ordinal ?? .min)
            let b = ($1.file.lastDay?.ordinal ?? .min, $1.file.firstDay?.ordinal ?? .min)
            return a != b ? a < b : $0.file.path.utf8.lexicographicallyPrecedes($1.file.path.utf8)
        }
        for content in ordered { merge(content.file, columns: content.columns) }
        addSkippedCells(contents.flatMap(\.skippedCells))
    }

    /// Records skipped cells; where two files skipped the same day, the first kept.
    mutating func addSkippedCells(_ cells: [ECBRateFile.SkippedCell]) {
        for cell in cells where !(skippedCells[cell.currency]?.contains { $0.day == cell.day } ?? false) {
            skippedCells[cell.currency, default: []].append(cell)
        }
        for currency in skippedCells.keys { skippedCells[currency]?.sort { $0.day < $1.day } }
    }

    /// Adds a file's rates. Where a day and currency is already present, the
    /// file applied later wins (`init(files:)` applies the newest last).
    mutating func merge(_ file: RateFile, columns: [(currency: String, days: [Day], rates: [DecimalAmount])]) {
        let source = Int32(files.count)
        for column in columns {
            var order = Array(column.days.indices)
            order.sort { column.days[$0] < column.days[$1] }
            guard let old = series[column.currency] else {
                // The common case, one file: no merging needed.
                series[column.currency] = Series(days: order.map { column.days[$0] }, rates: order.map { column.rates[$0] },
                                                 sources: Array(repeating: source, count: order.count))
                continue
            }
            var merged: [Day: (DecimalAmount, Int32)] = [:]
            for (d, (r, f)) in zip(old.days, zip(old.rates, old.sources)) { merged[d] = (r, f) }
            for (d, r) in zip(column.days, column.rates) { merged[d] = (r, source) }
            let days = merged.keys.sorted()
            series[column.currency] = Series(days: days, rates: days.map { merged[$0]!.0 }, sources: days.map { merged[$0]!.1 })
        }
        files.append(file)
    }
}

/// A rates file as read: where it is, its digest, and the days it covers.
public struct RateFile: Sendable, Equatable {
    /// Path relative to the input folder ("rates/eurofxref-hist.csv").
    public var path: String
    public var sha256: String
    public var firstDay: Day?
    public var lastDay: Day?
    /// Rows read (days); for a pegs file, the pegs.
    public var days: Int
    /// An ECB file, another source, or pegs.
    public var kind: RateSourceFile.Kind = .ecb
}
