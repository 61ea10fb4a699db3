import PledgeTallyCore

/// The amounts of a phrase and what attaches to them: currencies, range joins,
/// minus signs and the press's conversions in parentheses.
extension AmountGrammar {
    /// The amount scales and currencies attach to: the conversion being read in
    /// parentheses, else the last main amount.
    var currentSide: AmountSide? {
        get {
            if let p = parens, p.sides > 0 { return conversions.last }
            return main.last
        }
        set {
            guard let newValue else { return }
            if let p = parens, p.sides > 0 {
                conversions[conversions.count - 1] = newValue
            } else if !main.isEmpty {
                main[main.count - 1] = newValue
            }
        }
    }

    mutating func startAmount(_ figure: Figure, at i: Int) throws(AmountParseError) {
        var side = AmountSide(figure, at: i)
        if let pending = pendingCurrency {
            side.currency = pending
            side.firstToken = min(i, pending.token)
            pendingCurrency = nil
        }
        if var p = parens {
            if p.sides > 0 && !p.joinPending {
                throw error("two amounts in one parenthesis, ‘\(text(conversions.last!))’ and ‘\(text(i))’", at: i)
            }
            if main.isEmpty {
                throw error("an amount in parentheses must follow the amount it converts", at: i)
            }
            p.sides += 1
            p.joinPending = false
            parens = p
            conversions.append(side)
            return
        }
        if main.isEmpty {
            main.append(side)
        } else if main.count == 1 && pendingJoin != nil {
            pendingJoin = nil
            main.append(side)
        } else {
            throw error("two different amounts, ‘\(text(main.last!))’ and ‘\(text(i))’, that are neither a range nor a conversion", at: i)
        }
    }

    mutating func join(at i: Int) throws(AmountParseError) {
        if var p = parens {
            guard p.sides > 0 else { throw unexpected(at: i) }
            p.joinPending = true
            parens = p
            return
        }
        guard main.count == 1, pendingJoin == nil else { throw unexpected(at: i) }
        pendingJoin = i
    }

    /// A currency: right after an amount without one ("5 milliards d’euros") it is
    /// that amount's; else before a number it is the number's ("$5bn"); else it
    /// belongs to the amount just read ("€5bn euros").
    mutating func currency(_ code: Int16, at i: Int, length: Int) throws(AmountParseError) {
        let next = i + length
        let side = currentSide
        let follows = side.map { $0.currency == nil && ($0.lastToken == i - 1 || afterConnector == i) } ?? false
        if follows || !startsAmount(at: next), var side {
            if let stated = side.currency, stated.code != code {
                if lexicon.isShared(stated.code, including: code) {
                    side.currency = CurrencyMark(code: code, token: i)   // "$5bn CAD"
                } else if !lexicon.isShared(code, including: stated.code) {
                    throw error("two different currencies, ‘\(text(stated.token))’ and ‘\(text(i, next - 1))’", at: i)
                }
            }
            if side.currency == nil {
                side.currency = CurrencyMark(code: code, token: i)
            }
            side.lastToken = max(side.lastToken, next - 1)
            currentSide = side
            return
        }
        if let pending = pendingCurrency, pending.code != code {
            throw error("two different currencies, ‘\(text(pending.token))’ and ‘\(text(i, next - 1))’", at: i)
        }
        pendingCurrency = CurrencyMark(code: code, token: i)
    }

    /// A dash before an amount joins a range after an amount, else is a minus sign;
    /// elsewhere it is punctuation.
    mutating func dash(at i: Int) throws(AmountParseError) {
        guard startsPricedAmount(at: i + 1) else { return }
        let hasAmount = parens.map { $0.sides > 0 } ?? !main.isEmpty
        if hasAmount && pendingJoin == nil && !(parens?.joinPending ?? false) {
            try join(at: i)
        } else {
            throw error("negative amount ‘\(text(i, min(i + 2, n - 1)))’", at: i)
        }
    }

    mutating func closeParentheses(at i: Int) throws(AmountParseError) {
        guard let p = parens else { return }
        parens = nil
        if p.sides == 0 {
            if p.qualifier.strength > qualifier.strength { qualifier = p.qualifier }
        }
        if let pending = pendingCurrency {
            throw error("currency ‘\(text(pending.token))’ without an amount", at: pending.token)
        }
        if p.joinPending { throw error("the range in parentheses has no second amount", at: i) }
        // Only a lone conversion is compared with the amount; ranges in parentheses are ignored.
        if p.sides > 1 { conversions.removeLast(p.sides) }
    }
}
