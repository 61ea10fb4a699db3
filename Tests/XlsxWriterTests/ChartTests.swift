import Foundation
import Testing
@testable import XlsxWriter

@Suite("Chart")
struct ChartTests {
    @Test(arguments: [false, true])
    func columnChartOfTotalsReadsBack(constantMemory: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("chart.xlsx")
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: constantMemory))
        let summary = try book.addWorksheet(name: "Summary")
        let data = try book.addWorksheet(name: "Domain totals")
        let domains = ["AI", "Energy", "Data centres"]
        try data.write(row: 0, col: 0, string: "domain")
        try data.write(row: 0, col: 1, string: "total")
        try data.write(row: 0, col: 2, string: "floor")
        for (i, d) in domains.enumerated() {
            try data.write(row: i + 1, col: 0, string: d)
            try data.write(row: i + 1, col: 1, number: Double(100 - i * 10))
            try data.write(row: i + 1, col: 2, number: Double(50 - i * 10))
        }
        let chart = try book.addChart(.column)
        try chart.addSeries(name: "Total",
                            categories: CellRange(sheet: "Domain totals", col: 0, firstRow: 1, lastRow: 3),
                            values: CellRange(sheet: "Domain totals", col: 1, firstRow: 1, lastRow: 3),
                            color: 0x4472C4)
        try chart.addSeries(name: "Floor",
                            categories: CellRange(sheet: "Domain totals", col: 0, firstRow: 1, lastRow: 3),
                            values: CellRange(sheet: "Domain totals", col: 2, firstRow: 1, lastRow: 3))
        try chart.setTitle("Totals by domain")
        try chart.setXAxisTitle("Domain")
        try chart.setYAxisTitle("EUR")
        try chart.setValueAxisNumberFormat("#,##0")
        try chart.setLegend(.none)
        try chart.setStyle(10)
        try summary.write(row: 0, col: 0, string: "Summary")
        try summary.insertChart(chart, row: 2, col: 1, xOffset: 10, yOffset: 5, width: 720, height: 400)
        let again = #expect(throws: XlsxError.self) { try summary.insertChart(chart, row: 20, col: 1) }
        #expect(again?.description.contains("already inserted") == true)
        try book.close()

        let read = try OpenPyXL.read(path)
        let s = try read.sheet("Summary")
        #expect(s.charts.count == 1)
        let c = try #require(s.charts.first)
        #expect(c.kind == "BarChart")
        #expect(c.barDir == "col")
        #expect(c.title == "Totals by domain")
        #expect(c.xTitle == "Domain")
        #expect(c.yTitle == "EUR")
        #expect(!c.hasLegend)
        #expect(c.anchor == "B3")
        #expect(c.series.count == 2)
        #expect(c.series.first?.categories == "'Domain totals'!$A$2:$A$4")
        #expect(c.series.first?.values == "'Domain totals'!$B$2:$B$4")
        #expect(c.series.last?.values == "'Domain totals'!$C$2:$C$4")
    }

    @Test func barChartAndQuotedNames() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("bar.xlsx")
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(name: "O'Brien")
        try sheet.write(row: 0, col: 0, string: "a")
        try sheet.write(row: 0, col: 1, number: 1)
        let chart = try book.addChart(.bar)
        try chart.addSeries(values: CellRange(sheet: "O'Brien", col: 1, firstRow: 0, lastRow: 0))
        try sheet.insertChart(chart, row: 3, col: 3)
        try book.close()
        let c = try #require(try OpenPyXL.read(path).sheet("O'Brien").charts.first)
        #expect(c.barDir == "bar")
        #expect(c.hasLegend)
        #expect(c.series.first?.values == "'O''Brien'!$B$1")
    }

    @Test func chartMisuseIsRefused() throws {
        let dir = try TemporaryDirectory()
        let book = try Workbook(path: dir.path("misuse.xlsx"))
        let other = try Workbook(path: dir.path("other.xlsx"))
        let sheet = try book.addWorksheet(name: "S")
        let empty = try book.addChart(.column)
        let error = #expect(throws: XlsxError.self) { try sheet.insertChart(empty, row: 0, col: 0) }
        #expect(error?.description.contains("no series") == true)
        #expect(throws: XlsxError.self) {
            try empty.addSeries(values: CellRange(sheet: "S", firstRow: 3, firstCol: 0, lastRow: 1, lastCol: 0))
        }
        #expect(throws: XlsxError.self) { try empty.setStyle(49) }
        let foreign = try other.addChart(.line)
        try foreign.addSeries(values: CellRange(sheet: "S", col: 0, firstRow: 0, lastRow: 1))
        let foreignError = #expect(throws: XlsxError.self) { try sheet.insertChart(foreign, row: 0, col: 0) }
        #expect(foreignError == .foreignObject(operation: "insertChart at S!A1"))
        try book.close()
    }
}
