import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Normalise
@testable import Aggregate

@Suite("Converter")
struct ConverterTests {
    static let rates: RateTable = {
        let text = "Date,USD,JPY,GBP\n2025-02-10,1.0320,157.20,0.83310\n"
        return RateTable(files: [try! ECBRateFile.parse(Array(text.utf8), path: "rates/r.csv")])
    }()

    func pledge(_ amount: String, _ currency: Currency?, _ q: Qualifier = .exact, domain: String = "D") -> Pledge {
        Pledge(source: "s.csv", line: 2, investor: "I", domain: domain, domainText: domain, amountText: amount,
               qualifier: q, amount: DecimalAmount(plain: amount), amountLow: nil, currency: currency,
               date: Day(iso: "2025-02-10")!)
    }

    @Test func usdToEuroRoundsOnceHalfToEven() throws {
        var c = Converter(rates: Self.rates, reportingCurrency: "EUR")
        let p = try c.convert(pledge("5000000000", "USD")).get()
        #expect(p.amountReported?.formatted(places: 2) == "4844961240.31")
        #expect(p.rate?.formatted() == "0.9689922481")
        #expect(p.rate?.day == Day(iso: "2025-02-10"))
    }

    /// EUR to USD: 20,000,000,000 × 1.0320 = 20,640,000,000.00 USD.
    @Test func reportsInAnotherCurrencyThroughTheEuro() throws {
        var c = Converter(rates: Self.rates, reportingCurrency: "USD")
        #expect(try c.convert(pledge("20000000000", "EUR")).get().amountReported == DecimalAmount(plain: "20640000000"))
        // GBP to USD: 1,000,000 × 1.0320 / 0.83310 = 1,238,746.8491177… → 1,238,746.85
        #expect(try c.convert(pledge("1000000", "GBP")).get().amountReported == DecimalAmount(plain: "1238746.85"))
        // USD to USD needs no rate.
        let same = try c.convert(pledge("12.345", "USD")).get()
        #expect(same.amountReported == DecimalAmount(plain: "12.34"))
        #expect(same.rate?.day == nil)
    }

    /// JPY has no minor unit: 1,000 EUR × 157.20 = 157,200 JPY; 1 USD → 157.20/1.0320 = 152.3255… → 152.
    @Test func yenHasNoDecimals() throws {
        var c = Converter(rates: Self.rates, reportingCurrency: "JPY")
        #expect(try c.convert(pledge("1", "USD")).get().amountReported == DecimalAmount(plain: "152"))
        #expect(try c.convert(pledge("1000", "EUR")).get().amountReported == DecimalAmount(plain: "157200"))
    }

    @Test func missingRatesReject() {
        var c = Converter(rates: Self.rates, reportingCurrency: "EUR")
        var p = pledge("1", "CHF")
        guard case .failure(let r) = c.convert(p) else { Issue.record("CHF has no rate here"); return }
        #expect(r.field == "currency")
        #expect(r.reason.contains("CHF"))
        p = pledge("1", "USD")
        p.date = Day(iso: "2025-02-18")!
        guard case .failure(let old) = c.convert(p) else { Issue.record("rate is 8 days old"); return }
        #expect(old.reason.contains("more than 7 days"))
    }

    @Test func unspecifiedPledgesPassWithoutAmount() throws {
        var c = Converter(rates: Self.rates, reportingCurrency: "EUR")
        let p = try c.convert(pledge("x", nil, .unspecified)).get()
        #expect(p.amountReported == nil)
        #expect(p.rate == nil)
    }

    @Test func totalsSplitCeilingAndFloor() throws {
        var c = Converter(rates: Self.rates, reportingCurrency: "EUR")
        var totals = DomainTotals()
        try totals.add(try c.convert(pledge("50", "EUR", .upTo, domain: "A")).get())
        try totals.add(try c.convert(pledge("10", "EUR", .range, domain: "A")).get())
        try totals.add(try c.convert(pledge("7", "EUR", .atLeast, domain: "A")).get())
        try totals.add(try c.convert(pledge("3", "EUR", .initial, domain: "A")).get())
        try totals.add(try c.convert(pledge("5", "EUR", .approximately, domain: "A")).get())
        try totals.add(try c.convert(pledge("x", nil, .unspecified, domain: "B")).get())
        try totals.add(try c.convert(pledge("100", "EUR", .exact, domain: "C")).get())
        let rows = totals.rows
        #expect(rows.map(\.domain) == ["C", "A", "B"])
        let a = rows[1]
        #expect(a.pledges == 5)
        #expect(a.total == 75)
        #expect(a.ceiling == 60)
        #expect(a.floor == 10)
        #expect(rows[2].unpriced == 1)
        let grand = try totals.grandTotal()
        #expect(grand.total == 175)
        #expect(grand.pledges == 7)
        // 75 / 175 = 42.857142…% → 42.86
        #expect(a.share(of: grand.total) == DecimalAmount(plain: "42.86"))
    }

    /// Low: each range at its low end, converted and rounded like its high end.
    /// 1,000,000 to 3,000,000 USD at 1.0320 USD/EUR: 1,000,000 / 1.032 = 968,992.2480620… → 968,992.25;
    /// the high end 2,906,976.7441860… → 2,906,976.74. With 50 EUR up to: total 2,907,026.74, low 969,042.25.
    @Test func lowTakesEveryRangeAtItsLowEnd() throws {
        var c = Converter(rates: Self.rates, reportingCurrency: "EUR")
        var range = pledge("3000000", "USD", .range, domain: "A")
        range.amountLow = DecimalAmount(plain: "1000000")
        let converted = try c.convert(range).get()
        #expect(converted.amountLowReported == DecimalAmount(plain: "968992.25"))
        var upTo = pledge("50", "EUR", .upTo, domain: "A")
        upTo.amountLow = nil
        #expect(try c.convert(upTo).get().amountLowReported == nil)
        var totals = DomainTotals()
        try totals.add(converted)
        try totals.add(try c.convert(upTo).get())
        try totals.add(try c.convert(pledge("x", nil, .unspecified, domain: "A")).get())
        let a = totals.rows[0]
        #expect(a.total == DecimalAmount(plain: "2907026.74"))
        #expect(a.low == DecimalAmount(plain: "969042.25"))
        #expect(try totals.grandTotal().low == DecimalAmount(plain: "969042.25"))
    }
}
