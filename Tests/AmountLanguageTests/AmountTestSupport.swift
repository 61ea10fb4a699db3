import Testing
@testable import AmountLanguage
import PledgeTallyCore

/// One phrase and what it must parse to; amounts are plain decimal strings in units.
struct AmountCase: Sendable, CustomTestStringConvertible {
    let text: String
    let qualifier: Qualifier
    let amount: String?
    let low: String?
    let currency: String?

    var testDescription: String { text.debugDescription }

    init(_ text: String, _ qualifier: Qualifier, _ amount: String?, _ currency: String?, low: String? = nil) {
        self.text = text
        self.qualifier = qualifier
        self.amount = amount
        self.low = low
        self.currency = currency
    }

    /// An unqualified amount.
    static func exact(_ text: String, _ amount: String, _ currency: String?) -> AmountCase {
        AmountCase(text, .exact, amount, currency)
    }

    /// A range: high end, low end.
    static func range(_ text: String, _ high: String, _ low: String, _ currency: String?) -> AmountCase {
        AmountCase(text, .range, high, currency, low: low)
    }

    static func unspecified(_ text: String) -> AmountCase {
        AmountCase(text, .unspecified, nil, nil)
    }
}

/// A phrase that must be rejected, with words its reason must contain.
struct AmountErrorCase: Sendable, CustomTestStringConvertible {
    let text: String
    let mentions: [String]
    var testDescription: String { text.debugDescription }

    init(_ text: String, _ mentions: String...) {
        self.text = text
        self.mentions = mentions
    }
}

/// Checks that `c.text` parses to exactly what `c` says.
func expectParses(_ c: AmountCase, sourceLocation: SourceLocation = #_sourceLocation) {
    let result = AmountParser.parse(c.text)
    guard case let .success(parsed) = result else {
        Issue.record("\(c.text.debugDescription) failed: \(result)", sourceLocation: sourceLocation)
        return
    }
    #expect(parsed.qualifier == c.qualifier, "\(c.text.debugDescription)", sourceLocation: sourceLocation)
    #expect(parsed.amount == c.amount.map { DecimalAmount(plain: $0)! }, "\(c.text.debugDescription)",
            sourceLocation: sourceLocation)
    #expect(parsed.amountLow == c.low.map { DecimalAmount(plain: $0)! }, "\(c.text.debugDescription)",
            sourceLocation: sourceLocation)
    #expect(parsed.currency == c.currency, "\(c.text.debugDescription)", sourceLocation: sourceLocation)
}

/// Checks that `c.text` is rejected with a reason naming every word of `c.mentions`.
func expectRefused(_ c: AmountErrorCase, sourceLocation: SourceLocation = #_sourceLocation) {
    switch AmountParser.parse(c.text) {
    case let .success(parsed):
        Issue.record("\(c.text.debugDescription) parsed as \(parsed)", sourceLocation: sourceLocation)
    case let .failure(error):
        for word in c.mentions {
            #expect(error.reason.contains(word), "\(c.text.debugDescription): \(error.reason)",
                    sourceLocation: sourceLocation)
        }
    }
}
