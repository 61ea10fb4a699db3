import Foundation
import Ingest
import Normalise
import PledgeTallyCore

/// `pledgetally rates update`: downloads the ECB's reference-rate history and
/// swaps it in for `rates/eurofxref-hist.csv` when it is a valid history that
/// keeps every day of the local one with the same rates, and adds days.
///
/// On any failure the local file is left byte for byte as it was, and no
/// temporary file is left behind.
public enum RatesUpdate {
    /// The ECB's published history.
    public static let defaultURL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
    /// The history's path inside the input folder.
    public static let historyPath = "rates/eurofxref-hist.csv"

    /// Runs the update and returns the line to print on stdout.
    public static func run(input: String, url: URL, timeout: Double) throws(RatesUpdateError) -> String {
        let target = input + "/" + historyPath
        let local = try readLocal(target)
        let data = try Download.fetch(url, timeout: timeout, limit: HistoryDownload.downloadLimit)
        let source = url.absoluteString
        let bytes = try HistoryDownload.csvBytes(data, source: source)
        let fresh: ECBRateFile.Content
        do {
            fresh = try ECBRateFile.parse(bytes, path: source)
        } catch {
            throw .content("\(error.description) (is the URL the ECB history?)")
        }
        if let warning = fresh.warnings.first {
            throw .content("\(warning) — not a clean ECB history")
        }
        guard let freshLast = fresh.file.lastDay else {
            throw .content("\(source): the history holds no day")
        }
        let added = try HistoryComparison(local: local, fresh: fresh, source: source, localPath: target).addedDays
        let localLast = local?.file.lastDay
        if added == 0 {
            return "rates: up to date (last day \(freshLast))"
        }
        try AtomicFile.replace(target, with: bytes)
        return "rates: updated \(localLast.map { "\($0)" } ?? "(none)") → \(freshLast) (+\(added) \(added == 1 ? "day" : "days"))"
    }

    /// The local history, or nil when there is none yet.
    static func readLocal(_ path: String) throws(RatesUpdateError) -> ECBRateFile.Content? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: [UInt8]
        do throws(InputFile.Failure) {
            bytes = try InputFile.readAll(RawPath(path))   // a regular file only: a named pipe would block
        } catch {
            throw .ioError("\(path): cannot read the local history")
        }
        do {
            return try ECBRateFile.parse(bytes, path: path)
        } catch {
            throw .content("\(error.description) (the local history; move it away to start afresh)")
        }
    }
}

/// The download against the local history: no local day lost, every rate of
/// a shared day the same; how many days it adds.
struct HistoryComparison {
    var addedDays: Int

    init(local: ECBRateFile.Content?, fresh: ECBRateFile.Content, source: String, localPath: String) throws(RatesUpdateError) {
        let freshRates = Self.rates(fresh)
        let freshDays = Self.days(fresh)
        guard let local else {
            addedDays = freshDays.count
            return
        }
        let localRates = Self.rates(local)
        let localDays = Self.days(local)
        let lost = localDays.subtracting(freshDays)
        if let first = lost.min() {
            let ends = fresh.file.lastDay.map { "ends \($0)" } ?? "is empty"
            throw .content("\(source): the download \(ends) and lacks \(lost.count) day\(lost.count == 1 ? "" : "s") of \(localPath) (from \(first)); refused")
        }
        // Every currency the local file prices, on every local day.
        for currency in localRates.keys.sorted() {
            let mine = localRates[currency] ?? [:]
            let theirs = freshRates[currency] ?? [:]
            for day in localDays.sorted() where mine[day] != theirs[day] {
                let old = mine[day].map { $0.formatted(places: nil) } ?? "N/A"
                let new = theirs[day].map { $0.formatted(places: nil) } ?? "N/A"
                throw .content("\(source): rewrites a published day: \(currency) on \(day) is \(old) in \(localPath) and \(new) in the download; refused")
            }
        }
        // A currency only the download has must not price days the local file already had.
        for currency in freshRates.keys.sorted() where localRates[currency] == nil {
            if let day = localDays.sorted().first(where: { freshRates[currency]?[$0] != nil }) {
                throw .content("\(source): rewrites a published day: \(currency) on \(day) has a rate in the download and none in \(localPath); refused")
            }
        }
        addedDays = freshDays.subtracting(localDays).count
    }

    static func rates(_ content: ECBRateFile.Content) -> [String: [Day: DecimalAmount]] {
        var out: [String: [Day: DecimalAmount]] = [:]
        for column in content.columns {
            out[column.currency, default: [:]].merge(zip(column.days, column.rates)) { a, _ in a }
        }
        return out
    }

    static func days(_ content: ECBRateFile.Content) -> Set<Day> {
        var out = Set<Day>()
        for column in content.columns { out.formUnion(column.days) }
        return out
    }
}
