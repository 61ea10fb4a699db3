import PledgeTallyCore

/// One piece of an amount phrase: a number, a known or unknown word, a currency
/// symbol, a parenthesis or a dash, with its byte range in the phrase.
struct AmountToken {
    enum Kind: UInt8 { case number, word, currency, open, close, dash }

    var kind: Kind
    /// Byte offsets in the phrase's UTF-8.
    var start: Int32
    var end: Int32
    /// Word id (word; nil when the word is unknown) or currency id (currency).
    var id: Int32?
    /// The number (number tokens only).
    var number = AmountNumber()
}

/// A number as written, before the phrase's language settles an ambiguous separator.
struct AmountNumber {
    enum Problem: UInt8 { case none, malformed, tooLarge, tooManyDecimals }

    /// Every digit written, in order.
    var mantissa: Int128 = 0
    /// Digits after the decimal mark, when it is known.
    var decimals: Int = 0
    /// `,` or `.` when the number has one such separator followed by exactly three
    /// digits ("1,500"): thousands or decimal, decided by the phrase's language.
    var ambiguousMark: UInt8 = 0
    /// A plain four-digit integer from 1900 to 2199: may be a year.
    var isYear = false
    /// A plain integer (no separator): may count years ("sur 5 ans").
    var isPlainInteger = false
    var problem = Problem.none
}

