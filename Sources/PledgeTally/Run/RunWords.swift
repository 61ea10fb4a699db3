import PledgeTallyCore
import Ingest
import Normalise
import Aggregate

/// The words a run shows the user: each sentence it writes on stderr, the
/// errors that stop it, and its closing line. The stages below say what
/// happened; the sentences are written here, and only here are the command
/// line's flags named.
public enum RunWords {
    /// How many of a kind (rejections, warnings) are shown one by one; the rest are counted.
    static let shownOfAKind = 20

    // MARK: The closing line

    /// "pledgetally: 42 records, 40 pledges, 2 rejected; total 1,234.50 EUR → Output/".
    public static func summary(_ facts: RunFacts, output: String) -> String {
        let currency = facts.options.currency
        let total = facts.grandTotal.total.grouped(places: currency.minorDigits)
        return "pledgetally: \(facts.records) records, \(facts.accepted) pledges, \(facts.rejected) rejected; "
            + "total \(total) \(currency) → \(output)/"
    }

    // MARK: Record by record

    static func rejected(_ r: Rejection) -> String {
        "\(r.source):\(r.line): \(r.field) ‘\(r.value.prefix(80))’: \(r.reason)"
    }

    /// The reason of a refusal whose fix lies outside the input file.
    static func reason(_ refusal: Normaliser.Refusal) -> String {
        switch refusal {
        case .noDate: "no date: add a date column or pass --date"
        }
    }

    static func monthFirst(_ m: SlashDates.MonthFirst, file: String) -> String {
        "warning: \(m.source):\(m.line): ‘\(m.text)’ is a day only as MM/DD/YYYY, so every slash date of \(file) is rejected; write YYYY-MM-DD"
    }

    static func currencyConflict(_ raw: RawRecord, _ conflict: String) -> String {
        "warning: \(raw.source):\(raw.line): \(conflict)"
    }

    static func repeated(_ raw: RawRecord, sameAs earlier: String) -> String {
        "warning: \(raw.source):\(raw.line) states the same pledge as \(earlier) (investor, amount, domain and date); both are kept"
    }

    // MARK: After the records

    static func moreRepeated(_ n: Int) -> String { "warning: … and \(n) more repeated pledges" }

    static func moreCurrencyConflicts(_ n: Int) -> String {
        "warning: … and \(n) more amounts in another currency than their currency column"
    }

    static func repeatsLookedForAmongFirst(_ n: Int) -> String {
        "note: repeated pledges were looked for among the first \(n) pledges and against them only"
    }

    static func moreCutTexts(_ n: Int) -> String { "warning: … and \(n) more texts cut in report.xlsx" }

    static func moreRejections(_ n: Int) -> String { "… and \(n) more rejections: see rejected.csv" }

    static func staleRates(lastDay last: Day, rejected n: Int) -> String {
        "rates end \(last): \(n) \(n == 1 ? "pledge" : "pledges") dated after \(last.adding(days: RateTable.maxAgeDays)) "
            + "\(n == 1 ? "is" : "are") rejected; run make rates"
    }

    static func unclassified(texts: Int, pledges: Int) -> String {
        "note: \(texts) domain texts match no rule of domains.csv (\(pledges) pledges): see unclassified.csv"
    }

    static func unclassifiedOverflow(_ n: Int) -> String {
        "note: more than \(n) distinct domain texts match no rule; only the first \(n) are listed"
    }

    // MARK: What stops a run

    static func noRate(for currency: Currency) -> String {
        "--currency \(currency): the ECB rates files have no rate for \(currency)"
    }

    static func noValidPledge(input: String, records: Int) -> String {
        "\(input): no valid pledge in \(records) records; outputs left as they were"
    }

    static func strictRejected(input: String, rejected: Int) -> String {
        "\(input): \(rejected) records rejected and --strict is set; outputs left as they were"
    }

    static let totalsTooLarge = "the totals exceed the largest amount pledgetally can add exactly"
}
