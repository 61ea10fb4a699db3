import Foundation
import Testing

/// ECB rates files that are missing, empty, garbled, or that overlap in both
/// formats. Each case writes its own rates/ folder beside the shipped domain
/// mapping and a pledge file with one pledge per currency and day.
@Suite("Hostile: bad rates files", .serialized)
struct BadRatesTests {
    static let pledges = """
        investor,amount,domain,date
        Euro Fund,5 Md€,supercalculateur,2025-02-10
        US Fund,$1M,cloud,2025-02-10
        JP Fund,¥100M,cloud,2025-02-11
        GB Fund,£1M,cloud,2025-02-12

        """

    /// An input folder whose rates/ holds exactly `rates` (name → text).
    func input(_ dir: TemporaryDirectory, _ rates: [String: String]) throws -> String {
        let root = try dir.makeFolder("Input")
        try dir.makeFolder("Input/pledges")
        try dir.makeFolder("Input/rates")
        try FileManager.default.copyItem(atPath: Command.packageRoot + "/Input/domains.csv", toPath: root + "/domains.csv")
        try dir.write("Input/pledges/p.csv", Self.pledges)
        for (name, text) in rates { try dir.write("Input/rates/" + name, text) }
        return root
    }

    func run(_ input: String, _ dir: TemporaryDirectory) throws -> Command.Result {
        try Command.run(["run", "--input", input, "--output", dir.path("Out")])
    }

    /// pledges.csv rows by investor: [rate, rate_date, amount_eur].
    func converted(_ dir: TemporaryDirectory) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try Hostile.rows(dir.path("Out/pledges.csv")) { result[row[2]] = Array(row[11...13]) }
        return result
    }

    @Test func aMissingRatesFileExits66() throws {
        // (No file at all is CommandLineTests.noRatesFileExits66.) A link to nothing:
        let dir = try TemporaryDirectory()
        let folder = try input(dir, [:])
        try FileManager.default.createSymbolicLink(atPath: folder + "/rates/eurofxref-hist.csv", withDestinationPath: dir.path("gone.csv"))
        let r = try run(folder, dir)
        #expect(r.status == 66)
        #expect(r.stderr == "pledgetally: \(folder)/rates/eurofxref-hist.csv: rates file not found\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("Out")))
    }

    @Test func aRatesFileThatIsAPipeOrAFolderExits66WithoutWaiting() throws {
        for make in ["pipe", "folder"] {
            let dir = try TemporaryDirectory()
            let folder = try input(dir, ["eurofxref-hist.csv": "Date,USD,\n2025-02-10,1.03,\n"])
            let path = folder + "/rates/eurofxref.csv"
            if make == "pipe" { #expect(mkfifo(path, 0o644) == 0) } else { try dir.makeFolder("Input/rates/eurofxref.csv") }
            let r = try run(folder, dir)
            #expect(r.status == 66, "\(make)")
            #expect(r.stderr == "pledgetally: \(path): not a regular file (a folder or a special file)\n", "\(make)")
        }
    }

    @Test func anEmptyRatesFileExits65() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, ["eurofxref-hist.csv": ""])
        let r = try run(folder, dir)
        #expect(r.status == 65)
        #expect(r.stderr == "pledgetally: \(folder)/rates/eurofxref-hist.csv: the rates file is empty\n")
    }

    @Test func aFileThatIsNotARatesFileExits65() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, ["eurofxref-hist.csv": "investor,amount\nx,y\n"])
        let r = try run(folder, dir)
        #expect(r.status == 65)
        #expect(r.stderr == "pledgetally: \(folder)/rates/eurofxref-hist.csv:1: not an ECB rates file: the header must start with ‘Date’\n")
    }

    @Test func garbledRowsZeroAndNegativeRatesAreSkippedWithAWarningEach() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, ["eurofxref-hist.csv": """
            Date,USD,JPY,GBP,
            2025-02-12,1.04,160,0.84,
            2025-02-10,1.03,0,-0.83,
            garbage,,,
            2025-02-11,1.035,abc,0.835,
            2025-02-13;1.2;3;4

            """])
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let path = folder + "/rates/eurofxref-hist.csv"
        #expect(Hostile.problems(r) == [
            "\(path):3: JPY rate ‘0’ skipped: not a positive number",
            "\(path):3: GBP rate ‘-0.83’ skipped: not a positive number",
            "\(path):4: row skipped: ‘garbage’ is not a date",
            "\(path):5: JPY rate ‘abc’ skipped: not a number",
            "\(path):6: row skipped: ‘2025-02-13;1.2;3;4’ is not a date",
            "p.csv:4: currency ‘JPY’: the JPY rate of 2025-02-11 was skipped: rates/eurofxref-hist.csv:5 gives ‘abc’, not a number",
        ])
        let c = try converted(dir)
        #expect(c["US Fund"] == ["0.9708737864", "2025-02-10", "970873.79"])
        #expect(c["GB Fund"] == ["1.190476190", "2025-02-12", "1190476.19"])
        #expect(c["JP Fund"] == nil)
        #expect(try Hostile.checkCounts(dir.path("Out"))["pledges/p.csv"] == .init(records: 4, accepted: 3, rejected: 1))
    }

    @Test func datesOutOfOrderAreSortedNotMisread() throws {
        // Descending, then a day out of place: each lookup still takes the last rate on or before its day.
        let dir = try TemporaryDirectory()
        let folder = try input(dir, ["eurofxref-hist.csv": """
            Date,USD,JPY,GBP,
            2025-02-10,1.03,158,0.83,
            2025-02-12,1.04,160,0.84,
            2025-02-11,1.035,159,0.835,

            """])
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Hostile.problems(r).isEmpty)
        let c = try converted(dir)
        #expect(c["US Fund"]?[1] == "2025-02-10")
        #expect(c["JP Fund"] == ["0.006289308176", "2025-02-11", "628930.82"])
        #expect(c["GB Fund"]?[1] == "2025-02-12")
    }

    @Test func aDayTwiceInOneFileKeepsTheFirstAndWarns() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir, ["eurofxref-hist.csv": "Date,USD,JPY,GBP,\n2025-02-10,1.03,158,0.83,\n2025-02-10,2,2,2,\n"])
        let r = try run(folder, dir)
        #expect(r.stderr.hasPrefix("\(folder)/rates/eurofxref-hist.csv:3: row skipped: 2025-02-10 appears twice\n"))
        #expect(try converted(dir)["US Fund"]?[0] == "0.9708737864")
    }

    @Test func bothFormatsOverlappingTheNewestFileWinsAndTheManifestSaysWhichWasUsed() throws {
        let dir = try TemporaryDirectory()
        // The history ends 2025-02-11; the daily file (ECB layout: ", " separators,
        // day written out) also gives 2025-02-11, with other rates: it wins that day.
        let folder = try input(dir, [
            "eurofxref-hist.csv": "Date,USD,JPY,GBP,\n2025-02-11,1.035,161,0.835,\n2025-02-10,1.03,160,0.83,\n",
            "eurofxref.csv": "Date, USD, JPY, GBP, \n11 February 2025, 1.5, 170, 0.9, \n",
        ])
        let r = try run(folder, dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Hostile.problems(r).isEmpty)
        let c = try converted(dir)
        #expect(c["US Fund"] == ["0.9708737864", "2025-02-10", "970873.79"])     // history: only it has 02-10
        #expect(c["JP Fund"] == ["0.005882352941", "2025-02-11", "588235.29"])   // daily: 1/170
        #expect(c["GB Fund"] == ["1.111111111", "2025-02-11", "1111111.11"])     // daily, the day before
        let rates = try #require(try Hostile.manifest(dir.path("Out"))["rates"] as? [[String: Any]])
        #expect(rates.count == 2)
        let hist = try #require(rates.first { $0["path"] as? String == "rates/eurofxref-hist.csv" })
        let daily = try #require(rates.first { $0["path"] as? String == "rates/eurofxref.csv" })
        #expect(hist["days"] as? Int == 2)
        #expect(hist["rates_used"] as? Int == 1)
        #expect(hist["days_used"] as? Int == 1)
        #expect(daily["first_date"] as? String == "2025-02-11")
        #expect(daily["last_date"] as? String == "2025-02-11")
        #expect(daily["rates_used"] as? Int == 2)
        #expect(daily["days_used"] as? Int == 1)
    }

    @Test func theShippedHistoryAloneIsNamedAsTheSourceOfEveryRate() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try Hostile.manifest(dir.path("Out"))
        let rates = try #require(m["rates"] as? [[String: Any]])
        let used = try #require(m["rates_used"] as? [String: Any])
        // The ECB history and the pegs file; no peg is used by the summit's pledges.
        #expect(rates.map { $0["kind"] as? String } == ["ecb", "pegs"])
        #expect(rates.first?["rates_used"] as? Int == used["count"] as? Int)
    }
}
