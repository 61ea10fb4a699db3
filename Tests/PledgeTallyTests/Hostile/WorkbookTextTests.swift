import Foundation
import Testing

/// Input text that XML 1.0 cannot carry, text that looks like an xlsx escape,
/// and text over Excel's cell limit: report.xlsx stays readable by openpyxl
/// and LibreOffice with every row, LibreOffice reads each text back as it was
/// written, and a cut text is said on stderr.
@Suite("Hostile: workbook text", .serialized)
final class WorkbookTextTests {
    static let emoji = "cloud " + String(repeating: "😀", count: 17_000)
    /// investor, domain, notes; each case's line is its index + 2.
    static let cases: [(investor: String, domain: String, notes: String)] = [
        ("A\u{FFFE}Fund", "cloud\u{FFFF}", ""),                // 2
        ("Lit _x0041_ Co", "cloud _x005F_ _X00e9_ x", ""),     // 3
        ("Ctl\u{01}\u{1F} Inc", "cloud\u{0B}", ""),            // 4
        ("Emoji", emoji, ""),                                  // 5
        ("Long notes", "cloud", emoji),                        // 6
    ]

    let dir: TemporaryDirectory
    let result: Command.Result

    init() throws {
        dir = try TemporaryDirectory()
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let text = "investor,amount,domain,date,notes\n"
            + Self.cases.map { [q($0.investor), "5 M€", q($0.domain), "2025-02-10", q($0.notes)].joined(separator: ",") + "\n" }
            .joined()
        let input = try Hostile.input(dir, text: ["texts.csv": text])
        result = try Hostile.run(input, dir)
    }

    @Test func everyRowIsInTheWorkbookForOpenpyxlAndLibreOffice() throws {
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try Hostile.checkCounts(dir.path("Out"))
        #expect(counts["pledges/texts.csv"] == .init(records: 5, accepted: 5, rejected: 0))
        let report = dir.path("Out/report.xlsx")

        let dump = try WorkbookClients.dump(report)   // openpyxl opens it at all
        #expect(dump.sheets.first { $0.name == "Pledges" }?.rows == 7)

        let pledges = try WorkbookClients.libreOfficeTexts(report, sheet: "Pledges")
        try #require(pledges.count == 7, "LibreOffice read \(pledges.count - 1) pledge rows")
        let rows = pledges.dropFirst().filter { $0[0] == "texts.csv" }
        try #require(rows.count == 5)
        for (row, c) in zip(rows, Self.cases) {
            #expect(row[2] == c.investor, "investor of line \(row[1]): \(row[2].debugDescription)")
            if c.domain != Self.emoji {
                #expect(row[4] == c.domain, "domain text of line \(row[1]): \(row[4].debugDescription)")
            }
        }
        // The Summary, recalculated by LibreOffice, counts every pledge.
        let summary = try WorkbookClients.libreOfficeTexts(report, sheet: "Summary")
        let total = try #require(summary.first { $0.first == "TOTAL" })
        #expect(total[1] == "6", "\(summary)")
    }

    @Test func aTextOverExcelsLimitIsCutAtACharacterBoundaryWithAWarning() throws {
        #expect(result.stderr.contains("warning: texts.csv:5: the domain text has 34006 UTF-16 units, over Excel’s cell limit of 32,767"),
                "\(result.stderr.prefix(2_000))")
        let rows = try WorkbookClients.libreOfficeTexts(dir.path("Out/report.xlsx"), sheet: "Pledges")
        let cut = try #require(rows.first { $0.count > 4 && $0[0] == "texts.csv" && $0[1] == "5" })[4]
        #expect(cut.utf16.count <= 32_767)
        let kept = try #require(cut.range(of: " … [cut here")).lowerBound
        let head = String(cut[..<kept])
        #expect(head.count > 16_000 && Self.emoji.hasPrefix(head) && !head.contains("\u{FFFD}"))
        // The CSV keeps the whole text.
        let csv = try Hostile.rows(dir.path("Out/pledges.csv")).first { $0[0] == "texts.csv" && $0[1] == "5" }
        #expect(csv?[4] == Self.emoji)
        // Any column: the notes of line 6 are cut the same way, and said.
        #expect(result.stderr.contains("warning: texts.csv:6: the notes text has 34006 UTF-16 units, over Excel’s cell limit of 32,767"),
                "\(result.stderr.prefix(2_000))")
        let notes = try #require(rows.first { $0.count > 15 && $0[0] == "texts.csv" && $0[1] == "6" })[15]
        #expect(notes.utf16.count <= 32_767 && notes.contains(" … [cut here"))
    }
}
