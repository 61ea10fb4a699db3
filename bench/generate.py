#!/usr/bin/env python3
"""Generate a large, realistic pledge file for the benchmark.

    python3 bench/generate.py N OUT.csv [--truth TRUTH.csv] [--seed S]

Writes N pledges with the header ``investor,amount,domain,date`` (RFC 4180
quoting, UTF-8, LF). The amount is a free-text phrase as the press writes it,
in French or English, in EUR, USD, GBP, JPY, INR or CHF, using only the phrase
shapes of docs/amounts.md: every qualifier (exact, up_to, at_least,
approximately, initial, range, and about 2% unspecified), scale words and
abbreviations, symbols, ISO codes and currency words, decimal comma and point,
thousands separators, both apostrophes, number words, time context and
parenthesised conversions.

With ``--truth`` a second CSV gets, for every row, what its phrase means:
``line,amount,amount_low,currency,qualifier`` (``line`` is the physical line
in OUT.csv, the header being line 1; amounts are exact decimal strings in
currency units; ``amount`` is a range's high end).

Standard library only. The same N and seed give byte-identical files.
"""

import argparse
import math
import random
import sys
import unicodedata

DEFAULT_SEED = 20250210

# ------------------------------------------------------------------ vocabulary

CURRENCIES = ("EUR", "USD", "GBP", "JPY", "INR", "CHF")
CURRENCY_WEIGHTS = (50, 24, 7, 6, 7, 6)

# Value kinds: power of ten of the scale.
K, M, B, T, CR, LK, U, FRB = "K", "M", "B", "T", "CR", "LK", "U", "FRB"
SCALE_POWER = {K: 3, M: 6, B: 9, T: 12, CR: 7, LK: 5, U: 0, FRB: 12}

# Which kinds of amount each currency gets, with weights (per mille).
KIND_WEIGHTS = {
    "EUR": ((B, 566), (M, 300), (U, 80), (K, 50), (FRB, 4)),
    "USD": ((B, 610), (M, 280), (U, 80), (K, 25), (T, 5)),
    "GBP": ((B, 520), (M, 360), (U, 80), (K, 40)),
    "JPY": ((B, 600), (M, 250), (T, 80), (U, 70)),
    "INR": ((CR, 450), (B, 250), (LK, 100), (M, 120), (U, 80)),
    "CHF": ((B, 480), (M, 400), (U, 80), (K, 40)),
}

# Qualifier of the phrase (per mille); "unspecified" is drawn before this.
QUALIFIER_WEIGHTS = (("exact", 560), ("up_to", 120), ("at_least", 100),
                     ("approximately", 90), ("initial", 60), ("range", 70))

QUAL_PREFIX_FR = {
    "up_to": ("jusqu’à ", "jusqu'à ", "jusqu’à "),
    "at_least": ("plus de ", "au moins ", "plus de "),
    "approximately": ("environ ", "près de ", "environ "),
    "initial": ("initialement ",),
}
QUAL_PREFIX_EN = {
    "up_to": ("up to ", "as much as ", "up to "),
    "at_least": ("more than ", "over ", "at least "),
    "approximately": ("about ", "around ", "roughly ", "nearly ", "some "),
    "initial": ("an initial ",),
}
INITIAL_SUFFIX_FR = (" (initialement)", " dans un premier temps")
INITIAL_SUFFIX_EN = (" (initially)",)

UNSPECIFIED = ("Non spécifié", "non communiqué", "Non communiqué", "not specified", "Not disclosed",
               "undisclosed", "n/a", "N/A", "", "—")

# French currency after "de" / "d’", and bare (after "mille" or a plain number).
CUR_DE_FR = {
    "EUR": ("d’euros", "d'euros", "d’euros"),
    "USD": ("de dollars", "de dollars américains", "de dollars US"),
    "GBP": ("de livres sterling", "de livres"),
    "JPY": ("de yens",),
    "INR": ("de roupies", "de roupies indiennes"),
    "CHF": ("de francs suisses",),
}
CUR_WORD_FR = {
    "EUR": ("euros",), "USD": ("dollars", "dollars US", "dollars américains"),
    "GBP": ("livres sterling", "livres"), "JPY": ("yens",),
    "INR": ("roupies", "roupies indiennes"), "CHF": ("francs suisses",),
}
CUR_AFTER_FR = {  # symbol or code written after the number
    "EUR": ("€", "EUR", "€"), "USD": ("$", "USD"), "GBP": ("£", "GBP"), "JPY": ("¥", "JPY"),
    "INR": ("₹", "INR"), "CHF": ("CHF",),
}
CUR_SYM_EN = {  # written before the number, glued
    "EUR": ("€",), "USD": ("$", "$", "US$"), "GBP": ("£",), "JPY": ("¥",), "INR": ("₹", "Rs "),
    "CHF": ("CHF ", "CHF ", "Fr. "),
}
CUR_WORD_EN = {
    "EUR": ("euros",), "USD": ("dollars", "US dollars"), "GBP": ("pounds",), "JPY": ("yen",),
    "INR": ("rupees",), "CHF": ("Swiss francs",),
}
# The currency of a parenthesised conversion: never the phrase's own.
CONVERSION_CUR = {"EUR": "USD", "USD": "EUR", "GBP": "USD", "JPY": "USD", "INR": "USD", "CHF": "EUR"}

NUMBER_WORDS_FR = ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")
NUMBER_WORDS_EN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

TIME_FR = tuple([" d’ici %d" % y for y in range(2026, 2036)] + [" d'ici 2030", " en 2024", " en 2025", " en 2026"]
                + [" sur %s ans" % w for w in ("deux", "trois", "quatre", "cinq", "dix")])
TIME_EN = tuple([" by %d" % y for y in range(2026, 2036)]
                + [" over %s years" % w for w in ("two", "three", "four", "five", "ten")])

# Free-text domains (bench/domains.csv maps them), some unclassified on purpose.
DOMAINS = (
    "Intelligence artificielle", "IA générative", "Artificial intelligence", "Generative AI, foundation models",
    "Centres de données", "centres de donnees", "Data centres", "Data centers, cloud",
    "Énergie, réseaux électriques", "Énergies renouvelables", "Renewable energy", "Nucléaire",
    "Semi-conducteurs", "Semiconductors, chips", "Santé, sciences de la vie", "Healthcare",
    "Mobilité électrique, batteries", "EV batteries", "Télécommunications", "Telecoms & 5G",
    "Informatique quantique", "Quantum computing", "Industrie, défense", "Advanced manufacturing",
    "Recherche et formation", "Research, talent and education", "Autre", "Other / mixed",
    "INTELLIGENCE ARTIFICIELLE", unicodedata.normalize("NFD", "Santé, sciences de la vie"),
)

INVESTOR_BASES = (
    "Brookfield", "MGX", "Blackstone", "Mubadala", "Prologis", "Digital Realty", "Amazon Web Services",
    "Microsoft", "Fluidstack", "Apollo", "Iliad", "Sanofi", "Pfizer", "KKR", "Equinix", "Evroc",
    "Mistral AI", "EDF", "TotalEnergies", "ArcelorMittal", "Tata Group", "SoftBank", "Temasek", "GIC",
    "Qatar Investment Authority", "Bpifrance", "Caisse des Dépôts", "Ardian", "Eurazeo",
    "Schneider Electric", "STMicroelectronics", "Soitec", "Verkor", "ProLogium", "Nvidia", "Google",
    "Meta", "OpenAI", "Anthropic", "Sumitomo", "Mitsubishi", "Reliance", "Nestlé", "UBS", "Novartis",
    "Roche", "BlackRock", "Vinci", "Bouygues", "Orange", "Crédit Agricole", "L’Oréal", "Hermès",
    "Société Générale", "Infosys", "Wipro", "Adani", "Nomura", "Hitachi", "Vodafone", "Arm",
    "DeepMind", "Rolls-Royce", "@Home Ventures", "Zürich Invest", "Ørsted",
)
INVESTOR_FORMS = (
    "{b}", "{b}", "{b}", "{b}", "{b}, Inc.", "{b} SA", "{b} Holdings, L.P.", "Groupe \"{b}\"",
    "fonds \"{b}\" (consortium)", "{b} & Partners", "{b} Capital", "{b}, {c}", "{b} ({c})",
    "consortium {b}, \"{c}\" branch",
)
CITIES = ("Paris", "Londres", "Abu Dhabi", "New York", "Tokyo", "Mumbai", "Zurich", "Montréal")


# ------------------------------------------------------------------ helpers

def table(weighted, size=1024):
    """A lookup table of `size` entries drawn in proportion to the weights."""
    total = sum(w for _, w in weighted)
    out = []
    acc = 0
    for value, w in weighted:
        acc += w
        while len(out) < round(acc * size / total):
            out.append(value)
    assert len(out) == size
    return tuple(out)


def csv_field(text):
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def units(m, d, power):
    """m × 10^(power − d) as a plain decimal string."""
    e = power - d
    if m == 0:
        return "0"
    if e >= 0:
        return str(m) + "0" * e
    s = str(m).rjust(-e + 1, "0")
    return s[:e] + "." + s[e:]


def group(int_part, sep):
    n = len(int_part)
    if n <= 3:
        return int_part
    head = n % 3 or 3
    parts = [int_part[:head]]
    parts.extend(int_part[i:i + 3] for i in range(head, n, 3))
    return sep.join(parts)


def number(m, d, fr, bits):
    """The number m × 10^-d as written: decimal comma in French, point in English;
    thousands separators some of the time, never in a shape whose reading is
    ambiguous (a single ',' or '.' group of three digits)."""
    s = str(m)
    if d:
        s = s.rjust(d + 1, "0")
        ip, fp = s[:-d], s[-d:]
    else:
        ip, fp = s, ""
    if len(ip) > 3:
        groups = (len(ip) - 1) // 3
        if fr:
            sep = (" ", "\u00a0", "\u202f", ".")[bits & 3]
            if sep == "." and groups < 2 and not fp:
                sep = " "
        else:
            sep = "," if (groups >= 2 or fp) else ""
        if sep and (bits >> 2) & 7:
            ip = group(ip, sep)
    if fp:
        return ip + ("," if fr else ".") + fp
    return ip


# ------------------------------------------------------------------ value pools

def build_pools(rng):
    """Magnitudes, drawn once from the seeded generator."""
    def lognormal_pool(n, mu, sigma, lo, hi, decimals):
        pool = []
        for _ in range(n):
            v = min(max(rng.lognormvariate(mu, sigma), lo), hi)
            d = decimals[rng.randrange(len(decimals))]
            m = int(round(v * 10 ** d))
            if m < 1:
                m = 1
            if d and m % 10 == 0 and rng.random() < 0.7:   # "1,50" is rarer than "1,5"
                m //= 10
                d -= 1
            pool.append((m, d))
        return tuple(pool)

    pools = {
        B: lognormal_pool(8192, 1.3, 1.0, 0.1, 150.0, (0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2)),
        M: lognormal_pool(8192, 4.8, 0.9, 1.0, 999.0, (0, 0, 0, 0, 0, 0, 1)),
        K: lognormal_pool(4096, 5.5, 0.8, 10.0, 999.0, (0,)),
        T: lognormal_pool(1024, 0.6, 0.5, 1.0, 9.9, (0, 1, 1)),
        FRB: lognormal_pool(1024, 0.2, 0.4, 1.0, 3.0, (0, 1)),
        CR: lognormal_pool(8192, 7.0, 1.6, 1.0, 99999.0, (0, 0, 0, 0, 1)),
        LK: lognormal_pool(4096, 4.0, 1.0, 1.0, 999.0, (0,)),
    }
    plain = []
    for _ in range(8192):
        whole = int(round(min(max(rng.lognormvariate(13.5, 1.3), 10_000), 999_999_999) / 1000)) * 1000
        if rng.random() < 0.2:
            plain.append((whole * 100 + rng.randrange(100), 2))
        else:
            plain.append((whole, 0))
    pools[U] = tuple(plain)
    return pools


# ------------------------------------------------------------------ phrases

def scale_fr(kind, m, d, bits):
    """French scale text for a number, with the currency after it (returns
    (scale_text, needs_de)): needs_de says whether "de"/"d’" must join the
    currency word."""
    plural = m >= 2 * 10 ** d
    if kind == B:
        return ("milliards" if plural else "milliard", True)
    if kind == M:
        return ("millions" if plural else "million", True)
    if kind == FRB:
        return ("billions" if plural else "billion", True)
    if kind == CR:
        return ("crore", True)
    if kind == LK:
        return ("lakh", True)
    if kind == K:
        return ("mille", False)
    return ("", False)


def amount_fr(cur, kind, m, d, bits):
    """One French amount (no qualifier)."""
    num = number(m, d, True, bits)
    pick = (bits >> 8) & 15
    if cur == "EUR" and kind in (B, M, K) and pick < 6:
        glued = {B: ("Md€", "Mds€", "Md€", "Mrd €"), M: ("M€", "M€", "Mio €", "M€"), K: ("k€", "k€", "k€", "k€")}[kind]
        sc = glued[(bits >> 12) & 3]
        return num + ("" if sc.startswith("k") and (bits >> 14) & 1 else " ") + sc
    if kind == U:
        if pick < 8:
            after = CUR_AFTER_FR[cur]
            return num + " " + after[(bits >> 12) % len(after)]
        words = CUR_WORD_FR[cur]
        return num + " " + words[(bits >> 12) % len(words)]
    sc, needs_de = scale_fr(kind, m, d, bits)
    if kind in (B, M) and pick >= 13:
        after = CUR_AFTER_FR[cur]
        return num + " " + sc + " " + after[(bits >> 12) % len(after)]
    if needs_de:
        de = CUR_DE_FR[cur]
        return num + " " + sc + " " + de[(bits >> 12) % len(de)]
    words = CUR_WORD_FR[cur]
    return num + " " + sc + " " + words[(bits >> 12) % len(words)]


EN_SUFFIX = {
    B: ("bn", "bn", "bn", "B", " billion", " billion", " bn", " billion"),
    M: ("m", "M", "mn", "m", " million", " million", " million", " mn"),
    K: ("k", "k", "k", " thousand"),
    T: (" trillion", " trillion", " trillion", " trillion"),
    CR: (" crore",),
    LK: (" lakh",),
}
EN_WORD_SCALE = {B: "billion", M: "million", K: "thousand", T: "trillion", CR: "crore", LK: "lakh"}


def amount_en(cur, kind, m, d, bits):
    """One English amount (no qualifier)."""
    if cur == "INR" and kind == CR and m >= 1000 and d == 0 and (bits >> 15) & 1:
        num = group(str(m), ",")          # "₹10,372 crore", as docs/amounts.md writes it
    else:
        num = number(m, d, False, bits)
    pick = (bits >> 8) & 15
    if kind == U:
        if pick < 9:
            sym = CUR_SYM_EN[cur]
            return sym[(bits >> 12) % len(sym)] + num
        if pick < 12:
            return cur + " " + num
        return num + " " + CUR_WORD_EN[cur][(bits >> 12) % len(CUR_WORD_EN[cur])]
    sufs = EN_SUFFIX[kind]
    suf = sufs[(bits >> 16) % len(sufs)]
    if pick < 9:
        sym = CUR_SYM_EN[cur]
        return sym[(bits >> 12) % len(sym)] + num + suf
    if pick < 12:
        return cur + " " + num + suf
    words = CUR_WORD_EN[cur]
    return num + " " + EN_WORD_SCALE[kind] + " " + words[(bits >> 12) % len(words)]


def number_word_amount(fr, cur, bits, article):
    """'deux milliards de dollars', 'a billion euros': (text, m, kind)."""
    n = 1 + (bits >> 20) % 10
    kind = B if (bits >> 24) & 3 else M
    if fr:
        word = NUMBER_WORDS_FR[n - 1]
        sc = ("milliard" if kind == B else "million") + ("s" if n >= 2 else "")
        de = CUR_DE_FR[cur]
        return word + " " + sc + " " + de[(bits >> 12) % len(de)], n, kind
    word = NUMBER_WORDS_EN[n - 1]
    if n == 1 and (bits >> 26) & 1 and article:
        word = "a"
    words = CUR_WORD_EN[cur]
    return word + " " + EN_WORD_SCALE[kind] + " " + words[(bits >> 12) % len(words)], n, kind


def range_phrase(fr, cur, kind, lo, hi, d, bits):
    """A range over one scale; both ends have d decimals."""
    a = number(lo, d, fr, bits)
    b = number(hi, d, fr, bits >> 3)
    shape = (bits >> 28) % 6
    dash = "–" if (bits >> 31) & 1 else "-"
    if fr:
        if kind in (B, M, FRB, CR, LK):
            sc, _ = scale_fr(kind, hi, d, bits)
            de = CUR_DE_FR[cur][(bits >> 12) % len(CUR_DE_FR[cur])]
            tail = " " + sc + " " + de
        elif kind == K:
            tail = " mille " + CUR_WORD_FR[cur][0]
        else:
            tail = " " + CUR_AFTER_FR[cur][0]
        if shape <= 1:
            return "entre " + a + " et " + b + tail
        if shape == 2:
            return "de " + a + " à " + b + tail
        if shape == 3:
            return a + " à " + b + tail
        if cur == "EUR" and kind in (B, M):
            return a + dash + b + (" Md€" if kind == B else " M€")
        return a + dash + b + tail
    if kind == U:
        sym = CUR_SYM_EN[cur][0]
        if shape <= 2:
            return "between " + sym + a + " and " + sym + b
        return sym + a + " to " + sym + b
    suf = EN_SUFFIX[kind][(bits >> 16) % len(EN_SUFFIX[kind])]
    sym = CUR_SYM_EN[cur][(bits >> 12) % len(CUR_SYM_EN[cur])]
    if shape == 0:
        return "between " + sym + a + suf + " and " + sym + b + suf
    if shape == 1:
        return "between " + a + " and " + b + " " + EN_WORD_SCALE[kind] + " " + CUR_WORD_EN[cur][0]
    if shape == 2:
        return sym + a + suf + " to " + sym + b + suf
    if shape == 3:
        return a + " to " + b + " " + EN_WORD_SCALE[kind] + " " + CUR_WORD_EN[cur][0]
    return sym + a + dash + b + suf


def mixed_range(fr, cur, lo, d_lo, hi, d_hi, bits):
    """'entre 500 millions et 1,2 milliard d’euros', 'between $500m and $1.2bn'."""
    if fr:
        a = number(lo, d_lo, True, bits)
        b = number(hi, d_hi, True, bits >> 3)
        de = CUR_DE_FR[cur][(bits >> 12) % len(CUR_DE_FR[cur])]
        return "entre " + a + " " + ("millions" if lo >= 2 * 10 ** d_lo else "million") + " et " + b + " " + \
            ("milliards" if hi >= 2 * 10 ** d_hi else "milliard") + " " + de
    a = number(lo, d_lo, False, bits)
    b = number(hi, d_hi, False, bits >> 3)
    sym = CUR_SYM_EN[cur][(bits >> 12) % len(CUR_SYM_EN[cur])]
    if (bits >> 20) & 1:
        return "between " + sym + a + "m and " + sym + b + "bn"
    return sym + a + " million to " + sym + b + " billion"


# ------------------------------------------------------------------ generator

def generate(n, out_path, truth_path=None, seed=DEFAULT_SEED):
    rng = random.Random(seed)
    pools = build_pools(rng)
    rand = rng.getrandbits

    cur_tab = table(list(zip(CURRENCIES, CURRENCY_WEIGHTS)))
    kind_tab = {c: table(w) for c, w in KIND_WEIGHTS.items()}
    qual_tab = table(QUALIFIER_WEIGHTS)
    pool_b, pool_m = pools[B], pools[M]

    investors = []
    for f in INVESTOR_FORMS:
        for b in INVESTOR_BASES:
            for c in CITIES if "{c}" in f else ("",):
                investors.append(csv_field(f.format(b=b, c=c)))
    investors = tuple(investors)
    domains = tuple(csv_field(t) for t in DOMAINS)
    # 2024-01-01 .. 2025-12-31, weekends and holidays included.
    dates = []
    for y in (2024, 2025):
        for mo in range(1, 13):
            days = 31 if mo in (1, 3, 5, 7, 8, 10, 12) else 30 if mo != 2 else (29 if y % 4 == 0 else 28)
            dates.extend("%04d-%02d-%02d" % (y, mo, dd) for dd in range(1, days + 1))
    dates = tuple(dates)
    n_inv, n_dom, n_date = len(investors), len(domains), len(dates)

    out = open(out_path, "w", encoding="utf-8", newline="")
    tr = open(truth_path, "w", encoding="utf-8", newline="") if truth_path else None
    out.write("investor,amount,domain,date\n")
    if tr:
        tr.write("line,amount,amount_low,currency,qualifier\n")
    rows, truths = [], []
    nfd = unicodedata.normalize

    for i in range(n):
        r = rand(64)
        s = rand(64)
        f = rand(64)
        line = i + 2
        head = investors[(f >> 32) % n_inv] + ","
        tail = "," + domains[(f >> 16) % n_dom] + "," + dates[(f & 0xFFFF) % n_date] + "\n"

        if (r & 1023) < 20:                       # ~2% unspecified
            phrase = UNSPECIFIED[(r >> 10) % len(UNSPECIFIED)]
            rows.append(head + phrase + tail)
            if tr:
                truths.append("%d,,,,unspecified\n" % line)
            continue

        cur = cur_tab[(r >> 10) & 1023]
        fr = (r >> 20) & 1
        qual = qual_tab[(r >> 21) & 1023]
        kind = kind_tab[cur][(r >> 31) & 1023]
        if fr and kind == T:
            kind = FRB                             # 10^12 in French is "billion"
        elif not fr and kind == FRB:
            kind = B
        bits = s
        low = ""
        suffixed = qual == "range"
        if qual == "range":
            if kind in (B, M) and (r >> 41) & 7 == 0:
                lo, d_lo = pool_m[(r >> 44) & 8191]
                hi, d_hi = pool_b[(s >> 13) & 8191]
                if hi < 10 ** d_hi:
                    hi += 10 ** d_hi
                phrase = mixed_range(fr, cur, lo, d_lo, hi, d_hi, bits)
                amount = units(hi, d_hi, 9)
                low = units(lo, d_lo, 6)
            else:
                hi, d = pools[kind][(r >> 44) % len(pools[kind])]
                lo = hi * (30 + (r >> 57) % 60) // 100
                if lo < 1:
                    lo, hi = hi, hi * 2 + 1
                if d and lo % 10 == 0 and hi % 10 == 0:
                    lo //= 10
                    hi //= 10
                    d -= 1
                phrase = range_phrase(fr, cur, kind, lo, hi, d, bits)
                amount = units(hi, d, SCALE_POWER[kind])
                low = units(lo, d, SCALE_POWER[kind])
        else:
            if (r >> 41) & 63 == 0:                # number words: "deux milliards", "a billion"
                body, m, kind = number_word_amount(fr, cur, bits, qual == "exact")
                amount = units(m, 0, SCALE_POWER[kind])
            else:
                m, d = pools[kind][(r >> 44) % len(pools[kind])]
                body = (amount_fr if fr else amount_en)(cur, kind, m, d, bits)
                amount = units(m, d, SCALE_POWER[kind])
            if qual == "exact":
                phrase = body
            elif qual == "initial":
                if (r >> 47) & 1:
                    phrase = (QUAL_PREFIX_FR if fr else QUAL_PREFIX_EN)["initial"][0] + body
                else:
                    suf = INITIAL_SUFFIX_FR if fr else INITIAL_SUFFIX_EN
                    phrase = body + suf[(r >> 48) % len(suf)]
                    suffixed = True
            else:
                pre = (QUAL_PREFIX_FR if fr else QUAL_PREFIX_EN)[qual]
                phrase = pre[(r >> 47) % len(pre)] + body
                if (r >> 51) & 31 == 0:            # a weaker qualifier too: the stronger wins
                    suf = INITIAL_SUFFIX_FR if fr else INITIAL_SUFFIX_EN
                    phrase += suf[(r >> 56) % len(suf)]
                    suffixed = True

        extra = (r >> 58) & 63
        if extra < 2 and not suffixed:             # the press's conversion, ignored
            other = CONVERSION_CUR[cur]
            if fr:
                phrase += " (" + amount_fr(other, B, 12, 0, bits) + ")"
            else:
                phrase += " (" + amount_en(other, B, 12, 0, bits) + ")"
        elif extra < 5:                            # time context, ignored
            t = TIME_FR if fr else TIME_EN
            phrase += t[(s >> 20) % len(t)]
        if (s >> 40) & 15 == 0:
            phrase = phrase[0].upper() + phrase[1:]
        if fr and (s >> 44) & 127 == 0:
            phrase = nfd("NFD", phrase)

        rows.append(head + csv_field(phrase) + tail)
        if tr:
            truths.append("%d,%s,%s,%s,%s\n" % (line, amount, low, cur, qual))
        if len(rows) >= 65536:
            out.write("".join(rows))
            rows.clear()
            if tr:
                tr.write("".join(truths))
                truths.clear()

    out.write("".join(rows))
    out.close()
    if tr:
        tr.write("".join(truths))
        tr.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of pledges")
    ap.add_argument("out", help="the pledge CSV to write")
    ap.add_argument("--truth", help="also write what each phrase means")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    a = ap.parse_args(argv)
    if a.n < 0:
        ap.error("N must be 0 or more")
    generate(a.n, a.out, a.truth, a.seed)


if __name__ == "__main__":
    sys.exit(main())
