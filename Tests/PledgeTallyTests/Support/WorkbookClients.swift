import Foundation
import Testing

/// Runs the workbook checkers of Tests/Workbook (Python: openpyxl, and
/// LibreOffice through soffice), readers that are not ours.
enum WorkbookClients {
    static let scripts = Command.packageRoot + "/Tests/Workbook"
    /// Where the rendered Summary pictures are kept (git-ignored).
    static let artifacts = Command.packageRoot + "/.build/artifacts"

    struct Result {
        var status: Int32
        var output: String
    }

    /// `python3 Tests/Workbook/<script> <arguments>`, its stdout and stderr together.
    static func python(_ script: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scripts + "/" + script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Issue.record("python3 is needed for the workbook checks (make test-deps installs openpyxl and LibreOffice): \(error)")
            throw error
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if output.contains("No module named 'openpyxl'") {
            Issue.record("openpyxl is missing: run `make test-deps` (pip install openpyxl)")
        }
        return Result(status: process.terminationStatus, output: output)
    }

    /// openpyxl: names, headers, formats, dates and cached values against the run's CSV files.
    static func check(outputFolder: String, language: String) throws -> Result {
        try python("check_workbook.py", ["check", outputFolder, "--lang", language])
    }

    /// LibreOffice recalculates `files` into `folder` (one soffice run).
    static func recalculate(_ files: [String], into folder: String) throws {
        let r = try python("recalc_libreoffice.py", ["recalc", folder] + files)
        #expect(r.status == 0, "LibreOffice could not convert: \(r.output) (make test-deps installs libreoffice-calc-nogui)")
    }

    /// Every formula's cached value against LibreOffice's result.
    static func compareRecalculated(_ original: String, _ recalculated: String) throws -> Result {
        try python("check_workbook.py", ["compare-recalc", original, recalculated])
    }

    /// A copy of `source` whose cached value of `sheet`!`cell` is off by `delta`.
    static func tamper(_ source: String, _ target: String, sheet: String, cell: String, delta: String) throws {
        let r = try python("check_workbook.py", ["tamper", source, target, sheet, cell, delta])
        #expect(r.status == 0, "\(r.output)")
    }

    /// Renders the workbook's first page (Summary) to `.build/artifacts/<name>`.
    static func renderSummary(_ workbook: String, as name: String, locale: String) throws -> String {
        let png = artifacts + "/" + name
        try? FileManager.default.removeItem(atPath: png)
        let r = try python("recalc_libreoffice.py", ["render", workbook, png, locale])
        #expect(r.status == 0, "rendering failed: \(r.output)")
        return png
    }

    /// The cells of `sheet` as LibreOffice reads them (formulas recalculated), as text.
    static func libreOfficeTexts(_ workbook: String, sheet: String) throws -> [[String]] {
        let r = try python("recalc_libreoffice.py", ["texts", workbook, sheet])
        try #require(r.status == 0, "LibreOffice could not read \(workbook): \(r.output)")
        return try JSONDecoder().decode([[String]].self, from: Data(r.output.utf8))
    }

    /// The structure of a workbook as openpyxl sees it (sheets, headers, sizes, some cells).
    static func dump(_ workbook: String) throws -> Dump {
        let r = try python("check_workbook.py", ["dump", workbook])
        try #require(r.status == 0, "\(r.output)")
        return try JSONDecoder().decode(Dump.self, from: Data(r.output.utf8))
    }

    struct Dump: Decodable {
        struct Sheet: Decodable {
            var name: String
            var header: [String?]
            var rows: Int
            var freeze: String?
            var autofilter: String?
            var widths: [String: Double]
        }
        var sheets: [Sheet]
        /// "Sheet!A1" → formula text, for every formula cell.
        var formulas: [String: String]
        /// "Sheet!A1" → text, for text cells longer than 1,000 characters.
        var longTexts: [String: String]
        /// Sheet name → the values of its second row, as text.
        var secondRows: [String: [String?]]
        var sheetNames: [String] { sheets.map(\.name) }
    }
}
