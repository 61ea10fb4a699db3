import Foundation
import Testing
@testable import XlsxWriter

@Suite("Worksheet")
struct WorksheetTests {
    @Test(arguments: [false, true])
    func cellsReadBackWithTheirTypes(constantMemory: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("cells.xlsx")
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: constantMemory))
        let money = try book.register(Format().numberFormat("#,##0.00"))
        let day = try book.register(Format().numberFormat("dd/mm/yyyy"))
        let sheet = try book.addWorksheet(name: "Cells")
        try sheet.write(row: 0, col: 0, string: "plain text")
        try sheet.write(row: 0, col: 1, string: "=1+2")
        try sheet.write(row: 0, col: 2, string: "=SUM(A1:A2)")
        try sheet.write(row: 0, col: 3, string: "Caisse des Dépôts “quoted” & <tag> 20 milliards d’euros")
        try sheet.write(row: 0, col: 4, string: "")
        try sheet.write(row: 1, col: 0, number: 1_234_567.891, format: money)
        try sheet.write(row: 1, col: 1, number: -0.5)
        try sheet.writeDate(row: 1, col: 2, year: 2025, month: 2, day: 11)
        try sheet.writeDate(row: 1, col: 3, year: 2024, month: 2, day: 29, format: day)
        try sheet.writeFormula(row: 2, col: 0, formula: "=B2*2", cachedNumber: -1)
        try sheet.writeFormula(row: 2, col: 1, formula: "SUM(B2,1)", cachedNumber: 0.5, format: money)
        try sheet.writeFormula(row: 2, col: 2, formula: "=A1&\"!\"", cachedString: "plain text!")
        try sheet.write(row: 3, col: 0, bool: true)
        try sheet.write(row: 3, col: 1, 42)
        try sheet.write(row: 3, col: 2, "generic")
        try sheet.write(row: 3, col: 3, 2.25)
        try sheet.write(row: 3, col: 4, Optional<String>.none, format: money)
        try book.close()

        let s = try OpenPyXL.read(path).sheet("Cells")
        #expect(try s.cell("A1").type == "s")
        #expect(try s.cell("A1").text == "plain text")
        // Text that looks like a formula stays text.
        #expect(try s.cell("B1").type == "s")
        #expect(try s.cell("B1").text == "=1+2")
        #expect(try s.cell("B1").cachedText == "=1+2")
        #expect(try s.cell("C1").type == "s")
        #expect(try s.cell("D1").text == "Caisse des Dépôts “quoted” & <tag> 20 milliards d’euros")
        #expect(s.cells["E1"] == nil)

        #expect(try s.cell("A2").type == "n")
        #expect(try s.cell("A2").number == 1_234_567.891)
        #expect(try s.cell("A2").numberFormat == "#,##0.00")
        #expect(try s.cell("B2").number == -0.5)
        #expect(try s.cell("C2").type == "d")
        #expect(try s.cell("C2").text == "2025-02-11T00:00:00")
        #expect(try s.cell("C2").numberFormat == "yyyy-mm-dd")
        #expect(try s.cell("D2").text == "2024-02-29T00:00:00")
        #expect(try s.cell("D2").numberFormat == "dd/mm/yyyy")

        #expect(try s.cell("A3").type == "f")
        #expect(try s.cell("A3").text == "=B2*2")
        #expect(try s.cell("A3").cachedNumber == -1)
        #expect(try s.cell("B3").text == "=SUM(B2,1)")
        #expect(try s.cell("B3").cachedNumber == 0.5)
        #expect(try s.cell("B3").numberFormat == "#,##0.00")
        #expect(try s.cell("C3").text == "=A1&\"!\"")
        #expect(try s.cell("C3").cachedText == "plain text!")

        #expect(try s.cell("A4").type == "b")
        #expect(try s.cell("A4").text == "True")
        #expect(try s.cell("B4").number == 42)
        #expect(try s.cell("C4").text == "generic")
        #expect(try s.cell("D4").number == 2.25)
        #expect(try s.cell("E4").text == "")
        #expect(try s.cell("E4").numberFormat == "#,##0.00")
    }

    @Test func layoutReadsBack() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("layout.xlsx")
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(name: "Pledges")
        let kind = try book.register(Format().italic().backgroundColor(0xFFF2CC))
        for (col, title) in ["investor", "amount", "qualifier"].enumerated() {
            try sheet.write(row: 0, col: col, string: title)
        }
        for row in 1...10 {
            try sheet.write(row: row, col: 0, string: "Investor \(row)")
            try sheet.write(row: row, col: 1, number: Double(row))
            try sheet.write(row: row, col: 2, string: row % 3 == 0 ? "up_to" : "exact")
        }
        try sheet.setColumn(0, width: 30)
        try sheet.setColumn(first: 1, last: 2, width: 14)
        try sheet.freezePanes(row: 1, col: 0)
        try sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: 10, lastCol: 2)
        try sheet.highlight(firstRow: 1, firstCol: 0, lastRow: 10, lastCol: 2, when: "=$C2=\"up_to\"", format: kind)
        try sheet.mergeRange(firstRow: 12, firstCol: 0, lastRow: 12, lastCol: 2, string: "merged note")
        try sheet.setRow(13, height: 30)
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: 0)
        try sheet.repeatRows(first: 0, last: 0)
        try sheet.activate()
        try book.close()

        let s = try OpenPyXL.read(path).sheet("Pledges")
        #expect(s.freeze == "A2")
        #expect(s.autofilter == "A1:C11")
        #expect(s.merged == ["A13:C13"])
        #expect(s.conditional == ["A2:C11"])
        #expect(s.columns.count == 2)
        let first = try #require(s.columns.first)
        #expect(first.min == 1 && first.max == 1)
        #expect(abs(first.width - 30) < 1, "width \(first.width)")
        let second = try #require(s.columns.last)
        #expect(second.min == 2 && second.max == 3)
        #expect(abs(second.width - 14) < 1, "width \(second.width)")
    }

    @Test func cellsOutsideTheGridThrowWithContext() throws {
        let dir = try TemporaryDirectory()
        let book = try Workbook(path: dir.path("limits.xlsx"))
        let sheet = try book.addWorksheet(name: "Pledges")
        try sheet.write(row: 1_048_575, col: 16_383, number: 1)
        var error = #expect(throws: XlsxError.self) { try sheet.write(row: 1_048_576, col: 0, number: 1) }
        #expect(error == .cellOutOfRange(sheet: "Pledges", row: 1_048_576, col: 0))
        #expect(error?.description.contains("row 1048576") == true)
        error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 16_384, string: "x") }
        #expect(error == .cellOutOfRange(sheet: "Pledges", row: 0, col: 16_384))
        error = #expect(throws: XlsxError.self) { try sheet.writeDate(row: -1, col: 0, year: 2025, month: 1, day: 1) }
        #expect(error == .cellOutOfRange(sheet: "Pledges", row: -1, col: 0))
        #expect(throws: XlsxError.self) { try sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: 2_000_000, lastCol: 1) }
        #expect(throws: XlsxError.self) { try sheet.setColumn(first: 3, last: 1, width: 10) }
        #expect(throws: XlsxError.self) { try sheet.setColumn(0, width: 300) }
        try book.close()
    }

    @Test func badValuesThrowInsteadOfWritingACorruptFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("values.xlsx")
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(name: "Data")
        let longest = String(repeating: "é", count: 32_767)
        try sheet.write(row: 0, col: 0, string: longest)
        var error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 1, string: longest + "x") }
        #expect(error == .stringTooLong(sheet: "Data", row: 0, col: 1, length: 32_768))
        #expect(error?.description == "Text for Data!B1 has 32768 characters, over Excel's cell limit of 32767.")
        error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 2, string: "a\u{0}b") }
        #expect(error == .stringContainsNul(sheet: "Data", row: 0, col: 2))
        error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 3, number: .nan) }
        #expect(error?.description.contains("Data!D1") == true)
        #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 3, number: .infinity) }
        #expect(throws: XlsxError.self) { try sheet.writeFormula(row: 0, col: 3, formula: "=1/0", cachedNumber: .infinity) }
        #expect(throws: XlsxError.self) { try sheet.writeFormula(row: 0, col: 3, formula: "", cachedNumber: 0) }
        error = #expect(throws: XlsxError.self) { try sheet.writeDate(row: 0, col: 4, year: 2025, month: 2, day: 29) }
        #expect(error == .invalidDate(sheet: "Data", row: 0, col: 4, year: 2025, month: 2, day: 29))
        #expect(throws: XlsxError.self) { try sheet.writeDate(row: 0, col: 4, year: 1899, month: 12, day: 31) }
        #expect(throws: XlsxError.self) { try sheet.writeDate(row: 0, col: 4, year: 2025, month: 13, day: 1) }
        error = #expect(throws: XlsxError.self) { try sheet.write(row: 0, col: 5, Int.max) }
        #expect(error == .numberNotExact(sheet: "Data", row: 0, col: 5, value: Int.max))
        #expect(throws: XlsxError.self) { try sheet.mergeRange(firstRow: 1, firstCol: 1, lastRow: 1, lastCol: 1, string: "one cell") }
        // libxlsxwriter escapes control characters as Excel does (_x0001_); Excel
        // decodes the escape, openpyxl shows it as written. Tab is kept as is.
        try sheet.write(row: 1, col: 0, string: "tab\there\u{1}")
        try book.close()

        let s = try OpenPyXL.read(path).sheet("Data")
        #expect(try s.cell("A1").text == longest)
        #expect(try s.cell("A2").text == "tab\there_x0001_")
        #expect(s.cells["B1"] == nil && s.cells["D1"] == nil && s.cells["E1"] == nil)
    }
}
