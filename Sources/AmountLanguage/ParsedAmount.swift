import PledgeTallyCore

/// What an amount phrase says: how much, in which currency, and how sure.
///
/// `amount` and `currency` are nil for an `unspecified` phrase; `currency` is
/// also nil when the phrase names none (a `currency` column may fill it in).
public struct ParsedAmount: Equatable, Sendable {
    public var qualifier: Qualifier
    /// The amount in units of `currency`; for a range, its high end.
    public var amount: DecimalAmount?
    /// The low end of a range; nil otherwise.
    public var amountLow: DecimalAmount?
    /// The ISO 4217 code, upper case ("EUR").
    public var currency: String?
    /// When the phrase's currency is one several share ("$", "kr"): which, so a
    /// currency column can choose among its codes. `currency` is then the one
    /// assumed without a column ("$": USD), or nil when none is ("kr").
    public var sharedCurrency: SharedCurrency?

    /// The codes a currency column may choose among; empty unless the currency is shared.
    public var currencyChoices: [String] { sharedCurrency?.codes ?? [] }
    /// The shared currency's name ("kr"), for messages.
    public var currencyText: String? { sharedCurrency?.name }

    public init(qualifier: Qualifier, amount: DecimalAmount?, amountLow: DecimalAmount? = nil, currency: String?) {
        self.qualifier = qualifier
        self.amount = amount
        self.amountLow = amountLow
        self.currency = currency
    }

    public static let unspecified = ParsedAmount(qualifier: .unspecified, amount: nil, currency: nil)
}

/// A currency symbol or word several currencies share ("$", "kr"), as listed in
/// `AmountVocabulary.sharedCurrencies`.
public struct SharedCurrency: Equatable, Sendable {
    let index: UInt8

    /// "$", "kr".
    public var name: String { AmountVocabulary.sharedCurrencies[Int(index)].name }
    /// The ISO codes it may be.
    public var codes: [String] { AmountVocabulary.sharedCurrencies[Int(index)].codes }
}

/// Why an amount phrase could not be read.
public struct AmountParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A sentence an analyst can act on: "unknown currency word ‘bitcoins’".
    public var reason: String
    /// Offset in characters of the offending part of the phrase, when known.
    public var position: Int?

    public init(_ reason: String, position: Int? = nil) {
        self.reason = reason
        self.position = position
    }

    public var description: String { reason }
}
