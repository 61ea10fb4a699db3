import Foundation
import ZIPFoundation

/// FuzzXlsx's inputs as workbooks. Most fuzzed zips fail their checksums, so
/// the reader's XML and cell handling would hardly be reached: an input that
/// does not start with a zip signature is taken as the XML of the parts of a
/// valid workbook, built in memory with ZIPFoundation (every part deflated):
///
///     sheet XML  NUL  shared strings XML  NUL  styles XML
///
/// (NUL, which XML never holds, separates them). Without a second part the
/// workbook has no shared strings; without a third, ``defaultStyles``. The
/// workbook has one visible sheet, `S`; a first byte `1` before the sheet XML
/// turns on the 1904 date system. An input that starts with `PK` is read as
/// a zip as it is (the raw mode: the kept corpus of whole workbooks).
public enum XlsxFuzzWorkbook {
    /// Cell styles with the number formats the reader looks at: 0 general,
    /// 1 a date (built-in 14), 2 `"$"#,##0`, 3 `[$€-40C]#,##0.00`, 4
    /// `yyyy-mm-dd hh:mm`, 5 `£#,##0`, 6 text (49).
    public static let defaultStyles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="4">\
        <numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0"/><numFmt numFmtId="165" formatCode="[$€-40C]#,##0.00"/>\
        <numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="167" formatCode="£#,##0"/></numFmts>\
        <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>\
        <xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="49"/></cellXfs></styleSheet>
        """

    /// Whether the input is read as a zip as it is.
    public static func isRaw(_ input: UnsafeRawBufferPointer) -> Bool {
        input.count >= 2 && input[0] == 0x50 && input[1] == 0x4B
    }

    /// The workbook (zip bytes) for a non-raw input.
    public static func workbook(_ input: UnsafeRawBufferPointer) -> Data {
        var bytes = input[...]
        var date1904 = false
        if bytes.first == 0x31 {   // "1"
            date1904 = true
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map { Data($0) }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var links = "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
        if parts.count > 1 {
            links += "<Relationship Id=\"rId3\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        var files: [(String, Data)] = [
            ("[Content_Types].xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/></Types>
                """.utf8)),
            ("_rels/.rels", Data("""
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """.utf8)),
            ("xl/workbook.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(rel)">\
                <workbookPr date1904="\(date1904 ? 1 : 0)"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
                """.utf8)),
            ("xl/_rels/workbook.xml.rels", Data("""
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(links)</Relationships>
                """.utf8)),
            ("xl/worksheets/sheet1.xml", parts.first ?? Data()),
            ("xl/styles.xml", parts.count > 2 ? parts[2] : Data(defaultStyles.utf8)),
        ]
        if parts.count > 1 { files.append(("xl/sharedStrings.xml", parts[1])) }
        return zip(files)
    }

    /// A zip of the files, each deflated.
    static func zip(_ files: [(String, Data)]) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, data) in files {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
                }
            }
            guard let bytes = archive.data else { fatalError("ZIPFoundation gave no in-memory zip") }
            return bytes
        } catch {
            fatalError("cannot build the workbook in memory: \(error)")
        }
    }
}
