import PledgeTallyCore

/// A currency as written in a phrase: its id in the lexicon and the token naming it.
struct CurrencyMark: Equatable {
    var code: Int16
    var token: Int
}

/// A scale word on an amount: its token and its powers of ten.
struct ScaleMark {
    var token: Int
    var english: Int8
    var french: Int8
}

/// How an amount's number is written.
enum Figure {
    /// Digits: the number token.
    case digits(token: Int)
    /// Number words ("vingt-cinq", "one and a half"): their exact value.
    case words(WordNumber)
}

/// The value of number words: `mantissa` × 10^-`decimals` ("one and a half" is 15, 1).
struct WordNumber: Equatable {
    var mantissa: Int
    var decimals: Int

    init(_ mantissa: Int, decimals: Int = 0) {
        self.mantissa = mantissa
        self.decimals = decimals
    }
}

/// One amount as written: a number, maybe a scale and a currency.
struct AmountSide {
    var figure: Figure
    var scale: ScaleMark?
    var currency: CurrencyMark?
    /// "et demi", "and a half" after the scale: half a scale unit more.
    var addsHalf = false
    /// Tokens spanned, for messages.
    var firstToken: Int
    var lastToken: Int

    init(_ figure: Figure, at i: Int) {
        self.figure = figure
        self.firstToken = i
        self.lastToken = i
    }
}

/// At most two amounts (a range's ends), without allocating.
struct AmountEnds {
    private(set) var count = 0
    private var low: AmountSide?
    private var high: AmountSide?

    var isEmpty: Bool { count == 0 }

    subscript(i: Int) -> AmountSide {
        get { (i == 0 ? low : high)! }
        set { if i == 0 { low = newValue } else { high = newValue } }
    }

    var last: AmountSide? { count == 0 ? nil : self[count - 1] }

    /// Adds an end; there are never more than two.
    mutating func append(_ side: AmountSide) {
        precondition(count < 2)
        self[count] = side
        count += 1
    }
}

/// A parenthesis being read: a conversion ("($13bn)"), a range, or a qualifier.
struct Parenthesis {
    /// The token of ‘(’.
    var start: Int
    /// Amounts read inside.
    var sides = 0
    /// A join ("-", "to") waits for the second amount.
    var joinPending = false
    /// The strongest qualifier read inside.
    var qualifier = Qualifier.exact
}

/// "entre", "between", "from" or "de" before the first amount.
struct RangeOpening {
    var token: Int
    /// "entre" and "between" require a second amount.
    var needsEnd: Bool
}
