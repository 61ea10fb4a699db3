import Foundation
import Testing

/// Records that are well-formed CSV but whose values are wrong or hostile:
/// every amount error of docs/amounts.md, dates that do not exist or have no rate,
/// currencies the ECB stopped publishing, repeated pledges, control and
/// bidirectional characters, and text that looks like a formula. One run of
/// the binary covers them all (one file, one record per case).
@Suite("Hostile: bad values", .serialized)
final class BadValuesTests {
    /// investor, amount, domain, date; each case's line is its index + 2.
    static let cases: [(investor: String, amount: String, domain: String, date: String)] = [
        ("NoNumber", "beaucoup d’argent", "cloud", "2025-02-10"),                 // 2
        ("UnknownCurrency", "5 million zorkmids", "cloud", "2025-02-10"),       // 3
        ("Negative", "-5 M€", "cloud", "2025-02-10"),                           // 4
        ("OutOfRange", "999999999999999999999999999999999999999 trillion euros", "cloud", "2025-02-10"), // 5
        ("TwoAmounts", "5 M€ and 7 M€", "cloud", "2025-02-10"),                 // 6
        ("NoSuchDay", "5 M€", "cloud", "2025-02-30"),                           // 7
        ("OtherFormat", "5 M€", "cloud", "Feb 10, 2025"),                       // 8
        ("Before1999", "$5M", "cloud", "1998-12-31"),                           // 9
        ("SevenDaysAfterLast", "$5M", "cloud", "2026-11-06"),                   // 10
        ("EightDaysAfterLast", "$5M", "cloud", "2026-11-07"),                   // 11
        ("BGNLast", "5 million BGN", "cloud", "2025-12-31"),                    // 12
        ("BGNGone", "5 million BGN", "cloud", "2026-01-09"),                    // 13
        ("RUBLast", "5 million RUB", "cloud", "2022-03-01"),                    // 14
        ("RUBGone", "5 million RUB", "cloud", "2022-03-10"),                    // 15
        ("Twice", "5 M€", "cloud", "2025-02-10"),                               // 16
        ("twice", "5 M€", "cloud", "2025-02-10"),                               // 17 (same investor, case aside)
        ("Bell\u{07}Ctl\u{01}", "1 M€", "cloud\u{1B}[31m", "2025-02-10"),        // 18
        ("\u{202E}Right-to-left\u{200F}", "1 M€", "cloud\u{2067}", "2025-02-10"), // 19
        ("Multi\nLine\r\nName", "1 M€", "cloud", "2025-02-10"),                 // 20-22
        ("=HYPERLINK(\"http://x\",\"y\")", "1 M€", "=cloud", "2025-02-10"),      // 23
        ("+1+1", "1 M€", "+cloud", "2025-02-10"),                               // 24
        ("-2", "1 M€", "@cloud", "2025-02-10"),                                 // 25
        ("@SUM(A1)", "1 M€", "\tcloud", "2025-02-10"),                           // 26
    ]

    let dir: TemporaryDirectory
    let result: Command.Result
    let problems: [String]
    let pledges: [[String]]
    let rejected: [[String]]

    init() throws {
        dir = try TemporaryDirectory()
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let text = "investor,amount,domain,date\n" + Self.cases.map { [q($0.0), q($0.1), q($0.2), q($0.3)].joined(separator: ",") + "\n" }.joined()
        let input = try Hostile.input(dir, text: ["values.csv": text])
        result = try Hostile.run(input, dir)
        problems = Hostile.problems(result)
        pledges = try Hostile.rows(dir.path("Out/pledges.csv"))
        rejected = try Hostile.rows(dir.path("Out/rejected.csv"))
    }

    /// The one stderr line about `line` of values.csv.
    func problem(_ line: Int) -> String? {
        let lines = problems.filter { $0.hasPrefix("values.csv:\(line): ") }
        #expect(lines.count <= 1)
        return lines.first
    }

    func rejection(_ line: Int) -> [String]? { rejected.first { $0[0] == "values.csv" && $0[1] == "\(line)" } }
    func pledge(_ line: Int) -> [String]? { pledges.first { $0[0] == "values.csv" && $0[1] == "\(line)" } }

    @Test func theRunSucceedsAndEveryRecordIsCounted() throws {
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try Hostile.checkCounts(dir.path("Out"))
        #expect(counts["pledges/values.csv"] == .init(records: 23, accepted: 12, rejected: 11))
        #expect(counts["pledges/00-good.csv"] == .init(records: 1, accepted: 1, rejected: 0))
        #expect(result.stderr.contains("\npledgetally: 24 records, 13 pledges, 11 rejected; total "))
    }

    @Test func everyAmountErrorOfTheSpecIsRejectedWithItsReason() {
        let expected: [(Int, String)] = [
            (2, "values.csv:2: amount ‘beaucoup d’argent’: unknown word ‘beaucoup’"),
            (3, "values.csv:3: amount ‘5 million zorkmids’: unknown currency ‘zorkmids’"),
            (4, "values.csv:4: amount ‘-5 M€’: negative amount ‘-5 M’"),
            (5, "values.csv:5: amount ‘999999999999999999999999999999999999999 trillion euros’: number ‘999999999999999999999999999999999999999’ is too large"),
            (6, "values.csv:6: amount ‘5 M€ and 7 M€’: ‘and’ joins two amounts only after ‘between’ or ‘entre’"),
        ]
        for (line, message) in expected {
            #expect(problem(line) == message)
            #expect(rejection(line)?[4] == "amount", "line \(line)")
        }
        // The CSV guard applies to rejected values too.
        #expect(rejection(4)?[5] == "'-5 M€")
        #expect(rejection(4)?[3] == "'-5 M€", "amount_text: the amount as written")
    }

    @Test func datesThatDoNotExistOrHaveNoRateAreRejected() {
        #expect(problem(7) == "values.csv:7: date ‘2025-02-30’: ‘2025-02-30’ is not a day of the calendar (no such day in that month)")
        #expect(problem(8) == "values.csv:8: date ‘Feb 10, 2025’: ‘Feb 10, 2025’ is not a date: write it as YYYY-MM-DD")
        #expect(problem(9) == "values.csv:9: currency ‘USD’: no ECB rate for USD on or before 1998-12-31")
        // The history ends 2026-10-30: 7 days later is still priced, 8 days is not.
        #expect(problem(10) == nil)
        #expect(pledge(10)?[12] == "2026-10-30")
        #expect(problem(11) == "values.csv:11: currency ‘USD’: the last ECB rate for USD before 2026-11-07 is from 2026-10-30, more than 7 days earlier")
    }

    @Test func currenciesTheECBStoppedPublishingAreRejectedAfterTheirLastRate() {
        #expect(pledge(12)?[12] == "2025-12-31")
        #expect(pledge(12)?[13] == "2556498.62")
        #expect(problem(13) == "values.csv:13: currency ‘BGN’: the last ECB rate for BGN before 2026-01-09 is from 2025-12-31, more than 7 days earlier")
        #expect(pledge(14)?[12] == "2022-03-01")
        #expect(problem(15) == "values.csv:15: currency ‘RUB’: the last ECB rate for RUB before 2022-03-10 is from 2022-03-01, more than 7 days earlier")
    }

    @Test func theSamePledgeTwiceIsAWarningNamingBothLinesAndBothAreKept() throws {
        #expect(problems.contains("warning: values.csv:17 states the same pledge as values.csv:16 (investor, amount, domain and date); both are kept"))
        #expect(pledge(16) != nil && pledge(17) != nil)
        let counts = try #require(try Hostile.manifest(dir.path("Out"))["counts"] as? [String: Any])
        #expect(counts["repeated_pledges"] as? Int == 1)
    }

    @Test func controlAndRightToLeftCharactersAreKeptAndTheCSVStaysValid() {
        // Kept as written in the CSV (Hostile.rows parses it strictly).
        #expect(pledge(18)?[2] == "Bell\u{07}Ctl\u{01}")
        #expect(pledge(18)?[4] == "cloud\u{1B}[31m")
        #expect(pledge(19)?[2] == "\u{202E}Right-to-left\u{200F}")
        #expect(pledge(20)?[2] == "Multi\nLine\r\nName")
        // The line after the three-line record is numbered by the file.
        #expect(pledge(23) != nil)
        // stderr stays one line per problem, escapes instead of raw controls.
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{202E}"))
    }

    @Test func formulaLikeTextIsGuardedInTheCSV() {
        #expect(pledge(23)?[2] == "'=HYPERLINK(\"http://x\",\"y\")")
        #expect(pledge(23)?[4] == "'=cloud")
        #expect(pledge(24)?[2] == "'+1+1")
        #expect(pledge(24)?[4] == "'+cloud")
        #expect(pledge(25)?[2] == "'-2")
        #expect(pledge(25)?[4] == "'@cloud")
        #expect(pledge(26)?[2] == "'@SUM(A1)")
        #expect(pledge(26)?[4] == "'\tcloud")
    }

    @Test func theWorkbookIsReadableAndHoldsTextNotFormulas() throws {
        let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["Pledges"]
        out = {}
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "values.csv":
                out[str(row[1].value)] = [row[2].value, row[2].data_type, row[4].value, row[4].data_type]
        print(json.dumps(out))
        """
        let path = dir.path("read.py")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", path, dir.path("Out/report.xlsx")]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "openpyxl: \(String(decoding: data, as: UTF8.self))")
        let cells = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [Any]])
        func cell(_ line: Int) -> (String?, String?, String?, String?) {
            let c = cells["\(line)"] ?? []
            return (c.first as? String, c.count > 1 ? c[1] as? String : nil, c.count > 2 ? c[2] as? String : nil, c.count > 3 ? c[3] as? String : nil)
        }
        // Formula-like text: a text cell ("s"), as written, no guard quote.
        #expect(cell(23) == ("=HYPERLINK(\"http://x\",\"y\")", "s", "=cloud", "s"))
        #expect(cell(24) == ("+1+1", "s", "+cloud", "s"))
        #expect(cell(26) == ("@SUM(A1)", "s", "\tcloud", "s"))
        // Control characters are stored as OOXML escapes (_x0007_), which Excel
        // turns back into the character and openpyxl shows as written.
        #expect(cell(18).0 == "Bell_x0007_Ctl_x0001_")
        #expect(cell(19).0 == "\u{202E}Right-to-left\u{200F}")
        #expect(cell(20).0 == "Multi\nLine_x000D_\nName")
    }
}
