import Testing
@testable import PledgeTally
@testable import Ingest

/// Numbers, date serials and number formats of xlsx cells, worked by hand.
@Suite("Xlsx cells")
struct XlsxCellTests {
    @Test(arguments: [
        ("1500000", "1500000"), ("0.30000000000000004", "0.3"), ("1.2345678901234568E+18", "1234567890123460000"),
        ("12345678901234567890", "12345678901234600000"), ("-0.25", "-0.25"), ("1E-3", "0.001"),
        ("9.99999999999999999", "10"), ("0", "0"), ("007.500", "7.5"), ("2.5e2", "250"),
        ("123456789012345.5", "123456789012346"), ("0.1234567890123456", "0.123456789012346"),
    ])
    func exactNumberText(xml: String, shown: String) throws {
        #expect(try #require(XlsxNumberText(xml)).text == shown)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1e", "--1", "1e400", " 1"])
    func notNumbers(xml: String) {
        #expect(XlsxNumberText(xml) == nil)
    }

    /// Serials by hand: 1900 system day 1 = 1900-01-01, 59 = 1900-02-28,
    /// 61 = 1900-03-01 (60 is Excel's 29 February 1900); 45698 = 2025-02-10.
    /// 1904 system: 0 = 1904-01-01, 44236 = 2025-02-10 (45698 - 1462).
    @Test func dateSerials() throws {
        func day(_ s: String, _ mac: Bool) -> String? {
            try? XlsxNumberText(s)?.day(date1904: mac).get().description
        }
        #expect(day("1", false) == "1900-01-01")
        #expect(day("59", false) == "1900-02-28")
        #expect(day("60", false) == nil)
        #expect(day("61", false) == "1900-03-01")
        #expect(day("45698", false) == "2025-02-10")
        #expect(day("45698.75", false) == "2025-02-10")
        #expect(day("0", false) == nil)
        #expect(day("-1", false) == nil)
        #expect(day("0", true) == "1904-01-01")
        #expect(day("44236", true) == "2025-02-10")
    }

    @Test(arguments: [
        ("[$€-40C] #,##0", false, "€"), ("\"$\"#,##0", false, "$"), ("£#,##0.00", false, "£"),
        ("#,##0 \"EUR\"", false, "EUR"), ("[$EUR] #,##0", false, "EUR"), ("\\€#,##0", false, "€"),
        ("yyyy-mm-dd", true, nil), ("dd/mm/yyyy", true, nil), ("[h]:mm", true, nil), ("General", false, nil),
        ("#,##0.00", false, nil), ("[Red]#,##0", false, nil), ("[Magenta]0", false, nil), ("[$-409]#,##0", false, nil),
        ("#,##0 \"pledges\"", false, nil), ("0.00E+00", false, nil), ("#,##0;[Red]-\"$\"#,##0", false, nil),
    ] as [(String, Bool, String?)])
    func numberFormats(code: String, isDate: Bool, currency: String?) {
        let format = XlsxNumberFormat(code: code)
        #expect(format.isDate == isDate, "\(code)")
        #expect(format.currency == currency, "\(code)")
    }
}
