/// Finds the first rule, in file order, whose folded match occurs in a folded
/// domain text, in one pass over the text whatever the rules' lengths.
///
/// An Aho–Corasick automaton over the matches' characters (grapheme clusters,
/// as `String` compares them): the trie of every match, each state's failure
/// link (its longest proper suffix that is also a trie state), and for each
/// state the smallest rule index among the matches that end there or at a
/// state its failure links reach. Scanning a text of n characters takes O(n)
/// steps: each character moves at most one edge down and the failure links
/// only give back depth gained before. Building takes O(total match length).
///
/// A plain `contains` per rule costs text length × match length per rule in
/// the worst case: a 1 MB text against long rules took minutes.
struct DomainMatcher: Sendable {
    /// The symbol of each character some match holds; characters no match
    /// holds have none, and reset the scan to the root.
    private let symbols: [Character: Int32]
    /// The same for ASCII characters, by byte (-1: none).
    private let asciiSymbols: [Int32]
    /// The trie's edges, keyed by state << 32 | symbol.
    private let edges: [UInt64: Int32]
    private let failure: [Int32]
    /// The smallest rule index ending at each state (through failure links);
    /// `Int32.max` for none.
    private let firstRule: [Int32]

    /// `matches` are the folded matches in file order; an empty one matches nothing.
    init(matches: [String]) {
        var symbols: [Character: Int32] = [:]
        var ascii = [Int32](repeating: -1, count: 128)
        var edges: [UInt64: Int32] = [:]
        var firstRule: [Int32] = [Int32.max]
        var children: [[Int32]] = [[]]
        for (index, match) in matches.enumerated() where !match.isEmpty {
            var state: Int32 = 0
            for ch in match {
                let symbol: Int32
                if let known = symbols[ch] {
                    symbol = known
                } else {
                    symbol = Int32(symbols.count)
                    symbols[ch] = symbol
                    if let byte = ch.asciiValue, ch.unicodeScalars.count == 1 { ascii[Int(byte)] = symbol }
                }
                let key = UInt64(UInt32(state)) << 32 | UInt64(UInt32(symbol))
                if let next = edges[key] {
                    state = next
                } else {
                    let next = Int32(firstRule.count)
                    edges[key] = next
                    firstRule.append(Int32.max)
                    children.append([])
                    children[Int(state)].append(next)
                    state = next
                }
            }
            firstRule[Int(state)] = min(firstRule[Int(state)], Int32(index))
        }
        // Failure links breadth first, so a state's link is done before its children's.
        var failure = [Int32](repeating: 0, count: firstRule.count)
        var symbolOf = [Int32](repeating: -1, count: firstRule.count)
        for (key, child) in edges { symbolOf[Int(child)] = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF) }
        var queue: [Int32] = children[0]
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for child in children[Int(state)] {
                let symbol = UInt64(UInt32(symbolOf[Int(child)]))
                var link = failure[Int(state)]
                var target: Int32 = 0
                while true {
                    if let next = edges[UInt64(UInt32(link)) << 32 | symbol], next != child {
                        target = next
                        break
                    }
                    if link == 0 { break }
                    link = failure[Int(link)]
                }
                failure[Int(child)] = target
                firstRule[Int(child)] = min(firstRule[Int(child)], firstRule[Int(target)])
                queue.append(child)
            }
        }
        self.symbols = symbols
        self.asciiSymbols = ascii
        self.edges = edges
        self.failure = failure
        self.firstRule = firstRule
    }

    /// The index of the first match (in file order) that occurs in `key`, or nil.
    func firstMatch(in key: String) -> Int? {
        var best = Int32.max
        var state: Int32 = 0
        func step(_ symbol: Int32) {
            guard symbol >= 0 else {
                state = 0
                return
            }
            while true {
                if let next = edges[UInt64(UInt32(state)) << 32 | UInt64(UInt32(symbol))] {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            best = min(best, firstRule[Int(state)])
        }
        if key.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            // Every ASCII byte but CR (CR LF is one character) is a character of its own.
            for byte in key.utf8 {
                step(asciiSymbols[Int(byte)])
                if best == 0 { break }
            }
        } else {
            for ch in key {
                step(symbols[ch] ?? -1)
                if best == 0 { break }
            }
        }
        return best == Int32.max ? nil : Int(best)
    }
}
