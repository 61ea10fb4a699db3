import Foundation
import Testing

/// Rates files that say one thing twice or write a rate that cannot be read
/// exactly (issue 14): a warning naming file, line and value, and a pledge that
/// needed the rate says why it has none — never a silent earlier day, never a
/// silent choice between two columns.
@Suite("Hostile: rates file warnings", .serialized)
struct RatesFileWarningsTests {
    let base = BadRatesTests()

    @Test("two columns for one currency: a warning naming both; the first is used")
    func twoColumnsForOneCurrency() throws {
        let dir = try TemporaryDirectory()
        let folder = try base.input(dir, ["eurofxref-hist.csv": """
            Date,USD,JPY,USD,GBP,
            2025-02-12,1.04,160,2.00,0.84,
            2025-02-11,1.035,159,2.00,0.835,
            2025-02-10,1.03,158,2.00,0.83,

            """])
        let r = try base.run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Hostile.problems(r) == [
            "\(folder)/rates/eurofxref-hist.csv:1: USD heads columns 2 and 4; column 2 is used, column 4 is ignored",
        ])
        // By hand: 1 / 1.03 = 0.97087378640… ; 10^6 / 1.03 = 970873.786… → 970873.79 (column 4 would give 500000.00).
        #expect(try base.converted(dir)["US Fund"] == ["0.9708737864", "2025-02-10", "970873.79"])
    }

    @Test("1e0, too many digits, rounding to zero: a warning each, and the pledges' reasons name the cell")
    func unreadableRates() throws {
        let dir = try TemporaryDirectory()
        let folder = try base.input(dir, [
            "eurofxref-hist.csv": """
                Date,USD,JPY,GBP,
                2025-02-12,1.04,160,0.84,
                2025-02-11,1e0,158.0000000000000000001,0.0000000000000000001,
                2025-02-10,1.03,158,0.83,

                """,
            "other.csv": """
                date,currency,units_per_eur
                2025-02-10,KWD,0.3183
                2025-02-11,KWD,3.183e-1

                """,
        ])
        try dir.write("Input/pledges/p.csv", """
            investor,amount,domain,date
            US Fund,$1M,cloud,2025-02-11
            JP Fund,¥100M,cloud,2025-02-11
            GB Fund,£1M,cloud,2025-02-11
            Kuwait Fund,1 000 000 KWD,cloud,2025-02-11
            Late US Fund,$1M,cloud,2025-02-12

            """)
        let r = try base.run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let path = folder + "/rates/eurofxref-hist.csv"
        let problems = Hostile.problems(r)
        for expected in [
            "\(path):3: USD rate ‘1e0’ skipped: written with an exponent; write it as a plain decimal (1e0 is 1)",
            "\(path):3: JPY rate ‘158.0000000000000000001’ skipped: longer than an exact decimal holds (at most 18 decimal places and 38 digits in all)",
            "\(path):3: GBP rate ‘0.0000000000000000001’ skipped: so small it rounds to zero at 18 decimal places",
            "\(folder)/rates/other.csv:3: row skipped: ‘3.183e-1’ is written with an exponent; write it as a plain decimal (1e0 is 1)",
        ] {
            #expect(problems.contains(expected), "missing: \(expected)\n\(r.stderr)")
        }
        var why: [String: String] = [:]
        for row in try Hostile.rows(dir.path("Out/rejected.csv")) { why[row[2]] = row.last! }
        #expect(why["US Fund"] == "the USD rate of 2025-02-11 was skipped: rates/eurofxref-hist.csv:3 gives ‘1e0’, written with an exponent; write it as a plain decimal (1e0 is 1)")
        #expect(why["JP Fund"] == "the JPY rate of 2025-02-11 was skipped: rates/eurofxref-hist.csv:3 gives ‘158.0000000000000000001’, longer than an exact decimal holds (at most 18 decimal places and 38 digits in all)")
        #expect(why["GB Fund"] == "the GBP rate of 2025-02-11 was skipped: rates/eurofxref-hist.csv:3 gives ‘0.0000000000000000001’, so small it rounds to zero at 18 decimal places")
        #expect(why["Kuwait Fund"] == "the KWD rate of 2025-02-11 was skipped: rates/other.csv:3 gives ‘3.183e-1’, written with an exponent; write it as a plain decimal (1e0 is 1)")
        #expect(why.count == 4)
        // The next day's rate is read: 10^6 / 1.04 = 961538.4615… → 961538.46.
        #expect(try base.converted(dir)["Late US Fund"] == ["0.9615384615", "2025-02-12", "961538.46"])
    }
}
