// TemporaryDirectory, the tests' one temporary-folder helper.
@_exported import TestSupport
import Foundation
import Testing

/// Reads an xlsx file back with openpyxl, a reader that is not ours.
///
/// The workbook is loaded twice, once for formulas and once with
/// `data_only=True` for the values cached beside them, and dumped as JSON.
enum OpenPyXL {
    struct Book: Decodable {
        var sheets: [Sheet]
        var zipDates: [[Int]]
        var created: String?
        var modified: String?

        func sheet(_ name: String) throws -> Sheet {
            try #require(sheets.first { $0.name == name }, "no sheet named \(name) in \(sheets.map(\.name))")
        }
    }

    struct Sheet: Decodable {
        var name: String
        var cells: [String: Cell]
        var freeze: String?
        var autofilter: String?
        var columns: [Column]
        var merged: [String]
        var conditional: [String]
        var charts: [ChartInfo]
        var maxRow: Int

        func cell(_ ref: String) throws -> Cell {
            try #require(cells[ref], "no cell \(ref) on \(name)")
        }
    }

    struct Cell: Decodable {
        var type: String
        var text: String
        var number: Double?
        var cachedText: String
        var cachedNumber: Double?
        var numberFormat: String
        var bold: Bool
        var italic: Bool
        var underline: Bool
        var fontColor: String?
        var fontSize: Double?
        var fill: String?
        var horizontal: String?
        var wrap: Bool
        var indent: Double
        var bottomBorder: String?
    }

    struct Column: Decodable {
        var min: Int
        var max: Int
        var width: Double
    }

    struct ChartInfo: Decodable {
        var kind: String
        var barDir: String?
        var title: String?
        var hasLegend: Bool
        var xTitle: String?
        var yTitle: String?
        var series: [Series]
        var anchor: String?
    }

    struct Series: Decodable {
        var name: String?
        var categories: String?
        var values: String?
    }

    static let script = #"""
import sys, json, zipfile, re
try:
    import openpyxl
except ImportError:
    print("MISSING_OPENPYXL", file=sys.stderr)
    sys.exit(3)
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
wbv = openpyxl.load_workbook(path, data_only=True)

def text(v):
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)

def num(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    return None

def color(c):
    if c is None or c.type != "rgb" or c.rgb in (None, "00000000"):
        return None
    return c.rgb

def rich(t):
    try:
        return "".join(r.t for p in t.tx.rich.p for r in (p.r or []))
    except Exception:
        return None

def ref(x):
    if x is None:
        return None
    for k in ("numRef", "strRef"):
        r = getattr(x, k, None)
        if r is not None:
            return r.f
    return None

out = {"sheets": [], "zipDates": [], "created": None, "modified": None}
for ws, wsv in zip(wb.worksheets, wbv.worksheets):
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            cv = wsv[c.coordinate].value
            f = c.font
            cells[c.coordinate] = {
                "type": c.data_type, "text": text(c.value), "number": num(c.value),
                "cachedText": text(cv), "cachedNumber": num(cv),
                "numberFormat": c.number_format, "bold": bool(f.b), "italic": bool(f.i),
                "underline": f.u is not None, "fontColor": color(f.color), "fontSize": f.sz,
                "fill": color(c.fill.fgColor) if c.fill.fill_type == "solid" else None,
                "horizontal": c.alignment.horizontal, "wrap": bool(c.alignment.wrap_text),
                "indent": float(c.alignment.indent or 0), "bottomBorder": c.border.bottom.style,
            }
    columns = []
    for key, d in sorted(ws.column_dimensions.items(), key=lambda kv: kv[1].min or 0):
        if d.width and d.customWidth:
            columns.append({"min": d.min, "max": d.max, "width": d.width})
    charts = []
    for ch in ws._charts:
        anchor = None
        try:
            m = ch.anchor._from
            anchor = openpyxl.utils.get_column_letter(m.col + 1) + str(m.row + 1)
        except Exception:
            pass
        axes = (getattr(ch, "x_axis", None), getattr(ch, "y_axis", None))
        charts.append({
            "kind": type(ch).__name__, "barDir": getattr(ch, "type", None) if hasattr(ch, "grouping") else None,
            "title": rich(ch.title) if ch.title is not None else None,
            "hasLegend": ch.legend is not None,
            "xTitle": rich(axes[0].title) if axes[0] is not None and axes[0].title is not None else None,
            "yTitle": rich(axes[1].title) if axes[1] is not None and axes[1].title is not None else None,
            "series": [{"name": (s.tx.strRef.f if s.tx is not None and s.tx.strRef is not None else (s.tx.v if s.tx is not None else None)),
                        "categories": ref(s.cat), "values": ref(s.val)} for s in ch.series],
            "anchor": anchor,
        })
    out["sheets"].append({
        "name": ws.title, "cells": cells, "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref, "columns": columns,
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "conditional": [str(cf.sqref) for cf in ws.conditional_formatting],
        "charts": charts, "maxRow": ws.max_row,
    })
with zipfile.ZipFile(path) as z:
    out["zipDates"] = [list(i.date_time) for i in z.infolist()]
    core = z.read("docProps/core.xml").decode()
    m = re.search(r"<dcterms:created[^>]*>([^<]*)<", core)
    out["created"] = m.group(1) if m else None
    m = re.search(r"<dcterms:modified[^>]*>([^<]*)<", core)
    out["modified"] = m.group(1) if m else None
json.dump(out, sys.stdout)
"""#

    /// Loads `path` through openpyxl; fails the test with install advice if it is missing.
    static func read(_ path: String) throws -> Book {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            Issue.record("python3 is needed to read xlsx files back: install it, then run `pip install openpyxl` (\(error))")
            throw error
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 || errText.contains("MISSING_OPENPYXL") {
            Issue.record("openpyxl is missing: run `pip install openpyxl` (the project's `make test` installs it)")
            throw ReadError.missingOpenPyXL
        }
        if process.terminationStatus == 127 {
            Issue.record("python3 is missing: install it, then run `pip install openpyxl`")
            throw ReadError.missingPython
        }
        guard process.terminationStatus == 0 else {
            Issue.record("openpyxl could not read \(path): \(errText)")
            throw ReadError.failed(errText)
        }
        return try JSONDecoder().decode(Book.self, from: data)
    }

    enum ReadError: Error {
        case missingOpenPyXL, missingPython
        case failed(String)
    }
}

/// The bytes of a file.
func contents(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}
