import Foundation
import Testing
@testable import AmountLanguage
import PledgeTallyCore

/// Phrases that must be rejected, each with what its reason must name.
@Suite("AmountParser errors")
struct AmountParserErrorTests {
    static let cases: [AmountErrorCase] = [
        // No number
        AmountErrorCase("milliards d'euros", "no number"),
        AmountErrorCase("EUR", "no number", "‘EUR’"),
        AmountErrorCase("(initialement)", "no number"),
        AmountErrorCase("bn 5", "no number before the scale ‘bn’"),
        // Unknown currency or word
        AmountErrorCase("5 bitcoins", "unknown currency ‘bitcoins’"),
        AmountErrorCase("5 milliards de bitcoins", "unknown currency ‘bitcoins’"),
        AmountErrorCase("XYZ 5bn", "unknown currency ‘XYZ’"),
        AmountErrorCase("5bn XYZ", "unknown currency ‘XYZ’"),
        AmountErrorCase("€5bn dont 2 en France", "unknown word ‘dont’"),
        AmountErrorCase("5 milliards d'euros pour l'IA", "unknown word ‘pour’"),
        AmountErrorCase("5%", "unexpected character ‘%’"),
        // Negated signs, precomposed or decomposed (NFD: the sign, then U+0338): never read as the plain sign.
        AmountErrorCase("\u{226F} 5 M€", "unexpected character ‘\u{226F}’"),
        AmountErrorCase(">\u{0338} 5 M€", "unexpected character ‘>\u{0338}’"),
        AmountErrorCase("\u{2265}\u{0338} 5 M€", "unexpected character ‘\u{2265}\u{0338}’"),
        AmountErrorCase("\u{2248}\u{0338} 5 M€", "unexpected character ‘\u{2248}\u{0338}’"),
        AmountErrorCase("5 milliards en euros", "unexpected word ‘en’"),
        // Negative
        AmountErrorCase("-5 milliards d'euros", "negative"),
        AmountErrorCase("\u{2212}€5bn", "negative"),
        AmountErrorCase("€-5bn", "negative"),
        // Out of range
        AmountErrorCase("1 trillion d’euros", "10^15"),
        AmountErrorCase("10000000000000000 euros", "10^15"),
        AmountErrorCase("2000 trillion dollars", "10^15"),
        AmountErrorCase("99999999999999999999999999999999999999999 euros", "too large"),
        AmountErrorCase("0,0000001 euro", "6 decimal places"),
        AmountErrorCase("0.0000000000000000001 euro", "too many decimal places"),
        AmountErrorCase("0 euros", "zero"),
        AmountErrorCase("€0bn", "zero"),
        // Two amounts
        AmountErrorCase("5 milliards d'euros, 6 milliards d'euros", "two different amounts", "‘5 milliards d'euros’"),
        AmountErrorCase("$5bn $6bn", "two different amounts"),
        AmountErrorCase("€20bn (€21bn)", "two different amounts", "same currency"),
        AmountErrorCase("€5bn and €6bn", "‘and’", "between"),
        AmountErrorCase("5 et 6 milliards d'euros", "‘et’", "entre"),
        AmountErrorCase("€20bn ($21bn $22bn)", "two amounts in one parenthesis"),
        AmountErrorCase("(5 milliards) 6 milliards", "must follow"),
        // Scales and currencies twice
        AmountErrorCase("5 milliards millions", "two scale words", "‘milliards’", "‘millions’"),
        AmountErrorCase("$5bn m", "two scale words"),
        AmountErrorCase("5 € USD", "two different currencies", "‘€’", "‘USD’"),
        AmountErrorCase("£5bn dollars", "two different currencies", "‘£’", "‘dollars’"),
        // Rates
        AmountErrorCase("€5bn per year", "‘per year’", "rate"),
        AmountErrorCase("5 milliards d'euros par an", "‘par an’"),
        AmountErrorCase("$1bn annually over five years", "‘annually’"),
        // Ranges
        AmountErrorCase("entre 5 milliards d'euros", "‘entre’ needs two amounts"),
        AmountErrorCase("€5bn to", "no second amount"),
        AmountErrorCase("$10bn to $5bn", "low end", "‘$10bn’"),
        AmountErrorCase("€5bn to $10bn", "different currencies"),
        // Numbers
        AmountErrorCase("1,2,3 milliards", "malformed number ‘1,2,3’"),
        AmountErrorCase("1.5.2025", "malformed number"),
        AmountErrorCase("12,345.678.9 €", "malformed number"),
        // Structure
        AmountErrorCase("5 milliards d’euros (", "never closed"),
        AmountErrorCase("5 milliards)", "‘)’ without ‘(’"),
        AmountErrorCase("((5 milliards))", "nested parentheses"),
        AmountErrorCase("Non spécifié, 5 milliards", "‘Non spécifié’", "and an amount"),
        AmountErrorCase("5 milliards de", "‘de’ is not followed by a currency"),
        AmountErrorCase(String(repeating: "5", count: 1001), "too long"),
    ]

    @Test("Rejected phrases name the reason", arguments: cases)
    func rejected(_ c: AmountErrorCase) { expectRefused(c) }

    /// The length limit counts what every spelling of a phrase shares: "jusqu’à"
    /// is two UTF-8 bytes longer than "jusqu'à", and "à" in NFD one longer than
    /// in NFC, yet all four spellings of a phrase at the limit read alike, and
    /// all four one character over are refused. (Counted in bytes, the ’
    /// spelling of this phrase was refused and the ' one read.)
    @Test func lengthLimitIsTheSameForEverySpelling() throws {
        func spellings(_ phrase: String) -> [String] {
            let straight = phrase.replacingOccurrences(of: "’", with: "'")
            return [phrase, straight, phrase.decomposedStringWithCanonicalMapping,
                    straight.decomposedStringWithCanonicalMapping]
        }
        let head = "jusqu’à environ "
        let tail = "5 M€"
        let atLimit = head + String(repeating: " ", count: 1000 - head.count - tail.count) + tail
        #expect(atLimit.unicodeScalars.count == 1000)
        #expect(atLimit.utf8.count == 1005)   // ’ and € three bytes each, à two
        var amounts: [ParsedAmount] = []
        for spelling in spellings(atLimit) {
            guard case .success(let parsed) = AmountParser.parse(spelling) else {
                Issue.record("\(spelling.unicodeScalars.count) scalars, \(spelling.utf8.count) bytes: refused")
                continue
            }
            amounts.append(parsed)
        }
        #expect(amounts.count == 4 && Set(amounts.map { "\($0)" }).count == 1)
        #expect(amounts.first?.amount == DecimalAmount(mantissa: 5_000_000))
        for spelling in spellings(" " + atLimit) {
            guard case .failure(let error) = AmountParser.parse(spelling) else {
                Issue.record("\(spelling.utf8.count) bytes: read")
                continue
            }
            #expect(error.reason.contains("too long"))
        }
    }

    @Test func positionPointsAtTheOffendingWord() {
        guard case let .failure(e2) = AmountParser.parse("jusqu’à 5 bitcoins") else {
            Issue.record("parsed")
            return
        }
        #expect(e2.position == 10)   // characters, not bytes: ’ and à are one each
        guard case let .failure(e3) = AmountParser.parse("5 € USD") else {
            Issue.record("parsed")
            return
        }
        #expect(e3.position == 4)
    }
}
