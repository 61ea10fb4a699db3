import Testing
@testable import PledgeTally
@testable import PledgeTallyCore

@Suite("DecimalAmount")
struct DecimalAmountTests {
    func d(_ s: String) -> DecimalAmount { DecimalAmount(plain: s)! }

    @Test("plain text parses whole or not at all", arguments: [
        ("20", 20, 0), ("1.2", 12, 1), ("-0.05", -5, 2), ("1.2300", 123, 2), ("007", 7, 0), ("0.000", 0, 0),
    ] as [(String, Int, Int)])
    func parsesPlain(text: String, mantissa: Int, scale: Int) {
        let value = DecimalAmount(plain: text)
        #expect(value?.mantissa == Int128(mantissa))
        #expect(value?.scale == scale)
    }

    @Test("malformed text is refused", arguments: ["", "-", ".", "1,5", "1.2.3", "1e9", " 1", "1 ", "--1", "1-", "+1"])
    func refusesMalformed(text: String) {
        #expect(DecimalAmount(plain: text) == nil)
    }

    @Test func equalValuesCompareEqualWhateverTheirForm() {
        #expect(d("1.50") == d("1.5"))
        #expect(d("1.50").hashValue == d("1.5").hashValue)
        #expect(d("0.1") < d("0.11"))
        #expect(d("-2") < d("1.5"))
    }

    @Test("half to even", arguments: [
        ("2.5", 0, "2"), ("3.5", 0, "4"), ("-2.5", 0, "-2"), ("-3.5", 0, "-4"), ("0.125", 2, "0.12"),
        ("0.135", 2, "0.14"), ("0.1251", 2, "0.13"), ("1.005", 2, "1.00"), ("9.995", 2, "10.00"),
    ] as [(String, Int, String)])
    func roundsHalfToEven(value: String, places: Int, expected: String) {
        #expect(d(value).rounded(places: places).formatted(places: places) == expected)
    }

    /// Apollo's pledge: 5,000,000,000 USD at 1.0320 USD per EUR is
    /// 4,844,961,240.3100775… EUR (checked: 4,844,961,240.31 × 1.032 = 4,999,999,999.99992).
    @Test func convertsApolloExactly() throws {
        let eur = try d("5000000000").scaled(by: 1, over: d("1.0320"), places: 2)
        #expect(eur.formatted(places: 2) == "4844961240.31")
    }

    @Test func scaledRoundsOnceNotTwice() throws {
        // 1 × 1 / 8 = 0.125 exactly → 0.12 (half to even); a first rounding
        // to 3 places then 2 would give the same, so also check 0.0125 → 0.01.
        #expect(try d("1").scaled(by: 1, over: 8, places: 2) == d("0.12"))
        #expect(try d("1").scaled(by: 1, over: 80, places: 3) == d("0.012"))
        #expect(try d("1").scaled(by: 3, over: 80, places: 3) == d("0.038"))   // 0.0375 → 0.038
        #expect(try d("1").scaled(by: 1, over: 3, places: 2, rounding: .towardZero) == d("0.33"))
        #expect(try d("2").scaled(by: 1, over: 3, places: 2, rounding: .towardZero) == d("0.66"))
    }

    @Test func formatsWithoutExponentAndWithFixedPlaces() {
        #expect(d("20000000000").formatted(places: 2) == "20000000000.00")
        #expect(d("0.5").formatted(places: 0) == "0")          // half to even
        #expect(d("-0.05").formatted(places: 2) == "-0.05")
        #expect(d("1.2").description == "1.2")
        #expect(d("1200000000").description == "1200000000")
        #expect(d("0.000001").description == "0.000001")
    }

    /// Expected values from Python: `format(Decimal(v).quantize(…), ',')`.
    @Test("thousands separators for people", arguments: [
        ("295044961240.31", 2, "295,044,961,240.31"), ("-1234567.5", 2, "-1,234,567.50"), ("999", 2, "999.00"),
        ("1000", 0, "1,000"), ("-100", 2, "-100.00"), ("0.5", 0, "0"), ("-0.05", 2, "-0.05"),
    ] as [(String, Int, String)])
    func grouped(value: String, places: Int, expected: String) {
        #expect(d(value).grouped(places: places) == expected)
    }

    @Test("significant digits keep trailing zeros", arguments: [
        ("1", 10, "1.000000000"), ("0.968992248062015", 10, "0.9689922481"), ("175.68", 10, "175.6800000"),
        ("20275.17", 10, "20275.17000"), ("0.00012345", 3, "0.000123"),
    ] as [(String, Int, String)])
    func significantDigits(value: String, digits: Int, expected: String) {
        #expect(d(value).formatted(significantDigits: digits) == expected)
    }

    @Test func overflowIsReportedNotWrapped() {
        let big = DecimalAmount(mantissa: Int128.max / 2)
        #expect(throws: DecimalAmount.Overflow.self) { try big.adding(big).adding(big) }
        #expect(throws: DecimalAmount.Overflow.self) { try big.multiplied(byPowerOfTen: 2) }
        #expect(DecimalAmount(plain: String(repeating: "9", count: 60)) == nil)
    }

    @Test func powersOfTenMoveTheDecimalPoint() throws {
        #expect(try d("1.2").multiplied(byPowerOfTen: 9) == d("1200000000"))
        #expect(try d("10372").multiplied(byPowerOfTen: 7) == d("103720000000"))
        #expect(try d("5").multiplied(byPowerOfTen: -3) == d("0.005"))
    }
}
