import Foundation
import Testing
@testable import XlsxWriter

@Suite("Sheet names")
struct SheetNameTests {
    static let rejected: [(String, String)] = [
        ("", "Worksheet name cannot be blank."),
        (String(repeating: "x", count: 32), "Worksheet name '\(String(repeating: "x", count: 32))' exceeds Excel's limit of 31 characters."),
        ("Totals [EUR]", "Worksheet name 'Totals [EUR]' cannot contain '[': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("Totals]", "Worksheet name 'Totals]' cannot contain ']': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("a:b", "Worksheet name 'a:b' cannot contain ':': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("a*b", "Worksheet name 'a*b' cannot contain '*': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("why?", "Worksheet name 'why?' cannot contain '?': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("EUR/USD", "Worksheet name 'EUR/USD' cannot contain '/': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("C:\\dir", "Worksheet name 'C:\\dir' cannot contain ':': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("back\\slash", "Worksheet name 'back\\slash' cannot contain '\\': Excel does not allow [ ] : * ? / \\ in sheet names."),
        ("'quoted", "Worksheet name ''quoted' cannot start or end with an apostrophe."),
        ("quoted'", "Worksheet name 'quoted'' cannot start or end with an apostrophe."),
        ("History", "Worksheet name 'History' is reserved by Excel."),
        ("HISTORY", "Worksheet name 'HISTORY' is reserved by Excel."),
        ("Summary", "Worksheet name 'Summary' is already in use."),
        ("summary", "Worksheet name 'summary' is already in use as 'Summary' (Excel compares sheet names case-insensitively)."),
        ("ÉNERGIE", "Worksheet name 'ÉNERGIE' is already in use as 'Énergie' (Excel compares sheet names case-insensitively)."),
    ]

    @Test(arguments: rejected)
    func ruleIsEnforcedWithItsMessage(name: String, message: String) throws {
        let dir = try TemporaryDirectory()
        let book = try Workbook(path: dir.path("names.xlsx"))
        _ = try book.addWorksheet(name: "Summary")
        _ = try book.addWorksheet(name: "Énergie")
        let error = #expect(throws: XlsxError.self) { _ = try book.addWorksheet(name: name) }
        #expect(error?.description == message)
        #expect(book.worksheets.count == 2)
    }

    @Test(arguments: [
        "Pledges", "Pledge data", "O'Brien's", String(repeating: "é", count: 31), "Run (2025)", "Données 2025",
        "Historyx", "1999", "R1C1",
    ])
    func acceptedNamesReadBack(name: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("ok.xlsx")
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(name: name)
        try sheet.write(row: 0, col: 0, string: name)
        try book.close()
        let read = try OpenPyXL.read(path)
        #expect(read.sheets.map(\.name) == [name])
    }
}
