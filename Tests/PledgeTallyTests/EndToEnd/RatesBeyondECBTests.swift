import Foundation
import Testing

/// Pegs (Input/rates/pegs.csv), other sources (`date,currency,units_per_eur`),
/// the stale-rates line and the Gulf currency words, through the built executable.
/// Expected figures worked with Python's decimal module (see each test).
@Suite("Rates beyond the ECB", .serialized)
struct RatesBeyondECBTests {
    /// The shipped Input/ with `pledges` as its only pledge file and `rates` added to rates/.
    func input(_ dir: TemporaryDirectory, pledges: String, rates: [String: String] = [:]) throws -> String {
        let root = try Command.copyDefaultInput(to: dir)
        try FileManager.default.removeItem(atPath: root + "/pledges")
        try dir.makeFolder("Input/pledges")
        try dir.write("Input/pledges/p.csv", pledges)
        for (name, text) in rates { try dir.write("Input/rates/" + name, text) }
        return root
    }

    func run(_ input: String, _ dir: TemporaryDirectory, _ more: [String] = []) throws -> Command.Result {
        try Command.run(["run", "--input", input, "--output", dir.path("Out")] + more)
    }

    /// pledges.csv rows by investor, as [column: value].
    func pledges(_ dir: TemporaryDirectory) throws -> [String: [String: String]] {
        let headerLine = try #require(try Command.read(dir.path("Out/pledges.csv")).split(separator: "\n").first)
        let header = headerLine.split(separator: ",").map(String.init)
        var out: [String: [String: String]] = [:]
        for row in try Hostile.rows(dir.path("Out/pledges.csv")) { out[row[2]] = Dictionary(uniqueKeysWithValues: zip(header, row)) }
        return out
    }

    /// rejected.csv reasons by line.
    func rejected(_ dir: TemporaryDirectory) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Hostile.rows(dir.path("Out/rejected.csv")) { out[row[1]] = row.last! }
        return out
    }

    @Test("AED, SAR and QAR convert through the dollar at the ECB rate of the day, rounded once")
    func gulfPegs() throws {
        // Python: Decimal(10**10) / (Decimal("3.6725") * Decimal("1.032")) = 2638508503.9129…  → 2638508503.91
        //         Decimal(5 * 10**9) / (Decimal("3.75") * Decimal("1.032")) = 1291989664.0826…  → 1291989664.08
        //         Decimal(2 * 10**9) / (Decimal("3.64") * Decimal("1.032")) = 532413323.1109…   → 532413323.11
        //         1 / (3.6725 × 1.032) = 0.26385085039… → 0.2638508504 (10 significant digits)
        let dir = try TemporaryDirectory()
        let folder = try input(dir, pledges: """
            investor,amount,domain,date
            Abu Dhabi Fund,10 milliards de dirhams émiratis,cloud,2025-02-10
            Riyadh Fund,SR 5bn,cloud,2025-02-10
            Doha Fund,2 milliards de riyals qataris,cloud,2025-02-10
            Dubai Fund,Dhs 1M,cloud,2025-02-10

            """)
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let p = try pledges(dir)
        #expect(p["Abu Dhabi Fund"]?["currency"] == "AED")
        #expect(p["Abu Dhabi Fund"]?["amount_eur"] == "2638508503.91")
        #expect(p["Abu Dhabi Fund"]?["rate"] == "0.2638508504")
        #expect(p["Abu Dhabi Fund"]?["rate_date"] == "2025-02-10")
        #expect(p["Abu Dhabi Fund"]?["rate_source"] == "peg rates/pegs.csv:2 3.6725 AED/USD × ECB USD")
        #expect(p["Riyadh Fund"]?["currency"] == "SAR")
        #expect(p["Riyadh Fund"]?["amount_eur"] == "1291989664.08")
        #expect(p["Riyadh Fund"]?["rate_source"] == "peg rates/pegs.csv:3 3.75 SAR/USD × ECB USD")
        #expect(p["Doha Fund"]?["currency"] == "QAR")
        #expect(p["Doha Fund"]?["amount_eur"] == "532413323.11")
        #expect(p["Doha Fund"]?["rate_source"] == "peg rates/pegs.csv:4 3.64 QAR/USD × ECB USD")
        // 10^6 / 3.789 = 263850.85039… → 263850.85
        #expect(p["Dubai Fund"]?["amount_eur"] == "263850.85")
        let manifest = try Hostile.manifest(dir.path("Out"))
        let used = try #require(manifest["rates_used"] as? [String: Any])
        #expect(used["sources"] as? [String] == ["peg rates/pegs.csv:2 3.6725 AED/USD × ECB USD",
                                                 "peg rates/pegs.csv:3 3.75 SAR/USD × ECB USD",
                                                 "peg rates/pegs.csv:4 3.64 QAR/USD × ECB USD"])
        let files = try #require(manifest["rates"] as? [[String: Any]])
        #expect(files.map { $0["kind"] as? String } == ["ecb", "pegs"])
    }

    @Test("a peg before the day it took effect, or in another reporting currency")
    func pegPeriodAndReportingCurrency() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, pledges: """
            investor,amount,domain,date
            Early,QAR 1M,cloud,2001-07-06
            Later,QAR 1M,cloud,2025-02-10

            """)
        let r = try run(folder, dir, ["--currency", "USD"])
        #expect(r.status == 0, "\(r.stderr)")
        // In dollars the peg is the whole story: 10^6 / 3.64 = 274725.2747… → 274725.27
        #expect(try pledges(dir)["Later"]?["amount_usd"] == "274725.27")
        #expect(try pledges(dir)["Later"]?["rate_source"] == "QAR peg rates/pegs.csv:4 3.64 QAR/USD × ECB USD; USD ECB")
        #expect(try rejected(dir)["2"] == "no QAR peg covers 2001-07-06 (rates/pegs.csv:4)")
    }

    @Test("another source prices what the ECB lacks; the ECB wins where both have a rate")
    func otherSource() throws {
        // KWD 1M on 2025-02-10 at 0.3183 KWD per euro: 10^6 / 0.3183 = 3141690.229… → 3141690.23
        // USD 1M on 2025-02-10: the ECB's 1.032, not the source's 2: 10^6 / 1.032 = 968992.2480… → 968992.25
        // USD 1M on 2025-02-09 (a Sunday): the source's rate of that day, 1.04: 961538.4615… → 961538.46
        let dir = try TemporaryDirectory()
        let folder = try input(dir, pledges: """
            investor,amount,domain,date
            Kuwait Fund,1 000 000 KWD,cloud,2025-02-10
            US Fund,$1M,cloud,2025-02-10
            Sunday Fund,$1M,cloud,2025-02-09

            """, rates: ["other-bank.csv": """
            date,currency,units_per_eur
            2025-02-10,KWD,0.3183
            2025-02-10,USD,2
            2025-02-09,USD,1.04

            """])
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let p = try pledges(dir)
        #expect(p["Kuwait Fund"]?["amount_eur"] == "3141690.23")
        #expect(p["Kuwait Fund"]?["rate_source"] == "rates/other-bank.csv")
        #expect(p["US Fund"]?["amount_eur"] == "968992.25")
        #expect(p["US Fund"]?["rate_source"] == "ECB")
        #expect(p["Sunday Fund"]?["amount_eur"] == "961538.46")
        #expect(p["Sunday Fund"]?["rate_source"] == "rates/other-bank.csv")
    }

    @Test("bad rows in pegs and sources files: one line each naming file, line and reason; the rest goes on")
    func badRows() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, pledges: """
            investor,amount,domain,date
            A,AED 1M,cloud,2025-02-10
            B,BHD 1M,cloud,2025-02-10
            C,OMR 1M,cloud,2025-02-10
            D,KWD 1M,cloud,2025-02-10
            E,QAR 1M,cloud,2025-02-10
            F,JOD 1M,cloud,2025-02-10

            """, rates: ["pegs.csv": """
            currency,anchor,units_per_anchor,from,to
            AED,USD,3.6725,1997-11-22,
            BHD,USD,0,1980-12-01,
            OMR,XYZ,0.3845,1986-01-01,
            GBP,USD,0.8,2000-01-01,
            QAR,USD,3.64,2001-07-09,
            QAR,USD,3.65,2020-01-01,
            JOD,USD,abc,1995-10-01,

            """, "other.csv": """
            date,currency,units_per_eur
            2025-02-10,KWD,-0.3
            2025-02-10,KWD
            2025-02-10,SEK,1e0

            """])
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        for expected in [
            "\(folder)/rates/pegs.csv:3: peg skipped: the rate 0 is not positive",
            "\(folder)/rates/pegs.csv:7: peg skipped: its period overlaps the QAR peg of line 6",
            "\(folder)/rates/pegs.csv:8: peg skipped: ‘abc’ is not a number",
            "\(folder)/rates/other.csv:2: row skipped: the rate -0.3 is not positive",
            "\(folder)/rates/other.csv:3: row skipped: 2 cells, not 3 (date,currency,units_per_eur)",
            "\(folder)/rates/other.csv:4: row skipped: ‘1e0’ is written with an exponent; write it as a plain decimal (1e0 is 1)",
            "\(folder)/rates/pegs.csv:4: peg skipped: its anchor XYZ has no rate in any rates file",
            "\(folder)/rates/pegs.csv:5: peg skipped: GBP is both pegged and in rates/eurofxref-hist.csv; the published rate is used",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)\n\(r.stderr)")
        }
        let p = try pledges(dir)
        #expect(p["A"]?["currency"] == "AED")
        #expect(p["E"]?["amount_eur"] != nil)
        let why = try rejected(dir)
        #expect(why["3"]?.hasSuffix("(rates/pegs.csv:3 was skipped: the rate 0 is not positive)") == true, "\(why)")
        #expect(why["4"]?.hasSuffix("(rates/pegs.csv:4 was skipped: its anchor XYZ has no rate in any rates file)") == true, "\(why)")
        // The day's own row was skipped: the reason names it, not an earlier or missing rate.
        #expect(why["5"] == "the KWD rate of 2025-02-10 was skipped: rates/other.csv:2 gives ‘-0.3’, not a positive number", "\(why)")
        #expect(why["7"]?.hasSuffix("(rates/pegs.csv:8 was skipped: ‘abc’ is not a number)") == true, "\(why)")
    }

    @Test("pledges dated past the rates: one line says how many and what to do; the Summary shows the last day")
    func staleRates() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, pledges: """
            investor,amount,domain,date
            Late 1,$1M,cloud,2026-11-20
            Late 2,AED 1M,cloud,2026-12-01
            Just in time,$1M,cloud,2026-11-06
            In euros,€1M,cloud,2026-12-01

            """)
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\nrates end 2026-10-30: 2 pledges dated after 2026-11-06 are rejected; run make rates\n"), "\(r.stderr)")
        #expect(try Hostile.manifest(dir.path("Out"))["rates_used"].flatMap { ($0 as? [String: Any])?["ecb_last_date"] as? String } == "2026-10-30")
        let summary = try Self.python("""
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
            for row in ws.iter_rows():
                if row[0].value == "ECB rates end":
                    print(row[1].value.date().isoformat(), row[1].number_format)
            """, dir.path("Out/report.xlsx"))
        #expect(summary == "2026-10-30 yyyy-mm-dd\n")
    }

    @Test("a bare dirhams or riyals is ambiguous unless the currency column says which")
    func ambiguousWords() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, pledges: """
            investor,amount,domain,date,currency
            Bare,5 milliards de dirhams,cloud,2025-02-10,
            Told,5 milliards de dirhams,cloud,2025-02-10,AED
            Told riyals,2 billion riyals,cloud,2025-02-10,QAR
            Contradicted,2 billion riyals,cloud,2025-02-10,EUR
            Column only,2 billion,cloud,2025-02-10,riyals

            """)
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let p = try pledges(dir)
        #expect(p["Told"]?["currency"] == "AED")
        #expect(p["Told riyals"]?["currency"] == "QAR")
        let why = try rejected(dir)
        #expect(why["2"] == "‘dirhams’ may be AED or MAD: add a currency column that says which")
        #expect(why["5"] == "the amount’s ‘riyals’ is one of SAR, QAR, OMR, YER or IRR, not EUR")
        #expect(why["6"] == "‘riyals’ may be SAR, QAR, OMR, YER or IRR: write the ISO code")
    }

    /// `python3 -c script args…`, its stdout.
    static func python(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
