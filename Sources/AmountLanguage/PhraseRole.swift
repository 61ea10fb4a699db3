import PledgeTallyCore

/// What a phrase does in an amount. The vocabulary names a currency by its ISO
/// code (`PhraseRole<String>`); the lexicon, compiled for speed, by its index in
/// its code table (`PhraseRole<Int16>`).
enum PhraseRole<Currency: Sendable & Equatable>: Sendable, Equatable {
    /// Known only as part of longer phrases or glued currency symbols ("us" in "US$").
    case none
    /// Multiplies the number by 10^english, or 10^french in a French phrase.
    case scale(english: Int8, french: Int8)
    /// A currency: its ISO 4217 code in the vocabulary, its index in the lexicon.
    case currency(Currency)
    case qualifier(Qualifier)
    /// A number word; `needsScale` words ("un", "an") count only before a scale word.
    case number(Int8, needsScale: Bool)
    /// "de" / "d'": before a currency word, a connector; before a number, opens a range.
    case de
    /// "a" / "à": the article before a scale ("a billion") or the range join ("5 à 10").
    case articleOrJoin
    /// Opens a range; `needsEnd` ones ("entre") require a second amount.
    case rangeOpen(needsEnd: Bool)
    /// Joins a range's ends; `needsOpen` ones ("et", "and") only after "entre"/"between".
    case rangeJoin(needsOpen: Bool)
    /// "per year", "par an": the phrase states a rate, not a total.
    case perPeriod
    /// The whole phrase says no figure was given.
    case unspecified
    /// Carries no meaning for the amount ("soit", "au total").
    case ignored
    /// "cent", "hundred": multiplies the number words before it, or one.
    case hundred
    /// "demi", "half", "quarter": a fraction (1 / the value) of the number words before it, or of one.
    case fraction(Int8)
    /// "et demi", "and a half": adds a half to the number (and its scale) before it.
    case andAHalf
    /// "plus" glued after an amount with a hyphen: at least.
    case plusSuffix

    /// The same role with its currency named another way.
    func mapCurrency<Other>(_ transform: (Currency) -> Other) -> PhraseRole<Other> {
        switch self {
        case .none: .none
        case let .scale(english, french): .scale(english: english, french: french)
        case let .currency(c): .currency(transform(c))
        case let .qualifier(q): .qualifier(q)
        case let .number(n, needsScale): .number(n, needsScale: needsScale)
        case .de: .de
        case .articleOrJoin: .articleOrJoin
        case let .rangeOpen(needsEnd): .rangeOpen(needsEnd: needsEnd)
        case let .rangeJoin(needsOpen): .rangeJoin(needsOpen: needsOpen)
        case .perPeriod: .perPeriod
        case .unspecified: .unspecified
        case .ignored: .ignored
        case .hundred: .hundred
        case let .fraction(d): .fraction(d)
        case .andAHalf: .andAHalf
        case .plusSuffix: .plusSuffix
        }
    }
}
