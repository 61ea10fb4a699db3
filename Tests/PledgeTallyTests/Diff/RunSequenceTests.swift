import Foundation
import Testing

/// A week's runs through the release binary on the summit data: first run,
/// identical rerun, an amount changed, a pledge added, one removed, one made
/// unreadable, the currency switched, then readable again. After each run,
/// changes.csv, history.csv and the Changes and Run history sheets are checked
/// by Tests/Workbook/check_changes.py (Python decimal and openpyxl); the
/// figures in the expected lines were worked by hand from the summit's pledges.
@Suite("Runs over time", .serialized)
struct RunSequenceTests {
    let dir: TemporaryDirectory
    let input: String
    var out: String { dir.path("Out") }

    init() throws {
        dir = try TemporaryDirectory()
        input = try Command.copyDefaultInput(to: dir)
    }

    @discardableResult
    func run(_ extra: [String] = []) throws -> Command.Result {
        let r = try Command.run(["run", "--input", input, "--output", out, "--date", "2025-02-10"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let check = try WorkbookClients.python("check_changes.py", [out])
        #expect(check.status == 0, "\(check.output)")
        return r
    }

    func diffLines() throws -> [String] {
        let d = try Command.run(["diff", out + "/previous", out])
        #expect(d.status == 1, "\(d.stderr)")
        return d.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func edit(_ file: String, _ from: String, _ to: String) throws {
        let path = input + "/pledges/" + file
        let text = try Command.read(path)
        #expect(text.contains(from))
        try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func totals() throws -> [String] {
        try Command.read(out + "/history.csv").split(separator: "\n").filter { $0.contains(",TOTAL,") }.map(String.init)
    }

    @Test func aWeekOfRuns() throws {
        // First run: no previous run, changes.csv is its header.
        try run()
        #expect(try Command.read(out + "/changes.csv") == "change,source,key,field,old,new,delta,note\n")
        #expect(try totals().count == 1)
        #expect(try totals()[0].hasPrefix("1,2025-02-10,"))
        #expect(try totals()[0].hasSuffix(",EUR,TOTAL,8,1,295044961240.31,50000000000.00,11200000000.00"))

        // The same run again: byte-identical outputs, nothing rotated.
        let first = Command.snapshot(out)
        try run()
        #expect(Command.snapshot(out) == first)
        #expect(!FileManager.default.fileExists(atPath: out + "/previous"))

        // Amazon 1.2 → 1.5 billion euros.
        try edit("01-summit-table.md", "plus de 1,2 milliard", "plus de 1,5 milliard")
        try run()
        var lines = try diffLines()
        #expect(lines[0] == "0 pledges added, 0 removed, 1 changed, 0 now rejected, 0 no longer rejected; 3 domain rows changed; rejections: 0 new, 0 gone")
        #expect(lines[1] == "total 295,044,961,240.31 → 295,344,961,240.31 EUR: +0.00 added, −0.00 removed, +300,000,000.00 changed, −0.00 now rejected, +0.00 no longer rejected")
        #expect(lines[2] == "~ 01-summit-table.md | Amazon | +300,000,000.00 EUR")
        #expect(try Command.read(out + "/changes.csv").contains("->,01-summit-table.md,Amazon,amount_eur,1200000000.00,1500000000.00,300000000.00,\n"))
        // Rerun: previous/ still holds the first run, the history still two runs.
        let second = Command.snapshot(out)
        try run()
        #expect(Command.snapshot(out) == second)
        #expect(second["previous/manifest.json"] == first["manifest.json"])
        #expect(try totals().count == 2)

        // A pledge added.
        try dir.write("Input/pledges/03-late.csv", "investor,amount,domain\nNew Fund,2 Md€,cloud\n")
        try run()
        lines = try diffLines()
        #expect(lines[1] == "total 295,344,961,240.31 → 297,344,961,240.31 EUR: +2,000,000,000.00 added, −0.00 removed, +0.00 changed, −0.00 now rejected, +0.00 no longer rejected")
        #expect(lines[2] == "+ 03-late.csv | New Fund | 2 Md€ | 2,000,000,000.00 EUR")

        // Brookfield's €20bn leaves.
        try edit("01-summit-table.md", "Brookfield (Canada) | 20 milliards d’euros | Non spécifié |\n", "")
        try run()
        lines = try diffLines()
        #expect(lines[1] == "total 297,344,961,240.31 → 277,344,961,240.31 EUR: +0.00 added, −20,000,000,000.00 removed, +0.00 changed, −0.00 now rejected, +0.00 no longer rejected")
        #expect(lines[2] == "- 01-summit-table.md | Brookfield (Canada) | 20 milliards d’euros | 20,000,000,000.00 EUR")

        // France's amount becomes unreadable: now rejected, with its reason, not removed.
        try edit("02-summit-prose.csv", "France,109 milliards", "France,beaucoup de milliards")
        try run()
        lines = try diffLines()
        #expect(lines[0] == "0 pledges added, 0 removed, 0 changed, 1 now rejected, 0 no longer rejected; 5 domain rows changed; rejections: 0 new, 0 gone")
        #expect(lines[1] == "total 277,344,961,240.31 → 168,344,961,240.31 EUR: +0.00 added, −0.00 removed, +0.00 changed, −109,000,000,000.00 now rejected, +0.00 no longer rejected")
        #expect(lines[2].hasPrefix("! now rejected: 02-summit-prose.csv | France | 109 milliards d’euros | 109,000,000,000.00 EUR | amount ‘beaucoup de milliards d’euros’: "))
        #expect(try Command.read(out + "/changes.csv").contains("now-rejected,02-summit-prose.csv,France,amount_eur,109000000000.00,,-109000000000.00,amount ‘beaucoup de milliards d’euros’: "))

        // The reporting currency switched: said, no bridge, no delta.
        try run(["--currency", "USD"])
        lines = try diffLines()
        #expect(lines[0].hasSuffix("; reporting currency EUR → USD: amounts compared in their own currency, no delta across currencies"))
        #expect(lines[1] == "total 168,344,961,240.31 EUR → 173,732,000,000.00 USD: different reporting currencies, no bridge")

        // France readable again (in USD): no longer rejected. 109 bn EUR at 1.032 = 112.488 bn USD.
        try edit("02-summit-prose.csv", "France,beaucoup de milliards", "France,109 milliards")
        try run(["--currency", "USD"])
        lines = try diffLines()
        #expect(lines[2].hasPrefix("* no longer rejected: 02-summit-prose.csv | France | 109 milliards d’euros | 112,488,000,000.00 USD | was amount ‘beaucoup de milliards d’euros’: "))
        #expect(lines[1].contains("+112,488,000,000.00 no longer rejected"))
        let runs = try totals()
        #expect(runs.map { $0.prefix(2) } == ["1,", "2,", "3,", "4,", "5,", "6,", "7,"])
        #expect(runs[6].contains(",USD,TOTAL,"))

        // LibreOffice reads the same Changes and Run history sheets.
        try WorkbookClients.recalculate([out + "/report.xlsx"], into: dir.path("lo"))
        let lo = try WorkbookClients.python("check_changes.py", [out, "--xlsx", dir.path("lo/report.xlsx")])
        #expect(lo.status == 0, "\(lo.output)")
    }

    @Test func aDamagedHistoryIsKeptAsideAndANewOneStarts() throws {
        try run()
        let cut = Array(try Command.read(out + "/history.csv").utf8.dropLast(20))
        try Data(cut).write(to: URL(fileURLWithPath: out + "/history.csv"))
        try edit("01-summit-table.md", "plus de 1,2 milliard", "plus de 1,5 milliard")
        let r = try run()
        #expect(r.stderr.contains("history.csv: damaged ("))
        #expect(FileManager.default.contents(atPath: out + "/history.damaged.csv") == Data(cut))
        #expect(try totals().count == 1)
        #expect(try totals()[0].hasPrefix("1,"))
    }

    @Test func makeDiffWithoutAPreviousRunSaysSo() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["make", "-s", "-C", Command.packageRoot, "diff", "OUTPUT=" + dir.path("Nowhere")]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text == "no previous run\n")
    }
}
