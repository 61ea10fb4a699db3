import Testing
import PledgeTallyCore

@Suite("Currency")
struct CurrencyTests {
    // Minor units as ISO 4217 lists them: yen and won have none, the Kuwaiti
    // and Bahraini dinars three, the euro, dollar and Swiss franc two.
    @Test("minor digits", arguments: [
        ("EUR", 2), ("USD", 2), ("CHF", 2), ("JPY", 0), ("KRW", 0), ("ISK", 0), ("KWD", 3), ("BHD", 3), ("TND", 3),
    ] as [(String, Int)])
    func minorDigits(code: String, digits: Int) {
        #expect(Currency(code).minorDigits == digits)
        #expect(Currency(code).code == code)
        #expect(Currency(code).description == code)
    }

    @Test("a code not listed has two minor digits")
    func unlisted() {
        #expect(Currency("XYZ").minorDigits == 2)
    }

    @Test("equal, hashed and ordered by the code")
    func byCode() {
        let jpy: Currency = "JPY"
        #expect(jpy == Currency("JPY"))
        #expect(Currency.euro != Currency("USD"))
        #expect(Set([Currency("USD"), "USD", .euro]).count == 2)
        #expect([Currency("USD"), "CHF", .euro].sorted().map(\.code) == ["CHF", "EUR", "USD"])
    }
}
