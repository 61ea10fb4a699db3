"""Every COUNTIFS/SUMIFS criterion of a sheet is one Excel reads as exactly its text.

Excel reads a criterion as a pattern: `*`, `?` and `~` are wildcards, a leading
`=`, `<` or `>` (also `<>`, `<=`, `>=`) is an operator, a text that reads as a
number, a boolean or a date is compared as that value, and a criterion over 255
characters makes the function return #VALUE!. LibreOffice has no length limit,
so its recalculation alone cannot catch the last one: this reads the formulas.
Written from Excel's documented rules, independently of the program's own test.
"""
import re

FUNCTIONS = re.compile(r"\b(COUNTIFS|SUMIFS|COUNTIF|SUMIF|AVERAGEIFS|AVERAGEIF)\(")
CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def call_args(text, start):
    """The top-level arguments of the call whose '(' ends just before `start`."""
    args, cur, depth, i, quoted = [], "", 0, start, False
    while i < len(text):
        ch = text[i]
        if quoted:
            cur += ch
            if ch == '"':
                if text[i + 1:i + 2] == '"':
                    cur += '"'
                    i += 1
                else:
                    quoted = False
        elif ch == '"':
            quoted = True
            cur += ch
        elif ch == "(":
            depth += 1
            cur += ch
        elif ch == ")":
            if depth == 0:
                args.append(cur)
                return args
            depth -= 1
            cur += ch
        elif ch == "," and depth == 0:
            args.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    return args


def criterion_positions(function, n):
    if function in ("COUNTIF", "SUMIF", "AVERAGEIF"):
        return [1]
    if function == "COUNTIFS":
        return list(range(1, n, 2))
    return list(range(2, n, 2))  # SUMIFS, AVERAGEIFS: the sum range first


def problem(value):
    """Why Excel would not match exactly the cells equal to `value` (None when it would)."""
    if not isinstance(value, str):
        return None
    if len(value.encode("utf-16-le")) // 2 > 255:
        return f"{len(value.encode('utf-16-le')) // 2} UTF-16 units, over Excel's 255"
    if value == "":
        return "empty (matches blank cells)"
    if any(c in value for c in "*?~"):
        return "a wildcard"
    if value[0] in "=<>":
        return "an operator"
    if value.strip().upper() in ("TRUE", "FALSE", "VRAI", "FAUX"):
        return "a boolean"
    if re.fullmatch(r"\s*[-+(]?[$€£¥]?\s*[\d.,\s]+%?\)?\s*", value) and re.search(r"\d", value):
        return "a number"
    if re.search(r"\d", value) and re.fullmatch(r"[\w\s/.:,-]+", value) and re.search(r"\d+\s*[/:.-]\s*\d+", value):
        return "a date or time"
    return None


def check_sheet(fail, formulas, values, name):
    """`formulas`, `values`: the same sheet read with formulas and with cached values."""
    seen = 0
    for row in formulas.iter_rows():
        for c in row:
            f = c.value
            if not isinstance(f, str) or not f.startswith("="):
                continue
            for m in FUNCTIONS.finditer(f):
                args = call_args(f, m.end())
                for k in criterion_positions(m.group(1), len(args)):
                    if k >= len(args):
                        continue
                    arg = args[k].strip()
                    seen += 1
                    if arg.startswith('"') and arg.endswith('"'):
                        value = arg[1:-1].replace('""', '"')
                    elif CELL.match(arg):
                        col, r = CELL.match(arg).groups()
                        value = values[col + r].value
                    else:
                        continue
                    why = problem(value)
                    if why:
                        fail(f"{name}!{c.coordinate}: {m.group(1)} criterion {arg} = {str(value)[:40]!r}…: {why}")
    return seen
