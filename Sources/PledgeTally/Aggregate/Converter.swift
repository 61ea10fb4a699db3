/// Converts pledges to the reporting currency through the euro (SPEC §6).
///
/// amount_rep = amount × q_rep / q_orig, computed exactly and rounded once,
/// half to even, to the reporting currency's minor unit.
public struct Converter: Sendable {
    public let rates: RateTable
    public let reportingCurrency: String
    public let minorDigits: Int
    /// Every (currency, publication day) used, for the Rates sheet.
    public private(set) var used: Set<UsedRate> = []

    public struct UsedRate: Hashable, Sendable, Comparable {
        public var currency: String
        public var day: Day
        public var rate: DecimalAmount
        public static func < (a: UsedRate, b: UsedRate) -> Bool {
            (a.currency, a.day.ordinal) < (b.currency, b.day.ordinal)
        }
    }

    public init(rates: RateTable, reportingCurrency: String) {
        self.rates = rates
        self.reportingCurrency = reportingCurrency
        self.minorDigits = CurrencyUnits.minorDigits(reportingCurrency)
    }

    /// The pledge in the reporting currency, or why it cannot be converted.
    public mutating func convert(_ pledge: Pledge) -> Result<ConvertedPledge, Rejection> {
        guard let amount = pledge.amount, let currency = pledge.currency else {
            return .success(ConvertedPledge(pledge: pledge, rate: nil, amountReported: nil))
        }
        func reject(_ reason: String) -> Result<ConvertedPledge, Rejection> {
            .failure(Rejection(source: pledge.source, line: pledge.line, field: "currency", value: currency, reason: reason))
        }
        if currency == reportingCurrency {
            let rounded = amount.rounded(places: minorDigits)
            return .success(ConvertedPledge(pledge: pledge, rate: ExchangeRate(reportingPerEuro: 1, originalPerEuro: 1, day: nil), amountReported: rounded))
        }
        let original: RateTable.Quote, reporting: RateTable.Quote
        switch rates.quote(currency, on: pledge.date) {
        case .success(let q): original = q
        case .failure(let e): return reject(e.description)
        }
        switch rates.quote(reportingCurrency, on: pledge.date) {
        case .success(let q): reporting = q
        case .failure(let e): return reject(e.description)
        }
        let converted: DecimalAmount
        do {
            converted = try amount.scaled(by: reporting.rate, over: original.rate, places: minorDigits)
        } catch {
            return .failure(Rejection(source: pledge.source, line: pledge.line, field: "amount", value: pledge.amountText,
                                      reason: "the amount is too large to convert exactly"))
        }
        // The ECB day shown is the older of the two quotes (EUR has none of its own).
        let ecbDays = [currency == "EUR" ? nil : original.day, reportingCurrency == "EUR" ? nil : reporting.day].compactMap { $0 }
        let day = ecbDays.min()
        if currency != "EUR" { used.insert(UsedRate(currency: currency, day: original.day, rate: original.rate)) }
        if reportingCurrency != "EUR" { used.insert(UsedRate(currency: reportingCurrency, day: reporting.day, rate: reporting.rate)) }
        let rate = ExchangeRate(reportingPerEuro: reporting.rate, originalPerEuro: original.rate, day: day)
        return .success(ConvertedPledge(pledge: pledge, rate: rate, amountReported: converted))
    }
}
