import PledgeTallyCore
import Normalise

/// The Summary's breakdowns, built one pledge at a time: the latest pledge
/// date, the totals by currency and by investor.
///
/// Memory is bounded: currencies are few, and investors are tracked from the
/// first `maxInvestors` distinct names only (a name first seen later is not
/// counted, and ``investorsSaturated`` says so); a tracked investor's figures
/// are exact. Names are kept as written and folded (case ignored, as Excel's
/// COUNTIFS/SUMIFS compare) only at the end, by ``largestInvestors(_:)``.
public struct Breakdown: Sendable {
    public static let maxInvestors = 50_000

    /// One currency's pledges (priced ones: an unpriced pledge has no currency).
    public struct CurrencyTotal: Sendable, Equatable {
        public var currency: Currency
        public var pledges = 0
        /// The sum of the amounts as written, in the currency (range: high end).
        public var amount: DecimalAmount = .zero
        /// The sum of the amounts in the reporting currency.
        public var reported: DecimalAmount = .zero
    }

    /// One investor's pledges (unpriced ones counted, adding nothing).
    public struct InvestorTotal: Sendable, Equatable {
        public var investor: String
        public var pledges = 0
        public var total: DecimalAmount = .zero
    }

    public private(set) var latestDay: Day?
    public private(set) var investorsSaturated = false
    private var currencies: [Currency: CurrencyTotal] = [:]
    private var investors: [String: InvestorTotal] = [:]

    public init() {}

    public mutating func add(_ p: ConvertedPledge) throws(DecimalAmount.Overflow) {
        let pledge = p.pledge
        if latestDay.map({ pledge.date > $0 }) ?? true { latestDay = pledge.date }
        if let currency = pledge.currency, let amount = pledge.amount, let reported = p.amountReported {
            var c = currencies[currency] ?? CurrencyTotal(currency: currency)
            c.pledges += 1
            c.amount = try c.amount.adding(amount)
            c.reported = try c.reported.adding(reported)
            currencies[currency] = c
        }
        if investors[pledge.investor] == nil {
            if investors.count >= Self.maxInvestors {
                investorsSaturated = true
                return
            }
            investors[pledge.investor] = InvestorTotal(investor: pledge.investor)
        }
        investors[pledge.investor]!.pledges += 1
        if let reported = p.amountReported {
            investors[pledge.investor]!.total = try investors[pledge.investor]!.total.adding(reported)
        }
    }

    /// Currencies by amount in the reporting currency, descending, then code.
    public var byCurrency: [CurrencyTotal] {
        currencies.values.sorted { a, b in a.reported != b.reported ? a.reported > b.reported : a.currency < b.currency }
    }

    /// The `count` largest investors by total, then pledges, then name. Names
    /// that differ only in case are one investor (shown as the spelling with
    /// the most pledges, then the first in byte order). An empty name is left out.
    public func largestInvestors(_ count: Int) throws(DecimalAmount.Overflow) -> [InvestorTotal] {
        var folded: [String: (InvestorTotal, best: InvestorTotal)] = [:]
        for i in investors.values where !i.investor.isEmpty {
            let key = i.investor.lowercased()
            if var (sum, best) = folded[key] {
                sum.pledges += i.pledges
                sum.total = try sum.total.adding(i.total)
                if i.pledges > best.pledges
                    || (i.pledges == best.pledges && i.investor.utf8.lexicographicallyPrecedes(best.investor.utf8)) {
                    best = i
                }
                sum.investor = best.investor
                folded[key] = (sum, best)
            } else {
                folded[key] = (i, i)
            }
        }
        let all = folded.values.map(\.0)
        return Array(all.sorted { a, b in
            if a.total != b.total { return a.total > b.total }
            if a.pledges != b.pledges { return a.pledges > b.pledges }
            return a.investor.utf8.lexicographicallyPrecedes(b.investor.utf8)
        }.prefix(count))
    }
}
