#!/usr/bin/env python3
"""Checks report.xlsx with openpyxl, a reader that is not ours.

    check_workbook.py check OUTDIR --lang en|fr
        Every sheet's name and header, number formats, dates, and every cached
        value against the CSV files and manifest.json written by the same run.
    check_workbook.py compare-recalc ORIGINAL RECALCULATED
        Every formula of ORIGINAL: its cached value equals the value the other
        program (LibreOffice) computed, to the cent.
    check_workbook.py dump FILE.xlsx
        The workbook's sheets, headers, sizes and formulas as JSON.
    check_workbook.py tamper IN OUT SHEET CELL DELTA
        A copy of IN whose cached value of SHEET!CELL is DELTA more (to prove
        the checks can fail).

Exit 0 when every check passes, 1 with one line per failure on stdout.
Numbers are compared as exact decimals: Decimal(repr(cell)) against the CSV
text, which is equal whenever the CSV figure has at most 15 significant digits
and the workbook holds the correctly rounded double; beyond that the cell must
be exactly float(csv text), the nearest double.
"""
import csv
import datetime
import json
import re
import sys
import zipfile
from decimal import Decimal

import openpyxl

import check_layout
import check_summary

SHEETS = {
    "en": ["Summary", "Pledges", "Rejected", "Rates", "Run"],
    "fr": ["Synthèse", "Engagements", "Rejets", "Taux", "Exécution"],
}
CHANGE_SHEETS = {"en": ["Changes", "Run history"], "fr": ["Modifications", "Historique"]}
PLEDGES_HEADER = {
    "en": ["Source", "Line", "Investor", "Domain", "Domain as written", "Amount as written", "Qualifier",
           "Amount", "Amount (low end)", "Currency", "Date", "Rate ({cur} per unit)", "Rate date", "Amount ({cur})",
           "Source URL", "Notes", "Rate source"],
    "fr": ["Source", "Ligne", "Investisseur", "Domaine", "Domaine tel qu’écrit", "Montant tel qu’écrit",
           "Qualificatif", "Montant", "Montant (bas de fourchette)", "Devise", "Date", "Taux ({cur} pour 1 unité)", "Date du taux",
           "Montant ({cur})", "Lien", "Remarques", "Source du taux"],
}
REJECTED_HEADER = {"en": ["Source", "Line", "Investor", "Amount as written", "Field", "Value", "Reason"],
                   "fr": ["Source", "Ligne", "Investisseur", "Montant tel qu’écrit", "Champ", "Valeur", "Motif"]}
RATES_HEADER = {"en": ["Currency", "ECB date", "Units per EUR", "Source"],
                "fr": ["Devise", "Date BCE", "Unités pour 1 EUR", "Source"]}
SUMMARY_HEADER = {
    "en": ["Domain", "Pledges", "Unpriced", "Total ({cur})", "Ceiling ({cur})", "Floor ({cur})", "Low ({cur})", "Share"],
    "fr": ["Domaine", "Engagements", "Sans montant", "Total ({cur})", "Plafond ({cur})", "Plancher ({cur})",
           "Bas ({cur})", "Part"],
}
ABOUT = {"en": "About", "fr": "À propos"}
# What the workbook shows for the CSV's codes (CSV files keep the English codes).
QUALIFIER_SHOWN = {
    "en": {},
    "fr": {"exact": "exact", "up_to": "jusqu’à", "at_least": "au moins", "approximately": "environ",
           "initial": "initial", "range": "fourchette", "unspecified": "non spécifié"},
}
UNCLASSIFIED_SHOWN = {"en": "Unclassified", "fr": "Non classé"}
DATE_FORMAT = {"en": "yyyy-mm-dd", "fr": "dd/mm/yyyy"}
SYMBOL = {"EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
ZERO_DECIMALS = {"JPY", "KRW", "ISK", "CLP", "VND", "XAF", "XOF", "XPF", "PYG", "UGX", "RWF", "KMF", "GNF", "DJF",
                 "VUV", "BIF"}
THREE_DECIMALS = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}

failures = []


def fail(message):
    failures.append(message)


def minor_digits(currency):
    return 0 if currency in ZERO_DECIMALS else 3 if currency in THREE_DECIMALS else 2


def money_format(currency, lang):
    """The number format the workbook must give an amount in `currency`."""
    symbol = ("$ US" if lang == "fr" else "$") if currency == "USD" else SYMBOL.get(currency, currency)
    d = minor_digits(currency)
    number = "#,##0" + ("." + "0" * d if d else "")
    if lang == "fr":
        return number + '"\u00a0' + symbol + '"'
    return ('"' + symbol + '"' + number) if len(symbol) == 1 else ('"' + symbol + ' "' + number)


def unguard(text):
    """A CSV text cell without its CSV-injection guard (docs/output.md)."""
    if text.startswith("'") and len(text) > 1 and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def same_decimal(value, text, where):
    """The cell holds the CSV figure: exact decimal equality, or the nearest double for long figures."""
    if text == "":
        if value is not None:
            fail(f"{where}: expected an empty cell, found {value!r}")
        return
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        fail(f"{where}: expected the number {text}, found {value!r}")
        return
    expected = Decimal(text)
    digits = len(expected.as_tuple().digits)
    if digits <= 15:
        if Decimal(repr(float(value))) != expected:
            fail(f"{where}: cell {Decimal(repr(float(value)))} != CSV {text}")
    elif float(value) != float(text):
        fail(f"{where}: cell {value!r} is not the double nearest to CSV {text}")


def cell_text(value):
    return "" if value is None else str(value)


def is_date(cell, iso, where, lang):
    if iso == "":
        if cell.value is not None:
            fail(f"{where}: expected an empty cell, found {cell.value!r}")
        return
    if not isinstance(cell.value, datetime.datetime) or not cell.is_date:
        fail(f"{where}: expected a date cell for {iso}, found {cell.value!r}")
        return
    if cell.value.date().isoformat() != iso:
        fail(f"{where}: date {cell.value.date().isoformat()} != CSV {iso}")
    if cell.number_format != DATE_FORMAT[lang]:
        fail(f"{where}: date format {cell.number_format!r} != {DATE_FORMAT[lang]!r}")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def rows_of(sheets):
    """Data rows (values and cells) of a table spread over sheets, header checked by the caller."""
    for ws in sheets:
        for row in ws.iter_rows(min_row=2):
            yield row


def check_table_sheet(ws, header, lang, where):
    got = [c.value for c in ws[1]][: len(header)]
    if got != header:
        fail(f"{where}: header {got} != {header}")
    if ws.freeze_panes != "A2":
        fail(f"{where}: header row not frozen (freeze_panes={ws.freeze_panes})")
    last = openpyxl.utils.get_column_letter(len(header))
    if not (ws.auto_filter.ref or "").startswith("A1:" + last):
        fail(f"{where}: autofilter {ws.auto_filter.ref!r} does not cover A1:{last}…")
    for i in range(1, len(header) + 1):
        d = ws.column_dimensions[openpyxl.utils.get_column_letter(i)]
        if not d.customWidth or not (10 <= (d.width or 0) <= 62):
            fail(f"{where}: column {i} has no width set in 10…61 (width={d.width}, custom={d.customWidth})")


def continuation(names, base):
    return [base] + sorted((n for n in names if re.fullmatch(re.escape(base) + r" \d+", n)),
                           key=lambda n: int(n.rsplit(" ", 1)[1]))


def check(outdir, lang):
    path = outdir + "/report.xlsx"
    wb = openpyxl.load_workbook(path)                 # formulas
    wbv = openpyxl.load_workbook(path, data_only=True)  # cached values
    manifest = json.load(open(outdir + "/manifest.json", encoding="utf-8"))
    cur = manifest["options"]["currency"]
    summary_n, pledges_n, rejected_n, rates_n, run_n = SHEETS[lang]
    names = wb.sheetnames

    # Sheet names and order: Summary, Changes, Run history, Pledges, Rejected, continuations, Rates, Run.
    changes_n, history_n = CHANGE_SHEETS[lang]
    pledge_sheets = continuation(names, pledges_n)
    rejected_sheets = continuation(names, rejected_n)
    changes_sheets = continuation(names, changes_n)
    expected_names = [summary_n, changes_n, history_n, pledges_n, rejected_n]
    if names[:5] != expected_names or names[-1] != ABOUT[lang] or rates_n not in names or run_n not in names or \
            names.index(rates_n) > names.index(run_n) or \
            any(n not in names for n in pledge_sheets[1:] + rejected_sheets[1:] + changes_sheets[1:]):
        fail(f"sheets {names}: expected {expected_names} … {[rates_n, run_n]} … {ABOUT[lang]}")
    if any(n not in names for n in SHEETS[lang]):
        return
    # The Changes table's header is row 8 (none on a first run), Run history's row 2.
    has_changes_table = wb[changes_n].cell(8, 1).value is not None
    title_rows = {history_n: 2, changes_n: 8} if has_changes_table else {history_n: 2}
    untabled = [summary_n, run_n] + ([] if has_changes_table else [changes_n])
    check_summary.check_print_and_properties(sys.modules[__name__], path, wb, lang, untabled, title_rows)
    check_summary.check_about(sys.modules[__name__], wb, lang, names)
    check_summary.check_unclassified(sys.modules[__name__], wbv, outdir, lang)
    # What the printed pages show: readable scale, figures apart from text, labels that fit.
    check_layout.check(fail, path, lang, ABOUT[lang], rates_n)

    # Pledges against pledges.csv.
    header = [h.replace("{cur}", cur) for h in PLEDGES_HEADER[lang]]
    for n in pledge_sheets:
        check_table_sheet(wbv[n], header, lang, n)
    csv_rows = read_csv(outdir + "/pledges.csv")[1:]
    rows = list(rows_of([wbv[n] for n in pledge_sheets]))
    if len(rows) != len(csv_rows):
        fail(f"{pledges_n}: {len(rows)} rows, pledges.csv has {len(csv_rows)}")
    qualifier_fills = {}
    for i, (row, rec) in enumerate(zip(rows, csv_rows)):
        where = f"{pledges_n} row {i + 2} ({rec[0]}:{rec[1]})"
        for col in (0, 2, 3, 4, 5, 6, 9, 14, 15, 16):
            want = unguard(rec[col])
            if col == 3 and want == "Unclassified":
                want = UNCLASSIFIED_SHOWN[lang]
            if col == 6:
                want = QUALIFIER_SHOWN[lang].get(want, want)
            if cell_text(row[col].value) != want:
                fail(f"{where} col {col + 1}: {row[col].value!r} != CSV {rec[col]!r}")
            if row[col].value is not None and row[col].data_type != "s" and row[col].data_type != "inlineStr":
                fail(f"{where} col {col + 1}: text written as {row[col].data_type}")
        if row[1].value != int(rec[1]):
            fail(f"{where}: line {row[1].value!r} != {rec[1]}")
        link = row[14].hyperlink.target if row[14].hyperlink else None
        if (link is not None) != rec[14].lower().startswith(("http://", "https://")) or link not in (None, rec[14]):
            fail(f"{where}: source URL {rec[14]!r} linked as {link!r}")
        for col in (7, 8):
            same_decimal(row[col].value, rec[col], f"{where} {header[col]}")
            if rec[col] and row[col].number_format != money_format(rec[9], lang):
                fail(f"{where} {header[col]}: format {row[col].number_format!r} != {money_format(rec[9], lang)!r}")
        same_decimal(row[13].value, rec[13], f"{where} {header[13]}")
        if rec[13] and row[13].number_format != money_format(cur, lang):
            fail(f"{where} {header[13]}: format {row[13].number_format!r} != {money_format(cur, lang)!r}")
        is_date(row[10], rec[10], f"{where} {header[10]}", lang)
        is_date(row[12], rec[12], f"{where} {header[12]}", lang)
        if rec[11] == "":
            if row[11].value is not None:
                fail(f"{where}: rate should be empty")
        elif not isinstance(row[11].value, float) and not isinstance(row[11].value, int) or \
                float(row[11].value) != float(rec[11]):
            fail(f"{where}: rate {row[11].value!r} != CSV {rec[11]}")
        fill = row[6].fill.fgColor.rgb if row[6].fill.fill_type == "solid" else None
        qualifier_fills.setdefault(rec[6], set()).add((fill, bool(row[6].font.i)))
    # The qualifier at a glance: one look per qualifier, ceilings differ from floors and from exact.
    for q, looks in qualifier_fills.items():
        if len(looks) != 1:
            fail(f"qualifier {q} has several looks {looks}")
    looks = {q: next(iter(v)) for q, v in qualifier_fills.items()}
    for a, b in [("up_to", "exact"), ("at_least", "exact"), ("up_to", "at_least"), ("approximately", "exact"),
                 ("unspecified", "exact")]:
        if a in looks and b in looks and looks[a] == looks[b]:
            fail(f"qualifiers {a} and {b} look the same: {looks[a]}")

    # Rejected against rejected.csv.
    for n in rejected_sheets:
        check_table_sheet(wbv[n], REJECTED_HEADER[lang], lang, n)
    csv_rows = read_csv(outdir + "/rejected.csv")[1:]
    rows = list(rows_of([wbv[n] for n in rejected_sheets]))
    if len(rows) != len(csv_rows):
        fail(f"{rejected_n}: {len(rows)} rows, rejected.csv has {len(csv_rows)}")
    for i, (row, rec) in enumerate(zip(rows, csv_rows)):
        got = [cell_text(row[0].value), str(row[1].value)] + [cell_text(row[c].value) for c in range(2, 7)]
        want = [unguard(rec[0]), rec[1]] + [unguard(rec[c]) for c in range(2, 7)]
        if got != want:
            fail(f"{rejected_n} row {i + 2}: {got} != CSV {want}")

    check_summary.check_summary(sys.modules[__name__], wb, wbv, outdir, lang, manifest, pledge_sheets, summary_n)

    # Rates: every rate a pledge used.
    used = manifest["rates_used"]
    check_table_sheet(wbv[rates_n], RATES_HEADER[lang], lang, rates_n)
    rates = {(r[0].value, r[1].value.date().isoformat()) for r in wbv[rates_n].iter_rows(min_row=2)
             if isinstance(r[1].value, datetime.datetime)}
    if len(rates) != used["count"]:
        fail(f"{rates_n}: {len(rates)} rates, manifest says {used['count']}")
    for rec in read_csv(outdir + "/pledges.csv")[1:]:
        if rec[12] and rec[9] != "EUR" and (rec[9], rec[12]) not in rates:
            fail(f"{rates_n}: no rate for {rec[9]} on {rec[12]}")
        if rec[11] and rec[9] != cur and not rec[16]:
            fail(f"pledges.csv {rec[0]}:{rec[1]}: a converted amount names no rate source")

    # Run: the manifest's facts.
    texts = {c.value for row in wbv[run_n].iter_rows() for c in row if isinstance(c.value, str)}
    numbers = [c.value for row in wbv[run_n].iter_rows() for c in row if isinstance(c.value, (int, float))]
    for f in manifest["inputs"] + [manifest["domains"]] + manifest["rates"]:
        for key in ("path", "sha256"):
            if f[key] not in texts:
                fail(f"{run_n}: {key} {f[key]} missing")
    total = manifest["grand_total"]["total"]
    def holds(v):
        exact = Decimal(total)
        return Decimal(repr(float(v))) == exact if len(exact.as_tuple().digits) <= 15 else float(v) == float(total)
    if not any(holds(v) for v in numbers if not isinstance(v, bool)):
        fail(f"{run_n}: grand total {total} missing")


def compare_recalc(original, recalculated):
    wbf = openpyxl.load_workbook(original)
    wbv = openpyxl.load_workbook(original, data_only=True)
    wbr = openpyxl.load_workbook(recalculated, data_only=True)
    compared = 0
    for ws in wbf.worksheets:
        if ws.title not in wbr.sheetnames:
            fail(f"{ws.title}: missing from the recalculated workbook")
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                cached = wbv[ws.title][c.coordinate].value
                got = wbr[ws.title][c.coordinate].value
                compared += 1
                if not isinstance(cached, (int, float)) or not isinstance(got, (int, float)):
                    fail(f"{ws.title}!{c.coordinate}: cached {cached!r}, recalculated {got!r} ({c.value})")
                    continue
                # To the cent; a share (a fraction shown as %) to the cent of a percent. LibreOffice
                # writes values with 15 significant digits, so beyond 10^13 the cent is out of its reach:
                # there the bound is half a unit of the 15th digit.
                scale = Decimal(100) if "%" in c.number_format else Decimal(1)
                a, b = Decimal(repr(float(cached))), Decimal(repr(float(got)))
                tolerance = max(Decimal("0.005"), Decimal(5).scaleb(a.adjusted() - 15) if a else Decimal(0))
                if abs(a - b) * scale > tolerance:
                    fail(f"{ws.title}!{c.coordinate}: cached {cached!r} != recalculated {got!r} ({c.value})")
    if compared == 0:
        fail("no formula found to compare")
    print(f"compared {compared} formulas")


def tamper(src, dst, sheet, cell, delta):
    """Adds delta to the cached <v> of one formula cell, leaving the formula alone."""
    wb = openpyxl.load_workbook(src)
    index = wb.sheetnames.index(sheet) + 1
    part = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                xml = data.decode("utf-8")
                pattern = re.compile(r'(<c r="' + cell + r'"[^>]*>.*?<v>)([^<]*)(</v>)', re.S)
                m = pattern.search(xml)
                if not m:
                    print(f"no cached value for {sheet}!{cell}")
                    sys.exit(2)
                new = repr(float(m.group(2)) + float(delta))
                xml = xml[: m.start(2)] + new + xml[m.end(2):]
                data = xml.encode("utf-8")
            zout.writestr(item, data)


def dump(path):
    """The workbook's structure as JSON, for the Swift tests' own assertions."""
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "formulas": {}, "longTexts": {}, "secondRows": {}}
    for ws in wb.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}
        out["sheets"].append({
            "name": ws.title, "header": [c.value if c.value is None else str(c.value) for c in ws[1]],
            "rows": ws.max_row, "freeze": ws.freeze_panes, "autofilter": ws.auto_filter.ref, "widths": widths,
        })
        out["secondRows"][ws.title] = [None if c.value is None else str(c.value) for c in ws[2]] if ws.max_row >= 2 else []
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f":
                    out["formulas"][ws.title + "!" + c.coordinate] = c.value
                elif isinstance(c.value, str) and len(c.value) > 1000:
                    out["longTexts"][ws.title + "!" + c.coordinate] = c.value
    json.dump(out, sys.stdout)


def main(argv):
    if argv[1] == "dump":
        dump(argv[2])
        return 0
    if argv[1] == "check":
        check(argv[2], argv[argv.index("--lang") + 1] if "--lang" in argv else "en")
    elif argv[1] == "compare-recalc":
        compare_recalc(argv[2], argv[3])
    elif argv[1] == "tamper":
        tamper(argv[2], argv[3], argv[4], argv[5], argv[6])
        return 0
    else:
        print(__doc__)
        return 2
    for f in failures[:50]:
        print(f)
    if len(failures) > 50:
        print(f"… and {len(failures) - 50} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
