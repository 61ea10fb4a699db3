#!/usr/bin/env python3
"""Recalculates and renders workbooks with LibreOffice (headless).

    recalc_libreoffice.py recalc OUTDIR FILE.xlsx...
        Converts each file to a new xlsx in OUTDIR, every formula recalculated
        by LibreOffice (its results become the new file's cached values).
    recalc_libreoffice.py render FILE.xlsx PNG [LOCALE]
        Renders the first page (the first sheet) to PNG: xlsx -> PDF -> PNG
        (pdftoppm, 80 dpi), as a reader with LOCALE (default en-US; fr-FR
        shows a French analyst's view: 1 234,56 €).
    recalc_libreoffice.py texts FILE.xlsx SHEET
        The cells of SHEET as LibreOffice reads them (every formula
        recalculated), as JSON: a list of rows, each a list of texts, through
        LibreOffice's CSV export of every sheet (UTF-8).

LibreOffice shows the cached values of an xlsx unless told to recalculate, so
each run uses a fresh user profile (a temporary folder) whose
registrymodifications.xcu sets Calc's OOXMLRecalcMode to 0, "always". The
fresh profile also keeps concurrent runs from sharing a lock.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
</oor:items>
"""


def soffice(args, locale="en-US", timeout=180):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE.replace("{locale}", locale))
        cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
               "--nolockcheck"] + args
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            print(f"soffice failed ({r.returncode}): {r.stdout} {r.stderr}", file=sys.stderr)
            sys.exit(1)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def recalc(outdir, files):
    os.makedirs(outdir, exist_ok=True)
    soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir] + files)
    for f in files:
        target = os.path.join(outdir, os.path.basename(f))
        if not os.path.exists(target):
            print(f"LibreOffice wrote no {target}", file=sys.stderr)
            sys.exit(1)


def render(xlsx, png, locale):
    work = tempfile.mkdtemp(prefix="lo-render-")
    try:
        soffice(["--convert-to", "pdf", "--outdir", work, xlsx], locale=locale)
        pdf = os.path.join(work, os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")
        if not os.path.exists(pdf):
            print(f"LibreOffice wrote no {pdf}", file=sys.stderr)
            sys.exit(1)
        stem = os.path.join(work, "page")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", pdf, stem], check=True)
        pages = sorted(glob.glob(stem + "*.png"))
        if not pages:
            print("pdftoppm wrote no page", file=sys.stderr)
            sys.exit(1)
        os.makedirs(os.path.dirname(os.path.abspath(png)), exist_ok=True)
        shutil.copyfile(pages[0], png)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def texts(xlsx, sheet):
    import csv
    import json
    work = tempfile.mkdtemp(prefix="lo-csv-")
    try:
        # 76 = UTF-8; the last token -1 exports every sheet as FILE-SHEET.csv.
        soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                 "--outdir", work, xlsx])
        path = os.path.join(work, os.path.splitext(os.path.basename(xlsx))[0] + "-" + sheet + ".csv")
        if not os.path.exists(path):
            print(f"LibreOffice wrote no {path}: {os.listdir(work)}", file=sys.stderr)
            sys.exit(1)
        with open(path, encoding="utf-8", newline="") as f:
            json.dump(list(csv.reader(f)), sys.stdout)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "recalc":
        recalc(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 4 and sys.argv[1] == "texts":
        texts(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "render":
        render(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) == 5 else "en-US")
    else:
        print(__doc__)
        sys.exit(2)
