import PledgeTallyCore

/// The end of the reading: the amount's exact value, checked against the
/// limits, and the messages that name the words at fault.
extension AmountGrammar {
    mutating func finish() throws(AmountParseError) -> ParsedAmount {
        if let p = parens { throw error("‘(’ is never closed", at: p.start) }
        if let words = unspecifiedWords {
            guard main.isEmpty else {
                throw error("‘\(text(words.first, words.last))’ and an amount in the same phrase", at: words.first)
            }
            return .unspecified
        }
        if main.isEmpty {
            if tokens.allSatisfy({ $0.kind == .dash }) { return .unspecified }
            if let pending = pendingCurrency {
                throw error("no number: currency ‘\(text(pending.token))’ without an amount", at: pending.token)
            }
            throw AmountParseError("no number in the phrase", position: 0)
        }
        if let join = pendingJoin { throw error("the range has no second amount after ‘\(text(join))’", at: join) }
        if let opening = rangeOpening, opening.needsEnd && main.count < 2 {
            throw error("‘\(text(opening.token))’ needs two amounts (‘entre X et Y’, ‘between X and Y’)", at: opening.token)
        }
        let isFrench = french > 0
        if main.count == 2 {
            var low = main[0], high = main[1]
            if low.scale == nil { low.scale = high.scale } else if high.scale == nil { high.scale = low.scale }
            if let a = low.currency, let b = high.currency, a.code != b.code {
                throw error("the range’s ends are in different currencies, ‘\(text(a.token))’ and ‘\(text(b.token))’", at: b.token)
            }
            let code = low.currency ?? high.currency
            let lowValue = try value(of: low, french: isFrench)
            let highValue = try value(of: high, french: isFrench)
            if highValue < lowValue {
                throw error("the range’s low end, ‘\(text(low))’, is above its high end, ‘\(text(high))’", at: low.firstToken)
            }
            return reading(ParsedAmount(qualifier: .range, amount: highValue, amountLow: lowValue, currency: nil), code)
        }
        let side = main[0]
        let amount = try value(of: side, french: isFrench)
        for conversion in conversions where conversion.currency != nil && conversion.currency?.code == side.currency?.code {
            if let other = try? value(of: conversion, french: isFrench), other != amount {
                throw error("two different amounts, ‘\(text(side))’ and ‘\(text(conversion))’, in the same currency", at: conversion.firstToken)
            }
        }
        return reading(ParsedAmount(qualifier: qualifier, amount: amount, currency: nil), side.currency)
    }

    /// The amount with its currency: an ISO code, or a shared one ("$", "kr")
    /// with the codes a currency column may choose among.
    private func reading(_ amount: ParsedAmount, _ mark: CurrencyMark?) -> ParsedAmount {
        guard let mark else { return amount }
        var amount = amount
        let (code, shared) = lexicon.reading(mark.code)
        amount.currency = code
        amount.sharedCurrency = shared
        return amount
    }

    /// The side's exact value in units, checked against the limits.
    func value(of side: AmountSide, french isFrench: Bool) throws(AmountParseError) -> DecimalAmount {
        var mantissa: Int128
        var decimals: Int
        switch side.figure {
        case let .words(number):
            mantissa = Int128(number.mantissa)
            decimals = number.decimals
        case let .digits(token):
            let number = tokens[token].number
            switch number.problem {
            case .none: break
            case .malformed: throw error("malformed number ‘\(text(token))’", at: token)
            case .tooLarge: throw error("number ‘\(text(token))’ is too large", at: token)
            case .tooManyDecimals:
                throw error("number ‘\(text(token))’ has too many decimal places", at: token)
            }
            mantissa = number.mantissa
            decimals = number.decimals
            if number.ambiguousMark != 0 {
                // One separator before exactly three digits: see `AmountParser`'s documentation.
                let decimalMark: UInt8 = isFrench ? UInt8(ascii: ",") : english > 0 ? UInt8(ascii: ".") : 0
                decimals = number.ambiguousMark == decimalMark ? 3 : 0
            }
        }
        if side.addsHalf {
            // "deux milliards et demi": half of the scale's unit more.
            guard decimals == 0 else {
                throw error("‘\(text(side))’ adds a half to a number with decimals", at: side.firstToken)
            }
            mantissa = mantissa * 10 + 5
            decimals = 1
        }
        let power = Int(side.scale.map { isFrench ? $0.french : $0.english } ?? 0)
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

    func text(_ i: Int) -> String { text(i, i) }

    func text(_ first: Int, _ last: Int) -> String {
        guard first >= 0, first < n else { return "" }
        let last = min(max(last, first), n - 1)
        return tokenizer.text(tokens[first].start, tokens[last].end)
    }

    func text(_ side: AmountSide) -> String { text(side.firstToken, side.lastToken) }

    /// The phrase from token `i` to its end: what a small parser left unread.
    func rest(from i: Int) -> String {
        i < n ? tokenizer.text(tokens[i].start, Int32(tokenizer.bytes.count)) : ""
    }

    func error(_ reason: String, at i: Int) -> AmountParseError {
        let byte = i >= 0 && i < n ? Int(tokens[i].start) : 0
        return AmountParseError(reason, position: tokenizer.characterOffset(byte))
    }

    func unexpected(at i: Int) -> AmountParseError {
        error("unexpected word ‘\(text(i))’", at: i)
    }

    /// An unknown word: a currency when it stands where a currency would
    /// (after a number, a scale or "de"), or when it looks like a code.
    func unknownWord(at i: Int) -> AmountParseError {
        let word = text(i)
        if tokens[i].id != nil { return unexpected(at: i) }
        let afterAmount = currentSide.map { $0.lastToken == i - 1 && $0.currency == nil } ?? false
        let afterDe = i > 0 && role(at: i - 1).0 == .de
        let looksLikeCode = word.utf8.count == 3 && word.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
        if afterAmount || afterDe || looksLikeCode {
            return error("unknown currency ‘\(word)’", at: i)
        }
        return error("unknown word ‘\(word)’", at: i)
    }
}
