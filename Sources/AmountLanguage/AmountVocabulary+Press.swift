import PledgeTallyCore

/// The press's words around a figure (round 2): number words beyond ten,
/// fractions, words that do not change the amount, vague quantities, and
/// currencies that several countries share.
extension AmountVocabulary {
    // MARK: - Number words

    /// Number words beyond ten: phrase, value, language. Compounds are read from
    /// their parts ("vingt-cinq", "quatre-vingt-dix", "twenty-five"); see `NumberWords`.
    static let moreNumberWords: [(String, Int, WordLanguage)] = [
        ("onze", 11, .french), ("douze", 12, .french), ("treize", 13, .french), ("quatorze", 14, .french),
        ("quinze", 15, .french), ("seize", 16, .french),
        ("eleven", 11, .english), ("twelve", 12, .english), ("thirteen", 13, .english),
        ("fourteen", 14, .english), ("fifteen", 15, .english), ("sixteen", 16, .english),
        ("seventeen", 17, .english), ("eighteen", 18, .english), ("nineteen", 19, .english),
        ("vingt", 20, .french), ("vingts", 20, .french), ("trente", 30, .french), ("quarante", 40, .french),
        ("cinquante", 50, .french), ("soixante", 60, .french),
        ("septante", 70, .french), ("huitante", 80, .french), ("octante", 80, .french), ("nonante", 90, .french),
        ("twenty", 20, .english), ("thirty", 30, .english), ("forty", 40, .english), ("fifty", 50, .english),
        ("sixty", 60, .english), ("seventy", 70, .english), ("eighty", 80, .english), ("ninety", 90, .english),
    ]

    /// Hundreds: "deux cents", "trois cent millions", "a hundred", "one hundred and fifty".
    static let hundreds: [(String, WordLanguage)] = [("cent", .french), ("cents", .french), ("hundred", .english)]

    /// Fractions of the number before them, or of one: phrase, denominator, language.
    /// "un demi-milliard", "half a billion", "a quarter of a billion", "three quarters".
    static let fractions: [(String, Int, WordLanguage)] = [
        ("demi", 2, .french), ("demie", 2, .french), ("half", 2, .english),
        ("quart", 4, .french), ("quarter", 4, .english), ("quarters", 4, .english),
    ]

    /// A half added to the number, or to the number and its scale: "un milliard et
    /// demi", "one and a half billion", "a billion and a half".
    static let andAHalf: [(String, WordLanguage)] = [
        ("et demi", .french), ("et demie", .french), ("and a half", .english), ("and one half", .english),
    ]

    /// Written glued after an amount with a hyphen ("$20bn-plus"): at least that much.
    static let plusSuffix: [(String, WordLanguage)] = [("plus", .either)]

    // MARK: - Words that do not change the amount

    /// Before or after the amount: "an extra £500m", "10 Md€ supplémentaires".
    static let unchangedWords: [(String, WordLanguage)] = [
        ("additional", .english), ("extra", .english), ("further", .english), ("new", .english),
        ("fresh", .english),
        ("supplémentaire", .french), ("supplémentaires", .french), ("nouveau", .french), ("nouveaux", .french),
        ("nouvel", .french), ("nouvelle", .french), ("nouvelles", .french),
        ("fund", .english), ("funds", .english), ("investment", .english), ("investments", .english),
        ("package", .english), ("funding", .english),
        ("d'investissement", .french), ("d'investissements", .french), ("de financement", .french),
        ("de financements", .french), ("en investissements", .french), ("d'investissements nouveaux", .french),
    ]

    /// Tails naming what the money is: "of new investment", "in additional funding".
    static var unchangedTails: [(String, WordLanguage)] {
        var all: [(String, WordLanguage)] = []
        for preposition in ["of", "in"] {
            for adjective in ["", "new ", "additional ", "extra ", "fresh ", "further "] {
                for noun in ["investment", "investments", "funding", "financing"] {
                    all.append(("\(preposition) \(adjective)\(noun)", .english))
                }
            }
        }
        return all
    }

    /// Qualifiers written with an elided "de" before "un"/"une": "plus d’un milliard".
    static let elidedQualifiers: [(String, Qualifier, WordLanguage)] = [
        ("plus d'", .atLeast, .french), ("pas plus d'", .upTo, .french), ("près d'", .approximately, .french),
        ("autour d'", .approximately, .french), ("au-delà d'", .atLeast, .french),
        ("jusqu'à hauteur d'", .upTo, .french), ("pas moins de", .atLeast, .french),
        ("pas moins d'", .atLeast, .french), ("plus qu'", .atLeast, .french), ("moins qu'", .upTo, .french),
    ]

    // MARK: - Vague quantities

    /// No figure, only an order of magnitude: an unspecified pledge, counted but unpriced.
    static let vagueQuantities: [(String, WordLanguage)] = [
        ("hundreds of millions", .english), ("hundreds of millions of", .english),
        ("hundreds of billions", .english), ("hundreds of billions of", .english),
        ("tens of millions", .english), ("tens of millions of", .english),
        ("tens of billions", .english), ("tens of billions of", .english),
        ("millions of", .english), ("billions of", .english), ("trillions of", .english),
        ("several million", .english), ("several millions", .english), ("several billion", .english),
        ("several billions", .english), ("several hundred million", .english),
        ("multi-billion", .english), ("multibillion", .english), ("multi-million", .english),
        ("multimillion", .english), ("multi-billion dollar", .english), ("multi-million dollar", .english),
        ("plusieurs millions", .french), ("plusieurs milliards", .french),
        ("plusieurs centaines de millions", .french), ("plusieurs centaines de milliards", .french),
        ("plusieurs dizaines de millions", .french), ("plusieurs dizaines de milliards", .french),
        ("des millions", .french), ("des milliards", .french), ("des centaines de millions", .french),
        ("des dizaines de millions", .french), ("des dizaines de milliards", .french),
        ("des centaines de milliards", .french),
    ]

    // MARK: - Currencies several countries share

    /// A symbol or word that more than one currency uses: its name (used as its
    /// code in the vocabulary), the currencies it may be, and the one assumed
    /// when the currency column does not choose (nil: the phrase is refused
    /// without a column). The column always chooses among `codes` silently.
    static let sharedCurrencies: [(name: String, codes: [String], assumed: String?)] = [
        ("$", ["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD"], "USD"),
        ("kr", ["SEK", "NOK", "DKK", "ISK"], nil),
        // Morocco's dirham as well as the UAE's; the riyals and rials of Saudi
        // Arabia, Qatar, Oman, Yemen and Iran.
        ("dirhams", ["AED", "MAD"], nil),
        ("riyals", ["SAR", "QAR", "OMR", "YER", "IRR"], nil),
    ]

    /// Words of shared currencies: phrase, shared currency name, language.
    static let sharedCurrencyWords: [(String, String, WordLanguage)] = [
        ("dollar", "$", .either), ("dollars", "$", .either),
        ("kr", "kr", .either), ("krona", "kr", .english), ("kronor", "kr", .english), ("krone", "kr", .english),
        ("kroner", "kr", .english), ("couronne", "kr", .french), ("couronnes", "kr", .french),
        ("dirham", "dirhams", .either), ("dirhams", "dirhams", .either),
        ("riyal", "riyals", .either), ("riyals", "riyals", .either),
        ("rial", "riyals", .either), ("rials", "riyals", .either),
    ]

    /// ECB currencies written with their own letters.
    static let letterSymbols: [(String, String, WordLanguage)] = [
        ("zł", "PLN", .either), ("zl", "PLN", .either), ("kč", "CZK", .either), ("ft", "HUF", .either),
    ]
}
