import PledgeTallyCore

/// Number words, read from the token where they start: "vingt-cinq",
/// "quatre-vingt-dix", "deux cents", "mille", "one hundred and fifty",
/// "one and a half", "un demi", "half a", "a quarter of a".
///
/// A consuming parser: it returns the value and the token after the words,
/// or nil when no number is written there. What it does not read (a scale, a
/// currency) is left to the grammar.
struct NumberWordsReading: Equatable {
    var value: WordNumber
    /// The first token not read.
    var next: Int
    /// Words only French or only English among those read.
    var french = 0
    var english = 0
}

extension AmountGrammar {
    /// What the last word read was, deciding what may follow.
    private enum Last: Equatable {
        case none
        /// "a", "an" before "hundred" or a fraction.
        case article
        /// 1 to 19.
        case small(Int)
        /// 20 to 90.
        case tens(Int)
        case hundred
        case thousand
    }

    /// The number words starting at `start`, or nil.
    func numberWords(at start: Int) -> NumberWordsReading? {
        var k = start
        var total = 0, current = 0
        var last = Last.none
        /// The hyphen, "et" or "and" just read, not yet followed by a word that fits.
        var joiner: Int?
        var words = 0
        var onlyNeedsScale = true
        var french = 0, english = 0
        var fraction: Int?   // the denominator of a fraction read last
        var half = false
        func note(_ node: Int32) {
            switch lexicon.nodes[Int(node)].language {
            case .french: french += 1
            case .english: english += 1
            case .either: break
            }
        }
        read: while k < n {
            if tokens[k].kind == .dash {
                // A hyphen inside a compound: glued on both sides, between words read and more words.
                guard words > 0, isGlued(k), k + 1 < n, tokens[k + 1].kind == .word, joiner == nil else { break }
                joiner = k
                k += 1
                continue
            }
            guard let phrase = match(at: k).role else { break }
            let role = lexicon.nodes[Int(phrase.node)].role
            switch role {
            case .articleOrJoin where k == start:
                // "a hundred", "a quarter", "a half"
                switch roleAt(k + 1) {
                case .hundred?, .fraction?: break
                default: break read
                }
                last = .article
                k += 1
                continue
            case let .number(v8, needsScale):
                let v = Int(v8)
                var ok: Bool
                switch last {
                case .none, .article, .hundred, .thousand:
                    ok = true
                    if v == 1 && needsScale && last != .none { ok = false }
                case let .tens(t):
                    ok = joiner != nil && (v <= 9 || ((t == 60 || t == 80) && v <= 19))
                case let .small(s):
                    // "dix-sept"; "quatre-vingt(s)".
                    ok = joiner != nil && ((s == 10 && v >= 7 && v <= 9) || (s == 4 && v == 20))
                }
                guard ok else { break read }
                if case let .small(s) = last, s == 4, v == 20 {
                    current += 76
                    last = .tens(80)
                } else {
                    current += v
                    last = v < 20 ? .small(v) : .tens(v)
                }
                if !needsScale { onlyNeedsScale = false }
            case .hundred:
                guard current < 100 else { break read }
                switch last {
                case .none, .article, .small, .thousand: break
                default: break read
                }
                current = (current == 0 ? 1 : current) * 100
                last = .hundred
                onlyNeedsScale = false
            case let .scale(en, fr) where en == 3 && fr == 3 && isThousandWord(k):
                // "deux mille cinq cents", "mille milliards": only before more number words or a scale.
                switch roleAt(k + 1) {
                case .number?, .hundred?, .scale?: break
                default: break read
                }
                guard total == 0, last != .thousand, last != .article else { break read }
                total = (current == 0 ? 1 : current) * 1000
                current = 0
                last = .thousand
                onlyNeedsScale = false
            case let .fraction(d):
                // "un demi", "three quarters", "half", "a quarter"
                switch last {
                case .none, .article: current = 1
                case let .small(s) where s < 10 && total == 0 && current == s: break
                default: break read
                }
                note(phrase.node)
                words += 1
                joiner = nil
                k += phrase.length
                fraction = Int(d)
                // "half a billion", "a quarter of a billion"
                if k < n, isWord(k, "a") || isWord(k, "an") {
                    k += 1
                } else if k + 1 < n, isWord(k, "of"), isWord(k + 1, "a") || isWord(k + 1, "an") {
                    k += 2
                }
                break read
            case .andAHalf:
                guard words > 0, last != .article, joiner == nil else { break read }
                note(phrase.node)
                k += phrase.length
                half = true
                break read
            case .rangeJoin where joiner == nil && (isWord(k, "et") || isWord(k, "and")):
                // "vingt et un", "soixante et onze"; "one hundred and fifty".
                guard case let .number(v, _)? = roleAt(k + 1) else { break read }
                switch last {
                case .tens where v == 1 || v == 11: break
                case .hundred, .thousand: break
                default: break read
                }
                note(phrase.node)
                joiner = k
                k += phrase.length
                continue
            default:
                break read
            }
            note(phrase.node)
            words += 1
            joiner = nil
            k += phrase.length
        }
        guard words > 0, last != .article || fraction != nil else { return nil }
        // A hyphen, "et" or "and" not followed by a word that fits is not part of the number.
        if let j = joiner { k = j }
        var value = WordNumber(total + current)
        if let d = fraction {
            value = WordNumber(value.mantissa * (100 / d), decimals: 2)
        } else if half {
            value = WordNumber(value.mantissa * 10 + 5, decimals: 1)
        }
        // "un", "an", a fraction: a number only before a scale ("un milliard", "un demi-milliard").
        if (onlyNeedsScale && !half) || fraction != nil {
            var s = k
            if s < n, tokens[s].kind == .dash, isGlued(s) { s += 1 }
            guard isScale(at: s) else { return nil }
            k = s
        }
        return NumberWordsReading(value: value, next: k, french: french, english: english)
    }

    /// The role of the phrase at `i`, or nil.
    private func roleAt(_ i: Int) -> Role? {
        let (role, length) = role(at: i)
        return length > 0 ? role : nil
    }

    /// A dash with no space on either side ("vingt-cinq").
    func isGlued(_ i: Int) -> Bool {
        i > 0 && i + 1 < n && tokens[i - 1].end == tokens[i].start && tokens[i].end == tokens[i + 1].start
    }

    private func isWord(_ i: Int, _ word: String) -> Bool {
        i < n && tokens[i].kind == .word && tokens[i].id.map { lexicon.words[Int($0)] == word } == true
    }

    private func isThousandWord(_ i: Int) -> Bool {
        isWord(i, "mille") || isWord(i, "thousand")
    }
}
