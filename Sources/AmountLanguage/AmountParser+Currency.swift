import PledgeTallyCore

extension AmountParser {
    /// The ISO code a currency column names — a code, symbol or word in either
    /// language ("EUR", "€", "euros", "dollars canadiens") — or nil.
    ///
    /// Read with the amount grammar itself (as the phrase "1 <text>"), so the
    /// vocabulary lives in one place.
    public static func currency(named text: String) -> String? {
        guard !text.isEmpty, case .success(let parsed) = parse("1 " + text),
              parsed.qualifier == .exact, parsed.amount == 1 else { return nil }
        return parsed.currency
    }

    /// The currencies a currency column's text leaves open when it names a
    /// shared currency with none assumed ("kr", "riyals"), or nil.
    public static func sharedCurrencyChoices(named text: String) -> [String]? {
        guard !text.isEmpty, case .success(let parsed) = parse("1 " + text),
              parsed.qualifier == .exact, parsed.currency == nil, let shared = parsed.sharedCurrency else { return nil }
        return shared.codes
    }
}
