import Foundation
import Testing
@testable import PledgeTally
@testable import Render

@Suite("CSVWriter")
struct CSVWriterTests {
    func written(_ body: (inout CSVWriter) throws -> Void) throws -> String {
        let path = NSTemporaryDirectory() + "csvwriter-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path)
        var csv = CSVWriter(file: file)
        try body(&csv)
        try file.finish()
        return String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
    }

    @Test func quotesOnlyWhatNeedsIt() throws {
        let text = try written { csv in
            try csv.text("plain")
            try csv.text("a,b")
            try csv.text("say \"hi\"")
            try csv.text("two\nlines")
            try csv.plain("12.50")
            try csv.empty()
            try csv.endRow()
        }
        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",12.50,\n")
    }

    @Test("formula-looking text is guarded", arguments: [
        ("=SUM(A1)", "'=SUM(A1)"), ("+33 1", "'+33 1"), ("-5", "'-5"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
        ("=1,2", "\"'=1,2\""), ("\r", "\"'\r\""), ("a=b", "a=b"),
    ] as [(String, String)])
    func guardsInjection(value: String, expected: String) throws {
        let text = try written { csv in
            try csv.text(value)
            try csv.endRow()
        }
        #expect(text == expected + "\n")
    }

    @Test func writingIntoAMissingFolderFailsWithThePath() {
        #expect(throws: OutputError.self) { try OutputFile(path: "/nonexistent-folder/x.csv") }
    }
}
