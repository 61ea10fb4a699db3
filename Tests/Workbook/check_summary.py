"""The Summary, About, print setup and document properties of report.xlsx,
checked with openpyxl and the file's own XML against the CSV files of the same
run (used by check_workbook.py, which passes itself as `cw` for its helpers).

Expected values are recomputed here from pledges.csv and by_domain.csv with
exact decimals; number formats are written out from the rules the README
states (billions from 10^9, millions from 10^6, else the full amount)."""
import re

import check_criteria
import zipfile
from collections import defaultdict
from decimal import Decimal

SYMBOL = {"EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
LABELS = {
    "en": {"as_of": "As of (latest pledge date)", "first": "ECB rates used: first day",
           "last": "ECB rates used: last day", "currency": "Reporting currency", "records": "Records read",
           "accepted": "Pledges accepted", "rejected": "Records rejected", "unpriced": "Unpriced pledges",
           "chart": "Chart data: firm, floor and ceiling by domain", "by_currency": "By currency",
           "investors": "The 20 largest investors", "other": "Other"},
    "fr": {"as_of": "Situation au (date du dernier engagement)", "first": "Taux BCE utilisés : premier jour",
           "last": "Taux BCE utilisés : dernier jour", "currency": "Devise de référence",
           "records": "Enregistrements lus", "accepted": "Engagements retenus", "rejected": "Enregistrements rejetés",
           "unpriced": "Engagements sans montant",
           "chart": "Données du graphique : ferme, plancher et plafond par domaine", "by_currency": "Par devise",
           "investors": "Les 20 plus grands investisseurs", "other": "Autres"},
}


def symbol(cur, lang):
    return ("$ US" if lang == "fr" else "$") if cur == "USD" else SYMBOL.get(cur, cur)


def scaled_format(cur, lang, money):
    """`[>=1000000000]"€"#,##0.0,,,"bn";[>=1000000]"€"#,##0.0,,"m";"€"#,##0.00` and its French form."""
    s = symbol(cur, lang)
    if lang == "en":
        pre = '"' + s + '"' if len(s) == 1 else '"' + s + ' "'
        bn, m = pre + '#,##0.0,,,"bn"', pre + '#,##0.0,,"m"'
    else:
        tail = (lambda u: u + s) if len(s) == 1 else (lambda u: u + "\u00a0" + s)
        bn, m = '#,##0.0,,,"\u00a0' + tail("Md") + '"', '#,##0.0,,"\u00a0' + tail("M") + '"'
    return "[>=1000000000]" + bn + ";[>=1000000]" + m + ";" + money


def find_row(ws, text, col=1, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(r, col).value == text:
            return r
    return None


def check_summary(cw, wb, wbv, outdir, lang, manifest, pledge_sheets, summary_n):
    fail = cw.fail
    ws, wsf = wbv[summary_n], wb[summary_n]
    cur = manifest["options"]["currency"]
    L = LABELS[lang]
    fmt = lambda c: scaled_format(c, lang, cw.money_format(c, lang))
    pledges = cw.read_csv(outdir + "/pledges.csv")[1:]

    # The title block.
    def value(key):
        r = find_row(ws, L[key])
        if r is None:
            fail(f"{summary_n}: no row {L[key]!r} in column A")
            return None, None
        return ws.cell(r, 2), r
    counts = manifest["counts"]
    for key in ("records", "accepted", "rejected", "unpriced"):
        c, r = value(key)
        if c is not None and c.value != counts[key]:
            fail(f"{summary_n} B{r}: {key} {c.value!r} != manifest {counts[key]}")
    c, r = value("currency")
    if c is not None and c.value != cur:
        fail(f"{summary_n} B{r}: currency {c.value!r} != {cur}")
    latest = max((p[10] for p in pledges), default="")
    c, r = value("as_of")
    if c is not None and latest:
        cw.is_date(c, latest, f"{summary_n} B{r} (as of)", lang)
    used = manifest["rates_used"]
    if used["first_date"]:
        for key, day in (("first", used["first_date"]), ("last", used["last_date"])):
            c, r = value(key)
            if c is not None:
                cw.is_date(c, day, f"{summary_n} B{r} ({key})", lang)
    c, r = value("rejected")
    if c is not None and counts["rejected"] > 0:
        link = wsf.cell(r, 3).hyperlink
        target = "'" + cw.SHEETS[lang][2] + "'!A1"
        if link is None or (link.location or "").replace("'", "") != target.replace("'", ""):
            fail(f"{summary_n} C{r}: no link to {target} ({link.location if link else None})")

    # The domain table against by_domain.csv.
    sheader = [h.replace("{cur}", cur) for h in cw.SUMMARY_HEADER[lang]]
    top = find_row(ws, sheader[0])
    if top is None:
        fail(f"{summary_n}: no table header {sheader[0]!r} in column A")
        return
    got = [ws.cell(top, c).value for c in range(1, 9)]
    if got != sheader:
        fail(f"{summary_n}: table header {got} != {sheader}")
    by_domain = cw.read_csv(outdir + "/by_domain.csv")[1:]
    quoted = [("'" + n.replace("'", "''") + "'") if not re.fullmatch(r"[A-Za-z_]+", n) else n for n in pledge_sheets]
    for i, rec in enumerate(by_domain):
        r = top + 1 + i
        where = f"{summary_n} row {r} ({rec[0]})"
        want = cw.unguard(rec[0])
        want = cw.UNCLASSIFIED_SHOWN[lang] if want == "Unclassified" else want
        if cw.cell_text(ws.cell(r, 1).value) != want and rec[0] != "TOTAL":
            fail(f"{where}: domain {ws.cell(r, 1).value!r} != CSV {rec[0]!r}")
        for c in (2, 3):
            if ws.cell(r, c).value != int(rec[c - 1]):
                fail(f"{where} {sheader[c - 1]}: {ws.cell(r, c).value!r} != CSV {rec[c - 1]}")
        for c in (4, 5, 6, 7):
            cw.same_decimal(ws.cell(r, c).value, rec[c - 1], f"{where} {sheader[c - 1]}")
            if ws.cell(r, c).number_format != fmt(cur):
                fail(f"{where} {sheader[c - 1]}: format {ws.cell(r, c).number_format!r} != {fmt(cur)!r}")
        share = ws.cell(r, 8).value
        if not isinstance(share, (int, float)) or abs(Decimal(repr(float(share))) * 100 - Decimal(rec[7])) > Decimal("0.005"):
            fail(f"{where} share: {share!r} is not {rec[7]} % to the cent")
        if "%" not in ws.cell(r, 8).number_format:
            fail(f"{where} share: not a percentage format ({ws.cell(r, 8).number_format!r})")
        for c in range(2, 9):
            f = wsf.cell(r, c).value
            if not isinstance(f, str) or not f.startswith("="):
                fail(f"{where} col {c}: not a formula ({f!r})")
            elif rec[0] != "TOTAL" and c in (2, 3, 4, 5, 6):
                # COUNTIFS/SUMIFS, or SUMPRODUCT(EXACT(…)) for a domain no criterion stands for.
                fn = "COUNTIFS(" if c in (2, 3) else "SUMIFS("
                for q in quoted:
                    if fn + q + "!" not in f and "EXACT(" + q + "!" not in f:
                        fail(f"{where} col {c}: formula {f} does not read {q} with {fn} or EXACT")
    if cw.cell_text(ws.cell(top + len(by_domain), 1).value) != "TOTAL":
        fail(f"{summary_n}: the row after the domains is not TOTAL")

    if check_criteria.check_sheet(fail, wsf, ws, summary_n) == 0 and len(by_domain) > 1:
        fail(f"{summary_n}: no criterion found to check")
    check_chart(cw, outdir, wb, ws, wsf, lang, cur, summary_n, by_domain[:-1], fmt)
    check_breakdowns(cw, ws, lang, cur, summary_n, pledges, fmt)


def check_chart(cw, outdir, wb, ws, wsf, lang, cur, summary_n, domains, fmt):
    """The chart data block (firm = total - ceiling - floor; the 12 largest and Other) and the chart's XML."""
    fail = cw.fail
    L = LABELS[lang]
    top = find_row(ws, L["chart"])
    if top is None:
        fail(f"{summary_n}: no chart data block {L['chart']!r}")
        return
    D = lambda t: Decimal(t)
    bars = [(cw.unguard(d[0]), D(d[3]), D(d[4]), D(d[5])) for d in domains]
    if len(bars) > 12:
        rest = bars[12:]
        bars = bars[:12] + [(L["other"], sum(b[1] for b in rest), sum(b[2] for b in rest), sum(b[3] for b in rest))]
    for i, (name, total, ceiling, floor) in enumerate(bars):
        r = top + 2 + i
        shown = cw.UNCLASSIFIED_SHOWN[lang] if name == "Unclassified" else name
        if ws.cell(r, 1).value != shown:
            fail(f"{summary_n} A{r}: chart row {ws.cell(r, 1).value!r} != {shown!r}")
        for c, v in ((2, total - ceiling - floor), (3, floor), (4, ceiling)):
            got = ws.cell(r, c).value
            if not isinstance(got, (int, float)) or abs(Decimal(repr(float(got))) - v) > Decimal("0.005"):
                fail(f"{summary_n} row {r} col {c}: chart figure {got!r} != {v}")
            if ws.cell(r, c).number_format != fmt(cur):
                fail(f"{summary_n} row {r} col {c}: format {ws.cell(r, c).number_format!r}")
    path = outdir + "/report.xlsx"
    with zipfile.ZipFile(path) as z:
        # The Summary's bar chart (Run history has a line chart from two runs on).
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n) and b"<c:barChart>" in z.read(n)]
        if len(charts) != 1:
            fail(f"{len(charts)} bar charts, expected 1")
            return
        xml = z.read(charts[0]).decode("utf-8")
    first, last = top + 2, top + 1 + len(bars)
    qs = ("'" + summary_n + "'") if not re.fullmatch(r"[A-Za-z_]+", summary_n) else summary_n
    wants = [
        ('<c:barDir val="bar"/>', "horizontal bars"), ('<c:grouping val="stacked"/>', "stacked"),
        ('<c:min val="0"/>', "the value axis from zero"), ('<c:orientation val="maxMin"/>', "largest domain on top"),
        ('<c:showVal val="1"/>', "value labels"),
        (f"<c:f>{qs}!$A${first}:$A${last}</c:f>", "categories"),
    ] + [(f"<c:f>{qs}!${col}${first}:${col}${last}</c:f>", f"series {col}") for col in "BCD"]
    for text, what in wants:
        if text.replace("'", "&apos;") not in xml and text not in xml:
            fail(f"chart: {what} missing ({text})")
    if xml.count("<c:ser>") != 3:
        fail(f"chart: {xml.count('<c:ser>')} series, expected 3 (firm, floor, ceiling)")
    unit = "bn" if lang == "en" else "Md"
    if not re.search(r'<c:dLbls><c:numFmt formatCode="[^"]*' + unit, xml):
        fail(f"chart: value labels without a number format in {unit}")


def check_breakdowns(cw, ws, lang, cur, summary_n, pledges, fmt):
    """By currency and the 20 largest investors, recomputed from pledges.csv."""
    fail = cw.fail
    L = LABELS[lang]
    by_cur = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    inv = defaultdict(lambda: [0, Decimal(0)])
    for p in pledges:
        if p[9] and p[7]:
            t = by_cur[p[9]]
            t[0] += 1
            t[1] += Decimal(p[7])
            t[2] += Decimal(p[13])
        name = cw.unguard(p[2])
        if name:
            i = inv[name.lower()]
            i[0] += 1
            i[1] += Decimal(p[13]) if p[13] else 0
    top = find_row(ws, L["by_currency"])
    if top is None:
        fail(f"{summary_n}: no {L['by_currency']!r} block")
        return
    order = sorted(by_cur.items(), key=lambda kv: (-kv[1][2], kv[0]))
    for i, (c, (n, amount, reported)) in enumerate(order):
        r = top + 2 + i
        if ws.cell(r, 1).value != c or ws.cell(r, 2).value != n:
            fail(f"{summary_n} row {r}: currency {ws.cell(r, 1).value!r} {ws.cell(r, 2).value!r} != {c} {n}")
        cw.same_decimal(ws.cell(r, 3).value, str(amount), f"{summary_n} C{r} ({c} in {c})")
        cw.same_decimal(ws.cell(r, 4).value, str(reported), f"{summary_n} D{r} ({c} in {cur})")
        if ws.cell(r, 3).number_format != fmt(c):
            fail(f"{summary_n} C{r}: format {ws.cell(r, 3).number_format!r} != {fmt(c)!r}")
    top = find_row(ws, L["investors"])
    if top is None:
        fail(f"{summary_n}: no {L['investors']!r} block")
        return
    ranked = sorted(inv.items(), key=lambda kv: (-kv[1][1], -kv[1][0]))[:20]
    for i, (key, (n, total)) in enumerate(ranked):
        r = top + 2 + i
        name = ws.cell(r, 1).value
        if not isinstance(name, str) or name.lower() != key and inv.get(name.lower(), [None, None])[1] != total:
            fail(f"{summary_n} row {r}: investor {name!r}, expected {key!r} (total {total})")
            continue
        if ws.cell(r, 2).value != inv[name.lower()][0]:
            fail(f"{summary_n} B{r}: {name} pledges {ws.cell(r, 2).value!r} != {inv[name.lower()][0]}")
        cw.same_decimal(ws.cell(r, 3).value, str(total), f"{summary_n} C{r} ({name})")


def check_unclassified(cw, wbv, outdir, lang):
    """The Unclassified sheet equals unclassified.csv, which lists, largest first, the accepted
    pledges' domain texts whose domain is Unclassified in pledges.csv (recomputed here)."""
    name = "Unclassified" if lang == "en" else "Non classés"
    if name not in wbv.sheetnames:
        cw.fail(f"no sheet {name!r}")
        return
    rows = cw.read_csv(outdir + "/unclassified.csv")
    cur = rows[0][2][len("total_"):] if rows and len(rows[0]) == 3 else "?"
    if not rows or rows[0][:2] != ["domain_text", "pledges"] or not rows[0][2].startswith("total_"):
        cw.fail(f"unclassified.csv header {rows[:1]}")
        return
    want = defaultdict(lambda: [0, Decimal(0)])
    for p in cw.read_csv(outdir + "/pledges.csv")[1:]:
        if p[3] == "Unclassified":
            text = cw.unguard(p[4])
            t = want[text if len(text.encode()) <= 1000 else text[:1000] + "…"]
            t[0] += 1
            t[1] += Decimal(p[13]) if p[13] else 0
    expected = sorted(want.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0].encode()))
    got = [(cw.unguard(r[0]), int(r[1]), Decimal(r[2])) for r in rows[1:]]
    if got != [(k, n, t) for k, (n, t) in expected]:
        cw.fail(f"unclassified.csv {got[:3]}… != recomputed {expected[:3]}…")
    ws = wbv[name]
    for i, r in enumerate(rows[1:]):
        cells = [c.value for c in ws[i + 2]][:3]
        if cw.cell_text(cells[0]) != cw.unguard(r[0]) or cells[1] != int(r[1]):
            cw.fail(f"{name} row {i + 2}: {cells} != CSV {r}")
        cw.same_decimal(cells[2], r[2], f"{name} row {i + 2} total")


def check_print_and_properties(cw, path, wb, lang, untabled, title_rows=None):
    """A4 landscape, one page wide or (a wide table) across pages at a fixed scale, page numbers in the footer, header row repeated on tables (row 1, or
    title_rows[sheet]); title/subject/keywords."""
    fail = cw.fail
    title_rows = title_rows or {}
    for ws in wb.worksheets:
        ps = ws.page_setup
        if str(ps.paperSize) != "9" or ps.orientation != "landscape":
            fail(f"{ws.title}: paper {ps.paperSize} {ps.orientation}, expected A4 (9) landscape")
        fitted = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        if fitted and (str(ps.fitToWidth or 1) != "1" or str(ps.fitToHeight) != "0"):
            fail(f"{ws.title}: not fitted one page wide ({ps.fitToWidth} x {ps.fitToHeight})")
        if not fitted and not (ps.scale and ws.print_title_cols):
            fail(f"{ws.title}: neither fitted one page wide nor printed at a scale with a repeated column")
        r = title_rows.get(ws.title, 1)
        if ws.title not in untabled and ws.print_title_rows not in (f"${r}:${r}", f"{r}:{r}"):
            fail(f"{ws.title}: header row not repeated on every page ({ws.print_title_rows!r})")
    with zipfile.ZipFile(path) as z:
        for i, ws in enumerate(wb.worksheets):
            xml = z.read(f"xl/worksheets/sheet{i + 1}.xml").decode("utf-8")
            m = re.search(r"<oddFooter>([^<]*)</oddFooter>", xml)
            if not m or "&amp;P" not in m.group(1) or "&amp;N" not in m.group(1):
                fail(f"{ws.title}: no page number in the footer ({m.group(1) if m else None})")
        core = z.read("docProps/core.xml").decode("utf-8")
    if "1980-01-01T00:00:00Z" not in core:
        fail("docProps/core.xml: the creation date is not the fixed 1980-01-01")
    p = wb.properties
    title = "Investment pledges by domain" if lang == "en" else "Engagements d’investissement par domaine"
    if p.title != title or not p.subject or not p.keywords or "pledgetally" not in p.keywords:
        fail(f"document properties: title {p.title!r}, subject {p.subject!r}, keywords {p.keywords!r}")


def check_about(cw, wb, lang, names):
    """The About sheet names every other sheet and every qualifier as shown."""
    about = wb[names[-1]]
    texts = {c.value for row in about.iter_rows() for c in row if isinstance(c.value, str)}
    for n in names[:-1]:
        if n not in texts and not re.fullmatch(r".* \d+", n):
            cw.fail(f"{names[-1]}: sheet {n!r} not explained")
    for q in ("exact", "up_to", "at_least", "approximately", "initial", "range", "unspecified"):
        shown = cw.QUALIFIER_SHOWN[lang].get(q, q)
        if shown not in texts:
            cw.fail(f"{names[-1]}: qualifier {shown!r} not explained")
