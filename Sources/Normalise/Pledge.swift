import PledgeTallyCore

/// A pledge understood: exact amount, ISO currency, qualifier, canonical
/// domain and date, with the text it came from.
public struct Pledge: Sendable, Equatable {
    public var source: String
    public var line: Int
    public var investor: String
    /// The canonical domain from domains.csv, or "Unclassified".
    public var domain: String
    /// The domain as written.
    public var domainText: String
    /// The amount phrase as written.
    public var amountText: String
    public var qualifier: Qualifier
    /// Nil for an unspecified pledge.
    public var amount: DecimalAmount?
    public var amountLow: DecimalAmount?
    /// Nil for an unspecified pledge.
    public var currency: Currency?
    public var date: Day
    /// The optional `source`/`url`/`lien` column, as written; nil without one.
    public var sourceURL: String?
    /// The optional `notes`/`remarques` column, as written; nil without one.
    public var notes: String?

    public init(source: String, line: Int, investor: String, domain: String, domainText: String, amountText: String,
                qualifier: Qualifier, amount: DecimalAmount?, amountLow: DecimalAmount?, currency: Currency?, date: Day,
                sourceURL: String? = nil, notes: String? = nil) {
        self.source = source
        self.line = line
        self.investor = investor
        self.domain = domain
        self.domainText = domainText
        self.amountText = amountText
        self.qualifier = qualifier
        self.amount = amount
        self.amountLow = amountLow
        self.currency = currency
        self.date = date
        self.sourceURL = sourceURL
        self.notes = notes
    }
}
