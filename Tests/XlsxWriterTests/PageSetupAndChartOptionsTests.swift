import Foundation
import Testing
@testable import XlsxWriter
import TestSupport

/// Print setup, links and chart options, read back from the file: openpyxl for
/// what it models (paper, orientation, fit, print titles, links, properties),
/// the part's XML for the rest (footer codes, page breaks, chart details).
@Suite("Page setup and chart options")
struct PageSetupAndChartOptionsTests {
    /// Python reading `path`: prints JSON of what the tests look at.
    static let script = #"""
import json, re, sys, zipfile
import openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
out = {"sheets": {}, "xml": {}, "charts": [], "properties": {}}
for ws in wb.worksheets:
    ps = ws.page_setup
    link = ws["B2"].hyperlink
    out["sheets"][ws.title] = {
        "paper": str(ps.paperSize), "orientation": ps.orientation,
        "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "fitToHeight": str(ps.fitToHeight), "titles": ws.print_title_rows, "titleCols": ws.print_title_cols,
        "scale": ps.scale,
        "link": link.location if link else None, "linkText": None if ws["B2"].value is None else str(ws["B2"].value),
        "breaks": [b.id for b in ws.row_breaks.brk],
    }
with zipfile.ZipFile(path) as z:
    for i, ws in enumerate(wb.worksheets):
        out["xml"][ws.title] = z.read(f"xl/worksheets/sheet{i + 1}.xml").decode("utf-8")
    out["charts"] = [z.read(n).decode("utf-8") for n in sorted(z.namelist()) if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
p = wb.properties
out["properties"] = {"title": p.title, "subject": p.subject, "keywords": p.keywords}
json.dump(out, sys.stdout)
"""#

    struct Read: Decodable {
        struct Sheet: Decodable {
            var paper: String
            var orientation: String?
            var fitToPage: Bool
            var fitToHeight: String
            var titles: String?
            var titleCols: String?
            var scale: Int?
            var link: String?
            var linkText: String?
            var breaks: [Int]
        }
        var sheets: [String: Sheet]
        var xml: [String: String]
        var charts: [String]
        var properties: [String: String?]
    }

    static func read(_ path: String) throws -> Read {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with openpyxl could not read \(path)")
        return try JSONDecoder().decode(Read.self, from: data)
    }

    @Test(arguments: [false, true])
    func printSetupLinksAndPropertiesReadBack(constantMemory: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("print.xlsx")
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: constantMemory),
                                properties: DocumentProperties(title: "T", subject: "S", keywords: "k1, k2"))
        let front = try book.addWorksheet(name: "Front")
        let table = try book.addWorksheet(name: "Big table")
        try front.write(row: 0, col: 0, string: "title")
        try front.writeLink(row: 1, col: 1, toSheet: "Big table", cell: "A1", text: "see Big table")
        try front.write(row: 30, col: 0, string: "after the break")
        try front.setPaper(.a4)
        try front.setLandscape()
        try front.fitToPages(width: 1, height: 0)
        try front.setFooter("&LReport && co&RPage &P of &N")
        try front.setPageBreaks(beforeRows: [30, 0])
        for r in 0..<3 { try table.write(row: r, col: 0, string: "row \(r)") }
        try table.setPaper(.letter)
        try table.repeatRows(first: 0, last: 0)
        try table.setHeader("&CHeader")
        try table.setPrintScale(70)
        try table.printAcross()
        try table.repeatColumns(first: 1, last: 2)
        #expect(throws: XlsxError.self) { try table.setPrintScale(5) }
        #expect(throws: XlsxError.self) { try table.repeatColumns(first: 2, last: 1) }
        #expect(throws: XlsxError.self) { try table.setFooter(String(repeating: "x", count: 256)) }
        #expect(throws: XlsxError.self) { try table.setPageBreaks(beforeRows: Array(1...1024)) }
        #expect(throws: XlsxError.self) { try front.writeLink(row: 0, col: 0, toSheet: "", text: "x") }
        try book.close()

        let read = try Self.read(path)
        let f = try #require(read.sheets["Front"])
        #expect(f.paper == "9" && f.orientation == "landscape")
        #expect(f.fitToPage && f.fitToHeight == "0")
        #expect(f.link?.replacingOccurrences(of: "'", with: "") == "Big table!A1")
        #expect(f.linkText == "see Big table")
        #expect(f.breaks == [30])
        #expect(read.xml["Front"]?.contains("<oddFooter>&amp;LReport &amp;&amp; co&amp;RPage &amp;P of &amp;N</oddFooter>") == true)
        let t = try #require(read.sheets["Big table"])
        #expect(t.paper == "1")
        #expect(t.titles == "$1:$1")
        #expect(t.titleCols == "$B:$C" && t.scale == 70 && !t.fitToPage)
        #expect(read.xml["Big table"]?.contains("pageOrder=\"overThenDown\"") == true)
        #expect(read.xml["Big table"]?.contains("<oddHeader>&amp;CHeader</oddHeader>") == true)
        #expect(read.properties["title"] == "T" && read.properties["subject"] == "S" && read.properties["keywords"] == "k1, k2")
    }

    @Test func stackedBarWithLabelsFromZeroAndReversedCategories() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("chart.xlsx")
        let book = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let sheet = try book.addWorksheet(name: "Data")
        for r in 0..<3 {
            try sheet.write(row: r, col: 0, string: "c\(r)")
            try sheet.write(row: r, col: 1, number: Double(10 - r))
            try sheet.write(row: r, col: 2, number: Double(r))
        }
        let chart = try book.addChart(.barStacked)
        let categories = CellRange(sheet: "Data", col: 0, firstRow: 0, lastRow: 2)
        let a = try chart.addSeries(name: "A", categories: categories, values: CellRange(sheet: "Data", col: 1, firstRow: 0, lastRow: 2),
                                    color: 0x1F4E79)
        try a.showValues(numberFormat: "[<2]\"\";#,##0.0\" u\"", position: .center, fontSize: 8, color: 0xFFFFFF)
        try chart.addSeries(name: "B", categories: categories, values: CellRange(sheet: "Data", col: 2, firstRow: 0, lastRow: 2))
        try chart.setValueAxisMin(0)
        try chart.reverseCategories()
        try chart.setGap(40)
        try chart.setValueAxisNumberFormat("#,##0\" u\"")
        #expect(throws: XlsxError.self) { try chart.setGap(501) }
        #expect(throws: XlsxError.self) { try chart.setValueAxisMin(.nan) }
        #expect(throws: XlsxError.self) { try a.showValues(numberFormat: "") }
        try sheet.insertChart(chart, row: 5, col: 0)
        try book.close()

        let xml = try #require(try Self.read(path).charts.first)
        #expect(xml.contains("<c:barDir val=\"bar\"/>"))
        #expect(xml.contains("<c:grouping val=\"stacked\"/>"))
        #expect(xml.contains("<c:min val=\"0\"/>"))
        #expect(xml.contains("<c:orientation val=\"maxMin\"/>"))
        #expect(xml.contains("<c:crosses val=\"max\"/>"))
        #expect(xml.contains("<c:gapWidth val=\"40\"/>"))
        #expect(xml.contains("<c:dLbls><c:numFmt formatCode=\"[&lt;2]&quot;&quot;;#,##0.0&quot; u&quot;\" sourceLinked=\"0\"/>"))
        #expect(xml.contains("<c:dLblPos val=\"ctr\"/>"))
        #expect(xml.contains("<c:showVal val=\"1\"/>"))
        // The second series has no labels: one dLbls only.
        #expect(xml.components(separatedBy: "<c:dLbls>").count == 2)
    }
}
