/// One record of a pledge file, every cell exactly as written.
///
/// Ingest never interprets: it knows which cell is the amount or the domain
/// (by the header) but not what they mean.
public struct RawRecord: Sendable, Equatable {
    /// The file name, relative to the pledges folder ("summit.md").
    public var source: String
    /// The 1-based line where the record starts.
    public var line: Int
    public var investor: String
    public var amount: String
    public var domain: String
    /// Nil when the file has no date column.
    public var date: String?
    /// Nil when the file has no currency column.
    public var currency: String?
    /// The optional `source`/`url`/`lien` column: where the pledge was read.
    public var sourceURL: String?
    /// The optional `notes`/`remarques` column.
    public var notes: String?

    public init(source: String, line: Int, investor: String, amount: String, domain: String, date: String? = nil,
                currency: String? = nil, sourceURL: String? = nil, notes: String? = nil) {
        self.source = source
        self.line = line
        self.investor = investor
        self.amount = amount
        self.domain = domain
        self.date = date
        self.currency = currency
        self.sourceURL = sourceURL
        self.notes = notes
    }
}

/// A record, or a whole file, that could not be read; goes to rejected.csv.
public struct Rejection: Sendable, Equatable {
    public var source: String
    /// 1-based line; 0 when the problem is the whole file.
    public var line: Int
    /// Which field: investor, amount, domain, date, currency, record or file.
    public var field: String
    /// The offending text as written.
    public var value: String
    /// A sentence saying what is wrong.
    public var reason: String
    /// The record's investor as written; empty when the record's cells could not be told apart.
    public var investor: String
    /// The record's amount as written; empty when the record's cells could not be told apart.
    public var amountText: String

    public init(source: String, line: Int, field: String, value: String, reason: String,
                investor: String = "", amountText: String = "") {
        self.source = source
        self.line = line
        self.field = field
        self.value = value
        self.reason = reason
        self.investor = investor
        self.amountText = amountText
    }
}
