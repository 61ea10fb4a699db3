import PledgeTallyCore

/// The reading of a tokenized phrase, left to right.
///
/// The state is what has been read so far: the amount (or a range's two ends),
/// the conversions in parentheses, a currency waiting for its number, and the
/// phrase's qualifier. Each concern is in its own file: the amounts and their
/// currencies (`+Amounts`), looking ahead at the vocabulary (`+Lookahead`), time
/// context (`+Time`), number words (`NumberWords`), the result and messages
/// (`+Result`).
struct AmountGrammar {
    typealias Role = AmountLexicon.Role

    let tokens: [AmountToken]
    let tokenizer: AmountTokenizer
    let lexicon: AmountLexicon

    /// The amount, or a range's two ends.
    var main = AmountEnds()
    var conversions: [AmountSide] = []
    /// The parenthesis being read, if any.
    var parens: Parenthesis?
    /// A currency read before its number ("$" in "$5bn").
    var pendingCurrency: CurrencyMark?
    var qualifier = Qualifier.exact
    var rangeOpening: RangeOpening?
    /// The token of a join ("et", "-", "to") waiting for the range's second end.
    var pendingJoin: Int?
    /// The token after the last "de" read as a currency connector.
    var afterConnector: Int?
    /// The words saying no figure was given ("non spécifié").
    var unspecifiedWords: (first: Int, last: Int)?
    /// Words only French or only English read so far.
    var french = 0
    var english = 0

    init(_ tokenizer: AmountTokenizer) {
        self.tokens = tokenizer.tokens
        self.tokenizer = tokenizer
        self.lexicon = tokenizer.lexicon
    }

    var n: Int { tokens.count }
    var inParens: Bool { parens != nil }

    // MARK: Reading

    mutating func read() throws(AmountParseError) -> ParsedAmount {
        var i = 0
        while i < n {
            let t = tokens[i]
            switch t.kind {
            case .number:
                try startAmount(.digits(token: i), at: i)
                i += 1
            case .currency:
                try currency(Int16(t.id!), at: i, length: 1)  // the tokenizer gives every currency token its id
                i += 1
            case .open:
                if inParens { throw error("nested parentheses are not part of an amount", at: i) }
                if let end = yearsInParentheses(at: i) {
                    i = end
                    continue
                }
                parens = Parenthesis(start: i)
                i += 1
            case .close:
                guard inParens else { throw error("‘)’ without ‘(’", at: i) }
                try closeParentheses(at: i)
                i += 1
            case .dash:
                try dash(at: i)
                i += 1
            case .word:
                i = try word(at: i)
            }
        }
        return try finish()
    }

    /// Handles the phrase starting with the word at `i`; returns the next token.
    private mutating func word(at i: Int) throws(AmountParseError) -> Int {
        guard tokens[i].id != nil else { throw unknownWord(at: i) }
        let m = match(at: i)
        if let preposition = m.preposition, let end = timeContext(from: i + preposition.length) {
            count(lexicon.nodes[Int(preposition.node)].language)
            return end
        }
        guard let phrase = m.role else { throw unknownWord(at: i) }
        let node = lexicon.nodes[Int(phrase.node)]
        let next = i + phrase.length
        switch node.role {
        case .none:
            throw unknownWord(at: i)
        case let .scale(en, fr):
            count(node.language)
            if currentSide == nil, let words = numberWords(at: i) {
                return try amount(words, at: i)   // "mille milliards"
            }
            guard var side = currentSide else {
                throw error("no number before the scale ‘\(text(i, next - 1))’", at: i)
            }
            if let scale = side.scale {
                throw error("two scale words, ‘\(text(scale.token))’ and ‘\(text(i, next - 1))’", at: i)
            }
            side.scale = ScaleMark(token: i, english: en, french: fr)
            side.lastToken = next - 1
            currentSide = side
        case let .currency(code):
            count(node.language)
            try currency(code, at: i, length: phrase.length)
        case let .qualifier(q):
            count(node.language)
            if q == .upTo && !inParens && main.count == 1 && (rangeOpening != nil || qualifier == .atLeast)
                && pendingJoin == nil && startsPricedAmount(at: next) {
                pendingJoin = i   // "from $5bn up to $10bn", "plus de 5 … jusqu’à 10 …"
            } else if var p = parens {
                if q.strength > p.qualifier.strength { p.qualifier = q }
                parens = p
            } else if q.strength > qualifier.strength {
                qualifier = q
            }
        case .number, .hundred, .fraction:
            if let words = numberWords(at: i) { return try amount(words, at: i) }
            if case .number(1, needsScale: true) = node.role, isArticle(at: i) {
                count(node.language)   // "an extra £500m"
                return next
            }
            throw unexpected(at: i)
        case .de:
            count(node.language)
            if startsPricedAmount(at: next) && main.isEmpty && !inParens {
                rangeOpening = RangeOpening(token: i, needsEnd: rangeOpening?.needsEnd ?? false)
            } else if startsCurrency(at: next) {
                afterConnector = next
            } else {
                if next < n, tokens[next].kind == .word, tokens[next].id == nil || match(at: next).role == nil {
                    throw error("unknown currency ‘\(text(next))’", at: next)
                }
                throw error("‘\(text(i))’ is not followed by a currency", at: i)
            }
        case .articleOrJoin:
            if isScale(at: next) {
                count(.english)
                try startAmount(.words(WordNumber(1)), at: i)
            } else if let words = numberWords(at: i) {
                return try amount(words, at: i)   // "a hundred billion", "a quarter of a billion"
            } else if startsPricedAmount(at: next), currentSide != nil {
                count(.french)
                try join(at: i)
            } else if isArticle(at: i) {
                count(.english)   // "a $100bn fund"
            } else {
                throw unexpected(at: i)
            }
        case let .rangeOpen(needsEnd):
            count(node.language)
            if !inParens {
                guard main.isEmpty else { throw unexpected(at: i) }
                rangeOpening = RangeOpening(token: i, needsEnd: (rangeOpening?.needsEnd ?? false) || needsEnd)
            }
        case let .rangeJoin(needsOpen):
            count(node.language)
            guard currentSide != nil else { throw unexpected(at: i) }
            if needsOpen && rangeOpening == nil && !inParens {
                throw error("‘\(text(i))’ joins two amounts only after ‘between’ or ‘entre’", at: i)
            }
            try join(at: i)
        case .perPeriod:
            throw error("‘\(text(i, next - 1))’ gives a rate, not the pledged total", at: i)
        case .unspecified:
            count(node.language)
            unspecifiedWords = (i, next - 1)
        case .ignored:
            count(node.language)
        case .andAHalf:
            // "un milliard et demi", "a billion and a half"
            guard var side = currentSide, side.scale != nil, side.lastToken == i - 1, !side.addsHalf else {
                throw unexpected(at: i)
            }
            count(node.language)
            side.addsHalf = true
            side.lastToken = next - 1
            currentSide = side
        case .plusSuffix:
            // "$20bn-plus": the hyphen glued on both sides, right after the amount.
            guard i >= 2, tokens[i - 1].kind == .dash, isGlued(i - 1), let side = currentSide,
                  side.lastToken == i - 2, !inParens else {
                throw unexpected(at: i)
            }
            if Qualifier.atLeast.strength > qualifier.strength { qualifier = .atLeast }
        }
        return next
    }

    /// Starts an amount written in words; returns the token after them.
    private mutating func amount(_ words: NumberWordsReading, at i: Int) throws(AmountParseError) -> Int {
        french += words.french
        english += words.english
        try startAmount(.words(words.value), at: i)
        if var side = currentSide {
            side.lastToken = max(side.lastToken, words.next - 1)
            currentSide = side
        }
        return words.next
    }

    /// "a", "an" as an article before the amount: "a $100bn fund", "an extra £500m",
    /// "a multi-billion dollar investment". Words that do not change the amount may
    /// come between.
    func isArticle(at i: Int) -> Bool {
        guard main.isEmpty, !inParens else { return false }
        var k = i + 1
        while k < n {
            let (role, length) = role(at: k)
            guard case .ignored = role else { break }
            k += length
        }
        if startsPricedAmount(at: k) { return true }
        if case .unspecified = role(at: k).0 { return true }
        return false
    }

    mutating func count(_ language: AmountVocabulary.WordLanguage) {
        switch language {
        case .french: french += 1
        case .english: english += 1
        case .either: break
        }
    }
}
