#!/usr/bin/env python3
"""Checks a run's changes.csv, history.csv and the Changes and Run history
sheets against each other and against by_domain.csv, with Python's decimal
(exact) and openpyxl (a reader that is not ours).

    check_changes.py OUTDIR [--lang en|fr] [--xlsx FILE]

OUTDIR holds the run (and previous/ when there was one). --xlsx reads another
copy of the workbook (e.g. one LibreOffice re-saved). Prints each problem and
exits 1 if any.
"""
import csv
import os
import re
import sys
import zipfile
from decimal import Decimal

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_workbook import unguard  # noqa: E402

SHEETS = {"en": ("Summary", "Changes", "Run history"), "fr": ("Synthèse", "Modifications", "Historique")}
KINDS = {"en": {"+++": "added", "---": "removed", "->": "changed", "now-rejected": "now rejected",
                "no-longer-rejected": "no longer rejected"},
         "fr": {"+++": "ajouté", "---": "retiré", "->": "modifié", "now-rejected": "désormais rejeté",
                "no-longer-rejected": "plus rejeté"}}
TABLE_TOP = 8  # 1-based row of the Changes table's header
problems = []
# Layout (widths, number formats, the chart's place) is checked on our own file, not on a copy
# another program re-saved (--xlsx), which writes its own.
layout = {"ours": True}


def fail(message):
    problems.append(message)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def total_of(folder):
    """TOTAL row's total from by_domain.csv, and the currency."""
    table = rows(folder + "/by_domain.csv")
    column = next(i for i, h in enumerate(table[0]) if h.startswith("total_"))
    total = next(r for r in table[1:] if r[0] == "TOTAL")
    return Decimal(total[column]), table[0][column][6:].upper()


def check(outdir, lang, xlsx):
    changes = rows(outdir + "/changes.csv")
    if changes[0] != ["change", "source", "key", "field", "old", "new", "delta", "note"]:
        fail(f"changes.csv header {changes[0]}")
    body = changes[1:]
    first_run = not os.path.isdir(outdir + "/previous")
    new_total, new_cur = total_of(outdir)
    parts = {k: Decimal(0) for k in KINDS["en"]}
    same_currency = True
    if first_run:
        if body:
            fail("first run: changes.csv should hold the header only")
    else:
        old_total, old_cur = total_of(outdir + "/previous")
        same_currency = old_cur == new_cur
        for r in body:
            if r[1] != "by_domain.csv" and r[6]:
                parts[r[0]] += Decimal(r[6])
        if same_currency and sum(parts.values()) != new_total - old_total:
            fail(f"the deltas add up to {sum(parts.values())}, the total moved by {new_total - old_total}")
        if not same_currency and any(r[6] for r in body if r[1] != "by_domain.csv"):
            fail("deltas across reporting currencies")

    wb = openpyxl.load_workbook(xlsx, data_only=True)
    summary_n, changes_n, history_n = SHEETS[lang]
    if wb.sheetnames[:3] != [summary_n, changes_n, history_n]:
        fail(f"sheets {wb.sheetnames[:3]}: expected {[summary_n, changes_n, history_n]}")
        return
    ws = wb[changes_n]
    if first_run:
        if ws.cell(3, 1).value is not None or ws.cell(TABLE_TOP, 1).value is not None:
            fail(f"{changes_n}: a first run shows one line, no table")
        if not ws.cell(2, 1).value:
            fail(f"{changes_n}: no line saying there is no previous run")
    else:
        for r in ((4, 5) if same_currency else (4,)) if layout["ours"] else ():  # row 5: a note across currencies
            label = ws.cell(r, 1).value or ""
            if width_of(ws, ws.cell(r, 1)) < len(label) + 1:
                fail(f"{changes_n} A{r}: {label!r} is cut (column {width_of(ws, ws.cell(r, 1))} wide)")
        for c in range(2, 9):
            cell = ws.cell(5, c)
            if layout["ours"] and isinstance(cell.value, (int, float)) and width_of(ws, cell) < shown_len(cell):
                fail(f"{changes_n} {cell.coordinate}: column narrower than {shown_len(cell)} characters (###)")
        if same_currency:
            got = [ws.cell(5, c).value for c in range(2, 9)]
            want = [old_total] + [parts[k] for k in ["+++", "---", "->", "now-rejected", "no-longer-rejected"]] + [new_total]
            if got != [float(w) for w in want]:
                fail(f"{changes_n} bridge {got} != {[str(w) for w in want]}")
        sheet_rows = []
        names = [changes_n] + sorted((n for n in wb.sheetnames if re.fullmatch(re.escape(changes_n) + r" \d+", n)),
                                     key=lambda n: int(n.rsplit(" ", 1)[1]))
        for i, n in enumerate(names):
            top = TABLE_TOP if i == 0 else 1
            for r in wb[n].iter_rows(min_row=top + 1, max_col=8):
                sheet_rows.append(r)
        if len(sheet_rows) != len(body):
            fail(f"{changes_n}: {len(sheet_rows)} rows, changes.csv has {len(body)}")
        for i, (cells, want) in enumerate(zip(sheet_rows, body)):
            got = [c.value for c in cells]
            texts = ["" if v is None else str(v) for v in got[:4]]
            expect = [KINDS[lang][want[0]]] + [unguard(t) for t in want[1:4]]
            if texts != expect:
                fail(f"{changes_n} row {i + 1}: {texts} != {expect}")
            for k in (4, 5):  # old, new: a figure is a number cell with a number format, never raw digits
                v, w = got[k], unguard(want[k])
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    if w == "" or float(Decimal(w)) != v:
                        fail(f"{changes_n} row {i + 1} col {k + 1}: {v!r} != {w!r}")
                    elif layout["ours"] and cells[k].number_format == "General":
                        fail(f"{changes_n} row {i + 1} col {k + 1}: {v!r} has no number format")
                elif ("" if v is None else str(v)) != w:
                    fail(f"{changes_n} row {i + 1} col {k + 1}: {v!r} != {w!r}")
                elif re.fullmatch(r"-?\d+(\.\d+)?", w) and figure_field(want[3]):
                    fail(f"{changes_n} row {i + 1} col {k + 1}: {want[3]} {w} written as text (raw digits)")
            for k in (4, 5, 6):
                if layout["ours"] and isinstance(got[k], (int, float)) and width_of(None, cells[k]) < shown_len(cells[k]):
                    fail(f"{changes_n} {cells[k].coordinate}: column narrower than {shown_len(cells[k])} characters (###)")
            if (got[6] is None) != (want[6] == "") or (want[6] and got[6] != float(Decimal(want[6]))):
                fail(f"{changes_n} row {i + 1}: delta {got[6]!r} != {want[6]!r}")
            if ("" if got[7] is None else str(got[7])) != unguard(want[7]):
                fail(f"{changes_n} row {i + 1}: note {got[7]!r} != {want[7]!r}")
        # Largest absolute delta first among the pledges.
        deltas = [abs(Decimal(r[6])) for r in body if r[1] != "by_domain.csv" and r[6]]
        if deltas != sorted(deltas, reverse=True):
            fail("changes are not in order of absolute delta")

    history = rows(outdir + "/history.csv")
    totals = [r for r in history[1:] if r[4] == "TOTAL"]
    if totals and (Decimal(totals[-1][7]), totals[-1][3]) != (new_total, new_cur):
        fail(f"history.csv's last TOTAL {totals[-1][7]} {totals[-1][3]} != by_domain.csv's {new_total} {new_cur}")
    hs = wb[history_n]
    for c in range(1, 9) if layout["ours"] else ():
        title = hs.cell(2, c).value or ""
        if width_of(hs, hs.cell(2, c)) < len(title) + 1:
            fail(f"{history_n} {hs.cell(2, c).coordinate}: header {title!r} is cut (column {width_of(hs, hs.cell(2, c))} wide)")
    shown = [r for r in hs.iter_rows(min_row=3, max_col=8, values_only=True) if isinstance(r[0], (int, float))]
    if len(shown) != len(totals):
        fail(f"{history_n}: {len(shown)} runs, history.csv has {len(totals)}")
    for got, want in zip(shown, totals):
        if (int(got[0]), got[2], got[3], got[4], got[5]) != (int(want[0]), want[3], float(Decimal(want[7])),
                                                            float(Decimal(want[8])), float(Decimal(want[9]))):
            fail(f"{history_n} run {want[0]}: {got} != {want}")
    with zipfile.ZipFile(xlsx) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/") and b"<c:lineChart>" in z.read(n)]
        if (len(charts) > 0) != (len(totals) >= 2):
            fail(f"{history_n}: {len(charts)} line charts for {len(totals)} runs (one from two runs on)")
        if charts and layout["ours"]:
            chart = z.read(charts[0]).decode("utf-8")
            axis = re.search(r"<c:valAx>.*?</c:valAx>", chart, re.S)
            code = re.search(r'<c:numFmt formatCode="([^"]*)"', axis.group(0)) if axis else None
            if not code or "#,##0" not in code.group(1):
                fail(f"{history_n}: the chart's value axis has no grouped number format ({code.group(1) if code else None})")
            # Below the table, and a printed page starts at its row (never cut by a page end).
            xml = sheet_xml(z, wb.sheetnames.index(history_n))
            start = chart_row(z, wb.sheetnames.index(history_n))
            if start is None or start <= len(totals) + 1:
                fail(f"{history_n}: the chart starts at row {start}, not below the table")
            elif f'<brk id="{start}"' not in xml:
                fail(f"{history_n}: no page break before the chart (row {start + 1})")


def figure_field(field):
    """changes.csv fields whose old and new values are figures."""
    return field in ("pledges", "unpriced", "share_pct", "amount", "amount_low") or \
        re.fullmatch(r"(amount|total|ceiling|floor|low)_[a-z]{3}", field) is not None


def width_of(ws, cell):
    dim = cell.parent.column_dimensions.get(cell.column_letter)
    return dim.width if dim is not None and dim.width else 8.43


def shown_len(cell):
    """Characters a number takes in its format: grouped digits, the format's decimals and literal texts, a minus."""
    fmt = cell.number_format.split(";")[0]
    places = re.search(r"\.(0+)", fmt)
    literals = sum(len(t) for t in re.findall(r'"([^"]*)"', fmt))
    digits = f"{abs(cell.value):,.{len(places.group(1)) if places else 0}f}"
    return len(digits) + literals + (1 if cell.value < 0 else 0)


def sheet_xml(z, index):
    return z.read(f"xl/worksheets/sheet{index + 1}.xml").decode("utf-8")


def chart_row(z, index):
    """Zero-based row where the first drawing of sheet `index` is anchored."""
    rels = f"xl/worksheets/_rels/sheet{index + 1}.xml.rels"
    if rels not in z.namelist():
        return None
    target = re.search(r'Target="\.\./drawings/([^"]+)"', z.read(rels).decode("utf-8"))
    if not target:
        return None
    drawing = z.read("xl/drawings/" + target.group(1)).decode("utf-8")
    row = re.search(r"<xdr:from>.*?<xdr:row>(\d+)</xdr:row>", drawing, re.S)
    return int(row.group(1)) if row else None


def main(argv):
    outdir = argv[1]
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "en"
    xlsx = argv[argv.index("--xlsx") + 1] if "--xlsx" in argv else outdir + "/report.xlsx"
    layout["ours"] = "--xlsx" not in argv
    check(outdir, lang, xlsx)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
