import Foundation
import Testing
@testable import XlsxWriter

@Suite("Format")
struct FormatTests {
    @Test func equalFormatsAreEqualValuesAndShareOneCFormat() throws {
        let a = Format().bold().numberFormat("#,##0.00")
        let b = Format().numberFormat("#,##0.00").bold()
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != a.italic())
        #expect(Format().attributes == Format.Attributes())

        let dir = try TemporaryDirectory()
        let book = try Workbook(path: dir.path("f.xlsx"))
        let first = try book.register(a)
        let second = try book.register(b)
        let third = try book.register(a.italic())
        #expect(first.pointer == second.pointer)
        #expect(first.pointer != third.pointer)
        try book.close()
    }

    @Test func attributesReadBack() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("formats.xlsx")
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet(name: "F")
        let header = try book.register(
            Format().bold().fontColor(0x1F4E79).backgroundColor(0xDDEBF7).bottomBorder(.thin).align(.center).textWrap())
        let note = try book.register(Format().italic().underline().fontSize(9).indent(2).fontName("Arial").align(.left))
        let black = try book.register(Format().fontColor(.black).border(.medium).verticalAlign(.top))
        try sheet.write(row: 0, col: 0, string: "header", format: header)
        try sheet.write(row: 1, col: 0, string: "note", format: note)
        try sheet.write(row: 2, col: 0, string: "black", format: black)
        try book.close()

        let s = try OpenPyXL.read(path).sheet("F")
        let h = try s.cell("A1")
        #expect(h.bold && !h.italic)
        #expect(h.fontColor == "FF1F4E79")
        #expect(h.fill == "FFDDEBF7")
        #expect(h.bottomBorder == "thin")
        #expect(h.horizontal == "center")
        #expect(h.wrap)
        let n = try s.cell("A2")
        #expect(n.italic && n.underline && !n.bold)
        #expect(n.fontSize == 9)
        #expect(n.indent == 2)
        #expect(n.horizontal == "left")
        #expect(try s.cell("A3").fontColor == "FF000000")
        #expect(try s.cell("A3").bottomBorder == "medium")
    }

    @Test func invalidFormatsAreRefused() throws {
        let dir = try TemporaryDirectory()
        let book = try Workbook(path: dir.path("bad.xlsx"))
        #expect(throws: XlsxError.self) { _ = try book.register(Format().numberFormat(String(repeating: "0", count: 200))) }
        #expect(throws: XlsxError.self) { _ = try book.register(Format().fontSize(0)) }
        #expect(throws: XlsxError.self) { _ = try book.register(Format().indent(16)) }
        #expect(throws: XlsxError.self) { _ = try book.register(Format().fontName("")) }
        try book.close()
    }
}
