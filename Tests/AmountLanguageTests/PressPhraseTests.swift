import Testing
@testable import AmountLanguage
import PledgeTallyCore

/// The press's shapes of round 2, in both languages, each with its reading
/// worked out by hand (amounts in units: "vingt-cinq milliards" is 25 × 10^9).
@Suite("AmountParser press phrases, round 2")
struct PressPhraseTests {
    static let frenchNumberWords: [AmountCase] = [
        .exact("vingt milliards", "20000000000", nil),
        .exact("cent milliards d’euros", "100000000000", "EUR"),
        .exact("deux cents millions d’euros", "200000000", "EUR"),
        .exact("trois cent millions d’euros", "300000000", "EUR"),
        .exact("cent cinquante millions d’euros", "150000000", "EUR"),
        .exact("onze milliards d’euros", "11000000000", "EUR"),
        .exact("seize millions d'euros", "16000000", "EUR"),
        .exact("dix-sept milliards d’euros", "17000000000", "EUR"),
        .exact("vingt-cinq milliards d’euros", "25000000000", "EUR"),
        .exact("trente-deux millions d’euros", "32000000", "EUR"),
        .exact("vingt et un milliards d’euros", "21000000000", "EUR"),
        .exact("soixante-dix millions d’euros", "70000000", "EUR"),
        .exact("soixante et onze millions d’euros", "71000000", "EUR"),
        .exact("quatre-vingts millions d’euros", "80000000", "EUR"),
        .exact("quatre-vingt-dix milliards d’euros", "90000000000", "EUR"),
        .exact("quatre-vingt-quinze millions d’euros", "95000000", "EUR"),
        .exact("mille milliards d’euros", "1000000000000", "EUR"),
        .exact("deux mille cinq cents euros", "2500", "EUR"),
        .exact("cinq mille euros", "5000", "EUR"),
        AmountCase("jusqu’à cinquante milliards d’euros", .upTo, "50000000000", "EUR"),
        .range("entre vingt et trente milliards d’euros", "30000000000", "20000000000", "EUR"),
    ]

    static let englishNumberWords: [AmountCase] = [
        .exact("twenty billion dollars", "20000000000", "USD"),
        .exact("a hundred billion dollars", "100000000000", "USD"),
        .exact("one hundred and fifty million pounds", "150000000", "GBP"),
        .exact("two hundred million euros", "200000000", "EUR"),
        .exact("eleven billion euros", "11000000000", "EUR"),
        .exact("nineteen million dollars", "19000000", "USD"),
        .exact("twenty-five billion dollars", "25000000000", "USD"),
        .exact("ninety-nine million euros", "99000000", "EUR"),
        .exact("seventy-five million pounds", "75000000", "GBP"),
        .exact("forty thousand dollars", "40000", "USD"),
        AmountCase("up to thirty billion euros", .upTo, "30000000000", "EUR"),
        .range("between twenty and thirty billion dollars", "30000000000", "20000000000", "USD"),
    ]

    static let fractions: [AmountCase] = [
        .exact("un demi-milliard d’euros", "500000000", "EUR"),
        .exact("un milliard et demi d’euros", "1500000000", "EUR"),
        .exact("deux milliards et demi d’euros", "2500000000", "EUR"),
        .exact("un million et demi d'euros", "1500000", "EUR"),
        .exact("half a billion dollars", "500000000", "USD"),
        .exact("a quarter of a billion pounds", "250000000", "GBP"),
        .exact("three quarters of a billion euros", "750000000", "EUR"),
        .exact("one and a half billion euros", "1500000000", "EUR"),
        .exact("a billion and a half dollars", "1500000000", "USD"),
        .exact("two and a half million pounds", "2500000", "GBP"),
    ]

    static let elisionsAndArticles: [AmountCase] = [
        AmountCase("plus d’un milliard d’euros", .atLeast, "1000000000", "EUR"),
        AmountCase("plus d'un milliard d'euros", .atLeast, "1000000000", "EUR"),
        AmountCase("près d’un milliard", .approximately, "1000000000", nil),
        AmountCase("pas moins d’un milliard d’euros", .atLeast, "1000000000", "EUR"),
        AmountCase("plus qu’un milliard d’euros", .atLeast, "1000000000", "EUR"),
        .exact("a $100bn fund", "100000000000", "USD"),
        .exact("an extra £500m", "500000000", "GBP"),
        AmountCase("up to a further $10bn", .upTo, "10000000000", "USD"),
        AmountCase("an initial $5bn", .initial, "5000000000", "USD"),
        .exact("a €1bn investment", "1000000000", "EUR"),
    ]

    static let unchangedWords: [AmountCase] = [
        .exact("$1.5 billion in additional funding", "1500000000", "USD"),
        .exact("£2.5bn of new investment", "2500000000", "GBP"),
        AmountCase("au moins 10 Md€ supplémentaires", .atLeast, "10000000000", "EUR"),
        .exact("10 milliards d’euros supplémentaires", "10000000000", "EUR"),
        .exact("5 milliards d’euros d’investissements", "5000000000", "EUR"),
        .exact("2 milliards d'euros d’investissement", "2000000000", "EUR"),
        .exact("2 milliards d'euros de financement", "2000000000", "EUR"),
        .exact("€3bn package", "3000000000", "EUR"),
        .exact("$4bn in investments", "4000000000", "USD"),
        .exact("fresh $2bn", "2000000000", "USD"),
        .exact("€700m of fresh funding", "700000000", "EUR"),
        .exact("nouveaux 3 milliards d’euros", "3000000000", "EUR"),
    ]

    static let plusAfterAFigure: [AmountCase] = [
        AmountCase("€1.2bn-plus", .atLeast, "1200000000", "EUR"),
        AmountCase("$20bn-plus", .atLeast, "20000000000", "USD"),
        AmountCase("a $20bn-plus fund", .atLeast, "20000000000", "USD"),
    ]

    static let vagueQuantities: [AmountCase] = [
        .unspecified("hundreds of millions of dollars"),
        .unspecified("billions of dollars"),
        .unspecified("several billion euros"),
        .unspecified("multi-billion"),
        .unspecified("a multi-billion dollar investment"),
        .unspecified("tens of billions of pounds"),
        .unspecified("plusieurs milliards d’euros"),
        .unspecified("des milliards d’euros"),
        .unspecified("plusieurs centaines de millions d’euros"),
    ]

    static let indianGrouping: [AmountCase] = [
        .exact("₹1,05,600 crore", "1056000000000", "INR"),
        .exact("Rs 12,34,567", "1234567", "INR"),
        .exact("₹1,00,000 crore", "1000000000000", "INR"),
        .exact("₹12,34,567.50", "1234567.5", "INR"),
        .exact("Rs 1,50,00,000", "15000000", "INR"),
    ]

    static let currencySymbols: [AmountCase] = [
        .exact("5 mld zł", "5000000000", "PLN"),
        .exact("100 mln zł", "100000000", "PLN"),
        .exact("2 mld Kč", "2000000000", "CZK"),
        .exact("500 M Ft", "500000000", "HUF"),
    ]

    @Test("French number words", arguments: frenchNumberWords) func french(_ c: AmountCase) { expectParses(c) }
    @Test("English number words", arguments: englishNumberWords) func english(_ c: AmountCase) { expectParses(c) }
    @Test("Fractions", arguments: fractions) func fraction(_ c: AmountCase) { expectParses(c) }
    @Test("Elisions and articles", arguments: elisionsAndArticles) func article(_ c: AmountCase) { expectParses(c) }
    @Test("Words that do not change the amount", arguments: unchangedWords) func unchanged(_ c: AmountCase) {
        expectParses(c)
    }
    @Test("-plus after a figure", arguments: plusAfterAFigure) func plus(_ c: AmountCase) { expectParses(c) }
    @Test("Vague quantities are unspecified", arguments: vagueQuantities) func vague(_ c: AmountCase) { expectParses(c) }
    @Test("Indian digit grouping", arguments: indianGrouping) func indian(_ c: AmountCase) { expectParses(c) }
    @Test("zł, Kč, Ft", arguments: currencySymbols) func symbols(_ c: AmountCase) { expectParses(c) }

    /// Shared currencies: `kr` names none alone; `$` is USD unless a column chooses another dollar.
    @Test func sharedCurrencies() throws {
        let kr = try AmountParser.parse("5 Mrd kr").get()
        #expect(kr.currency == nil)
        #expect(kr.currencyChoices == ["SEK", "NOK", "DKK", "ISK"])
        #expect(kr.currencyText == "kr")
        #expect(kr.amount == DecimalAmount(plain: "5000000000"))
        let dollar = try AmountParser.parse("$2.5bn").get()
        #expect(dollar.currency == "USD")
        #expect(dollar.currencyChoices.contains("CAD") && dollar.currencyChoices.contains("AUD"))
        let us = try AmountParser.parse("US$2.5bn").get()
        #expect(us.currency == "USD" && us.currencyChoices.isEmpty)
        let chosen = try AmountParser.parse("$5bn CAD").get()
        #expect(chosen.currency == "CAD" && chosen.currencyChoices.isEmpty)
    }

    static let stillErrors: [AmountErrorCase] = [
        AmountErrorCase("a lot of money", "unexpected word ‘a’"),
        AmountErrorCase("twenty-ish billion", "unknown word ‘ish’"),
        AmountErrorCase("vingt-ish milliards", "unknown word ‘ish’"),
        AmountErrorCase("zillions of dollars", "unknown word ‘zillions’"),
        AmountErrorCase("half", "unexpected word ‘half’"),
        AmountErrorCase("un demi", "unexpected word ‘un’"),
        AmountErrorCase("a quarter", "unexpected word ‘a’"),
        AmountErrorCase("et demi", "unexpected word ‘et’"),
        AmountErrorCase("1,5 milliard et demi", "a half to a number with decimals"),
        AmountErrorCase("deux milliards et demi et demi", "unexpected word"),
        AmountErrorCase("$5bn plus", "unexpected word ‘plus’"),
        AmountErrorCase("plus", "unexpected word ‘plus’"),
        AmountErrorCase("twenty twenty billion", "two different amounts"),
        AmountErrorCase("cent cent millions", "two different amounts"),
        AmountErrorCase("hundreds of millions, 5 billion", "and an amount"),
        AmountErrorCase("₹1,05,60,0 crore", "malformed number"),
        AmountErrorCase("Rs 1,2345,678", "malformed number"),
        AmountErrorCase("5 kroons", "unknown currency ‘kroons’"),
        AmountErrorCase("an amount of money", "unexpected word ‘an’"),
        AmountErrorCase("a fund", "unexpected word ‘a’"),
    ]

    @Test("Still refused", arguments: stillErrors)
    func refused(_ c: AmountErrorCase) { expectRefused(c) }
}
