import Testing
@testable import AmountLanguage
import PledgeTally
import PledgeTallyCore
@testable import Aggregate

/// Invariants over generated phrases, and inputs built to break the parser.
@Suite("AmountParser generated inputs")
struct AmountParserGeneratedTests {
    enum PhraseLanguage { case french, english, neutral }

    struct Scale {
        let word: String
        let power: Int
        /// Written glued to the number ("5bn").
        let glued: Bool
    }

    static let frenchScales: [Scale] = [
        Scale(word: "milliards", power: 9, glued: false), Scale(word: "millions", power: 6, glued: false),
        Scale(word: "Md", power: 9, glued: false), Scale(word: "Mds", power: 9, glued: false),
        Scale(word: "M", power: 6, glued: false), Scale(word: "k", power: 3, glued: false),
        Scale(word: "mille", power: 3, glued: false), Scale(word: "billions", power: 12, glued: false),
        Scale(word: "Mrd.", power: 9, glued: false), Scale(word: "", power: 0, glued: false),
    ]
    static let englishScales: [Scale] = [
        Scale(word: "bn", power: 9, glued: true), Scale(word: "billion", power: 9, glued: false),
        Scale(word: "million", power: 6, glued: false), Scale(word: "m", power: 6, glued: true),
        Scale(word: "M", power: 6, glued: true), Scale(word: "mn", power: 6, glued: false),
        Scale(word: "thousand", power: 3, glued: false), Scale(word: "k", power: 3, glued: true),
        Scale(word: "trillion", power: 12, glued: false), Scale(word: "tn", power: 12, glued: true),
        Scale(word: "B", power: 9, glued: true), Scale(word: "", power: 0, glued: false),
    ]
    static let neutralScales: [Scale] = [
        Scale(word: "crore", power: 7, glued: false), Scale(word: "lakh", power: 5, glued: false),
        Scale(word: "Mio", power: 6, glued: false), Scale(word: "Mrd", power: 9, glued: false),
        Scale(word: "M", power: 6, glued: false), Scale(word: "k", power: 3, glued: true),
        Scale(word: "", power: 0, glued: false),
    ]

    /// Templates: text around the number and scale, currency, qualifier.
    static let frenchTemplates: [(String, String, Qualifier)] = [
        ("# d’euros", "EUR", .exact), ("jusqu’à # de dollars", "USD", .upTo), ("plus de # de livres", "GBP", .atLeast),
        ("environ # de yens", "JPY", .approximately), ("# de roupies (initialement)", "INR", .initial),
        ("# de francs suisses", "CHF", .exact), ("# d'euros d’ici 2030", "EUR", .exact),
    ]
    static let englishTemplates: [(String, String, Qualifier)] = [
        ("up to $#", "USD", .upTo), ("about €#", "EUR", .approximately), ("more than £#", "GBP", .atLeast),
        ("an initial ¥#", "JPY", .initial), ("at least # Swiss francs", "CHF", .atLeast),
        ("up to ₹# by 2030", "INR", .upTo), ("some US$#", "USD", .approximately),
    ]
    static let neutralTemplates: [(String, String, Qualifier)] = [
        ("₹#", "INR", .exact), ("# €", "EUR", .exact), ("USD #", "USD", .exact), ("CHF #", "CHF", .exact),
        ("Rs #", "INR", .exact),
    ]

    /// A number as the generator writes it, and the value docs/amounts.md and the
    /// documented separator rule give it.
    struct Written {
        var text: String
        var expected: DecimalAmount
    }

    /// Writes `digits` (integer part) and `fraction` in one of four separator styles.
    static func write(integer: String, fraction: String, style: Int, language: PhraseLanguage,
                      rng: inout SplitMix64) -> Written {
        let spaces = [" ", "\u{00A0}", "\u{202F}"]
        let (thousands, decimal): (String, String)
        switch style {
        case 0:
            thousands = ""
            switch language {
            case .french: decimal = ","
            case .english: decimal = "."
            case .neutral: decimal = Bool.random(using: &rng) ? "," : "."
            }
        case 1: (thousands, decimal) = (",", ".")
        case 2: (thousands, decimal) = (".", ",")
        default: (thousands, decimal) = (spaces[Int(rng.next() % 3)], ",")
        }
        // Group the integer part in threes from the right.
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        var text = groups.joined(separator: thousands)
        if !fraction.isEmpty { text += decimal + fraction }

        // The rule: one `,` or `.` between at most three digits and exactly three,
        // and no other separator, is a decimal mark only where the phrase's
        // language says so.
        let marks = text.filter { $0 == "," || $0 == "." }
        let hasSpace = text.unicodeScalars.contains { [" ", "\u{00A0}", "\u{202F}"].contains($0) }
        var places = fraction.count
        if marks.count == 1, !hasSpace, integer != "0" {
            let parts = text.split(separator: marks.first!, omittingEmptySubsequences: false)
            if parts[1].count == 3 && parts[0].count <= 3 {
                let mark = marks.first!
                let isDecimal = (language == .french && mark == ",") || (language == .english && mark == ".")
                places = isDecimal ? 3 : 0
            }
        }
        let mantissa = Int128((integer + fraction))!
        return Written(text: text, expected: DecimalAmount(mantissa: mantissa, scale: places))
    }

    @Test("Numbers in every separator style and scale read back exactly")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 20250210)
        var failures = 0
        var checked = 0
        var outOfRange = 0
        for _ in 0..<4000 {
            let language: PhraseLanguage = [.french, .english, .neutral][Int(rng.next() % 3)]
            let scales: [Scale]
            let templates: [(String, String, Qualifier)]
            switch language {
            case .french: (scales, templates) = (Self.frenchScales, Self.frenchTemplates)
            case .english: (scales, templates) = (Self.englishScales, Self.englishTemplates)
            case .neutral: (scales, templates) = (Self.neutralScales, Self.neutralTemplates)
            }
            let scale = scales[Int(rng.next() % UInt64(scales.count))]
            let template = templates[Int(rng.next() % UInt64(templates.count))]
            // Integer part: 1 to 6 digits (3 for 10^12 scales), fraction: 0 to 3 digits.
            let maxDigits = scale.power >= 12 ? 3 : 6
            let digitCount = 1 + Int(rng.next() % UInt64(maxDigits))
            var integer = String(1 + rng.next() % 9)
            for _ in 1..<digitCount { integer += String(rng.next() % 10) }
            if rng.next() % 8 == 0 { integer = "0" }
            var fraction = ""
            for _ in 0..<Int(rng.next() % 4) { fraction += String(rng.next() % 10) }
            if integer == "0" && fraction.allSatisfy({ $0 == "0" }) { fraction = "5" }
            let written = Self.write(integer: integer, fraction: fraction, style: Int(rng.next() % 4),
                                     language: language, rng: &rng)
            let number = scale.word.isEmpty ? written.text
                : written.text + (scale.glued ? "" : " ") + scale.word
            let phrase = template.0.split(separator: "#", omittingEmptySubsequences: false).joined(separator: number)
            let expected = try written.expected.multiplied(byPowerOfTen: scale.power)
            checked += 1
            let result = AmountParser.parse(phrase)
            if AmountParser.maximumAmount < expected {
                // A separator read as thousands can push the value past the limit.
                guard case let .failure(e) = result, e.reason.contains("10^15") else {
                    failures += 1
                    Issue.record("\(phrase.debugDescription): expected the 10^15 limit, got \(result)")
                    continue
                }
                outOfRange += 1
                continue
            }
            guard case let .success(parsed) = result, parsed.amount == expected,
                  parsed.currency == template.1, parsed.qualifier == template.2 else {
                failures += 1
                if failures <= 20 {
                    Issue.record("\(phrase.debugDescription): expected \(expected) \(template.1) \(template.2), got \(result)")
                }
                continue
            }
        }
        #expect(checked == 4000)
        #expect(outOfRange < 400)
        #expect(failures == 0)
    }

    @Test("Pathological inputs return an error without crashing", .timeLimit(.minutes(1)))
    func pathological() {
        var rng = SplitMix64(seed: 7)
        let digits = String(repeating: "7", count: 100_000)
        #expect(failed(digits).contains("too long"))
        let fewerDigits = String(repeating: "7", count: 999)
        #expect(failed(fewerDigits).contains("too large"))
        let manyGroups = "1" + String(repeating: ",000", count: 240) + " €"
        #expect(failed(manyGroups).contains("too large"))

        var bytes: [UInt8] = []
        for _ in 0..<100_000 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        let random = String(decoding: bytes, as: UTF8.self)
        _ = failed(random)

        let nested = String(repeating: "(", count: 50_000) + "5" + String(repeating: ")", count: 50_000)
        #expect(!failed(nested).isEmpty)
        let nestedShort = String(repeating: "(", count: 400) + "5 €" + String(repeating: ")", count: 400)
        #expect(failed(nestedShort).contains("nested"))
        let closing = String(repeating: ")", count: 900)
        #expect(failed(closing).contains("‘)’"))
        let dashes = String(repeating: "- ", count: 450) + "5"
        #expect(failed(dashes).contains("negative"))
        let words = String(repeating: "jusqu’à ", count: 100) + "5 €"
        if case let .success(p) = AmountParser.parse(words) { #expect(p.qualifier == .upTo) }

        // Short random byte strings and random runs of vocabulary: any answer, no crash.
        for _ in 0..<3000 {
            let count = Int(rng.next() % 64)
            var b: [UInt8] = []
            for _ in 0..<count { b.append(UInt8(truncatingIfNeeded: rng.next())) }
            _ = AmountParser.parse(String(decoding: b, as: UTF8.self))
        }
        let pieces = ["5", "1,5", "2.500", "1 000", "€", "$", "US$", "milliards", "bn", "d’", "de", "euros", "à", "a",
                      "-", "–", "(", ")", "jusqu’à", "entre", "et", "and", "to", "over", "by", "2030", "ans", "years",
                      "Non spécifié", "per year", "un", "initially", "k€", "Md€", "crore", "₹", "0", ",", ".", "'", "\u{301}"]
        for _ in 0..<5000 {
            var phrase = ""
            for _ in 0..<Int(rng.next() % 9) {
                phrase += pieces[Int(rng.next() % UInt64(pieces.count))]
                if rng.next() % 3 != 0 { phrase += " " }
            }
            switch AmountParser.parse(phrase) {
            case let .success(p):
                if let amount = p.amount {
                    #expect(!amount.isNegative && !amount.isZero && amount.scale <= 6, "\(phrase.debugDescription)")
                }
                if let low = p.amountLow, let high = p.amount { #expect(low <= high, "\(phrase.debugDescription)") }
            case let .failure(e):
                #expect(!e.reason.isEmpty)
            }
        }
    }

    /// The reason a phrase fails, or "" when it parses.
    private func failed(_ text: String) -> String {
        if case let .failure(e) = AmountParser.parse(text) { return e.reason }
        return ""
    }
}
