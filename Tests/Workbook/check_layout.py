"""Layout checks of report.xlsx that a picture of the printed pages would show (see docs/output.md):

- every sheet prints at a readable scale: fitted one page wide only when that keeps it at
  MIN_SCALE % or more, otherwise at a fixed scale of at least MIN_SCALE % with a column repeated;
- figures are number cells (the Rates sheet's rates);
- a right-aligned figure never touches left-aligned text in the next column: the text (or the
  figure) is indented;
- a header or label in bold, or an About item, fits its column when a cell follows it.
"""
import datetime

# Characters of the default font (Calibri 11) across an A4 landscape page at 100 %, default margins:
# 297 mm less 2 x 0.7 in is 261 mm; a character of width unit is 7 px at 96 dpi, 1.85 mm.
PAGE_CHARS = 135
MIN_SCALE = 60
DEFAULT_WIDTH = 8.43


def _width(ws, col):
    from openpyxl.utils import get_column_letter
    d = ws.column_dimensions.get(get_column_letter(col))
    if d is not None and d.width and (d.customWidth or d.width != 13):
        return d.width
    # openpyxl groups <col min max> ranges under the first letter.
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= col <= dim.max and dim.width:
            return dim.width
    return DEFAULT_WIDTH


def check_print_scale(fail, wb):
    for ws in wb.worksheets:
        ps = ws.page_setup
        fitted = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        if fitted and str(ps.fitToWidth or 1) == "1":
            total = sum(_width(ws, c) for c in range(1, ws.max_column + 1))
            scale = min(100.0, 100.0 * PAGE_CHARS / total)
            if scale < MIN_SCALE:
                fail(f"{ws.title}: fitted one page wide, {total:.0f} characters print at about {scale:.0f} % "
                     f"(under {MIN_SCALE} %)")
        else:
            scale = int(ps.scale or 100)
            if scale < MIN_SCALE:
                fail(f"{ws.title}: prints at {scale} % (under {MIN_SCALE} %)")
            if not ws.print_title_cols:
                fail(f"{ws.title}: spans pages across without a repeated column")


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _right_aligned_figure(cell):
    h = cell.alignment.horizontal
    return _is_number(cell.value) and h in (None, "general", "right") and not cell.alignment.indent


def _right_aligned_header(cell):
    return isinstance(cell.value, str) and cell.alignment.horizontal == "right" and not cell.alignment.indent


def _left_aligned_text(cell):
    v, h = cell.value, cell.alignment.horizontal
    if cell.alignment.indent:
        return False
    if isinstance(v, str) and v != "":
        return h in (None, "general", "left")
    if isinstance(v, (datetime.datetime, datetime.date)):
        return h == "left"
    return False


def check_gaps(fail, wbv):
    """wbv: the workbook with cached values (formulas' figures)."""
    for ws in wbv.worksheets:
        seen = set()
        for row in ws.iter_rows():
            for left, right in zip(row, row[1:]):
                touching = (_right_aligned_figure(left) or _right_aligned_header(left)) and _left_aligned_text(right)
                if touching and (left.column, right.column) not in seen:
                    seen.add((left.column, right.column))
                    fail(f"{ws.title}!{left.coordinate}: the right-aligned {left.value!r} touches "
                         f"{right.coordinate} {str(right.value)[:30]!r} (no indent)")


def check_rates_are_numbers(fail, wb, rates_sheet):
    ws = wb[rates_sheet]
    for row in ws.iter_rows(min_row=2):
        c = row[2]
        if c.value is None:
            continue
        if not _is_number(c.value) or c.number_format in ("General", "@"):
            fail(f"{rates_sheet}!{c.coordinate}: rate {c.value!r} is not a number cell with a number format "
                 f"({c.number_format!r})")


def check_fits(fail, wb, about_sheet):
    """Bold headers and labels, and About items, fit their column when the next cell is not empty."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell, after in zip(row, row[1:]):
                v = cell.value
                if not isinstance(v, str) or v == "" or v.startswith("=") or after.value in (None, ""):
                    continue
                if cell.alignment.wrap_text:
                    continue
                bold = bool(cell.font and cell.font.b)
                if not bold and ws.title != about_sheet:
                    continue
                need = len(v) * (1.05 if bold else 1.0) + 1 + 2 * (cell.alignment.indent or 0)
                width = _width(ws, cell.column)
                if need > width:
                    fail(f"{ws.title}!{cell.coordinate}: {v[:40]!r} needs about {need:.0f} characters, "
                         f"the column is {width:.0f} wide")


def check(fail, path, lang, about_sheet, rates_sheet):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    check_print_scale(fail, wb)
    check_gaps(fail, wbv)
    check_rates_are_numbers(fail, wb, rates_sheet)
    check_fits(fail, wb, about_sheet)


if __name__ == "__main__":
    import sys
    failures = []
    check(failures.append, sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
    print("\n".join(failures))
    sys.exit(1 if failures else 0)
