#!/usr/bin/env python3
"""Write the .xlsx pledge files the Swift tests read (XlsxReaderTests).

    python3 Tests/Workbook/make_pledge_workbooks.py OUT_FOLDER
    python3 Tests/Workbook/make_pledge_workbooks.py OUT_FOLDER --libreoffice

Each workbook is written by openpyxl (an independent writer); the expected
values in the tests were worked out by hand from what is written here, not
from pledgetally's output. Files:

- cells.xlsx: shared strings, rich text, numbers with currency formats,
  dates (date cells, text dates), booleans, an error value, a formula with no
  saved result, >15 significant digits, a merged title row, a vertical merge,
  a hidden row, unused columns, a hidden sheet and a sheet with no header.
- inline.xlsx: openpyxl's write-only mode (inline strings).
- mac1904.xlsx: the 1904 date system.
- noheader.xlsx: no sheet with the required columns.
- duplicate.xlsx: a header naming the amount twice.
- damaged-xml.xlsx: a sheet part cut in the middle of a tag.
- truncated.xlsx: the first half of cells.xlsx (no central directory).
- bomb.xlsx: a sheet whose zip headers declare 3 GiB.
- lying.xlsx: a sheet 4 MiB long whose headers declare 1 KiB.
- stalled.xlsx: inline.xlsx with its sheet last, as a deflate stream that
  never ends (one final stored block announcing 65,535 bytes while the file
  ends sooner); headers consistent. ZIPFoundation 0.9.20's extract spins on
  it forever. Also kept as Tests/Fuzz/xlsx-corpus/stalled-deflate.xlsx.
- stored.xlsx: inline.xlsx with every part stored (not compressed).
- bzip2.xlsx: inline.xlsx with every part compressed with bzip2 (method 12).

With --libreoffice (soffice --headless --convert-to): lo-from-csv.xlsx from a
CSV file, lo-from-ods.xlsx from an ODS (shared strings, formula results:
=B2*2 cached as 2000000, =1/0 as #DIV/0!), old.xls (Excel 97) from the CSV.
"""

import datetime
import os
import struct
import sys
import zipfile
import zlib

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def cells():
    wb = Workbook()
    ws = wb.active
    ws.title = "Pledges"
    ws["A1"] = "Investment pledges, February 2025"
    ws.merge_cells("A1:F1")
    # row 2 empty; header on row 3
    header = ["Investor", "Amount", "Domain", "Date", "Currency", "Analyst", "Source", "Notes"]
    for col, name in enumerate(header, start=1):
        ws.cell(row=3, column=col, value=name)
    rows = {
        4: ["Mistral AI", 1500000000, "Energy", datetime.date(2025, 2, 10), None, "JD", "https://example.org/a", "confirmed"],
        5: [CellRichText([TextBlock(InlineFont(b=True), "Brook"), "field"]), "€20bn", "Energy", "2025-02-11", None, "JD", None, None],
        6: ["Fluidstack", 10000000000, "Energy", datetime.date(2025, 2, 12), None, None, None, None],
        7: ["Formula Ltd", "=2*3", "Energy", None, "EUR", None, None, None],
        8: ["Error SA", "#N/A", "Energy", None, "EUR", None, None, None],
        9: ["Sum AG", 0.30000000000000004, "Energy", None, None, None, None, None],
        10: ["Big Co", 4242.5, "Energy", None, "EUR", None, None, None],   # 123456789012.34567 below
        11: ["Chf AG", 2500000, "Energy", None, "CHF", None, None, None],
        12: ["Merged One", 100, "Energy", None, "EUR", None, None, None],
        13: ["Merged Two", 200, None, None, "EUR", None, None, None],
        14: ["Hidden Row", 7, "Energy", None, "EUR", None, None, None],
        15: [True, 8, "Energy", None, "EUR", None, None, None],
    }
    for r, values in rows.items():
        for c, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    ws["B4"].number_format = "[$€-40C] #,##0"
    ws["D4"].number_format = "yyyy-mm-dd"
    ws["B6"].number_format = '"$"#,##0'
    ws["D6"].number_format = "dd/mm/yyyy"
    ws["B9"].number_format = "£#,##0.00"
    ws["B11"].number_format = '"$"#,##0'     # the currency column wins
    ws.merge_cells("C12:C13")
    ws.row_dimensions[14].hidden = True
    wb.create_sheet("Notes").append(["Just a note", "no table here"])
    hidden = wb.create_sheet("Old")
    hidden.append(["Investor", "Amount", "Domain"])
    hidden.append(["Ghost", "€1", "Energy"])
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("More")
    second.append(["investisseur", "montant", "domaine", "remarques", "Analyst"])
    second.append(["Second Sheet", "€5m", "Energy", "from the second sheet", "JD"])
    plain = os.path.join(out, "cells-openpyxl.xlsx")
    wb.save(plain)
    # openpyxl writes floats by Python's repr ("0.3"); Excel writes 17 significant digits. Put
    # Excel's texts in: 0.30000000000000004, and 123456789012.34567 for the 4242.5 marker.
    rewrite(plain, os.path.join(out, "cells.xlsx"), lambda n, d: d.replace(
        b"<v>0.3</v>", b"<v>0.30000000000000004</v>").replace(
        b"<v>4242.5</v>", b"<v>123456789012.34567</v>")
        if n == "xl/worksheets/sheet1.xml" else d)
    os.remove(plain)


def inline():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(["investor", "amount", "domain", "date"])
    ws.append(["Inline One", "€1.5m", "Energy", "2025-02-10"])
    ws.append(["Inline Two", "$2m", "Energy", "2025-02-10"])
    wb.save(os.path.join(out, "inline.xlsx"))


def mac1904():
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["investor", "amount", "domain", "date"])
    ws.append(["Mac One", "€1m", "Energy", datetime.date(2025, 2, 10)])
    ws["D2"].number_format = "yyyy-mm-dd"
    wb.save(os.path.join(out, "mac1904.xlsx"))


def noheader():
    wb = Workbook()
    ws = wb.active
    ws.append(["investor", "amount"])
    ws.append(["A", "€1"])
    wb.save(os.path.join(out, "noheader.xlsx"))


def duplicate():
    wb = Workbook()
    ws = wb.active
    ws.append(["investor", "amount", "montant", "domain"])
    ws.append(["A", "€1", "€2", "Energy"])
    wb.save(os.path.join(out, "duplicate.xlsx"))


def rewrite(src, dst, change):
    """Copies a zip, passing each member's bytes through change(name, data)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, change(item.filename, zin.read(item.filename)))


def damaged():
    src = os.path.join(out, "inline.xlsx")
    rewrite(src, os.path.join(out, "damaged-xml.xlsx"),
            lambda n, d: d[: len(d) // 2] if n == "xl/worksheets/sheet1.xml" else d)
    with open(os.path.join(out, "cells.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(out, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


def patch_sizes(path, member, size):
    """Rewrites the uncompressed size of `member` in its local and central headers."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    data = bytearray(open(path, "rb").read())
    struct.pack_into("<I", data, info.header_offset + 22, size)
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + n]) == name:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))


def bombs():
    src = os.path.join(out, "inline.xlsx")
    bomb = os.path.join(out, "bomb.xlsx")
    rewrite(src, bomb, lambda n, d: d)
    patch_sizes(bomb, "xl/worksheets/sheet1.xml", 3 << 30)
    lying = os.path.join(out, "lying.xlsx")
    padding = b" " * (4 << 20)
    rewrite(src, lying, lambda n, d: d.replace(b"<sheetData>", b"<sheetData>" + padding)
            if n == "xl/worksheets/sheet1.xml" else d)
    patch_sizes(lying, "xl/worksheets/sheet1.xml", 1024)


def stalled(src, dst, member="xl/worksheets/sheet1.xml"):
    """Writes the zip by hand: every part deflated but `member`, put last,
    whose data is a final stored block header (LEN 65535) and the XML."""
    with zipfile.ZipFile(src) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist() if i.filename != member]
        parts.append((member, z.read(member)))
    body, central = bytearray(), bytearray()
    for name, data in parts:
        if name == member:
            raw, size, crc = b"\x01" + struct.pack("<HH", 0xFFFF, 0x0000) + data, 0xFFFF, 0
        else:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            raw, size, crc = c.compress(data) + c.flush(), len(data), zlib.crc32(data)
        n = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(n), 0) + n + raw
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
                               len(n), 0, 0, 0, 0, 0, offset) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(body), 0)
    with open(dst, "wb") as f:
        f.write(bytes(body + central + end))


def compressions():
    src = os.path.join(out, "inline.xlsx")
    stalled(src, os.path.join(out, "stalled.xlsx"))
    for name, method in (("stored.xlsx", zipfile.ZIP_STORED), ("bzip2.xlsx", zipfile.ZIP_BZIP2)):
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(os.path.join(out, name), "w", method) as zout:
            for item in zin.infolist():
                zout.writestr(item.filename, zin.read(item.filename))


def libreoffice():
    """LibreOffice's writer: from CSV, and from an ODS made from an openpyxl
    workbook (shared strings, cached formula results); and an old .xls."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from recalc_libreoffice import soffice
    work = os.path.join(out, "lo-work")
    os.makedirs(work, exist_ok=True)
    csv_path = os.path.join(work, "lo-from-csv.csv")
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write("investor,amount,domain,date\n")
        f.write("CSV One,€1.5m,Energy,2025-02-10\n")
        f.write("CSV Two,2500000,Energy,2025-02-11\n")
    wb = Workbook()
    ws = wb.active
    ws.title = "Feuille"
    ws.append(["Investisseur", "Montant", "Domaine", "Devise"])
    ws.append(["ODS Un", 1000000, "Energy", "EUR"])
    ws.append(["ODS Deux", "=B2*2", "Energy", "EUR"])
    ws.append(["ODS Trois", "=1/0", "Energy", "EUR"])
    source = os.path.join(work, "lo-from-ods.xlsx")
    wb.save(source)
    soffice(["--convert-to", "ods", "--outdir", work, source])
    os.remove(source)
    # The CSV filter: comma, double quote, UTF-8 (76), from line 1.
    csv_filter = "--infilter=CSV:44,34,76,1"
    soffice([csv_filter, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, csv_path])
    soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, os.path.join(work, "lo-from-ods.ods")])
    soffice([csv_filter, "--convert-to", "xls:MS Excel 97", "--outdir", out, csv_path])
    os.rename(os.path.join(out, "lo-from-csv.xls"), os.path.join(out, "old.xls"))


if len(sys.argv) > 2 and sys.argv[2] == "--libreoffice":
    libreoffice()
    sys.exit(0)

cells()
inline()
mac1904()
noheader()
duplicate()
damaged()
bombs()
compressions()
