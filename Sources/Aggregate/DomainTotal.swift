import PledgeTallyCore
import Normalise

/// What a domain adds up to, in the reporting currency.
public struct DomainTotal: Sendable, Equatable {
    public var domain: String
    /// Accepted pledges in the domain, priced or not.
    public var pledges: Int = 0
    /// Pledges without an amount ("Non spécifié").
    public var unpriced: Int = 0
    /// The sum of the rounded converted amounts.
    public var total: DecimalAmount = .zero
    /// The part of `total` from up_to and range pledges (may shrink).
    public var ceiling: DecimalAmount = .zero
    /// The part of `total` from at_least and initial pledges (may grow).
    public var floor: DecimalAmount = .zero

    public init(domain: String) { self.domain = domain }

    /// Adds one pledge.
    mutating func add(_ pledge: ConvertedPledge) throws(DecimalAmount.Overflow) {
        pledges += 1
        guard let amount = pledge.amountReported else {
            unpriced += 1
            return
        }
        total = try total.adding(amount)
        if pledge.pledge.qualifier.isCeiling { ceiling = try ceiling.adding(amount) }
        if pledge.pledge.qualifier.isFloor { floor = try floor.adding(amount) }
    }

    /// Adds another domain's figures (for the grand total).
    mutating func add(_ other: DomainTotal) throws(DecimalAmount.Overflow) {
        pledges += other.pledges
        unpriced += other.unpriced
        total = try total.adding(other.total)
        ceiling = try ceiling.adding(other.ceiling)
        floor = try floor.adding(other.floor)
    }

    /// This total's share of `grand`, in percent, 2 places, half to even.
    public func share(of grand: DecimalAmount) -> DecimalAmount {
        guard !grand.isZero else { return .zero }
        return (try? total.scaled(by: 100, over: grand, places: 2)) ?? .zero
    }
}

/// The totals by domain, built one pledge at a time (the pledges themselves
/// are not kept, so memory does not grow with the input).
public struct DomainTotals: Sendable {
    private var byDomain: [String: DomainTotal] = [:]

    public init() {}

    public mutating func add(_ pledge: ConvertedPledge) throws(DecimalAmount.Overflow) {
        try byDomain[pledge.pledge.domain, default: DomainTotal(domain: pledge.pledge.domain)].add(pledge)
    }

    /// Rows by total descending, then domain name.
    public var rows: [DomainTotal] {
        byDomain.values.sorted { a, b in
            a.total != b.total ? a.total > b.total : a.domain.utf8.lexicographicallyPrecedes(b.domain.utf8)
        }
    }

    /// The sum of every domain, named "TOTAL".
    public func grandTotal() throws(DecimalAmount.Overflow) -> DomainTotal {
        var all = DomainTotal(domain: "TOTAL")
        for row in byDomain.values { try all.add(row) }
        return all
    }
}
