#!/usr/bin/env python3
"""Check a pledgetally run on a generated input against the generator's truth.

    python3 bench/check.py INPUT_DIR OUTPUT_DIR TRUTH.csv [--examples N]
    python3 bench/check.py --self-test

INPUT_DIR is what `pledgetally run --input` read: pledges/ (one generated
file), domains.csv and rates/*.csv. OUTPUT_DIR is what it wrote. TRUTH.csv is
bench/generate.py's --truth file for that pledge file.

Checks, independently of the program (standard library only, exact decimals):
  1. Row by row, joined on the physical line: qualifier, amount, amount_low
     and currency in pledges.csv equal the truth; investor, amount_text,
     domain_text and date equal the input; the domain is the first rule of
     domains.csv matching the domain text (case and accents ignored); the ECB
     day and the converted amount are right.
  2. Every input record is in pledges.csv or in rejected.csv, once; nothing
     else is; records read = accepted + rejected (also in manifest.json).
  3. by_domain.csv equals totals recomputed from the truth to the cent:
     amount_<cur> = amount x q_rep / q_orig with the last ECB rate on or
     before the pledge date (none older than 7 days), rounded half to even to
     the reporting currency's minor unit per pledge, then summed; ceiling =
     up_to + range, floor = at_least + initial, low = total with each range
     at its low end (converted and rounded like the amount), unpriced = unspecified,
     share_pct = total / grand total x 100 rounded half to even to 2 places;
     rows by total descending then domain, last row TOTAL.
When some rows are wrong, the totals are also recomputed from the program's
own pledges.csv, to tell parse errors from aggregation errors.

Prints a summary; exits 0 when everything matches, 1 on any mismatch, 2 when
the check cannot run (missing file, bad header).
"""

import csv
import datetime
import decimal
import glob
import json
import os
import re
import sys
import tempfile
import unicodedata
from decimal import Decimal, ROUND_HALF_EVEN

decimal.getcontext().prec = 60

MAX_AGE_DAYS = 7
ZERO_DIGIT_CURRENCIES = {"JPY", "ISK", "KRW"}   # ISO 4217 minor unit 0, among the ECB's currencies
INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
                             "`": "'", "\u2013": "-", "\u2014": "-", "\u2212": "-"})


class Trouble(Exception):
    """The check cannot run (exit 2)."""


def minor_digits(currency):
    return 0 if currency in ZERO_DIGIT_CURRENCIES else 2


def quantum(digits):
    return Decimal(1).scaleb(-digits)


def fold(text):
    """Case, accents, apostrophe and dash styles, normalisation form and runs of space ignored."""
    t = unicodedata.normalize("NFD", text)
    t = "".join(c for c in t if unicodedata.category(c) not in ("Mn", "Me", "Cf"))
    return " ".join(t.translate(APOSTROPHES).lower().split())


def unguard(cell):
    """A text cell as written before the CSV-injection guard."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in INJECTION_STARTS:
        return cell[1:]
    return cell


def read_header(reader, path, wanted):
    try:
        header = next(reader)
    except StopIteration:
        raise Trouble(f"{path}: empty file")
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    index = {name.strip().lower(): i for i, name in enumerate(header)}
    missing = [w for w in wanted if w not in index]
    if missing:
        raise Trouble(f"{path}: no column {', '.join(missing)} (header: {','.join(header)})")
    return index, header


# ------------------------------------------------------------------ reference data

class Domains:
    def __init__(self, path):
        self.rules = []
        with open(path, newline="", encoding="utf-8-sig") as fh:
            r = csv.reader(fh)
            idx, _ = read_header(r, path, ["match", "domain"])
            for row in r:
                if not any(c.strip() for c in row):
                    continue
                m, d = row[idx["match"]].strip(), row[idx["domain"]].strip()
                if m and d:
                    self.rules.append((fold(m), d))
        self.cache = {}

    def of(self, text):
        hit = self.cache.get(text)
        if hit is None:
            key = fold(text)
            hit = next((d for m, d in self.rules if m in key), "Unclassified")
            self.cache[text] = hit
        return hit


DAILY_DATE = re.compile(r"^\s*(\d{1,2}) (\w+) (\d{4})\s*$")
MONTHS = {m: i + 1 for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"])}


def parse_day(text):
    text = text.strip()
    try:
        return datetime.date.fromisoformat(text).toordinal()
    except ValueError:
        m = DAILY_DATE.match(text)
        if m and m.group(2) in MONTHS:
            return datetime.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))).toordinal()
        raise


class Rates:
    """ECB reference rates (units per EUR): the history file and/or daily files.
    Where files overlap, the one whose last day is later wins."""

    def __init__(self, folder):
        files = sorted(glob.glob(os.path.join(folder, "*.csv")))
        if not files:
            raise Trouble(f"{folder}: no rates file")
        loaded = []
        for path in files:
            series = {}
            with open(path, newline="", encoding="utf-8-sig") as fh:
                r = csv.reader(fh)
                header = [h.strip() for h in next(r)]
                for row in r:
                    if not row or not row[0].strip():
                        continue
                    day = parse_day(row[0])
                    for cur, val in zip(header[1:], row[1:]):
                        val = val.strip()
                        if cur and val and val != "N/A":
                            series.setdefault(cur, {})[day] = Decimal(val)
            days = [d for s in series.values() for d in s]
            loaded.append(((max(days) if days else 0, min(days) if days else 0, path), series))
        merged = {}
        for _, series in sorted(loaded, key=lambda x: x[0]):
            for cur, points in series.items():
                merged.setdefault(cur, {}).update(points)
        self.days = {c: sorted(p) for c, p in merged.items()}
        self.rates = merged
        self.cache = {}

    def quote(self, currency, day):
        """(rate, rate day or None) for `currency` on `day` (ordinal), or (None, reason)."""
        key = (currency, day)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        if currency == "EUR":
            hit = (Decimal(1), None)
        elif currency not in self.days:
            hit = (None, f"no ECB rate for {currency}")
        else:
            days = self.days[currency]
            lo, hi = 0, len(days)
            while lo < hi:
                mid = (lo + hi) // 2
                if days[mid] <= day:
                    lo = mid + 1
                else:
                    hi = mid
            if lo == 0:
                hit = (None, f"no ECB rate for {currency} on or before the date")
            elif day - days[lo - 1] > MAX_AGE_DAYS:
                hit = (None, f"the last ECB rate for {currency} is more than {MAX_AGE_DAYS} days old")
            else:
                hit = (self.rates[currency][days[lo - 1]], days[lo - 1])
        self.cache[key] = hit
        return hit


class Converter:
    def __init__(self, rates, reporting):
        self.rates = rates
        self.reporting = reporting
        self.q = quantum(minor_digits(reporting))
        self.cache = {}

    def convert(self, amount, currency, day):
        """(amount in the reporting currency, ECB day shown) or (None, reason)."""
        key = (currency, day)
        hit = self.cache.get(key)
        if hit is None:
            q_orig, d_orig = self.rates.quote(currency, day)
            q_rep, d_rep = self.rates.quote(self.reporting, day)
            if q_orig is None:
                hit = (None, d_orig)
            elif q_rep is None:
                hit = (None, d_rep)
            else:
                shown = [d for d in (d_orig, d_rep) if d is not None]
                hit = (q_rep, q_orig, min(shown) if shown else None)
            self.cache[key] = hit
        if hit[0] is None:
            return None, hit[1]
        q_rep, q_orig, shown = hit
        if currency == self.reporting:
            return amount.quantize(self.q, ROUND_HALF_EVEN), None
        return (amount * q_rep / q_orig).quantize(self.q, ROUND_HALF_EVEN), shown


# ------------------------------------------------------------------ totals

class Totals:
    CEILING = ("up_to", "range")
    FLOOR = ("at_least", "initial")

    def __init__(self):
        self.by = {}

    def add(self, domain, qualifier, amount, low=None):
        t = self.by.get(domain)
        if t is None:
            t = self.by[domain] = [0, 0, Decimal(0), Decimal(0), Decimal(0), Decimal(0)]
        t[0] += 1
        if amount is None:
            t[1] += 1
            return
        t[2] += amount
        t[5] += low if qualifier == "range" and low is not None else amount
        if qualifier in self.CEILING:
            t[3] += amount
        elif qualifier in self.FLOOR:
            t[4] += amount

    def rows(self, digits):
        """by_domain.csv as it should be: lists of strings, TOTAL last."""
        q = quantum(digits)
        grand = [0, 0, Decimal(0), Decimal(0), Decimal(0), Decimal(0)]
        for t in self.by.values():
            for i in range(6):
                grand[i] += t[i]

        def share(total):
            if grand[2] == 0:
                return Decimal(0)
            return (total * 100 / grand[2]).quantize(Decimal("0.01"), ROUND_HALF_EVEN)

        def row(name, t):
            return [name, str(t[0]), str(t[1])] + [format(v.quantize(q), "f") for v in t[2:6]] + \
                [format(share(t[2]), "f")]

        order = sorted(self.by.items(), key=lambda kv: (-kv[1][2], kv[0].encode("utf-8")))
        return [row(name, t) for name, t in order] + [row("TOTAL", grand)]


def compare_by_domain(expected, got, label, out):
    """Compares by_domain rows; returns the number of differing cells."""
    bad = 0
    header = ["domain", "pledges", "unpriced", "total", "ceiling", "floor", "low", "share_pct"]
    exp_names = [r[0] for r in expected]
    got_names = [r[0] for r in got]
    if exp_names != got_names:
        bad += 1
        out(f"  {label}: domain rows differ: expected {exp_names}, got {got_names}")
    got_by = {r[0]: r for r in got}
    for e in expected:
        g = got_by.get(e[0])
        if g is None:
            continue
        for i in range(1, 8):
            gi = g[i] if i < len(g) else "<missing>"
            if gi != e[i]:
                bad += 1
                out(f"  {label}: {e[0]} {header[i]}: expected {e[i]}, got {gi}")
    return bad


# ------------------------------------------------------------------ the check

def shape_of(phrase):
    """The phrase with its digits hidden, to group failures by shape."""
    return re.sub(r"\d+", "9", phrase)


def check(input_dir, output_dir, truth_path, examples=10, out=print):
    """Runs every check; returns (exit code, facts)."""
    pledge_files = sorted(f for f in glob.glob(os.path.join(input_dir, "pledges", "*")) if os.path.isfile(f))
    if len(pledge_files) != 1:
        raise Trouble(f"{input_dir}/pledges: expected exactly one pledge file, found {len(pledge_files)}")
    input_path = pledge_files[0]
    source = os.path.basename(input_path)
    domains = Domains(os.path.join(input_dir, "domains.csv"))
    rates = Rates(os.path.join(input_dir, "rates"))
    for name in ("pledges.csv", "rejected.csv", "by_domain.csv"):
        if not os.path.isfile(os.path.join(output_dir, name)):
            raise Trouble(f"{output_dir}: no {name}")

    # rejected.csv: line -> (field, value, reason)
    rejected = {}
    rejected_twice = rejected_foreign = 0
    with open(os.path.join(output_dir, "rejected.csv"), newline="", encoding="utf-8") as fh:
        r = csv.reader(fh)
        ri, _ = read_header(r, "rejected.csv", ["source", "line", "field", "value", "reason"])
        for row in r:
            if row[ri["source"]] != source:
                rejected_foreign += 1
                continue
            line = int(row[ri["line"]])
            if line in rejected:
                rejected_twice += 1
            rejected[line] = (row[ri["field"]], unguard(row[ri["value"]]), row[ri["reason"]])

    pf = open(os.path.join(output_dir, "pledges.csv"), newline="", encoding="utf-8")
    pr = csv.reader(pf)
    pi, pheader = read_header(pr, "pledges.csv", ["source", "line", "investor", "domain", "domain_text",
                                                   "amount_text", "qualifier", "amount", "amount_low",
                                                   "currency", "date", "rate", "rate_date"])
    cur_cols = [h for h in pheader if h.startswith("amount_") and h not in ("amount_text", "amount_low")]
    if len(cur_cols) != 1:
        raise Trouble(f"pledges.csv: no amount_<currency> column (header: {','.join(pheader)})")
    reporting = cur_cols[0][len("amount_"):].upper()
    digits = minor_digits(reporting)
    i_rep = pheader.index(cur_cols[0])
    conv = Converter(rates, reporting)
    P_SRC, P_LINE, P_INV, P_DOM, P_DT, P_AT, P_Q, P_A, P_AL, P_C, P_D, P_RD = (
        pi[k] for k in ("source", "line", "investor", "domain", "domain_text", "amount_text", "qualifier",
                        "amount", "amount_low", "currency", "date", "rate_date"))

    def next_pledge():
        for row in pr:
            if row[P_SRC] != source:
                facts["foreign_rows"] += 1
                continue
            return row
        return None

    facts = {"records": 0, "accepted": 0, "rejected": 0, "missing": 0, "twice": 0, "extra": 0,
             "foreign_rows": 0, "row_mismatches": 0, "wrongly_rejected": 0}
    field_bad = {}
    shapes = {}          # shape -> [count, example]
    details = []         # the first problems, printed after the summary
    expected_totals, program_totals = Totals(), Totals()
    day_cache = {}

    def problem(kind, line, text):
        field_bad[kind] = field_bad.get(kind, 0) + 1
        if len(details) < examples:
            details.append(f"  line {line}: {kind}: {text}")

    tf = open(truth_path, newline="", encoding="utf-8")
    tr = csv.reader(tf)
    ti, _ = read_header(tr, truth_path, ["line", "amount", "amount_low", "currency", "qualifier"])
    T_LINE, T_A, T_AL, T_C, T_Q = (ti[k] for k in ("line", "amount", "amount_low", "currency", "qualifier"))

    with open(input_path, newline="", encoding="utf-8-sig") as fh:
        ir = csv.reader(fh)
        ii, _ = read_header(ir, input_path, ["investor", "amount", "domain", "date"])
        I_INV, I_A, I_DOM, I_D = ii["investor"], ii["amount"], ii["domain"], ii["date"]
        prev_end = ir.line_num
        pledge = next_pledge()
        for rec in ir:
            line = prev_end + 1
            prev_end = ir.line_num
            if not any(c.strip() for c in rec):
                continue                       # a blank line is not a record
            facts["records"] += 1
            truth = next(tr, None)
            if truth is None or int(truth[T_LINE]) != line:
                raise Trouble(f"{truth_path} does not describe {input_path} (line {line}: truth "
                              f"{'ends' if truth is None else 'says line ' + truth[T_LINE]})")
            phrase = rec[I_A]
            t_q, t_c = truth[T_Q], truth[T_C]
            t_a = Decimal(truth[T_A]) if truth[T_A] else None
            t_al = Decimal(truth[T_AL]) if truth[T_AL] else None
            domain = domains.of(rec[I_DOM])
            date_text = rec[I_D].strip()
            day = day_cache.get(date_text)
            if day is None:
                day = day_cache[date_text] = datetime.date.fromisoformat(date_text).toordinal()
            if t_a is not None:
                exp_rep, exp_day = conv.convert(t_a, t_c, day)
                if exp_rep is None:
                    raise Trouble(f"line {line}: the truth's pledge cannot be priced ({exp_day}): "
                                  f"the generator and the rates file do not fit")
            else:
                exp_rep = exp_day = None
            exp_low = conv.convert(t_al, t_c, day)[0] if t_al is not None and t_q == "range" else None
            expected_totals.add(domain, t_q, exp_rep, exp_low)

            # advance past rows whose line we have passed (out of order or unknown lines)
            while pledge is not None and int(pledge[P_LINE]) < line:
                facts["extra"] += 1
                problem("extra row", pledge[P_LINE], "in pledges.csv but not an input record here")
                pledge = next_pledge()
            in_pledges = pledge is not None and int(pledge[P_LINE]) == line
            in_rejected = line in rejected
            if in_pledges and in_rejected:
                facts["twice"] += 1
                problem("twice", line, f"{phrase!r} is in both pledges.csv and rejected.csv")
            if not in_pledges:
                if in_rejected:
                    facts["rejected"] += 1
                    facts["wrongly_rejected"] += 1
                    f, v, reason = rejected[line]
                    facts["row_mismatches"] += 1
                    exp = f"{t_q} {truth[T_AL] + '..' if truth[T_AL] else ''}{truth[T_A] or '-'} {t_c or '-'}"
                    s = shapes.setdefault(shape_of(phrase), [0, phrase, exp, f"rejected ({f}): {reason}"])
                    s[0] += 1
                    problem("rejected", line, f"{phrase!r}: expected {exp}, rejected ({f}): {reason}")
                else:
                    facts["missing"] += 1
                    facts["row_mismatches"] += 1
                    problem("missing", line, f"{phrase!r} is in neither pledges.csv nor rejected.csv")
                continue

            facts["accepted"] += 1
            p = pledge
            pledge = next_pledge()
            bad = []
            g_a = Decimal(p[P_A]) if p[P_A] else None
            g_al = Decimal(p[P_AL]) if p[P_AL] else None
            parse_ok = True
            if p[P_Q] != t_q:
                bad.append("qualifier")
            if g_a != t_a:
                bad.append("amount")
            if g_al != t_al:
                bad.append("amount_low")
            if p[P_C] != t_c:
                bad.append("currency")
            if bad:
                parse_ok = False
                got = f"{p[P_Q]} {p[P_AL] + '..' if p[P_AL] else ''}{p[P_A] or '-'} {p[P_C] or '-'}"
                exp = f"{t_q} {truth[T_AL] + '..' if truth[T_AL] else ''}{truth[T_A] or '-'} {t_c or '-'}"
                s = shapes.setdefault(shape_of(phrase), [0, phrase, exp, got])
                s[0] += 1
                problem("/".join(bad), line, f"{phrase!r}: expected {exp}, got {got}")
            if unguard(p[P_INV]) != rec[I_INV].strip():
                bad.append("investor")
                problem("investor", line, f"expected {rec[I_INV]!r}, got {p[P_INV]!r}")
            if unguard(p[P_AT]) != phrase:
                bad.append("amount_text")
                problem("amount_text", line, f"expected {phrase!r}, got {p[P_AT]!r}")
            if unguard(p[P_DT]) != rec[I_DOM]:
                bad.append("domain_text")
                problem("domain_text", line, f"expected {rec[I_DOM]!r}, got {p[P_DT]!r}")
            if p[P_DOM] != domain:
                bad.append("domain")
                problem("domain", line, f"{rec[I_DOM]!r}: expected {domain!r}, got {p[P_DOM]!r}")
            if p[P_D] != date_text:
                bad.append("date")
                problem("date", line, f"expected {date_text}, got {p[P_D]}")

            # What the program's own row converts to (to tell parse from aggregation errors).
            g_rep_text = p[i_rep]
            if g_a is not None and p[P_C]:
                own_rep, own_day = conv.convert(g_a, p[P_C], day)
            else:
                own_rep, own_day = None, None
            own_low = conv.convert(g_al, p[P_C], day)[0] if g_al is not None and p[P_C] and p[P_Q] == "range" else None
            program_totals.add(p[P_DOM], p[P_Q], own_rep, own_low)
            if parse_ok:
                want = "" if exp_rep is None else format(exp_rep, "f")
                if g_rep_text != want:
                    bad.append("amount_" + reporting.lower())
                    problem("amount_" + reporting.lower(), line,
                            f"{phrase!r} on {date_text}: expected {want or '(empty)'}, got {g_rep_text or '(empty)'}")
                want_day = "" if exp_day is None else datetime.date.fromordinal(exp_day).isoformat()
                if p[P_RD] != want_day:
                    bad.append("rate_date")
                    problem("rate_date", line, f"{t_c} on {date_text}: expected {want_day or '(empty)'}, "
                                               f"got {p[P_RD] or '(empty)'}")
            if bad:
                facts["row_mismatches"] += 1
        while pledge is not None:
            facts["extra"] += 1
            problem("extra row", pledge[P_LINE], "in pledges.csv but not an input record")
            pledge = next_pledge()
        if next(tr, None) is not None:
            raise Trouble(f"{truth_path} has more rows than {input_path} has records")
    pf.close()
    tf.close()

    # rejections naming no input record, and lines rejected twice
    facts["rejected_unknown"] = len(rejected) - facts["rejected"] - facts["twice"] + rejected_twice

    # ---- report
    n = facts["records"]
    out(f"records read: {n:,}; in pledges.csv: {facts['accepted']:,}; in rejected.csv: {facts['rejected']:,}"
        f" (+{facts['twice']} in both)")
    bad_total = 0
    if facts["accepted"] + facts["rejected"] != n or facts["missing"] or facts["extra"] or facts["twice"] \
            or facts["rejected_unknown"] or rejected_foreign or facts["foreign_rows"]:
        bad_total += 1
        out(f"RECORD COUNT MISMATCH: {facts['missing']} missing, {facts['extra']} extra rows in pledges.csv, "
            f"{facts['twice']} in both files, {facts['rejected_unknown']} rejections of no record, "
            f"{rejected_foreign + facts['foreign_rows']} rows of another source")
    else:
        out("records read = accepted + rejected: OK")
    if details:
        out(f"first {len(details)} problems, in input order:")
        for d in details:
            out(d)

    manifest_path = os.path.join(output_dir, "manifest.json")
    if os.path.isfile(manifest_path):
        with open(manifest_path, encoding="utf-8") as fh:
            manifest = json.load(fh)
        entries = [e for e in manifest.get("inputs", []) if os.path.basename(str(e.get("path", ""))) == source]
        if len(entries) != 1:
            bad_total += 1
            out(f"MANIFEST: {len(entries)} entries for {source} in manifest.json")
        else:
            e = entries[0]
            want = {"records": n, "accepted": facts["accepted"] + facts["extra"],
                    "rejected": len(rejected) + rejected_twice}
            diff = {k: (want[k], e.get(k)) for k in want if e.get(k) != want[k]}
            if diff:
                bad_total += 1
                out("MANIFEST MISMATCH: " + ", ".join(f"{k} expected {a}, says {b}" for k, (a, b) in diff.items()))
            else:
                out("manifest.json counts: OK")

    if facts["row_mismatches"]:
        bad_total += 1
        out(f"ROW MISMATCHES: {facts['row_mismatches']:,} of {n:,} records "
            f"({100.0 * facts['row_mismatches'] / max(n, 1):.3g}%); by field: "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(field_bad.items(), key=lambda kv: -kv[1])))
        if shapes:
            out(f"distinct failing phrase shapes: {len(shapes):,} (most frequent first; digits shown as 9):")
            for shape, (count, example, exp, got) in sorted(shapes.items(), key=lambda kv: -kv[1][0])[:examples * 2]:
                out(f"  {count:>7,} x {example!r}: expected {exp}; got {got}")
    else:
        out(f"rows: all {facts['accepted']:,} pledges match the truth (qualifier, amount, amount_low, currency, "
            f"domain, texts, date, rate date, amount_{reporting.lower()})")

    got_rows = []
    with open(os.path.join(output_dir, "by_domain.csv"), newline="", encoding="utf-8") as fh:
        r = csv.reader(fh)
        bi, bheader = read_header(r, "by_domain.csv", ["domain", "pledges", "unpriced"])
        want_header = ["domain", "pledges", "unpriced", f"total_{reporting.lower()}", f"ceiling_{reporting.lower()}",
                       f"floor_{reporting.lower()}", f"low_{reporting.lower()}", "share_pct"]
        if bheader != want_header:
            bad_total += 1
            out(f"BY_DOMAIN HEADER: expected {','.join(want_header)}, got {','.join(bheader)}")
        for row in r:
            if row:
                got_rows.append([unguard(row[0])] + row[1:])
    expected = expected_totals.rows(digits)
    lines = []
    cells = compare_by_domain(expected, got_rows, "by_domain vs truth", lines.append)
    if cells:
        bad_total += 1
        out(f"BY_DOMAIN MISMATCH against the truth: {cells} cells differ")
        for l in lines[:examples * 3]:
            out(l)
        own = program_totals.rows(digits)
        lines2 = []
        cells2 = compare_by_domain(own, got_rows, "by_domain vs its own pledges.csv", lines2.append)
        if cells2:
            out(f"  and against the program's own pledges.csv (recomputed here): {cells2} cells differ "
                f"-> an aggregation/conversion error, not only parsing")
            for l in lines2[:examples * 3]:
                out(l)
        else:
            out("  but by_domain.csv does equal the totals of the program's own pledges.csv, recomputed "
                "here: aggregation and conversion are right; the difference comes from the rows above")
    else:
        grand = expected[-1]
        out(f"by_domain.csv: all {len(expected) - 1} domains + TOTAL equal the recomputation to the cent "
            f"(grand total {Decimal(grand[3]):,} {reporting}; ceiling {Decimal(grand[4]):,}; "
            f"floor {Decimal(grand[5]):,}; unpriced {grand[2]})")

    out("VERDICT: " + ("PASS" if bad_total == 0 else "FAIL"))
    facts["failed_checks"] = bad_total
    return (0 if bad_total == 0 else 1), facts


# ------------------------------------------------------------------ self-test

SELF_RATES = """Date,USD,JPY,GBP,
2025-01-10,1.25,160,0.8,
2025-01-09,1.20,N/A,0.84,
2025-01-03,1.0,150,0.8,
"""
SELF_DOMAINS = """match,domain
intelligence artificielle,AI
artificial intelligence,AI
générative,AI
data cent,Data centres
santé,Health
"""
# A weekend date (Saturday 2025-01-11 -> Friday's rate), a 6-day-old JPY
# rate, a range in GBP with an inexact quotient, a half-to-even tie, an
# unspecified pledge, quoted investors and a guarded one.
SELF_INPUT = '''investor,amount,domain,date
"Acme, Inc.",jusqu’à 2 milliards d’euros,Intelligence artificielle,2025-01-10
"Groupe ""Beta""",$5bn,Data centres,2025-01-11
Gamma,"entre 1 et 3 milliards de livres",Santé,2025-01-09
Delta,Non spécifié,Autre,2025-01-10
@Eps,more than ¥300 million,Artificial intelligence,2025-01-09
Zeta,"1 000,125 €",IA générative,2025-01-10
'''
SELF_TRUTH = """line,amount,amount_low,currency,qualifier
2,2000000000,,EUR,up_to
3,5000000000,,USD,exact
4,3000000000,1000000000,GBP,range
5,,,,unspecified
6,300000000,,JPY,at_least
7,1000.125,,EUR,exact
"""
H = "source,line,investor,domain,domain_text,amount_text,qualifier,amount,amount_low,currency,date,rate,rate_date,amount_eur\n"
SELF_PLEDGES = H + '''t.csv,2,"Acme, Inc.",AI,Intelligence artificielle,jusqu’à 2 milliards d’euros,up_to,2000000000.00,,EUR,2025-01-10,1.000000000,,2000000000.00
t.csv,3,"Groupe ""Beta""",Data centres,Data centres,$5bn,exact,5000000000.00,,USD,2025-01-11,0.8000000000,2025-01-10,4000000000.00
t.csv,4,Gamma,Health,Santé,entre 1 et 3 milliards de livres,range,3000000000.00,1000000000.00,GBP,2025-01-09,1.190476190,2025-01-09,3571428571.43
t.csv,5,Delta,Unclassified,Autre,Non spécifié,unspecified,,,,2025-01-10,,,
t.csv,6,'@Eps,AI,Artificial intelligence,more than ¥300 million,at_least,300000000,,JPY,2025-01-09,0.006666666667,2025-01-03,2000000.00
t.csv,7,Zeta,AI,IA générative,"1 000,125 €",exact,1000.125,,EUR,2025-01-10,1.000000000,,1000.12
'''
# Worked by hand: Health 3e9 / 0.84 = 3,571,428,571.428… -> .43; AI = 2e9 + 2e6 + 1000.12 (1000.125 -> .12, half
# to even); grand 9,573,429,571.55; shares 41.78 / 37.31 / 20.91 / 0.00. Low: Health's range at 1e9 / 0.84 =
# 1,190,476,190.476… -> .48; TOTAL 9,573,429,571.55 - 3,571,428,571.43 + 1,190,476,190.48 = 7,192,477,190.60.
SELF_BY_DOMAIN = """domain,pledges,unpriced,total_eur,ceiling_eur,floor_eur,low_eur,share_pct
Data centres,1,0,4000000000.00,0.00,0.00,4000000000.00,41.78
Health,1,0,3571428571.43,3571428571.43,0.00,1190476190.48,37.31
AI,3,0,2002001000.12,2000000000.00,2000000.00,2002001000.12,20.91
Unclassified,1,1,0.00,0.00,0.00,0.00,0.00
TOTAL,6,1,9573429571.55,5571428571.43,2000000.00,7192477190.60,100.00
"""
SELF_REJECTED = "source,line,field,value,reason\n"
SELF_MANIFEST = {"inputs": [{"path": "pledges/t.csv", "records": 6, "accepted": 6, "rejected": 0}]}


def self_test():
    cases = []

    def case(name, expect, pledges=SELF_PLEDGES, by_domain=SELF_BY_DOMAIN, rejected=SELF_REJECTED,
             manifest=SELF_MANIFEST):
        # expect: 0 (passes) or the text the failure report must contain
        cases.append((name, expect, pledges, by_domain, rejected, manifest))

    case("correct output passes", 0)
    case("a tampered amount fails", 'by field: amount 1',
         pledges=SELF_PLEDGES.replace(",up_to,2000000000.00,", ",up_to,20000000000.00,"))
    case("a tampered qualifier fails", 'by field: qualifier 1', pledges=SELF_PLEDGES.replace(",at_least,300000000,", ",exact,300000000,"))
    case("a wrong range low end fails", 'by field: amount_low 1', pledges=SELF_PLEDGES.replace("1000000000.00,GBP", "100000000.00,GBP"))
    case("a missing row fails", '1 missing', pledges="".join(l for l in SELF_PLEDGES.splitlines(True) if ",4,Gamma" not in l))
    case("a row rejected instead of accepted fails", 'by field: rejected 1',
         pledges="".join(l for l in SELF_PLEDGES.splitlines(True) if ",4,Gamma" not in l),
         rejected=SELF_REJECTED + "t.csv,4,amount,entre 1 et 3 milliards de livres,pending\n",
         manifest={"inputs": [{"path": "pledges/t.csv", "records": 6, "accepted": 5, "rejected": 1}]})
    case("a row both accepted and rejected fails", '1 in both files',
         rejected=SELF_REJECTED + "t.csv,4,amount,x,y\n")
    case("a wrong total fails", 'AI total: expected 2002001000.12, got 2002001000.13', by_domain=SELF_BY_DOMAIN.replace("2002001000.12", "2002001000.13"))
    case("a wrong ceiling fails", 'Health ceiling: expected', by_domain=SELF_BY_DOMAIN.replace(
        "Health,1,0,3571428571.43,3571428571.43", "Health,1,0,3571428571.43,0.00"))
    case("a wrong low end total fails", 'Health low: expected 1190476190.48, got 3571428571.43',
         by_domain=SELF_BY_DOMAIN.replace("0.00,1190476190.48,", "0.00,3571428571.43,"))
    case("a wrong share fails", 'Health share_pct: expected 37.31, got 37.32', by_domain=SELF_BY_DOMAIN.replace("37.31", "37.32"))
    case("a half-up rounding fails", 'by field: amount_eur 1',
         pledges=SELF_PLEDGES.replace(",1000.12\n", ",1000.13\n"),
         by_domain=SELF_BY_DOMAIN.replace("2002001000.12", "2002001000.13").replace("9573429571.55", "9573429571.56"))
    case("a wrong domain fails", 'by field: domain 1', pledges=SELF_PLEDGES.replace("Gamma,Health", "Gamma,Unclassified"))
    case("a wrong domain order fails", 'domain rows differ', by_domain=SELF_BY_DOMAIN.replace(
        "Data centres,1,0,4000000000.00,0.00,0.00,4000000000.00,41.78\nHealth,1,0,3571428571.43,3571428571.43,0.00,1190476190.48,37.31\n",
        "Health,1,0,3571428571.43,3571428571.43,0.00,1190476190.48,37.31\nData centres,1,0,4000000000.00,0.00,0.00,4000000000.00,41.78\n"))
    case("a wrong rate day (weekend) fails", 'by field: rate_date 1', pledges=SELF_PLEDGES.replace(
        "2025-01-11,0.8000000000,2025-01-10", "2025-01-11,0.8000000000,2025-01-09"))
    case("wrong manifest counts fail", 'MANIFEST MISMATCH: records expected 6, says 5', manifest={"inputs": [{"path": "pledges/t.csv", "records": 5,
                                                                "accepted": 5, "rejected": 0}]})
    case("an extra row fails", '1 extra rows', pledges=SELF_PLEDGES + SELF_PLEDGES.splitlines(True)[-1].replace(",7,", ",9,"))

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in")
        os.makedirs(os.path.join(inp, "pledges"))
        os.makedirs(os.path.join(inp, "rates"))
        for path, text in ((os.path.join(inp, "pledges", "t.csv"), SELF_INPUT),
                           (os.path.join(inp, "domains.csv"), SELF_DOMAINS),
                           (os.path.join(inp, "rates", "eurofxref-hist.csv"), SELF_RATES),
                           (os.path.join(tmp, "truth.csv"), SELF_TRUTH)):
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        for k, (name, expect, pledges, by_domain, rejected, manifest) in enumerate(cases):
            outdir = os.path.join(tmp, f"out{k}")
            os.makedirs(outdir)
            for fname, text in (("pledges.csv", pledges), ("by_domain.csv", by_domain), ("rejected.csv", rejected)):
                with open(os.path.join(outdir, fname), "w", encoding="utf-8", newline="") as fh:
                    fh.write(text)
            with open(os.path.join(outdir, "manifest.json"), "w", encoding="utf-8") as fh:
                json.dump(manifest, fh)
            log = []
            try:
                code, _ = check(inp, outdir, os.path.join(tmp, "truth.csv"), out=log.append)
            except Trouble as e:
                code, log = 2, [str(e)]
            if expect == 0:
                ok = code == 0
            else:
                ok = code == 1 and any(expect in l for l in log)
            failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name} (exit {code})")
            if not ok or os.environ.get("CHECK_VERBOSE"):
                print("\n".join("     | " + l for l in log))
    print(f"self-test: {len(cases) - failures} of {len(cases)} cases behave as expected")
    return 1 if failures else 0


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    examples = 10
    if "--examples" in argv:
        i = argv.index("--examples")
        examples = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 3 or argv[0].startswith("-"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        code, _ = check(*argv, examples=examples)
    except (Trouble, OSError) as e:
        print(f"check.py: {e}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
