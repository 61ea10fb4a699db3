import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Normalise

@Suite("ECB rates")
struct RateTableTests {
    static let history = """
        Date,USD,JPY,BGN,
        2025-02-11,1.0324,157.33,1.9558,
        2025-02-10,1.0320,157.20,N/A,
        2025-02-07,1.0349,157.06,1.9558,
        2025-01-20,1.0300,160.00,1.9558,

        """
    static let daily = """
        Date, USD, JPY, 
        11 February 2025, 1.0400, 158.00, 

        """

    func table(_ files: [(String, String)]) throws -> RateTable {
        RateTable(files: try files.map { try ECBRateFile.parse(Array($0.1.utf8), path: $0.0) })
    }

    func day(_ s: String) -> Day { Day(iso: s)! }

    @Test func readsTheHistoryFormat() throws {
        let content = try ECBRateFile.parse(Array(Self.history.utf8), path: "rates/h.csv")
        #expect(content.file.days == 4)
        #expect(content.file.firstDay == day("2025-01-20"))
        #expect(content.file.lastDay == day("2025-02-11"))
        #expect(content.warnings.isEmpty)
    }

    @Test func lastRateOnOrBeforeTheDay() throws {
        let t = try table([("h", Self.history)])
        #expect(try t.quote("USD", on: day("2025-02-10")).get() == .init(rate: DecimalAmount(plain: "1.032")!, day: day("2025-02-10"), file: "h", source: "ECB"))
        // Saturday 8th: Friday's rate.
        #expect(try t.quote("USD", on: day("2025-02-08")).get().day == day("2025-02-07"))
        #expect(try t.quote("EUR", on: day("1990-01-01")).get().rate == 1)
    }

    @Test func refusesRatesMoreThanSevenDaysOld() throws {
        let t = try table([("h", Self.history)])
        // 2025-01-27 is exactly 7 days after 2025-01-20: allowed; the 28th is not.
        #expect((try? t.quote("USD", on: day("2025-01-27")).get()) != nil)
        #expect(throws: RateTable.LookupError.tooOld(currency: "USD", day: day("2025-01-28"), last: day("2025-01-20"))) {
            try t.quote("USD", on: day("2025-01-28")).get()
        }
        #expect(throws: RateTable.LookupError.noRateBefore(currency: "USD", day: day("2025-01-19"))) {
            try t.quote("USD", on: day("2025-01-19")).get()
        }
        #expect(throws: RateTable.LookupError.unknownCurrency("XYZ")) { try t.quote("XYZ", on: day("2025-02-10")).get() }
    }

    @Test func notAvailableCellsAreNoRate() throws {
        let t = try table([("h", Self.history)])
        // BGN is N/A on the 10th: the 7th's rate serves.
        #expect(try t.quote("BGN", on: day("2025-02-10")).get().day == day("2025-02-07"))
    }

    @Test func theDailyFormatAndTheNewestFileWins() throws {
        let t = try table([("rates/daily.csv", Self.daily), ("rates/hist.csv", Self.history)])
        #expect(try t.quote("USD", on: day("2025-02-11")).get().rate == DecimalAmount(plain: "1.04")!)
        #expect(try t.quote("USD", on: day("2025-02-10")).get().rate == DecimalAmount(plain: "1.032")!)
        #expect(t.files.map(\.path) == ["rates/hist.csv", "rates/daily.csv"])
        // Each quote names the file its rate came from.
        #expect(try t.quote("USD", on: day("2025-02-11")).get().file == "rates/daily.csv")
        #expect(try t.quote("USD", on: day("2025-02-10")).get().file == "rates/hist.csv")
        #expect(try t.quote("JPY", on: day("2025-02-12")).get().file == "rates/daily.csv")
    }

    @Test func garbledRowsAndBadRatesAreSkippedWithAWarning() throws {
        let text = "Date,USD,JPY\n2025-02-10,1.03,0\n2025-02-31,1.0,1\nnonsense\n2025-02-07,-1,157\n"
        let c = try ECBRateFile.parse(Array(text.utf8), path: "rates/x.csv")
        #expect(c.file.days == 2)
        #expect(c.warnings.map(\.line) == [2, 3, 4, 5])
        #expect(c.warnings[0].reason.contains("JPY"))
    }

    @Test func aFileWithoutTheDateHeaderIsRefused() {
        #expect(throws: ECBRateFile.Problem.self) { try ECBRateFile.parse(Array("USD,JPY\n1,2\n".utf8), path: "x") }
        #expect(throws: ECBRateFile.Problem.self) { try ECBRateFile.parse([], path: "x") }
    }
}
