import Testing
@testable import XlsxWriter

@Suite("Cell references")
struct CellReferenceTests {
    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func columnNames(col: Int, name: String) {
        #expect(columnName(col) == name)
    }

    @Test func references() {
        #expect(cellReference(row: 0, col: 0) == "A1")
        #expect(cellReference(row: 1_048_575, col: 16_383, absolute: true) == "$XFD$1048576")
        #expect(CellRange(sheet: "Summary", col: 3, firstRow: 1, lastRow: 12).formula == "=Summary!$D$2:$D$13")
        #expect(CellRange(sheet: "Pledge data", firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 0).formula == "='Pledge data'!$A$1")
    }

    @Test(arguments: [
        ("Summary", "Summary"), ("Pledge data", "'Pledge data'"), ("O'Brien", "'O''Brien'"),
        ("Sheet1", "'Sheet1'"), ("R", "'R'"), ("c", "'c'"), ("Énergie", "'Énergie'"), ("a-b", "'a-b'"),
    ])
    func sheetNamesAreQuotedWhenNeeded(name: String, quoted: String) {
        #expect(quotedSheetName(name) == quoted)
    }
}
