/// Time context, which says when and is skipped: "d’ici 2030", "over the next
/// five years", "(2025-2030)".
extension AmountGrammar {
    /// The end of time context after a preposition ("by 2030", "over the next five
    /// years"), or nil when what follows is not a year or a duration.
    func timeContext(from start: Int) -> Int? {
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
    func yearsInParentheses(at i: Int) -> Int? {
        guard i + 2 < n, tokens[i + 1].kind == .number, tokens[i + 1].number.isYear else { return nil }
        if tokens[i + 2].kind == .close { return i + 3 }
        if isJoin(i + 2), i + 4 < n, tokens[i + 3].kind == .number, tokens[i + 3].number.isYear,
           tokens[i + 4].kind == .close {
            return i + 5
        }
        return nil
    }

    func isTime(_ i: Int, _ role: AmountVocabulary.TimeRole) -> Bool {
        i < n && tokens[i].kind == .word && tokens[i].id.map { lexicon.singleWordTime($0).contains(role) } == true
    }

    /// Whether the token at `i` is a scale, or a currency not written before another
    /// number, making the number before it an amount ("en 2000 euros").
    func attachesToAmount(_ i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .currency { return !startsAmount(at: i + 1) }
        let (role, length) = role(at: i)
        switch role {
        case .scale, .de: return true
        case .currency: return !startsAmount(at: i + length)
        default: return false
        }
    }
}
