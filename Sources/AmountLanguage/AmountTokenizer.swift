import PledgeTallyCore

/// Splits an amount phrase into tokens over its UTF-8 bytes.
///
/// Words are folded as they are read (ASCII lower case, Latin-1 accents removed,
/// combining marks skipped, ’ as ') and looked up in the lexicon without making a
/// `String`; only words with other non-ASCII letters go through `TextFolding`.
/// Linear in the input: every byte is looked at a bounded number of times.
struct AmountTokenizer {
    let bytes: UnsafeBufferPointer<UInt8>
    let lexicon: AmountLexicon
    var tokens: [AmountToken] = []
    /// The end of an unknown hyphenated word being read as its parts
    /// ("quatre-vingt-dix", "bn-plus", "demi-milliard").
    private var splitHyphensUntil = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, lexicon: AmountLexicon) {
        self.bytes = bytes
        self.lexicon = lexicon
        tokens.reserveCapacity(12)
    }

    /// Reads the whole phrase; an error for a character no amount contains.
    mutating func run() -> AmountParseError? {
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                i = scanNumber(at: i, leadingMark: false)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                i = scanWord(at: i)
            case UInt8(ascii: " "), 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < n, isDigit(bytes[i + 1]), i == 0 || !isASCIIAlphanumeric(bytes[i - 1]) {
                    i = scanNumber(at: i, leadingMark: true)
                } else {
                    i += 1
                }
            case UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "*"), UInt8(ascii: "'"),
                 UInt8(ascii: "!"):
                i += 1
            case UInt8(ascii: "("), UInt8(ascii: "["):
                tokens.append(AmountToken(kind: .open, start: Int32(i), end: Int32(i + 1)))
                i += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                tokens.append(AmountToken(kind: .close, start: Int32(i), end: Int32(i + 1)))
                i += 1
            case UInt8(ascii: "-"):
                tokens.append(AmountToken(kind: .dash, start: Int32(i), end: Int32(i + 1)))
                i += 1
            case UInt8(ascii: "$"):
                symbol(lexicon.symbols[0x24]!, scalar: "$", start: i, end: i + 1)
                i += 1
            case UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "?"):
                punctuationWord(c, start: i, end: i + 1)
                i += 1
            case 0x80...:
                let (scalar, length) = decode(at: i)
                switch scalar {
                case 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF, 0xAD:
                    break   // spaces, zero-width characters, soft hyphen
                case 0x2010...0x2015, 0x2212:
                    tokens.append(AmountToken(kind: .dash, start: Int32(i), end: Int32(i + length)))
                case 0x2018, 0x2019, 0x02BC, 0xAB, 0xBB, 0x201C...0x201F, 0x2026, 0x2039, 0x203A:
                    break   // stray apostrophes and quotation marks
                case 0x037E:
                    break   // Greek question mark: ';' in every normalisation form, skipped as ';' is
                case 0x2248: punctuationWord(UInt8(ascii: "~"), start: i, end: i + length)
                case 0x2265: punctuationWord(UInt8(ascii: ">"), start: i, end: i + length)
                case 0x2264: punctuationWord(UInt8(ascii: "<"), start: i, end: i + length)
                case 0x0338, 0x20D2, 0x20E5:
                    // A slash through the sign before it (NFD "≯" is ">" + U+0338):
                    // a negated sign, which the precomposed form rejects too.
                    var from = i
                    if from > 0 { from -= 1 }
                    while from > 0 && bytes[from] & 0xC0 == 0x80 { from -= 1 }   // back to the sign's first byte
                    let previous = String(decoding: bytes[from..<i], as: UTF8.self)
                    return AmountParseError(
                        "unexpected character ‘\(previous)\(String(Unicode.Scalar(scalar)!))’", position: characterOffset(from))
                case 0x0300...0x036F:
                    break   // a combining mark with no letter before it
                default:
                    if let code = lexicon.symbols[scalar] {
                        symbol(code, scalar: Unicode.Scalar(scalar)!, start: i, end: i + length)
                    } else if isLetter(scalar) {
                        i = scanWord(at: i)
                        continue
                    } else {
                        return AmountParseError(
                            "unexpected character ‘\(String(Unicode.Scalar(scalar)!))’", position: characterOffset(i))
                    }
                }
                i += length
            default:
                return AmountParseError("unexpected character ‘\(String(UnicodeScalar(c)))’", position: characterOffset(i))
            }
        }
        return nil
    }

    // MARK: Words

    /// Reads a word, folding it as it goes; returns the end.
    private mutating func scanWord(at start: Int) -> Int {
        let n = bytes.count
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var length = 0
        var slow = false
        var upper = 0
        var hyphens = 0
        let keepsHyphens = start >= splitHyphensUntil
        var j = start
        @inline(__always) func push(_ b: UInt8) {
            if length < 8 {
                lo |= UInt64(b) << (UInt64(length) &* 8)
            } else if length < 16 {
                hi |= UInt64(b) << (UInt64(length - 8) &* 8)
            }
            length += 1
        }
        loop: while j < n {
            let c = bytes[j]
            if c < 0x80 {
                if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") {
                    push(c)
                    j += 1
                } else if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") {
                    push(c | 0x20)
                    upper += 1
                    j += 1
                } else if c == UInt8(ascii: "'") {
                    push(c)
                    j += 1
                    break loop
                } else if c == UInt8(ascii: "-"), keepsHyphens, j + 1 < n, letterLength(at: j + 1) > 0 {
                    push(c)
                    hyphens += 1
                    j += 1
                } else {
                    break loop
                }
            } else {
                let (scalar, len) = decode(at: j)
                switch scalar {
                case 0xC0...0xFF where scalar != 0xD7 && scalar != 0xF7:
                    let folded = Self.latin1Fold[Int(scalar - 0xC0)]
                    push(UInt8(truncatingIfNeeded: folded))
                    if folded > 0xFF { push(UInt8(truncatingIfNeeded: folded >> 8)) }
                case 0x0300...0x036F:
                    break
                case 0x2019, 0x2018, 0x02BC:
                    push(UInt8(ascii: "'"))
                    j += len
                    break loop
                default:
                    guard scalar > 0xFF, isLetter(scalar) else { break loop }
                    slow = true
                }
                j += len
            }
        }
        var id: Int32?
        if slow {
            let folded = TextFolding.fold(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self))
            let utf8 = Array(folded.utf8)
            if utf8.count <= AmountLexicon.maxWordLength {
                let key = AmountLexicon.pack(utf8)
                id = lexicon.wordID(lo: key.lo, hi: key.hi)
            }
        } else if length <= AmountLexicon.maxWordLength {
            if length == 3 && upper == 3 && j - start == 3, let code = lexicon.upperCode(lo) {
                tokens.append(AmountToken(kind: .currency, start: Int32(start), end: Int32(j), id: Int32(code)))
                return j
            }
            id = lexicon.wordID(lo: lo, hi: hi)
        }
        if id == nil && hyphens > 0 {
            // Unknown as a whole: read its parts, with the hyphens as dashes.
            splitHyphensUntil = j
            return scanWord(at: start)
        }
        // "$US": a symbol glued before these letters.
        if let id, lexicon.gluesToSymbol[Int(id)], let last = tokens.last, last.kind == .currency,
           last.end == Int32(start), last.end - last.start <= 3,
           let code = lexicon.gluedCurrency(text(last.start, last.end) + lexicon.words[Int(id)]) {
            tokens[tokens.count - 1].id = Int32(code)
            tokens[tokens.count - 1].end = Int32(j)
            return j
        }
        tokens.append(AmountToken(kind: .word, start: Int32(start), end: Int32(j), id: id))
        return j
    }

    /// A one-character word such as "/" or "+".
    private mutating func punctuationWord(_ c: UInt8, start: Int, end: Int) {
        let id = lexicon.wordID(lo: UInt64(c), hi: 0)
        tokens.append(AmountToken(kind: .word, start: Int32(start), end: Int32(end), id: id))
    }

    /// A currency symbol, merged with letters glued before it ("US$", "CN¥").
    private mutating func symbol(_ code: Int16, scalar: Unicode.Scalar, start: Int, end: Int) {
        if let last = tokens.last, last.kind == .word, let word = last.id, lexicon.gluesToSymbol[Int(word)],
           last.end == Int32(start) || lexicon.singleWordRole(word) == .none,
           let glued = lexicon.gluedCurrency(lexicon.words[Int(word)] + String(scalar)) {
            tokens[tokens.count - 1] = AmountToken(kind: .currency, start: last.start, end: Int32(end), id: Int32(glued))
            return
        }
        tokens.append(AmountToken(kind: .currency, start: Int32(start), end: Int32(end), id: Int32(code)))
    }

    // MARK: Characters

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    @inline(__always) private func isASCIIAlphanumeric(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- 97 < 26
    }

    /// The length of the letter at `i`, or 0 when there is none.
    private func letterLength(at i: Int) -> Int {
        let c = bytes[i]
        if c < 0x80 { return (c | 0x20) &- 97 < 26 ? 1 : 0 }
        let (scalar, length) = decode(at: i)
        return isLetter(scalar) ? length : 0
    }

    func isLetter(_ scalar: UInt32) -> Bool {
        if scalar >= 0xC0 && scalar <= 0xFF { return scalar != 0xD7 && scalar != 0xF7 }
        if scalar < 0xC0 { return false }
        return Unicode.Scalar(scalar)?.properties.isAlphabetic ?? false
    }

    /// The scalar starting at byte `i` (valid UTF-8: the bytes come from a String).
    @inline(__always) func decode(at i: Int) -> (UInt32, Int) {
        let c = UInt32(bytes[i])
        let n = bytes.count
        if c < 0x80 { return (c, 1) }
        if c < 0xE0, i + 1 < n { return ((c & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if c < 0xF0, i + 2 < n {
            return ((c & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if i + 3 < n {
            return ((c & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    func text(_ start: Int32, _ end: Int32) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(end)]), as: UTF8.self)
    }

    func characterOffset(_ byte: Int) -> Int {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[..<byte]), as: UTF8.self).count
    }

    /// U+00C0...U+00FF folded: one or two ASCII bytes (second in the high byte).
    static let latin1Fold: [UInt16] = {
        let table = "aaaaaa" + "\u{1}" + "ceeeeiiiidnooooo" + "\u{2}" + "ouuuuyt" + "\u{3}"
            + "aaaaaa" + "\u{1}" + "ceeeeiiiidnooooo" + "\u{2}" + "ouuuuyty"
        var out: [UInt16] = []
        for b in table.utf8 {
            switch b {
            case 1: out.append(UInt16(ascii("a")) | UInt16(ascii("e")) << 8)   // æ
            case 2: out.append(UInt16(ascii("x")))                              // × ÷ (never used)
            case 3: out.append(UInt16(ascii("s")) | UInt16(ascii("s")) << 8)   // ß
            default: out.append(UInt16(b))
            }
        }
        precondition(out.count == 64)
        return out
    }()
}

private func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(s.value) }
