import Foundation
import Testing

/// Slash dates are DD/MM/YYYY. A file whose slash dates only make sense as
/// MM/DD/YYYY (a second number over 12) has all its slash dates rejected,
/// those before the telling one included: never a silent swap of day and
/// month. Runs the release binary.
@Suite("Hostile: slash dates", .serialized)
struct SlashDateTests {
    static let header = "investor,amount,domain,date\n"

    /// pledges.csv's (investor, date) and rejected.csv's (investor, field, value, reason) rows of `file`.
    func outcome(_ out: String, _ file: String) throws -> (accepted: [[String]], rejected: [[String]]) {
        let pledges = try Hostile.rows(out + "/pledges.csv").filter { $0[0] == file }.map { [$0[2], $0[10]] }
        let rejected = try Hostile.rows(out + "/rejected.csv").filter { $0[0] == file }.map { [$0[2], $0[4], $0[5], $0[6]] }
        return (pledges, rejected)
    }

    @Test func aMonthFirstFileHasEverySlashDateRejectedEvenBeforeTheTellingOne() throws {
        let dir = try TemporaryDirectory()
        // 30,000 filler rows (over a megabyte) put the telling date far after the first ambiguous one.
        let filler = (0..<30_000).map { "Filler \($0),1 M€,cloud computing services for research,2025-02-10\n" }.joined()
        let mdy = Self.header + "Early,1 M€,cloud,03/04/2025\n" + filler
            + "Tell,2 M€,cloud,03/25/2025\nIso,3 M€,cloud,2025-03-04\nLate,4 M€,cloud, 12/1/2025 \n"
        let dmy = Self.header + "Day,5 M€,cloud,25/03/2025\nAmbiguous,6 M€,cloud,03/04/2025\n"
        let input = try Hostile.input(dir, text: ["mdy.csv": mdy, "dmy.csv": dmy])
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.path("Out")
        try Hostile.checkCounts(out)

        let tell = "(mdy.csv:30003 has ‘03/25/2025’, a day only month first, so this file’s slash dates cannot be read as DD/MM/YYYY)"
        let m = try outcome(out, "mdy.csv")
        #expect(m.rejected == [
            ["Early", "date", "03/04/2025", "‘03/04/2025’ looks like MM/DD/YYYY; write YYYY-MM-DD " + tell],
            ["Tell", "date", "03/25/2025", "‘03/25/2025’ looks like MM/DD/YYYY; write YYYY-MM-DD " + tell],
            ["Late", "date", "12/1/2025", "‘12/1/2025’ looks like MM/DD/YYYY; write YYYY-MM-DD " + tell],
        ])
        #expect(m.accepted.count == 30_001)
        #expect(m.accepted.last == ["Iso", "2025-03-04"])
        #expect(!m.accepted.contains { $0[0] == "Early" })

        // A day-first file is read day first, an ambiguous date included.
        let d = try outcome(out, "dmy.csv")
        #expect(d.accepted == [["Day", "2025-03-25"], ["Ambiguous", "2025-04-03"]])
        #expect(d.rejected.isEmpty)
        #expect(r.stderr.contains("warning: mdy.csv:30003: ‘03/25/2025’ is a day only as MM/DD/YYYY, so every slash date of mdy.csv is rejected; write YYYY-MM-DD"))
    }

    @Test func aMarkdownTableIsJudgedTheSameWay() throws {
        let dir = try TemporaryDirectory()
        let md = "# Pledges\n\n| investor | amount | domain | date |\n|---|---|---|---|\n"
            + "| Early | 1 M€ | cloud | 1/2/2025 |\n| Tell | 2 M€ | cloud | 1/13/2025 |\n| Iso | 3 M€ | cloud | 2025-01-02 |\n"
        let input = try Hostile.input(dir, text: ["t.md": md])
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try outcome(dir.path("Out"), "t.md")
        #expect(o.rejected.map { $0[0] } == ["Early", "Tell"])
        #expect(o.rejected.allSatisfy { $0[3].contains("looks like MM/DD/YYYY; write YYYY-MM-DD (t.md:6 has ‘1/13/2025’") })
        #expect(o.accepted == [["Iso", "2025-01-02"]])
    }

    @Test func aWorkbookIsJudgedAsAWholeFromItsTextCells() throws {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir)
        // Text cells (openpyxl keeps Python strings as text): the telling date is on the second sheet.
        let script = "import openpyxl,sys; wb=openpyxl.Workbook(); a=wb.active; a.title='A'; "
            + "a.append(['investor','amount','domain','date']); a.append(['Early','1 M€','cloud','03/04/2025']); "
            + "b=wb.create_sheet('B'); b.append(['investor','amount','domain','date']); "
            + "b.append(['Tell','2 M€','cloud','03/25/2025']); b.append(['Iso','3 M€','cloud','2025-03-04']); wb.save(sys.argv[1])"
        #expect(Hostile.shell("python3 -c \"\(script)\" \(input)/pledges/book.xlsx") == 0)
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.path("Out")
        let accepted = try Hostile.rows(out + "/pledges.csv").filter { $0[0].hasPrefix("book.xlsx#") }.map { [$0[2], $0[10]] }
        let rejected = try Hostile.rows(out + "/rejected.csv").filter { $0[0].hasPrefix("book.xlsx#") }.map { [$0[0], $0[2], $0[6]] }
        #expect(accepted == [["Iso", "2025-03-04"]])
        let tell = " (book.xlsx#B:2 has ‘03/25/2025’, a day only month first, so this file’s slash dates cannot be read as DD/MM/YYYY)"
        #expect(rejected == [
            ["book.xlsx#A", "Early", "‘03/04/2025’ looks like MM/DD/YYYY; write YYYY-MM-DD" + tell],
            ["book.xlsx#B", "Tell", "‘03/25/2025’ looks like MM/DD/YYYY; write YYYY-MM-DD" + tell],
        ])
    }

    @Test func slashesElsewhereDoNotMakeAFileMonthFirst() throws {
        let dir = try TemporaryDirectory()
        // "/13/" and "/25/" in other columns; 30/02/2025 is no day either way and stays "not a day of the calendar".
        let text = "investor,amount,domain,date,notes\nA,1 M€,cloud,03/04/2025,see /13/ and 4/25/2025\n"
            + "B,2 M€,cloud,30/02/2025,\n"
        let input = try Hostile.input(dir, text: ["notes.csv": text])
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try outcome(dir.path("Out"), "notes.csv")
        #expect(o.accepted == [["A", "2025-04-03"]])
        #expect(o.rejected.map { [$0[0], $0[3]] } == [["B", "‘30/02/2025’ is not a day of the calendar (no such day in that month)"]])
    }
}
