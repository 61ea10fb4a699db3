import PledgeTallyCore

/// The amount vocabulary compiled for fast lookups: a word table keyed by folded
/// bytes, and a trie of phrases over word ids.
///
/// Built once from `AmountVocabulary`. A folded word of up to 16 bytes is packed
/// into two integers and found by open addressing, so no `String` is made or
/// hashed while parsing; a phrase is a walk down the trie, one word id per step.
final class AmountLexicon: Sendable {
    static let shared = AmountLexicon()

    /// A phrase's role with currencies as indexes into `codes`.
    typealias Role = PhraseRole<Int16>

    struct Node: Sendable {
        var role: Role
        var time: AmountVocabulary.TimeRole
        var language: AmountVocabulary.WordLanguage
        var firstChild: Int32
        var childCount: Int32
    }

    /// Longest words the table holds; longer ones are unknown.
    static let maxWordLength = 16

    /// ISO codes, indexed by the currency ids used everywhere else.
    let codes: [String]
    let codeIndex: [String: Int16]
    /// By currency id: the shared currency ("$", "kr") it is, if it is one.
    let shared: [SharedCurrency?]
    /// By currency id: the code a currency is read as when nothing chooses ("$": USD; "kr": nil).
    let readAs: [String?]
    /// Folded text of each word id.
    let words: [String]

    /// The mark of an empty slot in the packed tables below (`slotID`,
    /// `rootChild`): they stay flat arrays of Int32 for the tokenizer's speed;
    /// the functions that read them answer with optionals.
    private static let none: Int32 = -1

    // Word table: open addressing over packed keys.
    private let slotLo: [UInt64]
    private let slotHi: [UInt64]
    private let slotID: [Int32]
    private let slotShift: UInt64

    /// Three-letter ISO codes, packed in lower case, to currency ids (used for words written in capitals).
    private let upperCodes: [UInt64: Int16]
    /// Currency symbol scalars to currency ids.
    let symbols: [UInt32: Int16]
    /// Glued forms ("us$", "$us") by folded text.
    private let glued: [String: Int16]
    /// Word ids that may be glued to a symbol.
    let gluesToSymbol: [Bool]

    // Trie.
    private let rootChild: [Int32]
    let nodes: [Node]
    private let childWord: [Int32]
    private let childNode: [Int32]

    private init() {
        var codes: [String] = []
        var codeIndex: [String: Int16] = [:]
        func code(_ c: String) -> Int16 {
            if let i = codeIndex[c] { return i }
            codeIndex[c] = Int16(codes.count)
            codes.append(c)
            return Int16(codes.count - 1)
        }
        for c in AmountVocabulary.isoCodes { _ = code(c) }
        var sharedByID: [Int16: (SharedCurrency, assumed: String?)] = [:]
        for (i, shared) in AmountVocabulary.sharedCurrencies.enumerated() {
            sharedByID[code(shared.name)] = (SharedCurrency(index: UInt8(i)), shared.assumed)
        }

        // Phrases as lists of folded words.
        var wordIDs: [String: Int32] = [:]
        var words: [String] = []
        func wordID(_ w: String) -> Int32 {
            if let i = wordIDs[w] { return i }
            precondition(w.utf8.count <= Self.maxWordLength, "vocabulary word ‘\(w)’")
            wordIDs[w] = Int32(words.count)
            words.append(w)
            return Int32(words.count - 1)
        }
        struct BuildNode { var role: Role = .none; var time: AmountVocabulary.TimeRole = []
                           var language: AmountVocabulary.WordLanguage = .either; var children: [Int32: Int] = [:] }
        var build: [BuildNode] = [BuildNode()]   // 0 is the root
        for entry in AmountVocabulary.entries {
            var node = 0
            for w in Self.phraseWords(entry.phrase) {
                let id = wordID(w)
                if let next = build[node].children[id] {
                    node = next
                } else {
                    build.append(BuildNode())
                    build[node].children[id] = build.count - 1
                    node = build.count - 1
                }
            }
            let role = entry.role.mapCurrency(code)
            if role != .none {
                precondition(build[node].role == .none || build[node].role == role,
                             "‘\(entry.phrase)’ has two roles")
                build[node].role = role
                build[node].language = entry.language
            } else if build[node].role == .none {
                build[node].language = entry.language
            }
            build[node].time.formUnion(entry.time)
        }
        // Glued symbols: the letters must be words too.
        var glued: [String: Int16] = [:]
        for (text, c) in AmountVocabulary.gluedSymbols { glued[text] = code(c) }
        var symbols: [UInt32: Int16] = [:]
        for (s, c) in AmountVocabulary.symbols { symbols[s.value] = code(c) }
        var upperCodes: [UInt64: Int16] = [:]
        for c in AmountVocabulary.isoCodes { upperCodes[Self.pack(Array(c.lowercased().utf8)).lo] = code(c) }

        // Flatten the trie: node i of the build is node i here.
        var nodes: [Node] = []
        var childWord: [Int32] = []
        var childNode: [Int32] = []
        for b in build {
            let sorted = b.children.sorted { $0.key < $1.key }
            nodes.append(Node(role: b.role, time: b.time, language: b.language,
                              firstChild: Int32(childWord.count), childCount: Int32(sorted.count)))
            for (w, n) in sorted {
                childWord.append(w)
                childNode.append(Int32(n))
            }
        }
        var rootChild = [Int32](repeating: Self.none, count: words.count)
        for (w, n) in build[0].children { rootChild[Int(w)] = Int32(n) }

        // Word table with at most 25% load.
        var bits = 4
        while (1 << bits) < words.count * 4 { bits += 1 }
        var lo = [UInt64](repeating: 0, count: 1 << bits)
        var hi = [UInt64](repeating: 0, count: 1 << bits)
        var ids = [Int32](repeating: Self.none, count: 1 << bits)
        let shift = UInt64(64 - bits)
        for (i, w) in words.enumerated() {
            let key = Self.pack(Array(w.utf8))
            var slot = Int(Self.hash(key.lo, key.hi) >> shift)
            while ids[slot] != Self.none { slot = (slot + 1) & ((1 << bits) - 1) }
            lo[slot] = key.lo
            hi[slot] = key.hi
            ids[slot] = Int32(i)
        }
        var gluesToSymbol = [Bool](repeating: false, count: words.count)
        for (text, _) in AmountVocabulary.gluedSymbols {
            let letters = String(text.unicodeScalars.filter { $0.properties.isAlphabetic })
            if let id = wordIDs[letters] { gluesToSymbol[Int(id)] = true }
        }

        self.codes = codes
        self.shared = codes.indices.map { sharedByID[Int16($0)]?.0 }
        self.readAs = codes.indices.map { sharedByID[Int16($0)].map { $0.assumed } ?? codes[$0] }
        self.codeIndex = codeIndex
        self.words = words
        self.slotLo = lo
        self.slotHi = hi
        self.slotID = ids
        self.slotShift = shift
        self.upperCodes = upperCodes
        self.symbols = symbols
        self.glued = glued
        self.gluesToSymbol = gluesToSymbol
        self.rootChild = rootChild
        self.nodes = nodes
        self.childWord = childWord
        self.childNode = childNode
    }

    /// The folded words of a vocabulary phrase: split at spaces and after apostrophes.
    static func phraseWords(_ phrase: String) -> [String] {
        var out: [String] = []
        for piece in TextFolding.fold(phrase).split(separator: " ") {
            var current = ""
            for ch in piece {
                current.append(ch)
                if ch == "'" {
                    out.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { out.append(current) }
        }
        return out
    }

    /// Packs up to 16 bytes, little-endian, zero padded.
    static func pack(_ bytes: [UInt8]) -> (lo: UInt64, hi: UInt64) {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for (i, b) in bytes.enumerated() where i < 16 {
            if i < 8 { lo |= UInt64(b) << (8 * UInt64(i)) } else { hi |= UInt64(b) << (8 * UInt64(i - 8)) }
        }
        return (lo, hi)
    }

    @inline(__always)
    static func hash(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
        (lo &* 0x9E37_79B9_7F4A_7C15) ^ ((hi ^ (lo >> 29)) &* 0xC2B2_AE3D_27D4_EB4F)
    }

    /// The id of a packed folded word, or nil when the vocabulary does not know it.
    @inline(__always)
    func wordID(lo: UInt64, hi: UInt64) -> Int32? {
        let mask = slotID.count - 1
        var slot = Int(Self.hash(lo, hi) >> slotShift)
        while true {
            let id = slotID[slot]
            if id == Self.none { return nil }
            if slotLo[slot] == lo && slotHi[slot] == hi { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The currency id of a three-letter word written in capitals (packed folded), or nil.
    @inline(__always)
    func upperCode(_ lo: UInt64) -> Int16? { upperCodes[lo] }

    /// The ISO code of a currency id, or nil for a shared currency nothing chose
    /// ("kr"); and the shared currency, whose codes a currency column may choose among.
    @inline(__always)
    func reading(_ id: Int16) -> (code: String?, shared: SharedCurrency?) {
        (readAs[Int(id)], shared[Int(id)])
    }

    /// Whether a shared currency id may be the currency `other` names: "$" and "C$".
    func isShared(_ id: Int16, including other: Int16) -> Bool {
        guard let shared = shared[Int(id)], self.shared[Int(other)] == nil else { return false }
        return shared.codes.contains(codes[Int(other)])
    }

    /// The currency of a glued form such as "us$", or nil.
    func gluedCurrency(_ text: String) -> Int16? { glued[text] }

    /// The role of a word on its own (`.none` when it only starts longer phrases).
    func singleWordRole(_ id: Int32) -> Role {
        root(word: id).map { nodes[Int($0)].role } ?? .none
    }

    /// The time roles of a word on its own.
    @inline(__always)
    func singleWordTime(_ id: Int32) -> AmountVocabulary.TimeRole {
        root(word: id).map { nodes[Int($0)].time } ?? []
    }

    /// The node of the phrases starting with word `id`, or nil when none does.
    @inline(__always)
    func root(word id: Int32) -> Int32? {
        let node = rootChild[Int(id)]
        return node == Self.none ? nil : node
    }

    /// The child of `node` along word `id`, or nil.
    @inline(__always)
    func child(of node: Int32, word id: Int32) -> Int32? {
        let n = nodes[Int(node)]
        var i = Int(n.firstChild)
        let end = i + Int(n.childCount)
        while i < end {
            if childWord[i] == id { return childNode[i] }
            i += 1
        }
        return nil
    }
}
