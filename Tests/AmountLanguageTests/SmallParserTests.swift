import Testing
@testable import AmountLanguage
import PledgeTallyCore

/// The grammar's small consuming parsers, each on its own: the value read and
/// the rest of the phrase left unread (values worked out by hand).
@Suite("Amount grammar's small parsers")
struct SmallParserTests {
    struct WordsCase: Sendable, CustomTestStringConvertible {
        let text: String
        let value: String?
        let rest: String
        var testDescription: String { text.debugDescription }
        init(_ text: String, _ value: String?, rest: String = "") {
            self.text = text
            self.value = value
            self.rest = rest
        }
    }

    static let numberWords: [WordsCase] = [
        WordsCase("vingt-cinq milliards d’euros", "25", rest: "milliards d’euros"),
        WordsCase("quatre-vingt-dix-neuf millions", "99", rest: "millions"),
        WordsCase("quatre-vingts", "80"),
        WordsCase("soixante et onze", "71"),
        WordsCase("vingt et trente", "20", rest: "et trente"),
        WordsCase("deux cents millions", "200", rest: "millions"),
        WordsCase("deux mille cinq cents euros", "2500", rest: "euros"),
        WordsCase("mille milliards", "1000", rest: "milliards"),
        WordsCase("cinq mille euros", "5", rest: "mille euros"),
        WordsCase("one hundred and fifty million", "150", rest: "million"),
        WordsCase("a hundred billion", "100", rest: "billion"),
        WordsCase("twenty-ish billion", "20", rest: "-ish billion"),
        WordsCase("one and a half billion", "1.5", rest: "billion"),
        WordsCase("half a billion", "0.5", rest: "billion"),
        WordsCase("a quarter of a billion", "0.25", rest: "billion"),
        WordsCase("un demi-milliard", "0.5", rest: "milliard"),
        WordsCase("un milliard", "1", rest: "milliard"),
        WordsCase("un euro", nil),
        WordsCase("half", nil),
        WordsCase("deux-trois milliards", "2", rest: "-trois milliards"),
    ]

    @Test("Number words: value and rest", arguments: numberWords)
    func words(_ c: WordsCase) {
        let read = AmountParser.withGrammar(c.text) { g -> (String, String)? in
            guard let r = g.numberWords(at: 0) else { return nil }
            let value = DecimalAmount(mantissa: Int128(r.value.mantissa), scale: r.value.decimals)
            return (value.description, g.rest(from: r.next))
        }
        guard let read else {
            Issue.record("\(c.text.debugDescription) did not tokenize")
            return
        }
        #expect(read?.0 == c.value, "\(c.text.debugDescription)")
        if c.value != nil { #expect(read?.1 == c.rest, "\(c.text.debugDescription)") }
    }

    static let timeContexts: [WordsCase] = [
        WordsCase("by 2030 €5bn", "", rest: "€5bn"),
        WordsCase("over the next five years", ""),
        WordsCase("sur les cinq prochaines années, 5 milliards", "", rest: "5 milliards"),
        WordsCase("in 2000 euros", nil),
    ]

    /// Time context after its preposition: nil when what follows is not a time.
    @Test("Time context: rest", arguments: timeContexts)
    func time(_ c: WordsCase) {
        let rest = AmountParser.withGrammar(c.text) { g -> String? in
            g.timeContext(from: 1).map { g.rest(from: $0) }
        }
        if c.value == nil {
            #expect(rest == .some(nil), "\(c.text.debugDescription)")
        } else {
            #expect(rest == c.rest, "\(c.text.debugDescription)")
        }
    }
}
