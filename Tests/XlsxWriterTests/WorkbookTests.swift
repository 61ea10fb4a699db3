import Foundation
import Testing
@testable import XlsxWriter

/// Closes `book` and returns the error it threw, recording an issue if it did not throw.
func closeError(_ book: consuming Workbook, sourceLocation: SourceLocation = #_sourceLocation) -> XlsxError? {
    do {
        try book.close()
        Issue.record("close() did not throw", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite("Workbook")
struct WorkbookTests {
    /// A small workbook with every kind of content, written the same way each time.
    static func writeSample(to path: String, constantMemory: Bool = false, compressionLevel: Int? = nil, rows: Int = 5) throws {
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: constantMemory, compressionLevel: compressionLevel))
        let money = try book.register(Format().numberFormat("#,##0.00"))
        let summary = try book.addWorksheet(name: "Summary")
        let data = try book.addWorksheet(name: "Pledge data")
        try data.write(row: 0, col: 0, string: "domain")
        try data.write(row: 0, col: 1, string: "amount")
        for i in 1...rows {
            try data.write(row: i, col: 0, string: "D\(i)")
            try data.write(row: i, col: 1, number: Double(i) * 1.5, format: money)
            try data.writeDate(row: i, col: 2, year: 2025, month: 1 + i % 12, day: 28)
        }
        try summary.writeFormula(row: 0, col: 0, formula: "=SUM('Pledge data'!B2:B6)", cachedNumber: 22.5, format: money)
        let chart = try book.addChart(.column)
        try chart.addSeries(categories: CellRange(sheet: "Pledge data", col: 0, firstRow: 1, lastRow: 5),
                            values: CellRange(sheet: "Pledge data", col: 1, firstRow: 1, lastRow: 5))
        try summary.insertChart(chart, row: 2, col: 2)
        try book.close()
    }

    @Test func sheetsKeepCreationOrder() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("order.xlsx")
        let book = try Workbook(path: path)
        for name in ["Summary", "Pledges", "Rejected", "Rates", "Run"] {
            let sheet = try book.addWorksheet(name: name)
            try sheet.write(row: 0, col: 0, string: name)
        }
        #expect(book.worksheets.map(\.name) == ["Summary", "Pledges", "Rejected", "Rates", "Run"])
        #expect(book.worksheet(named: "pledges")?.name == "Pledges")
        #expect(book.worksheet(named: "Nope") == nil)
        try book.close()
        let read = try OpenPyXL.read(path)
        #expect(read.sheets.map(\.name) == ["Summary", "Pledges", "Rejected", "Rates", "Run"])
    }

    @Test(arguments: [false, true])
    func sameContentGivesIdenticalBytes(constantMemory: Bool) throws {
        let dir = try TemporaryDirectory()
        try Self.writeSample(to: dir.path("a.xlsx"), constantMemory: constantMemory)
        // More than a second apart, so a clock stamp in core.xml would show.
        Thread.sleep(forTimeInterval: 1.2)
        try Self.writeSample(to: dir.path("b.xlsx"), constantMemory: constantMemory)
        let a = try contents(dir.path("a.xlsx"))
        let b = try contents(dir.path("b.xlsx"))
        #expect(a.count > 0)
        #expect(a == b)

        let read = try OpenPyXL.read(dir.path("a.xlsx"))
        #expect(!read.zipDates.isEmpty)
        #expect(read.zipDates.allSatisfy { $0 == [1980, 1, 1, 0, 0, 0] }, "zip entry dates: \(read.zipDates)")
        #expect(read.created == "1980-01-01T00:00:00Z")
        #expect(read.modified == "1980-01-01T00:00:00Z")
    }

    /// Level 0 stores the parts uncompressed, so its file is much larger; the
    /// level applies to its own workbook only, and every level reads back.
    @Test func compressionLevelIsApplied() throws {
        let dir = try TemporaryDirectory()
        try Self.writeSample(to: dir.path("stored.xlsx"), compressionLevel: 0, rows: 2000)
        try Self.writeSample(to: dir.path("fast.xlsx"), compressionLevel: 1, rows: 2000)
        try Self.writeSample(to: dir.path("default.xlsx"), rows: 2000)
        try Self.writeSample(to: dir.path("default-again.xlsx"), rows: 2000)
        let stored = try contents(dir.path("stored.xlsx")).count
        let fast = try contents(dir.path("fast.xlsx")).count
        let standard = try contents(dir.path("default.xlsx")).count
        #expect(stored > 3 * standard, "stored \(stored) vs default \(standard)")
        #expect(fast >= standard)
        #expect(try contents(dir.path("default.xlsx")) == contents(dir.path("default-again.xlsx")))
        for name in ["stored.xlsx", "fast.xlsx"] {
            let read = try OpenPyXL.read(dir.path(name))
            #expect(try read.sheet("Pledge data").cell("B2001").number == 3000)
        }
    }

    @Test func chosenCreationDateIsWritten() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("props.xlsx")
        let props = DocumentProperties(title: "Pledges", author: "pledgetally", created: 1_767_225_600)
        let book = try Workbook(path: path, properties: props)
        _ = try book.addWorksheet(name: "Run")
        try book.close()
        let read = try OpenPyXL.read(path)
        #expect(read.created == "2026-01-01T00:00:00Z")
    }

    @Test func zeroCreationDateIsRejected() throws {
        #expect(throws: XlsxError.self) {
            _ = try Workbook(path: "/tmp/never.xlsx", properties: DocumentProperties(created: 0))
        }
    }

    @Test func closingIntoMissingDirectoryNamesThePath() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("no/such/dir/report.xlsx")
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(name: "Summary")
        try sheet.write(row: 0, col: 0, string: "x")
        let error = closeError(book)
        #expect(error == .cannotCreateFile(path: path, reason: "No such file or directory"))
        #expect(error?.description == "Cannot create '\(path)': No such file or directory.")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func closingIntoReadOnlyDirectoryNamesThePath() throws {
        guard getuid() != 0 else { return } // root ignores permissions
        let dir = try TemporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir.path) }
        let path = dir.path("report.xlsx")
        let book = try Workbook(path: path)
        _ = try book.addWorksheet(name: "Summary")
        let error = closeError(book)
        #expect(error == .cannotCreateFile(path: path, reason: "Permission denied"))
    }

    @Test(arguments: [false, true])
    func fullDiskFailsWhileSavingAndNamesThePath(constantMemory: Bool) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let book = try Workbook(path: "/dev/full", options: WorkbookOptions(constantMemory: constantMemory))
        let sheet = try book.addWorksheet(name: "Pledges")
        for row in 0..<2000 { try sheet.write(row: row, col: 0, string: "row \(row)") }
        let error = closeError(book)
        guard case .saveFailed(let path, let reason) = error else {
            Issue.record("expected saveFailed, got \(String(describing: error))")
            return
        }
        #expect(path == "/dev/full")
        #expect(reason.contains("No space left on device"), "\(reason)")
        #expect(error?.description.contains("'/dev/full'") == true)
    }

    @Test func missingTmpdirIsRejectedUpFront() throws {
        let error = #expect(throws: XlsxError.self) {
            _ = try Workbook(path: "/tmp/never.xlsx", options: WorkbookOptions(constantMemory: true, tmpdir: "/no/such/tmpdir"))
        }
        #expect(error == .invalidTmpdir(path: "/no/such/tmpdir", reason: "No such file or directory"))
    }

    @Test func tmpdirIsUsed() throws {
        let dir = try TemporaryDirectory()
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let path = dir.path("cm.xlsx")
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, tmpdir: tmp, useZip64: true))
        let sheet = try book.addWorksheet(name: "Pledges")
        for row in 0..<100 { try sheet.write(row: row, col: 0, number: Double(row)) }
        try book.close()
        let read = try OpenPyXL.read(path)
        #expect(try read.sheet("Pledges").cell("A100").number == 99)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
    }

    @Test func writesAfterCloseThrow() throws {
        let dir = try TemporaryDirectory()
        let book = try Workbook(path: dir.path("closed.xlsx"))
        let sheet = try book.addWorksheet(name: "Pledges")
        let chart = try book.addChart(.bar)
        try book.close()
        let error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 0, string: "late") }
        #expect(error == .workbookClosed(operation: "write to Pledges!A1"))
        #expect(throws: XlsxError.self) { try sheet.freezePanes(row: 1, col: 0) }
        #expect(throws: XlsxError.self) { try chart.setTitle("late") }
    }

    @Test func droppedWorkbookWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("dropped.xlsx")
        var sheet: Worksheet?
        do {
            let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
            sheet = try book.addWorksheet(name: "Pledges")
            try sheet?.write(row: 0, col: 0, string: "never saved")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: XlsxError.self) { try sheet?.write(row: 1, col: 0, string: "after") }
    }

    @Test func formatFromAnotherWorkbookIsRefused() throws {
        let dir = try TemporaryDirectory()
        let first = try Workbook(path: dir.path("1.xlsx"))
        let second = try Workbook(path: dir.path("2.xlsx"))
        let bold = try first.register(Format().bold())
        let sheet = try second.addWorksheet(name: "S")
        let error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 0, string: "x", format: bold) }
        #expect(error == .foreignObject(operation: "write to S!A1"))
        try first.close()
        try second.close()
    }

    @Test func constantMemorySheetsKeepTheirOwnRowCursor() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("interleaved.xlsx")
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        // Summary first (it must be the first tab), filled last.
        let summary = try book.addWorksheet(name: "Summary")
        let pledges = try book.addWorksheet(name: "Pledges")
        try summary.write(row: 0, col: 0, string: "domain")
        try summary.write(row: 0, col: 1, string: "total")
        try pledges.write(row: 0, col: 0, string: "domain")
        try pledges.write(row: 0, col: 1, string: "amount")
        for row in 1...1000 {
            try pledges.write(row: row, col: 0, string: row % 2 == 0 ? "AI" : "Energy")
            try pledges.write(row: row, col: 1, number: Double(row))
        }
        // Back to Summary, rows in order.
        try summary.write(row: 1, col: 0, string: "AI")
        try summary.writeFormula(row: 1, col: 1, formula: "=SUMIF(Pledges!A2:A1001,A2,Pledges!B2:B1001)", cachedNumber: 250_500)
        try summary.write(row: 2, col: 0, string: "Energy")
        try summary.writeFormula(row: 2, col: 1, formula: "=SUMIF(Pledges!A2:A1001,A3,Pledges!B2:B1001)", cachedNumber: 250_000)
        // An earlier row of a constant-memory sheet is gone.
        let error = #expect(throws: XlsxError.self) { try pledges.write(row: 5, col: 2, string: "late") }
        #expect(error == .rowAlreadyWritten(sheet: "Pledges", row: 5, col: 2))
        try book.close()

        let read = try OpenPyXL.read(path)
        #expect(read.sheets.map(\.name) == ["Summary", "Pledges"])
        let s = try read.sheet("Summary")
        #expect(try s.cell("A1").text == "domain")
        #expect(try s.cell("A3").text == "Energy")
        #expect(try s.cell("B2").text == "=SUMIF(Pledges!A2:A1001,A2,Pledges!B2:B1001)")
        #expect(try s.cell("B2").cachedNumber == 250_500)
        #expect(try s.cell("B3").cachedNumber == 250_000)
        let p = try read.sheet("Pledges")
        #expect(p.maxRow == 1001)
        #expect(try p.cell("A1001").text == "AI")
        #expect(try p.cell("A1000").text == "Energy")
        #expect(try p.cell("B1001").number == 1000)
        #expect(p.cells["C6"] == nil)
    }
}
