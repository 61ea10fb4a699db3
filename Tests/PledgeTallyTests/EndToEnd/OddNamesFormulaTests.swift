import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Aggregate

/// Names no COUNTIFS/SUMIFS criterion can stand for keep Summary formulas
/// that Excel accepts and that equal their cached values (issue 14): a domain
/// of 304 characters (Excel refuses a criterion over 255 with #VALUE!),
/// wildcards, a leading `=` or `<`, digits, TRUE, and two domains that differ
/// only in case (a criterion ignores case, so each would count the other's
/// pledges). Investors likewise, in the 20 largest.
///
/// Three readers: Tests/Workbook/check_criteria.py reads every criterion of the
/// Summary by Excel's rules (LibreOffice has no 255 limit, so it cannot see
/// that one); LibreOffice recalculates every formula against its cached
/// value; the expected totals below are worked out by hand from the input.
@Suite("Odd names in the Summary formulas", .serialized)
struct OddNamesFormulaTests {
    /// 4 + 25 × 12 = 304 characters.
    static let longDomain = "Long" + String(repeating: " domain name", count: 25)
    /// 5 + 16 × 17 = 277 characters.
    static let longInvestor = "Fonds" + String(repeating: " d’investissement", count: 16)

    static func input(_ dir: TemporaryDirectory) throws -> String {
        let root = try dir.makeFolder("In")
        try dir.makeFolder("In/pledges")
        try FileManager.default.copyItem(atPath: Command.packageRoot + "/Input/rates", toPath: root + "/rates")
        try dir.write("In/domains.csv", """
            match,domain
            power grid,Energy
            oil rig,ENERGY
            long thing,\(longDomain)
            wildcard,R&D *labs*?
            equalsign,=Grid
            lessthan,<5 MW
            year,2030
            truth,TRUE

            """)
        try dir.write("In/pledges/odd.csv", """
            investor,amount,domain,date
            Acme,10 Md€,power grid,2025-02-10
            ACME,20 Md€,oil rig,2025-02-10
            TRUE,30 Md€,long thing,2025-02-10
            =Fund,40 Md€,wildcard,2025-02-10
            *Star*,50 Md€,equalsign,2025-02-10
            2030 Ventures,60 Md€,lessthan,2025-02-10
            \(longInvestor),70 Md€,year,2025-02-10
            Acme,80 Md€,truth,2025-02-10
            Zeta,jusqu’à 5 Md€,power grid,2025-02-10

            """)
        return root
    }

    @Test(arguments: [Language.en, Language.fr])
    func oddNamesKeepFormulasThatEqualTheirCachedValues(language: Language) throws {
        #expect(Self.longDomain.utf16.count == 304 && Self.longInvestor.utf16.count == 277)
        let dir = try TemporaryDirectory()
        let output = try WorkbookClientTests.run(input: try Self.input(dir), into: dir, as: "Out", language: language)

        // By hand: Energy = 10 + 5 (up to) Md€, ENERGY = 20, and each other domain its one pledge.
        let byDomain = try Command.read(output + "/by_domain.csv")
        for line in ["Energy,2,0,15000000000.00,5000000000.00,0.00,15000000000.00,",
                     "ENERGY,1,0,20000000000.00,0.00,0.00,20000000000.00,",
                     "\(Self.longDomain),1,0,30000000000.00,", "R&D *labs*?,1,0,40000000000.00,",
                     "'=Grid,1,0,50000000000.00,", "<5 MW,1,0,60000000000.00,", "2030,1,0,70000000000.00,",
                     "TRUE,1,0,80000000000.00,", "TOTAL,9,0,365000000000.00,5000000000.00,0.00,365000000000.00,"] {
            #expect(byDomain.contains("\n" + line), "by_domain.csv has no line \(line)")
        }

        // openpyxl: every cached value against the CSVs (investors recomputed there), and every criterion by Excel's rules.
        let check = try WorkbookClients.check(outputFolder: output, language: language.rawValue)
        #expect(check.status == 0, "openpyxl found:\n\(check.output)")

        // The formulas: a criterion for plain names, SUMPRODUCT for the others.
        let summary = language == .en ? "Summary" : "Synthèse"
        let dump = try WorkbookClients.dump(output + "/report.xlsx")
        let counts = dump.formulas.filter { $0.key.hasPrefix(summary + "!B") }.values
        #expect(counts.contains { $0.hasPrefix("=SUMPRODUCT(--EXACT(") }, "no EXACT count among \(counts)")
        #expect(counts.contains { $0.hasPrefix("=SUMPRODUCT(--(") }, "no = count among \(counts)")
        #expect(counts.contains { $0.hasPrefix("=COUNTIFS(") }, "no COUNTIFS count among \(counts)")

        // LibreOffice recalculates every formula: the same figures.
        let recalculated = dir.path("recalculated")
        try WorkbookClients.recalculate([output + "/report.xlsx"], into: recalculated)
        let same = try WorkbookClients.compareRecalculated(output + "/report.xlsx", recalculated + "/report.xlsx")
        #expect(same.status == 0, "LibreOffice disagrees with the cached values:\n\(same.output)")

        // The long investor is among the 20 largest, with its 70 Md€ (LibreOffice's figures, as text).
        let rows = try WorkbookClients.libreOfficeTexts(recalculated + "/report.xlsx", sheet: summary)
        let investor = try #require(rows.first { $0.first == Self.longInvestor }, "the long investor is not listed")
        #expect(investor.count > 2 && investor[1] == "1", "\(investor.dropFirst())")
        let acme = try #require(rows.first { $0.first == "Acme" }, "Acme is not listed")
        #expect(acme.count > 2 && acme[1] == "3", "Acme and ACME are one investor of 3 pledges: \(acme.dropFirst())")
    }
}
