import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Ingest
@testable import Normalise
@testable import Aggregate
@testable import Render

/// ReportWorkbook fed by hand: sheet splitting, text repair, determinism,
/// errors, and the Summary formulas' criteria, read back with openpyxl
/// (and LibreOffice for the formulas over several sheets).
@Suite("Report workbook", .serialized)
struct ReportWorkbookTests {
    /// Twelve pledges over domains whose names are awkward in formulas.
    static var pledges: [ConvertedPledge] {
        let domains = ["Energy", "R&D *labs*", "Say \"hi\"?", "O'Brien ~ co", ">5"]
        let qualifiers: [Qualifier] = [.exact, .upTo, .atLeast, .approximately, .initial, .range]
        return (1...12).map { i in
            let q = qualifiers[i % qualifiers.count]
            if i == 7 { return HandMadeRun.pledge(i, domain: domains[i % 5], amount: nil) }
            return HandMadeRun.pledge(
                i, investor: i == 2 ? "=HYPERLINK(\"x\")" : "", domain: domains[i % domains.count], qualifier: q,
                amount: "\(i * 1_234_567).\(10 + i)", low: q == .range ? "\(i * 1000)" : nil,
                currency: i % 3 == 0 ? "USD" : "EUR")
        }
    }

    static let rejections = (1...7).map {
        Rejection(source: "hand.csv", line: 100 + $0, field: "amount", value: "=\($0) zorkmids", reason: "unknown currency")
    }

    @Test(arguments: [Language.en, Language.fr])
    func tablesContinueOnNewSheetsAndTheSummaryReadsThemAll(language: Language) throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("Out")
        try HandMadeRun.write(Self.pledges, rejections: Self.rejections, to: out, language: language, rowsPerSheet: 5)
        let names = WorkbookLabels.forLanguage(language).sheets
        let changes = WorkbookChangeLabels.forLanguage(language)
        let dump = try WorkbookClients.dump(out + "/report.xlsx")
        #expect(dump.sheetNames == [names.summary, changes.changesSheet, changes.historySheet, names.pledges, names.rejected, "\(names.pledges) 2",
                                    "\(names.pledges) 3", "\(names.rejected) 2", names.rates, names.run])
        let pledgeSheets = dump.sheets.filter { $0.name.hasPrefix(names.pledges) }
        #expect(pledgeSheets.map(\.rows) == [6, 6, 3])
        #expect(Set(pledgeSheets.map(\.header)).count == 1)
        for sheet in pledgeSheets {
            #expect(sheet.freeze == "A2")
            #expect(sheet.autofilter == "A1:Q\(sheet.rows)")
            #expect(sheet.widths.count == 17 && sheet.widths.values.allSatisfy { (10...61).contains($0) }, "\(sheet.widths)")
        }
        let total = try #require(dump.formulas["\(names.summary)!D10"])
        #expect(total.contains("\(names.pledges)!$N$2:$N$1048576"))
        #expect(total.contains("'\(names.pledges) 2'!$N$2:$N$1048576"))
        #expect(total.contains("'\(names.pledges) 3'!$N$2:$N$1048576"))

        // openpyxl: every figure against the CSV files, across the sheets.
        let check = try WorkbookClients.check(outputFolder: out, language: language.rawValue)
        #expect(check.status == 0, "openpyxl found:\n\(check.output)")
        // LibreOffice: the formulas over three sheets and awkward domain names give the cached totals.
        try WorkbookClients.recalculate([out + "/report.xlsx"], into: dir.path("recalc"))
        let same = try WorkbookClients.compareRecalculated(out + "/report.xlsx", dir.path("recalc/report.xlsx"))
        #expect(same.status == 0, "LibreOffice disagrees:\n\(same.output)")
    }

    @Test func textTooLongForACellIsCutVisiblyAndNulIsReplaced() throws {
        let dir = try TemporaryDirectory()
        let long = String(repeating: "x", count: 40_000) + "é"
        let p = HandMadeRun.pledge(1, investor: long, domain: "Energy", amount: "10", domainText: "a\u{0}b")
        try HandMadeRun.write([p], to: dir.path("Out"))
        let dump = try WorkbookClients.dump(dir.path("Out/report.xlsx"))
        let cell = try #require(dump.longTexts["Pledges!C2"])
        #expect(cell.utf16.count <= 32_767)
        #expect(cell.hasPrefix("xxxxxxxxxx"))
        #expect(cell.hasSuffix("[cut here: the input text has 40001 characters, over Excel’s limit of 32,767]"))
        #expect(dump.secondRows["Pledges"]?[4] == "a\u{FFFD}b")
        // Text that looks like a formula stays text.
        let hand = try HandMadeRun.write(Self.pledges, to: dir.path("Out2"))
        #expect(hand.accepted == 12)
        let second = try WorkbookClients.dump(dir.path("Out2/report.xlsx"))
        #expect(second.formulas.keys.allSatisfy { $0.hasPrefix("Summary!") }, "\(second.formulas.keys.sorted())")
    }

    /// The Changes table goes on in "Changes 2"… past the row limit, as the
    /// Pledges table does (the limit lowered to 10 rows here).
    @Test(arguments: [Language.en, Language.fr])
    func theChangesTableContinuesOnNewSheets(language: Language) throws {
        let dir = try TemporaryDirectory()
        let old = (1...6).map { HandMadeRun.pledge($0, domain: "Energy", amount: "\($0)") }
        let new = (1...6).map { HandMadeRun.pledge($0, domain: "Energy", amount: "\($0 + 1)") }
        try HandMadeRun.write(old, to: dir.path("Out/previous"), language: language, rowsPerSheet: 10)
        try HandMadeRun.write(new, to: dir.path("Out"), language: language, rowsPerSheet: 10, previous: dir.path("Out/previous"))
        // Worked by hand: each of the 6 pledges changes amount and amount_eur (2 rows each, all
        // deltas +1.00, so in file order), then by_domain.csv's Energy and TOTAL total_eur: 14 rows.
        let csv = try String(contentsOfFile: dir.path("Out/changes.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 15)
        #expect(csv[1] == "->,hand.csv,Investor 1,amount,1.00,2.00,,")
        #expect(csv[2] == "->,hand.csv,Investor 1,amount_eur,1.00,2.00,1.00,")
        #expect(csv[14] == "->,by_domain.csv,TOTAL,total_eur,21.00,27.00,6.00,")
        // The first sheet's table starts on row 8: rows 9–11 hold 3 changes; then 10 + 1.
        let changes = WorkbookChangeLabels.forLanguage(language).changesSheet
        let dump = try WorkbookClients.dump(dir.path("Out/report.xlsx"))
        let tables = dump.sheets.filter { $0.name.hasPrefix(changes) }
        #expect(tables.map(\.name) == [changes, "\(changes) 2", "\(changes) 3"])
        #expect(tables.map(\.rows) == [11, 11, 2])
        #expect(tables.map(\.autofilter) == ["A8:H11", "A1:H11", "A1:H2"])
        #expect(tables.map(\.freeze) == ["A9", "A2", "A2"])
        // Every row of changes.csv, in order, across the three sheets (openpyxl, Python decimal).
        let check = try WorkbookClients.python("check_changes.py", [dir.path("Out"), "--lang", language.rawValue])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test(arguments: [Language.en, Language.fr])
    func theSameValuesGiveTheSameBytes(language: Language) throws {
        let dir = try TemporaryDirectory()
        try HandMadeRun.write(Self.pledges, rejections: Self.rejections, to: dir.path("A"), language: language, rowsPerSheet: 5)
        Thread.sleep(forTimeInterval: 1.1)   // a clock in the file would now differ
        try HandMadeRun.write(Self.pledges, rejections: Self.rejections, to: dir.path("B"), language: language, rowsPerSheet: 5)
        let a = try #require(FileManager.default.contents(atPath: dir.path("A/report.xlsx")))
        let b = try #require(FileManager.default.contents(atPath: dir.path("B/report.xlsx")))
        #expect(a == b)
    }

    @Test func aFileThatCannotBeCreatedIsExit73() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("missing/report.xlsx")
        let workbook = try ReportWorkbook(path: path, options: RunOptions())
        try workbook.add(HandMadeRun.pledge(1, domain: "Energy", amount: "1"))
        var facts = RunFacts(version: "test", options: RunOptions(), domainsFile: (path: "domains.csv", sha256: ""))
        facts.domains = [DomainTotal(domain: "Energy")]
        #expect(throws: OutputError.cannotCreate(path: path, reason: "No such file or directory")) {
            try workbook.finish(facts)
        }
        #expect(RunError(OutputError.cannotCreate(path: path, reason: "x")).exitCode == 73)
        // Used again after that, it reports instead of crashing.
        #expect(throws: OutputError.writeFailed(path: path, reason: "the workbook was already finished")) {
            try workbook.add(HandMadeRun.pledge(2, domain: "Energy", amount: "1"))
        }
    }

    @Test func criteriaMatchOnlyTheDomainItself() {
        #expect(WorkbookSummary.criterion("Energy", cell: "$A10") == "$A10")
        #expect(WorkbookSummary.criterion("R&D *labs*", cell: "$A10") == #""=R&D ~*labs~*""#)
        #expect(WorkbookSummary.criterion("Say \"hi\"?", cell: "$A10") == #""=Say ""hi""~?""#)
        #expect(WorkbookSummary.criterion("=Grid", cell: "$A10") == #""==Grid""#)
        #expect(WorkbookSummary.criterion(">5", cell: "$A10") == #""=>5""#)
    }
}
