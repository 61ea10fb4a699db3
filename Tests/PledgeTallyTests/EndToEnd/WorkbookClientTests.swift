import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Aggregate

/// report.xlsx read by programs that are not ours: openpyxl checks names,
/// headers, formats, dates and every cached value against the CSV files of
/// the same run; LibreOffice recalculates every formula and must find the
/// cached figures; and renders the Summary to `.build/artifacts/summary-*.png`.
///
/// Two LibreOffice runs per data set: one recalculation (of the workbook and
/// of a tampered copy, which proves both that LibreOffice really recalculates
/// and that the comparison can fail) and one PDF for the picture.
@Suite("Workbook in real clients", .serialized)
struct WorkbookClientTests {
    /// Runs the pipeline in-process into `dir/name`.
    static func run(input: String, into dir: TemporaryDirectory, as name: String, language: Language,
                    currency: Currency = .euro) throws -> String {
        let output = dir.path(name)
        let options = RunOptions(input: input, output: output, currency: currency,
                                 date: Day(iso: "2025-02-10"), language: language)
        _ = try Pipeline.run(options, say: { _ in })
        return output
    }

    /// openpyxl, then LibreOffice on the workbook and on a copy whose Summary
    /// total of the first domain is tampered, then the picture.
    static func checkInEveryClient(_ output: String, language: String, summary: String, dir: TemporaryDirectory,
                                   picture: String, locale: String) throws {
        let check = try WorkbookClients.check(outputFolder: output, language: language)
        #expect(check.status == 0, "openpyxl found:\n\(check.output)")

        let report = output + "/report.xlsx"
        let tampered = dir.path("tampered.xlsx")
        try WorkbookClients.tamper(report, tampered, sheet: summary, cell: "D16", delta: "0.01")
        let recalculated = dir.path("recalculated")
        try WorkbookClients.recalculate([report, tampered], into: recalculated)

        let same = try WorkbookClients.compareRecalculated(report, recalculated + "/report.xlsx")
        #expect(same.status == 0, "LibreOffice disagrees with the cached values:\n\(same.output)")
        #expect(same.output.contains("compared 3") || same.output.range(of: #"compared \d\d"#, options: .regularExpression) != nil,
                "too few formulas compared: \(same.output)")

        // The tampered copy: its cached D16 (the first domain's total) is one cent off, LibreOffice's is right.
        let caught = try WorkbookClients.compareRecalculated(tampered, recalculated + "/tampered.xlsx")
        #expect(caught.status == 1 && caught.output.contains("!D16: cached"), "the tampered cell went unnoticed:\n\(caught.output)")
        // And openpyxl's check against by_domain.csv sees it too.
        let copy = try dir.makeFolder("tampered-run")
        for file in ["pledges.csv", "by_domain.csv", "rejected.csv", "manifest.json", "unclassified.csv"] {
            try FileManager.default.copyItem(atPath: output + "/" + file, toPath: copy + "/" + file)
        }
        try FileManager.default.copyItem(atPath: tampered, toPath: copy + "/report.xlsx")
        let seen = try WorkbookClients.check(outputFolder: copy, language: language)
        #expect(seen.status == 1 && seen.output.contains("row 16"), "openpyxl missed the tampered total:\n\(seen.output)")

        let png = try WorkbookClients.renderSummary(report, as: picture, locale: locale)
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 10_000, "no picture of the Summary at \(png)")
    }

    @Test func summitDataInEnglish() throws {
        let dir = try TemporaryDirectory()
        let output = try Self.run(input: Command.packageRoot + "/Input", into: dir, as: "Out", language: .en)
        try Self.checkInEveryClient(output, language: "en", summary: "Summary", dir: dir,
                                    picture: "summary-en.png", locale: "en-US")
    }

    @Test func generatedDataInFrench() throws {
        let dir = try TemporaryDirectory()
        let input = try GeneratedInput.write(in: dir)
        let output = try Self.run(input: input, into: dir, as: "Out", language: .fr)
        let pledges = try Command.read(output + "/pledges.csv")
        for q in Qualifier.allCases { #expect(pledges.contains(",\(q.rawValue),"), "no \(q.rawValue) pledge") }
        for c in ["EUR", "USD", "GBP", "JPY", "INR", "CHF"] { #expect(pledges.contains(",\(c),"), "no \(c) pledge") }
        #expect(try Command.read(output + "/rejected.csv").split(separator: "\n").count == 3)
        try Self.checkInEveryClient(output, language: "fr", summary: "Synthèse", dir: dir,
                                    picture: "summary-fr.png", locale: "fr-FR")
    }

    /// The other two combinations, and another reporting currency (JPY: no minor unit), through openpyxl only.
    @Test(arguments: [("summit", Language.fr, "EUR"), ("generated", Language.en, "EUR"), ("generated", Language.en, "JPY")])
    func openpyxlOnly(data: String, language: Language, currency: String) throws {
        let dir = try TemporaryDirectory()
        let input = data == "summit" ? Command.packageRoot + "/Input" : try GeneratedInput.write(in: dir)
        let output = try Self.run(input: input, into: dir, as: "Out", language: language, currency: Currency(currency))
        let check = try WorkbookClients.check(outputFolder: output, language: language.rawValue)
        #expect(check.status == 0, "openpyxl found:\n\(check.output)")
    }
}
