import Foundation
import AmountLanguage

/// The promises of ``AmountParser`` for any text at all, checked on one input.
///
/// Checked: nothing crashes; parsing twice gives the same result; a success
/// has an amount exactly when its qualifier is not `unspecified`, a low end
/// only for a range and never above the high end, no negative amount, and an
/// upper-case three-letter currency when it has one; a failure has a reason
/// and a position inside the phrase. Two metamorphic checks from docs/amounts.md
/// ("both apostrophes and any Unicode normalisation form are accepted"): the
/// phrase in NFC and in NFD, and with ’ or ' after every letter, read the same
/// (both succeed with the same amount, or both fail).
/// ``AmountParser/currency(named:)`` gets the same text: nil or an ISO code,
/// the same twice.
public enum AmountPhraseChecks {
    /// The broken promises for one input (UTF-8, invalid bytes replaced), each
    /// as a sentence; empty when all hold.
    public static func problems(_ bytes: UnsafeRawBufferPointer) -> [String] {
        problems(String(decoding: bytes, as: UTF8.self))
    }

    public static func problems(_ text: String) -> [String] {
        var problems: [String] = []
        let result = AmountParser.parse(text)
        let again = AmountParser.parse(text)
        if result != again {
            problems.append("parsed twice, two results: \(describe(result)) then \(describe(again))")
        }
        switch result {
        case .success(let parsed):
            problems += successProblems(parsed)
        case .failure(let error):
            if error.reason.isEmpty { problems.append("failure without a reason") }
            if let position = error.position, position < 0 || position > text.count {
                problems.append("failure position \(position) outside the phrase's \(text.count) characters: \(error.reason)")
            }
        }

        let outcome = Outcome(result)
        for (name, variant) in [
            ("NFC", text.precomposedStringWithCanonicalMapping),
            ("NFD", text.decomposedStringWithCanonicalMapping),
            ("with ' apostrophes", apostrophes(text, as: "'")),
            ("with ’ apostrophes", apostrophes(text, as: "\u{2019}")),
        ] where variant.unicodeScalars.elementsEqual(text.unicodeScalars) == false {
            let other = AmountParser.parse(variant)
            if Outcome(other) != outcome {
                problems.append("\(name) \(String(reflecting: variant)) reads otherwise: \(describe(other)) versus \(describe(result))")
            }
        }

        let code = AmountParser.currency(named: text)
        if code != AmountParser.currency(named: text) { problems.append("currency(named:) gave two answers") }
        if let code, !isCurrencyCode(code) { problems.append("currency(named:) gave \(code.debugDescription)") }
        return problems
    }

    private static func successProblems(_ parsed: ParsedAmount) -> [String] {
        var problems: [String] = []
        let what = describe(.success(parsed))
        if (parsed.amount == nil) != (parsed.qualifier == .unspecified) {
            problems.append("amount nil iff unspecified fails: \(what)")
        }
        if parsed.qualifier == .unspecified && (parsed.currency != nil || parsed.amountLow != nil) {
            problems.append("unspecified with a currency or low end: \(what)")
        }
        if let amount = parsed.amount, amount.isNegative { problems.append("negative amount: \(what)") }
        if let low = parsed.amountLow {
            if low.isNegative { problems.append("negative low end: \(what)") }
            if let amount = parsed.amount, low > amount { problems.append("low end above the amount: \(what)") }
            if parsed.qualifier != .range { problems.append("low end without a range: \(what)") }
        } else if parsed.qualifier == .range {
            problems.append("range without a low end: \(what)")
        }
        if let currency = parsed.currency, !isCurrencyCode(currency) {
            problems.append("currency \(currency.debugDescription) is not an ISO code: \(what)")
        }
        return problems
    }

    /// What the metamorphic checks compare: the amount read, or that it failed.
    private enum Outcome: Equatable {
        case read(ParsedAmount)
        case failed

        init(_ result: Result<ParsedAmount, AmountParseError>) {
            switch result {
            case .success(let parsed): self = .read(parsed)
            case .failure: self = .failed
            }
        }
    }

    /// The text with every apostrophe (' or ’) that follows a letter written as `mark`.
    static func apostrophes(_ text: String, as mark: Unicode.Scalar) -> String {
        var scalars = String.UnicodeScalarView()
        var afterLetter = false
        for scalar in text.unicodeScalars {
            if afterLetter && (scalar == "'" || scalar == "\u{2019}") {
                scalars.append(mark)
                afterLetter = false
            } else {
                scalars.append(scalar)
                // Combining marks keep the letter before them.
                if !(0x300...0x36F).contains(scalar.value) { afterLetter = scalar.properties.isAlphabetic }
            }
        }
        return String(scalars)
    }

    private static func isCurrencyCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    private static func describe(_ result: Result<ParsedAmount, AmountParseError>) -> String {
        switch result {
        case .success(let parsed):
            let low = parsed.amountLow.map { "\($0)–" } ?? ""
            let amount = parsed.amount.map { "\($0)" } ?? "nil"
            return "\(parsed.qualifier.rawValue) \(low)\(amount) \(parsed.currency ?? "no currency")"
        case .failure(let error):
            return "error \(error.reason.debugDescription) at \(error.position.map(String.init) ?? "?")"
        }
    }
}
