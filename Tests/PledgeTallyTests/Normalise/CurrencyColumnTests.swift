import Foundation
import Testing
import Ingest
import Normalise
import PledgeTallyCore

/// The amount's own currency against the currency column: the amount's wins
/// with a warning; a shared symbol or word (`$`, `kr`) takes the column's
/// choice among its currencies.
@Suite("Currency column")
struct CurrencyColumnTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let amount: String
        let column: String?
        let currency: String?
        let conflict: String?
        let rejection: String?
        var testDescription: String { "\(amount) / \(column ?? "no column")" }
    }

    static func accepted(_ amount: String, _ column: String?, _ currency: String, conflict: String? = nil) -> Case {
        Case(amount: amount, column: column, currency: currency, conflict: conflict, rejection: nil)
    }

    static func rejected(_ amount: String, _ column: String?, _ reason: String) -> Case {
        Case(amount: amount, column: column, currency: nil, conflict: nil, rejection: reason)
    }

    static let cases: [Case] = [
        accepted("$2.5bn", "GBP", "USD", conflict: "the amount is in USD but the currency column says GBP; USD is kept"),
        accepted("US$2.5bn", "CAD", "USD", conflict: "the amount is in USD but the currency column says CAD; USD is kept"),
        accepted("€5bn", "dollars", "EUR", conflict: "the amount is in EUR but the currency column says USD; EUR is kept"),
        accepted("$2.5bn", "CAD", "CAD"),
        accepted("$2.5bn", "AUD", "AUD"),
        accepted("5 billion dollars", "NZD", "NZD"),
        accepted("$2.5bn", nil, "USD"),
        accepted("$2.5bn", "USD", "USD"),
        accepted("€5bn", "EUR", "EUR"),
        accepted("5bn", "GBP", "GBP"),
        accepted("5 Mrd kr", "NOK", "NOK"),
        accepted("5 Mrd kr", "SEK", "SEK"),
        accepted("500 millions de couronnes", "DKK", "DKK"),
        rejected("5 Mrd kr", nil, "‘kr’ may be SEK, NOK, DKK or ISK: add a currency column that says which"),
        rejected("5 Mrd kr", "EUR", "the amount’s ‘kr’ is one of SEK, NOK, DKK or ISK, not EUR"),
        rejected("5 Mrd", "kr", "‘kr’ may be SEK, NOK, DKK or ISK: write the ISO code"),
        // Bare dirhams and riyals are shared too (Morocco's dirham; Qatar's, Oman's, Yemen's, Iran's riyal or rial).
        accepted("5 milliards de dirhams", "AED", "AED"),
        accepted("5 milliards de dirhams", "MAD", "MAD"),
        accepted("2 billion riyals", "QAR", "QAR"),
        accepted("2 billion rials", "OMR", "OMR"),
        accepted("10 milliards de dirhams émiratis", nil, "AED"),
        accepted("2 milliards de riyals qataris", nil, "QAR"),
        accepted("SR 5bn", nil, "SAR"),
        accepted("Dhs 1M", nil, "AED"),
        rejected("5 milliards de dirhams", nil, "‘dirhams’ may be AED or MAD: add a currency column that says which"),
        rejected("2 billion riyals", "EUR", "the amount’s ‘riyals’ is one of SAR, QAR, OMR, YER or IRR, not EUR"),
        rejected("2 billion", "riyals", "‘riyals’ may be SAR, QAR, OMR, YER or IRR: write the ISO code"),
    ]

    @Test("The amount's currency and the column's", arguments: cases)
    func column(_ c: Case) {
        var normaliser = Normaliser(domains: DomainMap(rules: []), defaultDate: Day(iso: "2025-02-10"), words: { _ in "" })
        let raw = RawRecord(source: "p.csv", line: 2, investor: "Fund", amount: c.amount, domain: "cloud",
                            currency: c.column)
        switch normaliser.normalise(raw) {
        case let .success(pledge):
            #expect(c.rejection == nil, "accepted: \(pledge)")
            #expect(pledge.currency?.code == c.currency)
            #expect(normaliser.currencyConflict == c.conflict)
        case let .failure(rejection):
            #expect(rejection.reason == c.rejection)
        }
    }

    /// Through the binary: each conflict is a warning naming both currencies,
    /// and manifest.json counts them.
    @Test func conflictsAreWarnedAndCounted() throws {
        let dir = try TemporaryDirectory()
        let file = """
            investor,amount,domain,date,currency
            A,$2.5bn,cloud,2025-02-10,GBP
            B,€1bn,cloud,2025-02-10,USD
            C,$1bn,cloud,2025-02-10,CAD
            D,2bn,cloud,2025-02-10,GBP

            """
        let input = try Hostile.input(dir, text: ["conflict.csv": file])
        let result = try Hostile.run(input, dir)
        #expect(result.status == 0, "\(result.stderr)")
        let problems = Hostile.problems(result)
        #expect(problems.contains("warning: conflict.csv:2: the amount is in USD but the currency column says GBP; USD is kept"))
        #expect(problems.contains("warning: conflict.csv:3: the amount is in EUR but the currency column says USD; EUR is kept"))
        #expect(problems.filter { $0.contains("currency column says") }.count == 2)
        let counts = try #require(try Hostile.manifest(dir.path("Out"))["counts"] as? [String: Any])
        #expect(counts["currency_conflicts"] as? Int == 2)
        let csv = try String(contentsOfFile: dir.path("Out") + "/pledges.csv", encoding: .utf8)
        #expect(csv.contains(",$2.5bn,exact,2500000000.00,,USD,"))
        #expect(csv.contains(",$1bn,exact,1000000000.00,,CAD,"))
    }
}
