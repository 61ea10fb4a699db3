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
                                    "\(names.pledges) 3", "\(names.rejected) 2", SummaryLabels.forLanguage(language).unclassifiedSheet,
                                    names.rates, names.run, SummaryLabels.forLanguage(language).about])
        let pledgeSheets = dump.sheets.filter { $0.name.hasPrefix(names.pledges) }
        #expect(pledgeSheets.map(\.rows) == [6, 6, 3])
        #expect(Set(pledgeSheets.map(\.header)).count == 1)
        for sheet in pledgeSheets {
            #expect(sheet.freeze == "A2")
            #expect(sheet.autofilter == "A1:Q\(sheet.rows)")
            #expect(sheet.widths.count == 17 && sheet.widths.values.allSatisfy { (10...61).contains($0) }, "\(sheet.widths)")
        }
        let total = try #require(dump.formulas["\(names.summary)!D16"])
        // The first domain is not a plain criterion: SUMPRODUCT over each sheet's rows (6, 6 and 3 with the header).
        #expect(total.contains("\(names.pledges)!$N$2:$N$6"), "\(total)")
        #expect(total.contains("'\(names.pledges) 2'!$N$2:$N$6"), "\(total)")
        #expect(total.contains("'\(names.pledges) 3'!$N$2:$N$3"), "\(total)")

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
        // deltas +1.00, so in file order), then by_domain.csv's Energy and TOTAL total_eur and low_eur
        // (no range pledges, so low = total: 21.00 → 27.00; only the total carries a delta): 16 rows.
        let csv = try String(contentsOfFile: dir.path("Out/changes.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 17)
        #expect(csv[1] == "->,hand.csv,Investor 1,amount,1.00,2.00,,")
        #expect(csv[2] == "->,hand.csv,Investor 1,amount_eur,1.00,2.00,1.00,")
        #expect(csv[13] == "->,by_domain.csv,Energy,total_eur,21.00,27.00,6.00,")
        #expect(csv[14] == "->,by_domain.csv,Energy,low_eur,21.00,27.00,,")
        #expect(csv[15] == "->,by_domain.csv,TOTAL,total_eur,21.00,27.00,6.00,")
        #expect(csv[16] == "->,by_domain.csv,TOTAL,low_eur,21.00,27.00,,")
        // The first sheet's table starts on row 8: rows 9–11 hold 3 changes; then 10 + 3.
        let changes = WorkbookChangeLabels.forLanguage(language).changesSheet
        let dump = try WorkbookClients.dump(dir.path("Out/report.xlsx"))
        let tables = dump.sheets.filter { $0.name.hasPrefix(changes) }
        #expect(tables.map(\.name) == [changes, "\(changes) 2", "\(changes) 3"])
        #expect(tables.map(\.rows) == [11, 11, 4])
        #expect(tables.map(\.autofilter) == ["A8:H11", "A1:H11", "A1:H4"])
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

    /// A COUNTIFS criterion only for names Excel reads as themselves (written out by hand from Excel's rules).
    @Test func criteriaOnlyForPlainNames() {
        for plain in ["Energy", "Non classé", "R&D labs", "Énergie", String(repeating: "a", count: 255)] {
            #expect(RowMatch.isPlainCriterion(plain), "\(plain)")
        }
        // 200 é (200 UTF-16 units) and 30 emoji (60 units): 230 characters but 260 units, over Excel's 255.
        let wide = String(repeating: "é", count: 200) + String(repeating: "😀", count: 30)
        for odd in ["R&D *labs*", "Say hi?", "a~b", "=Grid", ">5", "<5 MW", "2030", "Industry 4.0", "TRUE", "faux", "",
                    " Energy", "'quoted", String(repeating: "a", count: 256), wide, "x\u{1}", "x\u{FFFE}"] {
            #expect(!RowMatch.isPlainCriterion(odd), "\(odd)")
        }
        #expect(RowMatch.forName("Energy", cell: "$A10", caseMatters: true) == .criterion(cell: "$A10"))
        #expect(RowMatch.forName("Energy", cell: "$A10", hasCaseTwin: true, caseMatters: true) == .exact(cell: "$A10"))
        #expect(RowMatch.forName("=Grid", cell: "$A10", caseMatters: true) == .exact(cell: "$A10"))
        #expect(RowMatch.forName("=Grid", cell: "$A10", caseMatters: false) == .equal(cell: "$A10"))
    }

    @Test func formulasForEachKindOfMatch() {
        let one = PledgeFormulas(sheets: ["Pledges"])
        #expect(one.count(.criterion(cell: "$A10"), over: "D") == "=COUNTIFS(Pledges!$D$2:$D$1048576,$A10)")
        #expect(one.sum("N", .criterion(cell: "$A10"), over: "D", qualifiers: ("G", ["up_to"]))
            == "=SUMIFS(Pledges!$N$2:$N$1048576,Pledges!$D$2:$D$1048576,$A10,Pledges!$G$2:$G$1048576,\"up_to\")")
        #expect(one.count(.exact(cell: "$A10"), over: "D") == "=SUMPRODUCT(--EXACT(Pledges!$D$2:$D$1048576,$A10))")
        #expect(one.sum("N", .exact(cell: "$A10"), over: "D", qualifiers: ("G", ["up_to", "range"]))
            == "=SUMPRODUCT(EXACT(Pledges!$D$2:$D$1048576,$A10)*(Pledges!$G$2:$G$1048576=\"up_to\"),Pledges!$N$2:$N$1048576)"
            + "+SUMPRODUCT(EXACT(Pledges!$D$2:$D$1048576,$A10)*(Pledges!$G$2:$G$1048576=\"range\"),Pledges!$N$2:$N$1048576)")
        let two = PledgeFormulas(sheets: ["Pledges", "Pledges 2"])
        #expect(two.sum("N", .equal(cell: "$A40"), over: "C")
            == "=SUMPRODUCT(--(Pledges!$C$2:$C$1048576=$A40),Pledges!$N$2:$N$1048576)"
            + "+SUMPRODUCT(--('Pledges 2'!$C$2:$C$1048576=$A40),'Pledges 2'!$N$2:$N$1048576)")
        #expect(PledgeFormulas.literal("Say \"hi\"") == #""Say ""hi""""#)
        // With the sheets' row counts, SUMPRODUCT stops at the last data row; criteria keep whole columns.
        let bounded = PledgeFormulas(sheets: ["Pledges", "Pledges 2"], rows: [3, 1])
        #expect(bounded.count(.exact(cell: "$A10"), over: "D")
            == "=SUMPRODUCT(--EXACT(Pledges!$D$2:$D$4,$A10))+SUMPRODUCT(--EXACT('Pledges 2'!$D$2:$D$2,$A10))")
        #expect(bounded.count(.criterion(cell: "$A10"), over: "D")
            == "=COUNTIFS(Pledges!$D$2:$D$1048576,$A10)+COUNTIFS('Pledges 2'!$D$2:$D$1048576,$A10)")
    }
}
