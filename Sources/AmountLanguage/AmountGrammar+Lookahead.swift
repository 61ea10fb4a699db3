/// Looking ahead in the vocabulary: which phrase starts at a token, and whether
/// an amount or a currency does.
extension AmountGrammar {
    /// The longest vocabulary phrase with a role at a token, and the longest time preposition.
    struct Match {
        var roleNode: Int32 = -1
        var roleLength = 0
        var prepositionNode: Int32 = -1
        var prepositionLength = 0
    }

    /// The longest vocabulary phrase starting at `i`, and the longest time preposition.
    func match(at i: Int) -> Match {
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

    /// The role of the longest phrase at `i` and its length in tokens.
    func role(at i: Int) -> (Role, Int) {
        let m = match(at: i)
        return m.roleLength > 0 ? (lexicon.nodes[Int(m.roleNode)].role, m.roleLength) : (.none, 0)
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
