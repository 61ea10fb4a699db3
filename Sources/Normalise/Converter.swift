import PledgeTallyCore
import Ingest

/// Converts pledges to the reporting currency through the euro (docs/conversion.md).
///
/// amount_rep = amount × q_rep / q_orig, computed exactly and rounded once,
/// half to even, to the reporting currency's minor unit.
public struct Converter: Sendable {
    public let rates: RateTable
    public let reportingCurrency: Currency
    /// Every (currency, publication day) used, for the Rates sheet.
    public private(set) var used: Set<UsedRate> = []
    /// Pledges refused because they are dated more than `RateTable.maxAgeDays`
    /// after the ECB files' last day (the stale-rates line counts them).
    public private(set) var staleRejections = 0
    private var cache: [Key: Result<ExchangeRate, RateTable.LookupError>] = [:]

    public struct UsedRate: Hashable, Sendable, Comparable {
        public var currency: String
        public var day: Day
        public var rate: DecimalAmount
        /// The rates file it was read from (where files overlap, the newest wins).
        public var file: String = ""
        /// `ECB`, another source's path, or the peg (see `RateTable.Quote.source`).
        public var source: String = ""
        public static func < (a: UsedRate, b: UsedRate) -> Bool {
            (a.currency, a.day.ordinal) < (b.currency, b.day.ordinal)
        }
    }

    public init(rates: RateTable, reportingCurrency: Currency) {
        self.rates = rates
        self.reportingCurrency = reportingCurrency
    }

    /// Decimal places of the reporting currency's minor unit.
    public var minorDigits: Int { reportingCurrency.minorDigits }

    /// The pledge in the reporting currency, or why it cannot be converted.
    public mutating func convert(_ pledge: Pledge) -> Result<ConvertedPledge, Rejection> {
        guard let amount = pledge.amount, let currency = pledge.currency else {
            return .success(ConvertedPledge(pledge: pledge, rate: nil, amountReported: nil))
        }
        func reject(_ reason: String) -> Result<ConvertedPledge, Rejection> {
            .failure(Rejection(source: pledge.source, line: pledge.line, field: "currency", value: currency.code, reason: reason,
                               investor: pledge.investor, amountText: pledge.amountText))
        }
        if currency == reportingCurrency {
            let rounded = amount.rounded(places: minorDigits)
            let low = pledge.qualifier == .range ? pledge.amountLow?.rounded(places: minorDigits) : nil
            return .success(ConvertedPledge(pledge: pledge, rate: .identity, amountReported: rounded, amountLowReported: low))
        }
        let rate: ExchangeRate
        switch exchangeRate(currency, on: pledge.date) {
        case .success(let r): rate = r
        case .failure(let e):
            if e.isStale, let last = rates.ecbLastDay, pledge.date > last.adding(days: RateTable.maxAgeDays) {
                staleRejections += 1
            }
            return reject(e.description)
        }
        do {
            let converted = try amount.scaled(by: rate.reportingPerEuro, over: rate.originalPerEuro, places: minorDigits)
            var low: DecimalAmount?
            if pledge.qualifier == .range, let a = pledge.amountLow {
                low = try a.scaled(by: rate.reportingPerEuro, over: rate.originalPerEuro, places: minorDigits)
            }
            return .success(ConvertedPledge(pledge: pledge, rate: rate, amountReported: converted, amountLowReported: low))
        } catch {
            return .failure(Rejection(source: pledge.source, line: pledge.line, field: "amount", value: pledge.amountText,
                                      reason: "the amount is too large to convert exactly",
                                      investor: pledge.investor, amountText: pledge.amountText))
        }
    }

    private struct Key: Hashable {
        var currency: String
        var day: Int32
    }

    /// The rate from `currency` to the reporting currency on `day`, looked up
    /// once per currency and day (large inputs repeat them).
    private mutating func exchangeRate(_ currency: Currency, on day: Day) -> Result<ExchangeRate, RateTable.LookupError> {
        let key = Key(currency: currency.code, day: day.ordinal)
        if let hit = cache[key] { return hit }
        let result = rates.quote(currency.code, on: day).flatMap { original in
            rates.quote(reportingCurrency.code, on: day).map { reporting -> ExchangeRate in
                // The ECB day shown is the older of the two quotes (EUR has none of its own).
                let days = [currency == .euro ? nil : original.day, reportingCurrency == .euro ? nil : reporting.day]
                if currency != .euro {
                    used.insert(UsedRate(currency: currency.code, day: original.day, rate: original.rate, file: original.file, source: original.source))
                }
                if reportingCurrency != .euro {
                    used.insert(UsedRate(currency: reportingCurrency.code, day: reporting.day, rate: reporting.rate, file: reporting.file,
                                         source: reporting.source))
                }
                // Where the rate comes from: the pledge currency's source, then the reporting currency's when it differs.
                let sources = [original.source, reporting.source].filter { !$0.isEmpty }
                let source = sources.count == 2 && sources[0] != sources[1] ? "\(currency) \(sources[0]); \(reportingCurrency) \(sources[1])"
                    : sources.first ?? ""
                return ExchangeRate(reportingPerEuro: reporting.rate, originalPerEuro: original.rate, day: days.compactMap { $0 }.min(),
                                    source: source)
            }
        }
        cache[key] = result
        return result
    }
}
