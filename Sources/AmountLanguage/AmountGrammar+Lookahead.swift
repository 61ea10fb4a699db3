/// Looking ahead in the vocabulary: which phrase starts at a token, and whether
/// an amount or a currency does.
extension AmountGrammar {
    /// The longest vocabulary phrase with a role at a token, and the longest time preposition.
    struct Match {
        /// A phrase of the vocabulary: its node in the lexicon and its length in tokens.
        struct Phrase {
            var node: Int32
            var length: Int
        }
        /// The longest phrase with a role, if any.
        var role: Phrase?
        /// The longest time preposition ("sur", "over"), if any.
        var preposition: Phrase?
    }

    /// The longest vocabulary phrase starting at `i`, and the longest time preposition.
    func match(at i: Int) -> Match {
        var m = Match()
        guard i < n, tokens[i].kind == .word, let first = tokens[i].id else { return m }
        var next = lexicon.root(word: first)
        var k = i
        while let node = next {
            let info = lexicon.nodes[Int(node)]
            if info.role != .none {
                m.role = Match.Phrase(node: node, length: k - i + 1)
            }
            if info.time.contains(.preposition) {
                m.preposition = Match.Phrase(node: node, length: k - i + 1)
            }
            k += 1
            guard k < n, tokens[k].kind == .word, let word = tokens[k].id else { break }
            next = lexicon.child(of: node, word: word)
        }
        return m
    }

    /// The role of the longest phrase at `i` and its length in tokens.
    func role(at i: Int) -> (Role, Int) {
        guard let phrase = match(at: i).role else { return (.none, 0) }
        return (lexicon.nodes[Int(phrase.node)].role, phrase.length)
    }

    func isScale(at i: Int) -> Bool {
        if case .scale = role(at: i).0 { return true }
        return false
    }

    /// Whether an amount starts at `i`: a number, or a number word.
    func startsAmount(at i: Int) -> Bool {
        guard i < n else { return false }
        switch tokens[i].kind {
        case .number: return true
        case .word:
            switch role(at: i).0 {
            case let .number(_, needsScale):
                if !needsScale && (i + 1 >= n || tokens[i + 1].kind != .word && tokens[i + 1].kind != .dash) {
                    return true
                }
                return numberWords(at: i) != nil
            case .hundred, .fraction: return numberWords(at: i) != nil
            case .articleOrJoin: return isScale(at: i + 1) || numberWords(at: i) != nil
            default: return false
            }
        default: return false
        }
    }

    /// Whether an amount starts at `i`, maybe after its currency ("$5bn").
    func startsPricedAmount(at i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .currency { return startsAmount(at: i + 1) }
        let (role, length) = role(at: i)
        if case .currency = role { return startsAmount(at: i + length) }
        return startsAmount(at: i)
    }

    /// Whether a currency (symbol, code or word) starts at `i`.
    func startsCurrency(at i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .currency { return true }
        if case .currency = role(at: i).0 { return true }
        return false
    }

    func isJoin(_ i: Int) -> Bool {
        guard i < n else { return false }
        if tokens[i].kind == .dash { return true }
        switch role(at: i).0 {
        case .rangeJoin, .articleOrJoin: return true
        default: return false
        }
    }
}
