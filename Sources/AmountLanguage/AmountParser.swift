import Foundation
import PledgeTallyCore

/// Reads an amount phrase as the press writes it — "jusqu’à 50 milliards d’euros",
/// "an initial $5bn", "₹10,372 crore" — into an exact `ParsedAmount` (docs/amounts.md).
///
/// The phrase is split into tokens (`AmountTokenizer`), then read left to right:
/// numbers start amounts, scale words and currencies attach to them, phrases from
/// `AmountVocabulary` add qualifiers or join a range, a parenthesised amount is the
/// press's conversion, time context is skipped. Anything else is an error that
/// names the word.
///
/// Decisions where docs/amounts.md is silent:
/// - **Language.** A phrase is French when any of its words is French only ("d’",
///   "de", "jusqu’à", "milliards", "environ", "livres"…), even if it also has
///   English words; else English when any word is English only ("up to", "bn",
///   "billion", "pounds"…); else it has no language ("€1,500", "₹10,372 crore":
///   symbols, codes, "euros", "dollars", "millions", "crore" belong to both).
/// - **Ambiguous separator.** One `,` or `.` between at most three digits and
///   exactly three, with no other separator ("1,500", "1.234"), is read by the
///   phrase's language: in French `,` is the decimal mark and `.` groups
///   thousands; in English the reverse; with no language it groups thousands.
///   "0,500" is always decimal. A space
///   (also U+00A0, U+202F, U+2009, U+2007) or an apostrophe (Swiss "1'000") groups
///   thousands only before any `,`/`.` and only before exactly three digits.
/// - **French billion.** In a French phrase "billion" is 10^12 and "trillion"
///   10^18 (long scale), so "1 trillion d’euros" is out of range. Abbreviations
///   keep their value: "bn" is always 10^9, "tn" 10^12.
/// - **Limits.** The amount, after scaling, must be above zero, at most 10^15
///   units, with at most 6 decimal places; phrases longer than 1,000 characters are
///   rejected.
/// - **Repeated currency.** The same currency twice ("€5bn euros") is accepted;
///   two different ones ("5 € USD") are an error.
/// - **Rates.** "per year", "par an", "annually", "a month"… are rejected: the
///   phrase gives a rate, not the pledged total.
/// - **Qualifiers of equal strength** ("about … up to"): the first one wins.
///   "from X up to Y" and "plus de X, jusqu’à Y" are ranges.
/// - **Range ends.** An end without a scale or currency takes the other end's
///   ("entre 5 et 10 milliards d’euros", "€5-10bn"); a range's low end above its
///   high end is an error; equal ends are still a range.
/// - **Conversions.** A parenthesised amount after the amount is ignored, unless it
///   is in the same currency with a different value (then: two different amounts).
public enum AmountParser {
    /// The largest amount accepted, in units.
    static let maximumAmount = DecimalAmount(mantissa: 1_000_000_000_000_000)
    /// The most decimal places an amount may have once scaled.
    static let maximumDecimalPlaces = 6
    /// The longest phrase read, in Unicode scalars of its NFC form: a measure
    /// that every normalisation form of a phrase and both apostrophes share, so
    /// that "jusqu’à" and "jusqu'à" (one byte shorter) fall on the same side.
    static let maximumLength = 1000

    /// Whether `text` is over ``maximumLength``. Linear; a text of at most half
    /// the limit in UTF-8 bytes is never measured (no scalar composes to more
    /// scalars than it has bytes, so n bytes are at most n scalars in NFC; half
    /// leaves a margin), so the phrases of real files cost nothing.
    static func isTooLong(_ text: String) -> Bool {
        if text.utf8.count <= maximumLength / 2 { return false }
        var scalars = 0
        for _ in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            scalars += 1
            if scalars > maximumLength { return true }
        }
        return false
    }

    /// Reads one amount phrase. Never crashes, never hangs, linear in the input.
    public static func parse(_ text: String) -> Result<ParsedAmount, AmountParseError> {
        var text = text
        if isTooLong(text) {
            return .failure(AmountParseError("phrase too long (over \(maximumLength) characters) to be an amount", position: 0))
        }
        return text.withUTF8 { bytes in
            var tokenizer = AmountTokenizer(bytes, lexicon: AmountLexicon.shared)
            if let error = tokenizer.run() { return .failure(error) }
            var grammar = AmountGrammar(tokenizer)
            do throws(AmountParseError) {
                return .success(try grammar.read())
            } catch {
                return .failure(error)
            }
        }
    }
}

extension AmountParser {
    /// Runs `body` on the grammar of a tokenized phrase, before it is read: the
    /// small parsers are tested this way, on their value and the rest they leave.
    static func withGrammar<R>(_ text: String, _ body: (AmountGrammar) -> R) -> R? {
        var text = text
        return text.withUTF8 { bytes in
            var tokenizer = AmountTokenizer(bytes, lexicon: AmountLexicon.shared)
            if tokenizer.run() != nil { return nil }
            return body(AmountGrammar(tokenizer))
        }
    }
}
