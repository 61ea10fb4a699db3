import PledgeTallyCore

/// Every word the amount parser knows, in French and English, as data.
///
/// This is the one place to add a word. Phrases are written as they appear in
/// text, several words separated by spaces; they are folded (case, accents,
/// apostrophe style) when the lexicon is built, so "jusqu'à" also matches
/// "JUSQU’À" and the NFD form. `/`, `+`, `~`, `<`, `>`, `?` are words of their
/// own ("n/a" is `n / a`), and a hyphen between letters stays inside the word
/// ("au-delà"). The language of an entry decides how "billion" and an ambiguous
/// separator are read (see `AmountParser`).
enum AmountVocabulary {
    /// The language a word belongs to; `either` words are shared by French and English.
    enum WordLanguage: Sendable { case french, english, either }

    /// What a phrase does in an amount, with a currency named by its ISO code.
    typealias Role = PhraseRole<String>

    /// Roles in time context ("d'ici 2030", "over four years"), which is skipped.
    struct TimeRole: OptionSet, Sendable {
        let rawValue: UInt8
        /// Starts time context: "by", "d'ici", "over", "sur".
        static let preposition = TimeRole(rawValue: 1)
        /// "years", "ans", "mois".
        static let unit = TimeRole(rawValue: 2)
        /// Words allowed between: "the next", "les prochaines".
        static let filler = TimeRole(rawValue: 4)
    }

    struct Entry: Sendable {
        let phrase: String
        let role: Role
        let language: WordLanguage
        let time: TimeRole
    }

    // MARK: - Scales

    /// Scale words: phrase, power of ten in English, in French, language.
    /// "billion"/"trillion" follow the long scale in a French phrase (10^12, 10^18);
    /// they count as English words, so "£1.234 billion" reads "." as the decimal mark.
    static let scales: [(String, Int, Int, WordLanguage)] = [
        ("k", 3, 3, .either), ("thousand", 3, 3, .english), ("thousands", 3, 3, .english),
        ("mille", 3, 3, .french),
        ("lakh", 5, 5, .either), ("lakhs", 5, 5, .either), ("lac", 5, 5, .either), ("lacs", 5, 5, .either),
        ("m", 6, 6, .either), ("mn", 6, 6, .english), ("mln", 6, 6, .either), ("mio", 6, 6, .either),
        ("million", 6, 6, .either), ("millions", 6, 6, .either),
        ("crore", 7, 7, .either), ("crores", 7, 7, .either), ("cr", 7, 7, .either),
        ("md", 9, 9, .french), ("mds", 9, 9, .french), ("mrd", 9, 9, .either), ("mrds", 9, 9, .either),
        ("mld", 9, 9, .either), ("milliard", 9, 9, .french), ("milliards", 9, 9, .french),
        ("b", 9, 9, .english), ("bn", 9, 9, .english), ("bln", 9, 9, .english),
        ("billion", 9, 12, .english), ("billions", 9, 12, .english),
        ("t", 12, 12, .english), ("tn", 12, 12, .english), ("trn", 12, 12, .english),
        ("trillion", 12, 18, .english), ("trillions", 12, 18, .english),
        ("lakh crore", 12, 12, .either), ("lakh crores", 12, 12, .either),
    ]

    // MARK: - Currencies

    /// Currency symbols, as single characters.
    static let symbols: [(Unicode.Scalar, String)] = [
        ("€", "EUR"), ("$", "$"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"),
        ("₽", "RUB"), ("₺", "TRY"), ("₪", "ILS"), ("₱", "PHP"),
    ]

    /// Symbols written glued to letters, before ("US$") or after ("$US").
    static let gluedSymbols: [(String, String)] = [
        ("us$", "USD"), ("c$", "CAD"), ("ca$", "CAD"), ("can$", "CAD"), ("a$", "AUD"), ("au$", "AUD"),
        ("nz$", "NZD"), ("hk$", "HKD"), ("s$", "SGD"), ("sg$", "SGD"), ("r$", "BRL"), ("cn¥", "CNY"),
        ("$us", "USD"), ("$ca", "CAD"), ("$can", "CAD"), ("$au", "AUD"),
    ]

    /// Currency words and names, singular and plural, both languages.
    static let currencyWords: [(String, String, WordLanguage)] = [
        ("euro", "EUR", .either), ("euros", "EUR", .either),
        ("dollar us", "USD", .french), ("dollars us", "USD", .french),
        ("dollar americain", "USD", .french), ("dollars americains", "USD", .french),
        ("us dollar", "USD", .english), ("us dollars", "USD", .english), ("u s dollars", "USD", .english),
        ("american dollars", "USD", .english),
        ("canadian dollar", "CAD", .english), ("canadian dollars", "CAD", .english),
        ("dollar canadien", "CAD", .french), ("dollars canadiens", "CAD", .french),
        ("australian dollar", "AUD", .english), ("australian dollars", "AUD", .english),
        ("dollar australien", "AUD", .french), ("dollars australiens", "AUD", .french),
        ("hong kong dollars", "HKD", .english), ("singapore dollars", "SGD", .english),
        ("new zealand dollars", "NZD", .english),
        ("livre", "GBP", .french), ("livres", "GBP", .french),
        ("livre sterling", "GBP", .french), ("livres sterling", "GBP", .french), ("sterling", "GBP", .either),
        ("pound", "GBP", .english), ("pounds", "GBP", .english),
        ("pound sterling", "GBP", .english), ("pounds sterling", "GBP", .english), ("british pounds", "GBP", .english),
        ("yen", "JPY", .either), ("yens", "JPY", .french), ("japanese yen", "JPY", .english),
        ("yuan", "CNY", .either), ("yuans", "CNY", .either), ("renminbi", "CNY", .either),
        ("yuan renminbi", "CNY", .either), ("rmb", "CNY", .either), ("chinese yuan", "CNY", .english),
        ("roupie", "INR", .french), ("roupies", "INR", .french),
        ("roupie indienne", "INR", .french), ("roupies indiennes", "INR", .french),
        ("rupee", "INR", .english), ("rupees", "INR", .english),
        ("indian rupee", "INR", .english), ("indian rupees", "INR", .english), ("rs", "INR", .either),
        ("franc", "CHF", .either), ("francs", "CHF", .either),
        ("franc suisse", "CHF", .french), ("francs suisses", "CHF", .french),
        ("swiss franc", "CHF", .english), ("swiss francs", "CHF", .english), ("fr", "CHF", .either),
        ("sfr", "CHF", .either),
        ("couronne suedoise", "SEK", .french), ("couronnes suedoises", "SEK", .french),
        ("swedish krona", "SEK", .english), ("swedish kronor", "SEK", .english),
        ("couronne danoise", "DKK", .french), ("couronnes danoises", "DKK", .french),
        ("danish krone", "DKK", .english), ("danish kroner", "DKK", .english),
        ("couronne norvegienne", "NOK", .french), ("couronnes norvegiennes", "NOK", .french),
        ("norwegian krone", "NOK", .english), ("norwegian kroner", "NOK", .english),
        ("couronne tcheque", "CZK", .french), ("couronnes tcheques", "CZK", .french),
        ("czech koruna", "CZK", .english),
        ("zloty", "PLN", .either), ("zlotys", "PLN", .either), ("forint", "HUF", .either), ("forints", "HUF", .either),
        ("won", "KRW", .either), ("wons", "KRW", .french), ("korean won", "KRW", .english),
        ("real", "BRL", .either), ("reais", "BRL", .either), ("rand", "ZAR", .either), ("rands", "ZAR", .either),
        ("rouble", "RUB", .french), ("roubles", "RUB", .french), ("ruble", "RUB", .english), ("rubles", "RUB", .english),
        ("livre turque", "TRY", .french), ("livres turques", "TRY", .french),
        ("turkish lira", "TRY", .english), ("turkish liras", "TRY", .english),
        ("peso mexicain", "MXN", .french), ("pesos mexicains", "MXN", .french),
        ("mexican peso", "MXN", .english), ("mexican pesos", "MXN", .english),
        ("shekel", "ILS", .either), ("shekels", "ILS", .either), ("rupiah", "IDR", .either), ("rupiahs", "IDR", .either),
        // The Gulf currencies (pegged to the dollar: Input/rates/pegs.csv prices them).
        ("dh", "AED", .either), ("dhs", "AED", .either), ("uae dirham", "AED", .english), ("uae dirhams", "AED", .english),
        ("dirham emirati", "AED", .french), ("dirhams emiratis", "AED", .french),
        ("sr", "SAR", .either), ("saudi riyal", "SAR", .english), ("saudi riyals", "SAR", .english),
        ("riyal saoudien", "SAR", .french), ("riyals saoudiens", "SAR", .french),
        ("qr", "QAR", .either), ("qatari riyal", "QAR", .english), ("qatari riyals", "QAR", .english),
        ("riyal qatari", "QAR", .french), ("riyals qataris", "QAR", .french),
        // A bare "dirhams" or "riyals" names several currencies: see `sharedCurrencies`.
    ]

    /// Codes also recognised in lower or mixed case ("usd", "Eur"): the euro and the
    /// currencies the ECB publishes or has published. Any other ISO 4217 code must be
    /// written in capitals.
    static let caseInsensitiveCodes: [String] = [
        "EUR", "USD", "JPY", "BGN", "CYP", "CZK", "DKK", "EEK", "GBP", "HUF", "LTL", "LVL", "MTL", "PLN", "ROL", "RON",
        "SEK", "SIT", "SKK", "CHF", "ISK", "NOK", "HRK", "RUB", "TRL", "TRY", "AUD", "BRL", "CAD", "CNY", "HKD", "IDR",
        "ILS", "INR", "KRW", "MXN", "MYR", "NZD", "PHP", "SGD", "THB", "ZAR",
    ]

    /// ISO 4217 codes (current, plus the ECB's historical ones), recognised in capitals.
    static let isoCodes: [String] = caseInsensitiveCodes + [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND",
        "BOB", "BSD", "BTN", "BWP", "BYN", "BZD", "CDF", "CLP", "COP", "CRC", "CUP", "CVE", "DJF", "DOP", "DZD", "EGP",
        "ERN", "ETB", "FJD", "FKP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HNL", "HTG", "IQD", "IRR", "JMD",
        "JOD", "KES", "KGS", "KHR", "KMF", "KPW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD",
        "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MZN", "NAD", "NGN", "NIO", "NPR", "OMR",
        "PAB", "PEN", "PGK", "PKR", "PYG", "QAR", "RSD", "RWF", "SAR", "SBD", "SCR", "SDG", "SHP", "SLE", "SOS", "SRD",
        "SSP", "STN", "SVC", "SYP", "SZL", "TJS", "TMT", "TND", "TOP", "TTD", "TWD", "TZS", "UAH", "UGX", "UYU", "UZS",
        "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZMW", "ZWL",
    ]

    // MARK: - Qualifiers

    static let qualifiers: [(String, Qualifier, WordLanguage)] = [
        ("jusqu'à", .upTo, .french), ("jusqu'à hauteur de", .upTo, .french), ("au maximum", .upTo, .french),
        ("au plus", .upTo, .french), ("pas plus de", .upTo, .french),
        ("up to", .upTo, .english), ("upto", .upTo, .english), ("as much as", .upTo, .english),
        ("at most", .upTo, .english), ("no more than", .upTo, .english), ("a maximum of", .upTo, .english),
        ("maximum", .upTo, .either), ("<", .upTo, .either),
        ("plus de", .atLeast, .french), ("au moins", .atLeast, .french), ("au-delà de", .atLeast, .french),
        ("more than", .atLeast, .english), ("over", .atLeast, .english), ("at least", .atLeast, .english),
        ("upwards of", .atLeast, .english), ("in excess of", .atLeast, .english), ("a minimum of", .atLeast, .english),
        ("minimum", .atLeast, .either), ("+", .atLeast, .either), (">", .atLeast, .either),
        ("environ", .approximately, .french), ("près de", .approximately, .french), ("presque", .approximately, .french),
        ("autour de", .approximately, .french), ("quelque", .approximately, .french), ("env", .approximately, .french),
        ("à peu près", .approximately, .french),
        ("about", .approximately, .english), ("around", .approximately, .english), ("roughly", .approximately, .english),
        ("nearly", .approximately, .english), ("some", .approximately, .english), ("almost", .approximately, .english),
        ("approximately", .approximately, .english), ("approx", .approximately, .english),
        ("close to", .approximately, .english), ("an estimated", .approximately, .english),
        ("estimated", .approximately, .english), ("circa", .approximately, .either), ("~", .approximately, .either),
        ("initialement", .initial, .french), ("dans un premier temps", .initial, .french), ("au départ", .initial, .french),
        ("dans une première phase", .initial, .french),
        ("initial", .initial, .english), ("an initial", .initial, .english), ("initially", .initial, .english),
        ("at first", .initial, .english), ("in a first phase", .initial, .english), ("first", .initial, .english),
    ]

    /// Phrases meaning no figure was given (a phrase made only of dashes is also unspecified).
    static let unspecified: [(String, WordLanguage)] = [
        ("non spécifié", .french), ("non spécifiée", .french), ("non spécifiés", .french), ("non communiqué", .french),
        ("non communiquée", .french), ("non précisé", .french), ("non divulgué", .french), ("non disponible", .french),
        ("inconnu", .french), ("à préciser", .french), ("confidentiel", .french), ("nc", .french), ("n c", .french),
        ("nd", .french), ("n d", .french),
        ("not specified", .english), ("unspecified", .english), ("not disclosed", .english), ("undisclosed", .english),
        ("not available", .english), ("unknown", .english), ("confidential", .english), ("tbd", .english),
        ("tbc", .english), ("n / a", .either), ("n a", .either), ("na", .either), ("?", .either),
    ]

    // MARK: - Numbers and ranges

    static let numberWords: [(String, Int, Bool, WordLanguage)] = [
        ("un", 1, true, .french), ("une", 1, true, .french), ("an", 1, true, .english), ("one", 1, false, .english),
        ("deux", 2, false, .french), ("two", 2, false, .english), ("trois", 3, false, .french), ("three", 3, false, .english),
        ("quatre", 4, false, .french), ("four", 4, false, .english), ("cinq", 5, false, .french), ("five", 5, false, .english),
        ("six", 6, false, .either), ("sept", 7, false, .french), ("seven", 7, false, .english),
        ("huit", 8, false, .french), ("eight", 8, false, .english), ("neuf", 9, false, .french), ("nine", 9, false, .english),
        ("dix", 10, false, .french), ("ten", 10, false, .english),
    ]

    static let rangeWords: [(String, Role, WordLanguage)] = [
        ("entre", .rangeOpen(needsEnd: true), .french), ("between", .rangeOpen(needsEnd: true), .english),
        ("from", .rangeOpen(needsEnd: false), .english),
        ("et", .rangeJoin(needsOpen: true), .french), ("and", .rangeJoin(needsOpen: true), .english),
        ("to", .rangeJoin(needsOpen: false), .english), ("through", .rangeJoin(needsOpen: false), .english),
        ("de", .de, .french), ("d'", .de, .french), ("a", .articleOrJoin, .either),
    ]

    // MARK: - Context that is not part of the amount

    /// Rates rather than totals: rejected.
    static let perPeriod: [(String, WordLanguage)] = [
        ("per year", .english), ("per annum", .english), ("a year", .english), ("each year", .english),
        ("every year", .english), ("annually", .english), ("yearly", .english), ("p a", .english),
        ("per month", .english), ("a month", .english), ("monthly", .english),
        ("par an", .french), ("par année", .french), ("chaque année", .french), ("annuellement", .french),
        ("par mois", .french), ("mensuellement", .french), ("/ an", .french), ("/ year", .english), ("/ yr", .english),
    ]

    /// Words that start time context: a year ("by 2030", "entre 2025 et 2030") or a
    /// duration ("over four years", "sur les cinq prochaines années") follows.
    static let timePrepositions: [(String, WordLanguage)] = [
        ("by", .english), ("in", .english), ("until", .english), ("till", .english), ("from", .english),
        ("starting", .english), ("starting in", .english), ("beginning in", .english), ("since", .english),
        ("before", .english), ("after", .english), ("through", .english), ("over", .english), ("during", .english),
        ("for", .english), ("within", .english), ("across", .english), ("between", .english),
        ("en", .french), ("d'ici", .french), ("d'ici à", .french), ("jusqu'en", .french), ("à partir de", .french),
        ("à partir d'", .french), ("dès", .french), ("depuis", .french), ("avant", .french), ("après", .french),
        ("sur", .french), ("pendant", .french), ("sous", .french), ("dans", .french), ("entre", .french), ("de", .french),
    ]
    static let timeUnits: [(String, WordLanguage)] = [
        ("year", .english), ("years", .english), ("yr", .english), ("yrs", .english), ("month", .english),
        ("months", .english), ("decade", .english), ("decades", .english),
        ("an", .french), ("ans", .french), ("année", .french), ("années", .french), ("mois", .french),
        ("décennie", .french), ("décennies", .french),
    ]
    static let timeFillers: [(String, WordLanguage)] = [
        ("the", .english), ("next", .english), ("coming", .english), ("following", .english), ("first", .english),
        ("period", .english),
        ("les", .french), ("la", .french), ("le", .french), ("l'", .french), ("prochaines", .french),
        ("prochains", .french), ("prochaine", .french), ("prochain", .french), ("suivantes", .french),
        ("période", .french), ("premières", .french),
    ]

    /// Words that say nothing about the amount.
    static let ignored: [(String, WordLanguage)] = [
        ("soit", .french), ("au total", .french), ("en tout", .french), ("à hauteur de", .french),
        ("d'un montant de", .french), ("in total", .english), ("total", .either), ("worth", .english),
    ]

    /// Bare words, known only as the letters of a glued symbol ("HK$").
    static var symbolPrefixes: [String] { ["us", "c", "ca", "can", "au", "nz", "hk", "s", "sg", "r", "cn"] }

    // MARK: - All entries

    /// Every entry, in one list; the lexicon merges entries with the same phrase
    /// (a role and time roles, e.g. "over" is a qualifier and a time preposition).
    static var entries: [Entry] {
        var all: [Entry] = []
        func add(_ phrase: String, _ role: Role, _ language: WordLanguage, _ time: TimeRole = []) {
            all.append(Entry(phrase: phrase, role: role, language: language, time: time))
        }
        for (p, en, fr, l) in scales { add(p, .scale(english: Int8(en), french: Int8(fr)), l) }
        for (p, code, l) in currencyWords { add(p, .currency(code), l) }
        for code in caseInsensitiveCodes { add(code.lowercased(), .currency(code), .either) }
        for (p, q, l) in qualifiers { add(p, .qualifier(q), l) }
        for (p, l) in unspecified { add(p, .unspecified, l) }
        for (p, n, needsScale, l) in numberWords { add(p, .number(Int8(n), needsScale: needsScale), l) }
        for (p, r, l) in rangeWords { add(p, r, l) }
        for (p, l) in perPeriod { add(p, .perPeriod, l) }
        for (p, l) in timePrepositions { add(p, .none, l, .preposition) }
        for (p, l) in timeUnits { add(p, .none, l, .unit) }
        for (p, l) in timeFillers { add(p, .none, l, .filler) }
        for (p, l) in ignored { add(p, .ignored, l) }
        for (p, n, l) in moreNumberWords { add(p, .number(Int8(n), needsScale: false), l) }
        for (p, l) in hundreds { add(p, .hundred, l) }
        for (p, d, l) in fractions { add(p, .fraction(Int8(d)), l) }
        for (p, l) in andAHalf { add(p, .andAHalf, l) }
        for (p, l) in plusSuffix { add(p, .plusSuffix, l) }
        for (p, l) in unchangedWords + unchangedTails { add(p, .ignored, l) }
        for (p, q, l) in elidedQualifiers { add(p, .qualifier(q), l) }
        for (p, l) in vagueQuantities { add(p, .unspecified, l) }
        for (p, c, l) in sharedCurrencyWords + letterSymbols { add(p, .currency(c), l) }
        add("of", .none, .either)
        for p in symbolPrefixes { add(p, .none, .either) }
        return all
    }
}
