import Foundation
import FuzzChecks
import Testing
@testable import PledgeTally
@testable import Ingest

/// `.xlsx` pledge files written by openpyxl and LibreOffice
/// (Tests/Workbook/make_pledge_workbooks.py, whose docstring says what each
/// holds); the expected values are worked out from what that script writes.
@Suite("Xlsx pledge files", .serialized)
struct XlsxReaderTests {
    /// The workbooks, made once.
    nonisolated(unsafe) static let scratch = Result { try TemporaryDirectory() }
    static let workbooks: Result<String, any Error> = Result {
        let folder = try scratch.get().makeFolder("workbooks")
        let made = try WorkbookClients.python("make_pledge_workbooks.py", [folder])
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["output": made.output]) }
        let office = try WorkbookClients.python("make_pledge_workbooks.py", [folder, "--libreoffice"])
        guard office.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["output": office.output]) }
        try FileManager.default.removeItem(atPath: folder + "/lo-work")
        try FileManager.default.copyItem(atPath: WorkbookClients.scripts + "/fixtures/encrypted.xlsx",
                                        toPath: folder + "/encrypted.xlsx")
        return folder
    }

    static func events(_ name: String) throws -> [IngestEvent] {
        let folder = try workbooks.get()
        let file = PledgeFile(name: name, path: folder + "/" + name, format: try #require(PledgeFileFormat(fileName: name)))
        var events: [IngestEvent] = []
        try Ingest.read(file) { events.append($0) }
        return events
    }

    @Test func cellKinds() throws {
        let events = try Self.events("cells.xlsx")
        let records = events.compactMap(\.rawRecord)
        let byLine = Dictionary(records.map { ($0.source + ":" + String($0.line), $0) }, uniquingKeysWith: { a, _ in a })
        let s = "cells.xlsx#Pledges:"
        // A title row merged above the header, an empty row, the header on row 3.
        #expect(records.first?.line == 4)
        let mistral = try #require(byLine[s + "4"])
        #expect(mistral.amount == "1500000000" && mistral.currency == "€" && mistral.date == "2025-02-10")
        #expect(mistral.sourceURL == "https://example.org/a" && mistral.notes == "confirmed")
        #expect(byLine[s + "5"]?.investor == "Brookfield")          // rich text runs joined
        #expect(byLine[s + "5"]?.date == "2025-02-11")              // a text date, as written
        #expect(byLine[s + "6"]?.currency == "$" && byLine[s + "6"]?.date == "2025-02-12")
        #expect(byLine[s + "9"]?.amount == "0.3" && byLine[s + "9"]?.currency == "£")
        #expect(byLine[s + "10"]?.amount == "123456789012.346")     // 17 digits in the XML, 15 shown
        #expect(byLine[s + "11"]?.currency == "CHF")                // the column wins over the format
        #expect(byLine[s + "13"]?.domain == "Energy")               // from the merged C12:C13
        #expect(byLine[s + "14"]?.investor == "Hidden Row")         // hidden rows are read
        #expect(byLine[s + "15"]?.investor == "TRUE")
        let more = try #require(byLine["cells.xlsx#More:2"])
        #expect(more.notes == "from the second sheet" && more.amount == "€5m")

        let rejections = events.compactMap(\.rejection)
        #expect(rejections.count == 2)
        #expect(rejections.contains { $0.line == 7 && $0.field == "amount" && $0.reason.contains("formula") })
        #expect(rejections.contains { $0.line == 8 && $0.value == "#N/A" && $0.reason.contains("error") })

        let notes = events.compactMap { if case .note(let line) = $0 { return line } else { return nil } }
        #expect(notes.filter { $0.contains("column ‘Analyst’ is not used") }.count == 1)
        #expect(notes.contains { $0.contains("‘Notes’ skipped") })
        #expect(notes.contains { $0.contains("‘Old’ skipped: it is hidden") })
        #expect(!records.contains { $0.investor == "Ghost" })
    }

    @Test func inlineStringsAnd1904Dates() throws {
        let inline = try Self.events("inline.xlsx").compactMap(\.rawRecord)
        #expect(inline.map(\.investor) == ["Inline One", "Inline Two"] && inline.first?.source == "inline.xlsx#Data")
        let mac = try Self.events("mac1904.xlsx").compactMap(\.rawRecord)
        #expect(mac.first?.date == "2025-02-10")
        // Every part stored, not compressed (ZIPFoundation reads those itself).
        let stored = try Self.events("stored.xlsx").compactMap(\.rawRecord)
        #expect(stored.map(\.investor) == ["Inline One", "Inline Two"])
    }

    @Test func libreOfficeWorkbooks() throws {
        let csv = try Self.events("lo-from-csv.xlsx").compactMap(\.rawRecord)
        #expect(csv.map(\.investor) == ["CSV One", "CSV Two"])
        #expect(csv.map(\.date) == ["2025-02-10", "2025-02-11"])
        let ods = try Self.events("lo-from-ods.xlsx")
        #expect(ods.compactMap(\.rawRecord).map(\.amount) == ["1000000", "2000000"])   // a formula's saved result
        #expect(ods.compactMap(\.rejection).map(\.value) == ["#DIV/0!"])
    }

    @Test(arguments: [
        ("noheader.xlsx", "no sheet has a header row"),
        ("duplicate.xlsx", "both name the amount"),
        ("damaged-xml.xlsx", "XML is damaged"),
        ("truncated.xlsx", "zip container is damaged"),
        ("bomb.xlsx", "zip bomb"),
        ("lying.xlsx", "longer than its header says"),
        ("bzip2.xlsx", "compressed with method 12, not deflate"),
        ("encrypted.xlsx", "password-protected"),
        ("old.xls", "save it as .xlsx"),
    ])
    func unreadableWorkbook(name: String, reason: String) throws {
        let rejections = try Self.events(name).compactMap(\.rejection)
        #expect(rejections.count == 1 && rejections.first?.field == "file", "\(rejections)")
        #expect(rejections.first?.reason.contains(reason) == true, "\(rejections)")
        #expect(rejections.first?.source.hasPrefix(name) == true)
    }

    /// A real expansion past the limit (the part's headers tell the truth).
    @Test func expansionIsBounded() throws {
        let folder = try Self.workbooks.get()
        var reader = XlsxReader(file: PledgeFile(name: "inline.xlsx", path: folder + "/inline.xlsx", format: .xlsx))
        reader.totalLimit = 2_000
        var events: [IngestEvent] = []
        try reader.read { events.append($0) }
        #expect(events.compactMap(\.rejection).first?.reason.contains("zip bomb") == true, "\(events)")
    }

    /// Every case through the release binary: the good records are priced, the
    /// bad files are one rejection each and the run goes on.
    @Test func runThroughTheBinary() throws {
        let dir = try TemporaryDirectory()
        let input = try Command.copyDefaultInput(to: dir)
        let pledges = input + "/pledges"
        for name in try FileManager.default.contentsOfDirectory(atPath: pledges) {
            try FileManager.default.removeItem(atPath: pledges + "/" + name)
        }
        let folder = try Self.workbooks.get()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: pledges + "/" + name)
        }
        let r = try Command.run(["run", "--input", input, "--output", dir.path("Out"), "--date", "2025-02-10"],
                                timeout: 300)
        try #require(!r.timedOut, "the run hung")
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try Command.read(dir.path("Out") + "/pledges.csv")
        #expect(csv.contains("cells.xlsx#Pledges,4,Mistral AI,Energy,Energy,1500000000,exact,1500000000.00,,EUR,2025-02-10,"))
        #expect(csv.contains("cells.xlsx#Pledges,6,Fluidstack,Energy,Energy,10000000000,exact,10000000000.00,,USD,2025-02-12,"))
        #expect(csv.contains("cells.xlsx#Pledges,9,Sum AG,Energy,Energy,0.3,exact,0.30,,GBP,"))
        #expect(csv.contains("cells.xlsx#Pledges,10,Big Co,Energy,Energy,123456789012.346,exact,123456789012.346,,EUR,"))
        #expect(csv.contains("lo-from-csv.xlsx#lo-from-csv,2,CSV One,Energy,Energy,€1.5m,exact,1500000.00,,EUR,2025-02-10,"))
        #expect(csv.contains("lo-from-ods.xlsx#Feuille,3,ODS Deux,Energy,Energy,2000000,exact,2000000.00,,EUR,"))
        let rejected = try Command.read(dir.path("Out") + "/rejected.csv")
        let lines = rejected.split(separator: "\n")
        for name in ["bomb.xlsx", "encrypted.xlsx", "old.xls", "truncated.xlsx", "noheader.xlsx", "damaged-xml.xlsx",
                     "stalled.xlsx", "bzip2.xlsx"] {
            // source,line,investor,amount_text,field,…
            #expect(lines.filter { $0.hasPrefix(name) && $0.contains(",0,,,file,") }.count == 1, "\(name) not rejected as a file")
        }
        #expect(r.stderr.contains("cells.xlsx: column ‘Analyst’ is not used"))
        #expect(r.stderr.contains("cells.xlsx: sheet ‘Notes’ skipped"))
    }

    /// A deflate stream that never ends (stalled.xlsx: a stored block
    /// announcing 65,535 bytes in a file that ends sooner) made ZIPFoundation's
    /// extract spin forever: now that file is one "damaged" rejection and the
    /// file after it is read. Through the release binary, killed after 60 s.
    @Test func stalledDeflateStream() throws {
        let dir = try TemporaryDirectory()
        let input = try Command.copyDefaultInput(to: dir)
        let pledges = input + "/pledges"
        for name in try FileManager.default.contentsOfDirectory(atPath: pledges) {
            try FileManager.default.removeItem(atPath: pledges + "/" + name)
        }
        let folder = try Self.workbooks.get()
        try FileManager.default.copyItem(atPath: folder + "/stalled.xlsx", toPath: pledges + "/a-stalled.xlsx")
        try FileManager.default.copyItem(atPath: folder + "/inline.xlsx", toPath: pledges + "/b-inline.xlsx")
        let r = try Command.run(["run", "--input", input, "--output", dir.path("Out"), "--date", "2025-02-10"],
                                timeout: 60)
        try #require(!r.timedOut, "the run hung on a deflate stream that does not end")
        #expect(r.status == 0, "\(r.stderr)")
        let rejected = try Command.read(dir.path("Out") + "/rejected.csv").split(separator: "\n").dropFirst()
        #expect(rejected.count == 1, "\(rejected)")
        #expect(rejected.first?.hasPrefix("a-stalled.xlsx") == true && rejected.first?.contains(",0,,,file,") == true)
        #expect(rejected.first?.contains("the zip container is damaged: the deflate stream of xl/worksheets/sheet1.xml runs past its") == true)
        let csv = try Command.read(dir.path("Out") + "/pledges.csv")
        #expect(csv.contains("b-inline.xlsx#Data,2,Inline One,") && csv.contains("b-inline.xlsx#Data,3,Inline Two,"))
    }

    /// The xlsx fuzz corpus through the fuzz target's checks.
    @Test func fuzzCorpus() throws {
        let names = CorpusReplayTests.names("xlsx-corpus")
        #expect(names.count >= 5)
        let scratch = ScratchFile()
        for name in names {
            let problems = try CorpusReplayTests.contents("xlsx-corpus", name).withUnsafeBytes {
                XlsxFileChecks.problems($0, in: scratch)
            }
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    /// The events of sheet XML (and shared strings, styles: FuzzXlsx's XML
    /// mode) wrapped into a workbook by ``XlsxFuzzWorkbook``.
    static func wrapped(_ input: [UInt8]) throws -> [IngestEvent] {
        #expect(!input.withUnsafeBytes(XlsxFuzzWorkbook.isRaw))
        let dir = try TemporaryDirectory()
        let path = dir.path("wrapped.xlsx")
        try input.withUnsafeBytes { XlsxFuzzWorkbook.workbook($0) }.write(to: URL(fileURLWithPath: path))
        var events: [IngestEvent] = []
        try Ingest.read(PledgeFile(name: "w.xlsx", path: path, format: .xlsx)) { events.append($0) }
        return events
    }

    /// FuzzXlsx's XML mode builds a workbook the reader reads: the corpus's
    /// sheet XML (inline strings; shared strings with rich text; the 1904
    /// date system; number formats) gives the records written in it, from sheet `S`.
    @Test func fuzzXMLModeMakesAWorkbook() throws {
        func records(_ name: String) throws -> [RawRecord] {
            let events = try Self.wrapped(CorpusReplayTests.contents("xlsx-corpus", name))
            #expect(!events.contains { $0.rejection?.field == "file" }, "\(events)")
            return events.compactMap(\.rawRecord)
        }
        let inline = try records("xml-inline.txt")
        #expect(inline.map(\.investor) == ["Mistral AI", "Brookfield"] && inline.first?.source == "w.xlsx#S")
        #expect(inline.map(\.amount) == ["€1.5bn", "up to 20 Md€"])
        let shared = try records("xml-shared.txt")
        #expect(shared.map(\.investor) == ["Brookfield"] && shared.first?.amount == "1500000000")
        #expect(shared.first?.date == "2025-02-10" && shared.first?.currency == "EUR")   // serial 45698, 1900 system
        #expect(try records("xml-1904.txt").first?.date == "2025-02-10")                 // serial 44236, 1904 system
        let styled = try records("xml-styles.txt")
        #expect(styled.first?.currency == "$" && styled.first?.date == "2025-02-10")     // "$"#,##0; 45698.5 with a time
    }

    /// A cell reference without a column (`r="22"`, found by FuzzXlsx) made
    /// the reader index column -1 and crash the run; such a cell, like one
    /// without `r`, follows the previous cell. A row numbered 0, or past
    /// Excel's 1,048,576 (`r="99999999999999999999"` would overflow the
    /// next row's number), follows the previous row.
    @Test func cellAndRowReferencesOutOfRange() throws {
        let fuzzed = try Self.wrapped(CorpusReplayTests.contents("xlsx-corpus", "xml-cell-reference-without-column.txt"))
        #expect(fuzzed.compactMap(\.rawRecord).map(\.date) == ["2025-02-10"])   // the cell after C2 is D2, the date

        func cell(_ r: String, _ text: String) -> String { "<c r=\"\(r)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
        let sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\">" + cell("A1", "investor") + cell("B1", "amount") + cell("C1", "domain") + "</row>"
            + "<row r=\"0\">" + cell("A", "Zero") + cell("B0", "€1m") + cell("7", "Energy") + "</row>"
            + "<row r=\"99999999999999999999\">" + cell("A9", "Huge") + cell("B9", "€2m") + cell("C9", "AI") + "</row>"
            + "<row>" + cell("A1", "Next") + cell("B1", "€3m") + cell("C1", "AI") + "</row>"
            + "</sheetData></worksheet>"
        let records = try Self.wrapped(Array(sheet.utf8)).compactMap(\.rawRecord)
        #expect(records.map(\.line) == [2, 3, 4])
        #expect(records.map(\.investor) == ["Zero", "Huge", "Next"] && records.first?.domain == "Energy")
    }

    /// The report's own Pledges sheet read back as input gives the same
    /// pledges and totals per domain (with domains.csv also mapping each
    /// domain name to itself, as the sheet holds the mapped names). Ceilings
    /// and floors are not kept: the sheet's Amount is a number, so exact.
    @Test func reportReadBack() throws {
        let dir = try TemporaryDirectory()
        let first = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("One"),
                                     "--date", "2025-02-10"])
        #expect(first.status == 0, "\(first.stderr)")
        let input = try Command.copyDefaultInput(to: dir, as: "Again")
        for name in try FileManager.default.contentsOfDirectory(atPath: input + "/pledges") {
            try FileManager.default.removeItem(atPath: input + "/pledges/" + name)
        }
        try FileManager.default.copyItem(atPath: dir.path("One") + "/report.xlsx", toPath: input + "/pledges/report.xlsx")
        let byDomain = try Command.read(dir.path("One") + "/by_domain.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var rules = try Command.read(input + "/domains.csv")
        for row in byDomain.dropFirst() where row[0] != "TOTAL" { rules += "\(row[0]),\(row[0])\n" }
        try rules.write(toFile: input + "/domains.csv", atomically: true, encoding: .utf8)

        let again = try Command.run(["run", "--input", input, "--output", dir.path("Two"), "--date", "2025-02-10"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("report.xlsx: sheet ‘Summary’ skipped"))
        let back = try Command.read(dir.path("Two") + "/by_domain.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // domain, pledges, unpriced, total: the same rows.
        #expect(Set(back.map { $0.prefix(4) }) == Set(byDomain.map { $0.prefix(4) }), "\(back) vs \(byDomain)")
        #expect(back.last?[3] == "295044961240.31")   // SummitRunTests' total, worked by hand
    }
}
