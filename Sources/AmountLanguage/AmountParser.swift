import PledgeTallyCore

/// Reads an amount phrase as the press writes it — "jusqu’à 50 milliards d’euros",
/// "an initial $5bn", "₹10,372 crore" — into an exact `ParsedAmount` (SPEC §4).
///
/// The phrase is split into tokens (`AmountTokenizer`), then read left to right:
/// numbers start amounts, scale words and currencies attach to them, phrases from
/// `AmountVocabulary` add qualifiers or join a range, a parenthesised amount is the
/// press's conversion, time context is skipped. Anything else is an error that
/// names the word.
///
/// Decisions where SPEC §4 is silent:
/// - **Language.** A phrase is French when any of its words is French only ("d’",
///   "de", "jusqu’à", "milliards", "environ", "livres"…), even if it also has
///   English words; else English when any word is English only ("up to", "bn",
///   "billion", "pounds"…); else it has no language ("€1,500", "₹10,372 crore":
///   symbols, codes, "euros", "dollars", "millions", "crore" belong to both).
/// - **Ambiguous separator.** One `,` or `.` between at most three digits and
///   exactly three, with no other separator ("1,500", "1.234"), is read by the
///   phrase's language: in French `,` is the decimal mark and `.` groups
///   thousands; in English the reverse; with no language it groups thousands.
///   "0,500" is always decimal. A space
///   (also U+00A0, U+202F, U+2009, U+2007) or an apostrophe (Swiss "1'000") groups
///   thousands only before any `,`/`.` and only before exactly three digits.
/// - **French billion.** In a French phrase "billion" is 10^12 and "trillion"
///   10^18 (long scale), so "1 trillion d’euros" is out of range. Abbreviations
///   keep their value: "bn" is always 10^9, "tn" 10^12.
/// - **Limits.** The amount, after scaling, must be above zero, at most 10^15
///   units, with at most 6 decimal places; phrases longer than 1,000 bytes are
///   rejected.
/// - **Repeated currency.** The same currency twice ("€5bn euros") is accepted;
///   two different ones ("5 € USD") are an error.
/// - **Rates.** "per year", "par an", "annually", "a month"… are rejected: the
///   phrase gives a rate, not the pledged total.
/// - **Qualifiers of equal strength** ("about … up to"): the first one wins.
///   "from X up to Y" and "plus de X, jusqu’à Y" are ranges.
/// - **Range ends.** An end without a scale or currency takes the other end's
///   ("entre 5 et 10 milliards d’euros", "€5-10bn"); a range's low end above its
///   high end is an error; equal ends are still a range.
/// - **Conversions.** A parenthesised amount after the amount is ignored, unless it
///   is in the same currency with a different value (then: two different amounts).
public enum AmountParser {
    /// The largest amount accepted, in units.
    static let maximumAmount = DecimalAmount(mantissa: 1_000_000_000_000_000)
    /// The most decimal places an amount may have once scaled.
    static let maximumDecimalPlaces = 6
    /// The longest phrase read, in UTF-8 bytes.
    static let maximumLength = 1000

    /// Reads one amount phrase. Never crashes, never hangs, linear in the input.
    public static func parse(_ text: String) -> Result<ParsedAmount, AmountParseError> {
        var text = text
        if text.utf8.count > maximumLength {
            return .failure(AmountParseError("phrase too long (over \(maximumLength) bytes) to be an amount", position: 0))
        }
        return text.withUTF8 { bytes in
            var tokenizer = AmountTokenizer(bytes, lexicon: AmountLexicon.shared)
            if let error = tokenizer.run() { return .failure(error) }
            var grammar = AmountGrammar(tokenizer)
            do throws(AmountParseError) {
                return .success(try grammar.read())
            } catch {
                return .failure(error)
            }
        }
    }
}

/// One amount as written: a number, maybe a scale and a currency.
struct AmountSide {
    /// The number token, or -1 for a number word.
    var numberToken = -1
    var wordValue = 0
    var scaleToken = -1
    var scaleEnglish: Int8 = 0
    var scaleFrench: Int8 = 0
    var currency: Int16 = -1
    var currencyToken = -1
    /// Tokens spanned, for messages.
    var firstToken: Int
    var lastToken: Int

    var hasScale: Bool { scaleToken >= 0 }
}

/// At most two amounts (a range's ends), without allocating.
struct AmountEnds {
    private(set) var count = 0
    private var low = AmountSide(firstToken: -1, lastToken: -1)
    private var high = AmountSide(firstToken: -1, lastToken: -1)

    var isEmpty: Bool { count == 0 }

    subscript(i: Int) -> AmountSide {
        get { i == 0 ? low : high }
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

/// The reading of a tokenized phrase, left to right.
struct AmountGrammar {
    typealias Role = AmountLexicon.Role

    let tokens: [AmountToken]
    let tokenizer: AmountTokenizer
    let lexicon: AmountLexicon

    /// The amount, or a range's two ends.
    var main = AmountEnds()
    var conversions: [AmountSide] = []
    var inParens = false
    var parenStart = 0
    var parenSides = 0
    var parenJoin = false
    var parenQualifier = Qualifier.exact
    var pendingCurrency: Int16 = -1
    var pendingCurrencyToken = -1
    var qualifier = Qualifier.exact
    var rangeOpen = false
    var rangeNeedsEnd = false
    var rangeOpenToken = -1
    var joinPending = false
    /// The token after the last "de" read as a currency connector.
    var afterConnector = -1
    var joinToken = -1
    var unspecifiedToken = -1
    var unspecifiedEnd = -1
    var french = 0
    var english = 0

    init(_ tokenizer: AmountTokenizer) {
        self.tokens = tokenizer.tokens
        self.tokenizer = tokenizer
        self.lexicon = tokenizer.lexicon
    }

    // MARK: Reading

    mutating func read() throws(AmountParseError) -> ParsedAmount {
        var i = 0
        let n = tokens.count
        while i < n {
            let t = tokens[i]
            switch t.kind {
            case .number:
                try startAmount(at: i, wordValue: 0)
                i += 1
            case .currency:
                try currency(Int16(t.id), at: i, length: 1)
                i += 1
            case .open:
                if inParens { throw error("nested parentheses are not part of an amount", at: i) }
                if let end = yearsInParentheses(at: i) {
                    i = end
                    continue
                }
                inParens = true
                parenStart = i
                parenSides = 0
                parenJoin = false
                parenQualifier = .exact
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
        guard tokens[i].id >= 0 else { throw unknownWord(at: i) }
        let m = match(at: i)
        if m.prepositionLength > 0, let end = timeContext(from: i + m.prepositionLength) {
            count(lexicon.nodes[Int(m.prepositionNode)].language)
            return end
        }
        guard m.roleLength > 0 else { throw unknownWord(at: i) }
        let node = lexicon.nodes[Int(m.roleNode)]
        let next = i + m.roleLength
        switch node.role {
        case .none:
            throw unknownWord(at: i)
        case let .scale(en, fr):
            count(node.language)
            guard var side = currentSide, side.lastToken >= 0 else {
                throw error("no number before the scale ‘\(text(i, next - 1))’", at: i)
            }
            if side.hasScale {
                throw error("two scale words, ‘\(text(side.scaleToken))’ and ‘\(text(i, next - 1))’", at: i)
            }
            side.scaleToken = i
            side.scaleEnglish = en
            side.scaleFrench = fr
            side.lastToken = next - 1
            currentSide = side
        case let .currency(code):
            count(node.language)
            try currency(code, at: i, length: m.roleLength)
        case let .qualifier(q):
            count(node.language)
            if q == .upTo && !inParens && main.count == 1 && (rangeOpen || qualifier == .atLeast) && !joinPending
                && startsPricedAmount(at: next) {
                joinPending = true   // "from $5bn up to $10bn", "plus de 5 … jusqu’à 10 …"
                joinToken = i
            } else if inParens {
                if q.strength > parenQualifier.strength { parenQualifier = q }
            } else if q.strength > qualifier.strength {
                qualifier = q
            }
        case let .number(value, needsScale):
            if needsScale && !isScale(at: next) { throw unexpected(at: i) }
            count(node.language)
            try startAmount(at: i, wordValue: Int(value))
        case .de:
            count(node.language)
            if startsPricedAmount(at: next) && main.isEmpty && !inParens {
                rangeOpen = true
                rangeOpenToken = i
            } else if startsCurrency(at: next) {
                afterConnector = next
            } else {
                if next < n, tokens[next].kind == .word, tokens[next].id < 0 || match(at: next).roleLength == 0 {
                    throw error("unknown currency ‘\(text(next))’", at: next)
                }
                throw error("‘\(text(i))’ is not followed by a currency", at: i)
            }
        case .articleOrJoin:
            if isScale(at: next) {
                count(.english)
                try startAmount(at: i, wordValue: 1)
            } else if startsPricedAmount(at: next), let side = currentSide, side.lastToken >= 0 {
                count(.french)
                try join(at: i)
            } else {
                throw unexpected(at: i)
            }
        case let .rangeOpen(needsEnd):
            count(node.language)
            if !inParens {
                guard main.isEmpty else { throw unexpected(at: i) }
                rangeOpen = true
                rangeNeedsEnd = rangeNeedsEnd || needsEnd
                rangeOpenToken = i
            }
        case let .rangeJoin(needsOpen):
            count(node.language)
            guard currentSide != nil else { throw unexpected(at: i) }
            if needsOpen && !rangeOpen && !inParens {
                throw error("‘\(text(i))’ joins two amounts only after ‘between’ or ‘entre’", at: i)
            }
            try join(at: i)
        case .perPeriod:
            throw error("‘\(text(i, next - 1))’ gives a rate, not the pledged total", at: i)
        case .unspecified:
            count(node.language)
            unspecifiedToken = i
            unspecifiedEnd = next - 1
        case .ignored:
            count(node.language)
        }
        return next
    }

    private var n: Int { tokens.count }

    private mutating func count(_ language: AmountVocabulary.Language) {
        switch language {
        case .french: french += 1
        case .english: english += 1
        case .either: break
        }
    }

    /// The amount scales and currencies attach to: the conversion being read in
    /// parentheses, else the last main amount.
    private var currentSide: AmountSide? {
        get {
            if inParens && parenSides > 0 { return conversions.last }
            return main.last
        }
        set {
            guard let newValue else { return }
            if inParens && parenSides > 0 {
                conversions[conversions.count - 1] = newValue
            } else if !main.isEmpty {
                main[main.count - 1] = newValue
            }
        }
    }

    private mutating func startAmount(at i: Int, wordValue: Int) throws(AmountParseError) {
        var side = AmountSide(numberToken: wordValue == 0 ? i : -1, wordValue: wordValue, firstToken: i, lastToken: i)
        if pendingCurrency >= 0 {
            side.currency = pendingCurrency
            side.currencyToken = pendingCurrencyToken
            side.firstToken = min(i, pendingCurrencyToken)
            pendingCurrency = -1
            pendingCurrencyToken = -1
        }
        if inParens {
            if parenSides > 0 && !parenJoin {
                throw error("two amounts in one parenthesis, ‘\(text(conversions.last!))’ and ‘\(text(i))’", at: i)
            }
            if main.isEmpty {
                throw error("an amount in parentheses must follow the amount it converts", at: i)
            }
            parenSides += 1
            parenJoin = false
            conversions.append(side)
            return
        }
        if main.isEmpty {
            main.append(side)
        } else if main.count == 1 && joinPending {
            joinPending = false
            main.append(side)
        } else {
            throw error("two different amounts, ‘\(text(main.last!))’ and ‘\(text(i))’, that are neither a range nor a conversion", at: i)
        }
    }

    private mutating func join(at i: Int) throws(AmountParseError) {
        if inParens {
            guard parenSides > 0 else { throw unexpected(at: i) }
            parenJoin = true
            return
        }
        guard main.count == 1, !joinPending else { throw unexpected(at: i) }
        joinPending = true
        joinToken = i
    }

    /// A currency: right after an amount without one ("5 milliards d’euros") it is
    /// that amount's; else before a number it is the number's ("$5bn"); else it
    /// belongs to the amount just read ("€5bn euros").
    private mutating func currency(_ code: Int16, at i: Int, length: Int) throws(AmountParseError) {
        let next = i + length
        let side = currentSide
        let follows = side.map { $0.currency < 0 && ($0.lastToken == i - 1 || afterConnector == i) } ?? false
        if follows || !startsAmount(at: next), var side, side.lastToken >= 0 {
            if side.currency >= 0 && side.currency != code {
                throw error("two different currencies, ‘\(text(side.currencyToken))’ and ‘\(text(i, next - 1))’", at: i)
            }
            if side.currency < 0 {
                side.currency = code
                side.currencyToken = i
            }
            side.lastToken = max(side.lastToken, next - 1)
            currentSide = side
            return
        }
        if pendingCurrency >= 0 && pendingCurrency != code {
            throw error("two different currencies, ‘\(text(pendingCurrencyToken))’ and ‘\(text(i, next - 1))’", at: i)
        }
        pendingCurrency = code
        pendingCurrencyToken = i
    }

    /// A dash before an amount joins a range after an amount, else is a minus sign;
    /// elsewhere it is punctuation.
    private mutating func dash(at i: Int) throws(AmountParseError) {
        guard startsPricedAmount(at: i + 1) else { return }
        let hasAmount = inParens ? parenSides > 0 : !main.isEmpty
        if hasAmount && !joinPending && !(inParens && parenJoin) {
            try join(at: i)
        } else {
            throw error("negative amount ‘\(text(i, min(i + 2, n - 1)))’", at: i)
        }
    }

    private mutating func closeParentheses(at i: Int) throws(AmountParseError) {
        inParens = false
        if parenSides == 0 {
            if parenQualifier.strength > qualifier.strength { qualifier = parenQualifier }
        }
        if pendingCurrency >= 0 {
            throw error("currency ‘\(text(pendingCurrencyToken))’ without an amount", at: pendingCurrencyToken)
        }
        if parenJoin { throw error("the range in parentheses has no second amount", at: i) }
        // Only a lone conversion is compared with the amount; ranges in parentheses are ignored.
        if parenSides > 1 { conversions.removeLast(parenSides) }
    }

    // MARK: Phrase matching

    struct Match {
        var roleNode: Int32 = -1
        var roleLength = 0
        var prepositionNode: Int32 = -1
        var prepositionLength = 0
    }

    /// The longest vocabulary phrase starting at `i`, and the longest time preposition.
    private func match(at i: Int) -> Match {
        var m = Match()
        guard i < n, tokens[i].kind == .word, tokens[i].id >= 0 else { return m }
        var node = lexicon.rootChild[Int(tokens[i].id)]
        var k = i
        while node >= 0 {
            let info = lexicon.nodes[Int(node)]
            if info.role != .none {
                m.roleNode = node
                m.roleLength = k - i + 1
            }
            if info.time.contains(.preposition) {
                m.prepositionNode = node
                m.prepositionLength = k - i + 1
            }
            k += 1
            guard k < n, tokens[k].kind == .word, tokens[k].id >= 0 else { break }
            node = lexicon.child(of: node, word: tokens[k].id)
        }
        return m
    }

    private func role(at i: Int) -> (Role, Int) {
        let m = match(at: i)
        return m.roleLength > 0 ? (lexicon.nodes[Int(m.roleNode)].role, m.roleLength) : (.none, 0)
    }

    private func isScale(at i: Int) -> Bool {
        if case .scale = role(at: i).0 { return true }
        return false
    }

    /// Whether an amount starts at `i`: a number, or a number word.
    private func startsAmount(at i: Int) -> Bool {
        guard i < n else { return false }
        switch tokens[i].kind {
        case .number: return true
        case .word:
            switch role(at: i).0 {
            case let .number(_, needsScale): return !needsScale || isScale(at: i + 1)
            case .articleOrJoin: return isScale(at: i + 1)
            default: return false
            }
        default: return false
        }
    }

    /// Whether an amount starts at `i`, maybe after its currency ("$5bn").
    private func startsPricedAmount(at i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .currency { return startsAmount(at: i + 1) }
        let (role, length) = role(at: i)
        if case .currency = role { return startsAmount(at: i + length) }
        return startsAmount(at: i)
    }

    /// Whether a currency (symbol, code or word) starts at `i`.
    private func startsCurrency(at i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .currency { return true }
        if case .currency = role(at: i).0 { return true }
        return false
    }

    // MARK: Time context

    /// The end of time context after a preposition ("by 2030", "over the next five
    /// years"), or nil when what follows is not a year or a duration.
    private func timeContext(from start: Int) -> Int? {
        var k = start
        while isTime(k, .filler) { k += 1 }
        if k < n, tokens[k].kind == .number {
            if tokens[k].number.isYear {
                guard !attachesToAmount(k + 1) else { return nil }
                if isJoin(k + 1), k + 2 < n, tokens[k + 2].kind == .number {
                    if tokens[k + 2].number.isYear && !attachesToAmount(k + 3) { return k + 3 }
                    // "between 1934 and 3022 crore": a range of amounts, not of years.
                    return nil
                }
                return k + 1
            }
            guard tokens[k].number.isPlainInteger else { return nil }
            k += 1
        } else if k < n, tokens[k].kind == .word {
            switch role(at: k).0 {
            case .number, .articleOrJoin: k += 1
            default: break
            }
        }
        while isTime(k, .filler) { k += 1 }
        return isTime(k, .unit) ? k + 1 : nil
    }

    /// "(2025-2030)", "(2030)": returns the token after the parenthesis.
    private func yearsInParentheses(at i: Int) -> Int? {
        guard i + 2 < n, tokens[i + 1].kind == .number, tokens[i + 1].number.isYear else { return nil }
        if tokens[i + 2].kind == .close { return i + 3 }
        if isJoin(i + 2), i + 4 < n, tokens[i + 3].kind == .number, tokens[i + 3].number.isYear,
           tokens[i + 4].kind == .close {
            return i + 5
        }
        return nil
    }

    private func isTime(_ i: Int, _ role: AmountVocabulary.TimeRole) -> Bool {
        i < n && tokens[i].kind == .word && tokens[i].id >= 0 && lexicon.singleWordTime(tokens[i].id).contains(role)
    }

    private func isJoin(_ i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .dash { return true }
        switch role(at: i).0 {
        case .rangeJoin, .articleOrJoin: return true
        default: return false
        }
    }

    /// Whether the token at `i` is a scale, or a currency not written before another
    /// number, making the number before it an amount ("en 2000 euros").
    private func attachesToAmount(_ i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .currency { return !startsAmount(at: i + 1) }
        let (role, length) = role(at: i)
        switch role {
        case .scale, .de: return true
        case .currency: return !startsAmount(at: i + length)
        default: return false
        }
    }

    // MARK: Result

    private mutating func finish() throws(AmountParseError) -> ParsedAmount {
        if inParens { throw error("‘(’ is never closed", at: parenStart) }
        if unspecifiedToken >= 0 {
            guard main.isEmpty else {
                throw error("‘\(text(unspecifiedToken, unspecifiedEnd))’ and an amount in the same phrase", at: unspecifiedToken)
            }
            return .unspecified
        }
        if main.isEmpty {
            if tokens.allSatisfy({ $0.kind == .dash }) { return .unspecified }
            if pendingCurrency >= 0 {
                throw error("no number: currency ‘\(text(pendingCurrencyToken))’ without an amount", at: pendingCurrencyToken)
            }
            throw AmountParseError("no number in the phrase", position: 0)
        }
        if joinPending { throw error("the range has no second amount after ‘\(text(joinToken))’", at: joinToken) }
        if rangeNeedsEnd && main.count < 2 {
            throw error("‘\(text(rangeOpenToken))’ needs two amounts (‘entre X et Y’, ‘between X and Y’)", at: rangeOpenToken)
        }
        let isFrench = french > 0
        if main.count == 2 {
            var low = main[0], high = main[1]
            if !low.hasScale && high.hasScale {
                low.scaleEnglish = high.scaleEnglish
                low.scaleFrench = high.scaleFrench
            } else if low.hasScale && !high.hasScale {
                high.scaleEnglish = low.scaleEnglish
                high.scaleFrench = low.scaleFrench
            }
            if low.currency >= 0 && high.currency >= 0 && low.currency != high.currency {
                throw error("the range’s ends are in different currencies, ‘\(text(low.currencyToken))’ and ‘\(text(high.currencyToken))’", at: high.currencyToken)
            }
            let code = max(low.currency, high.currency)
            let lowValue = try value(of: low, french: isFrench)
            let highValue = try value(of: high, french: isFrench)
            if highValue < lowValue {
                throw error("the range’s low end, ‘\(text(low))’, is above its high end, ‘\(text(high))’", at: low.firstToken)
            }
            return ParsedAmount(qualifier: .range, amount: highValue, amountLow: lowValue,
                                currency: code >= 0 ? lexicon.codes[Int(code)] : nil)
        }
        let side = main[0]
        let amount = try value(of: side, french: isFrench)
        for conversion in conversions where conversion.currency >= 0 && conversion.currency == side.currency {
            if let other = try? value(of: conversion, french: isFrench), other != amount {
                throw error("two different amounts, ‘\(text(side))’ and ‘\(text(conversion))’, in the same currency", at: conversion.firstToken)
            }
        }
        return ParsedAmount(qualifier: qualifier, amount: amount,
                            currency: side.currency >= 0 ? lexicon.codes[Int(side.currency)] : nil)
    }

    /// The side's exact value in units, checked against the limits.
    private func value(of side: AmountSide, french isFrench: Bool) throws(AmountParseError) -> DecimalAmount {
        var mantissa = Int128(side.wordValue)
        var decimals = 0
        if side.numberToken >= 0 {
            let number = tokens[side.numberToken].number
            switch number.problem {
            case .none: break
            case .malformed: throw error("malformed number ‘\(text(side.numberToken))’", at: side.numberToken)
            case .tooLarge: throw error("number ‘\(text(side.numberToken))’ is too large", at: side.numberToken)
            case .tooManyDecimals:
                throw error("number ‘\(text(side.numberToken))’ has too many decimal places", at: side.numberToken)
            }
            mantissa = number.mantissa
            decimals = number.decimals
            if number.ambiguousMark != 0 {
                // One separator before exactly three digits: see the type's documentation.
                let decimalMark: UInt8 = isFrench ? UInt8(ascii: ",") : english > 0 ? UInt8(ascii: ".") : 0
                decimals = number.ambiguousMark == decimalMark ? 3 : 0
            }
        }
        let power = Int(isFrench ? side.scaleFrench : side.scaleEnglish)
        let scaled: DecimalAmount
        do {
            scaled = try DecimalAmount(mantissa: mantissa, scale: decimals).multiplied(byPowerOfTen: power)
        } catch {
            throw self.error("amount ‘\(text(side))’ is above the limit of 10^15 units", at: side.firstToken)
        }
        if scaled.isZero { throw self.error("amount ‘\(text(side))’ is zero", at: side.firstToken) }
        if AmountParser.maximumAmount < scaled {
            throw self.error("amount ‘\(text(side))’ is above the limit of 10^15 units", at: side.firstToken)
        }
        if scaled.scale > AmountParser.maximumDecimalPlaces {
            throw self.error("amount ‘\(text(side))’ has more than \(AmountParser.maximumDecimalPlaces) decimal places", at: side.firstToken)
        }
        return scaled
    }

    // MARK: Messages

    private func text(_ i: Int) -> String { text(i, i) }

    private func text(_ first: Int, _ last: Int) -> String {
        guard first >= 0, first < n else { return "" }
        let last = min(max(last, first), n - 1)
        return tokenizer.text(tokens[first].start, tokens[last].end)
    }

    private func text(_ side: AmountSide) -> String { text(side.firstToken, side.lastToken) }

    private func error(_ reason: String, at i: Int) -> AmountParseError {
        let byte = i >= 0 && i < n ? Int(tokens[i].start) : 0
        return AmountParseError(reason, position: tokenizer.characterOffset(byte))
    }

    private func unexpected(at i: Int) -> AmountParseError {
        error("unexpected word ‘\(text(i))’", at: i)
    }

    /// An unknown word: a currency when it stands where a currency would
    /// (after a number, a scale or "de"), or when it looks like a code.
    private func unknownWord(at i: Int) -> AmountParseError {
        let word = text(i)
        if tokens[i].id >= 0 { return unexpected(at: i) }
        let afterAmount = currentSide.map { $0.lastToken == i - 1 && $0.currency < 0 } ?? false
        let afterDe: Bool = {
            guard i > 0 else { return false }
            return role(at: i - 1).0 == .de
        }()
        let looksLikeCode = word.utf8.count == 3 && word.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
        if afterAmount || afterDe || looksLikeCode {
            return error("unknown currency ‘\(word)’", at: i)
        }
        return error("unknown word ‘\(word)’", at: i)
    }
}
