#!/usr/bin/python3
"""Fill a round workbook (填报表) with LibreOffice Calc itself and save it as Excel 2007+ (.xlsx).

    /usr/bin/python3 tests/e2e/support/fill-ledger.py IN.xlsx EDITS.json OUT.xlsx

The end-to-end tests' stand-in for a liaison filling the workbook in Excel or WPS. Starts a
headless soffice with a private profile and pipe (unique per call, so parallel workers never share
one), opens IN.xlsx, types the cells of EDITS.json into the 填报表 sheet through the UNO API and
stores the document with LibreOffice's own "Calc MS Excel 2007 XML" filter, so LibreOffice writes
every byte of OUT.xlsx (shared strings, styles, validations, protection: all its own).

EDITS.json: {"rows": [{"report": 12 | "row": 3 | "title": "…", "cells": {"header": value, …}}, …]}
  - a row is found by the report id in its hidden 系统识别码 cell (R12-V…), by its sheet row
    number (1 = the header), or by the text of its 任务 cell (contains);
  - a cell is named by its header (推进状态, 完成度（%）, 工作进展, …); a string is typed as text
    (a line break as Alt+Enter / Ctrl+Enter gives), a number as a number, null empties the
    cell, {"formula": "=…"} types a formula — as a user typing into the cell would.
Prints JSON to stdout: every data row of the sheet ({row, identity, number, title}) as found in IN.xlsx.

Needs Debian's libreoffice-calc-nogui and python3-uno (run with /usr/bin/python3). The caller
should run it in its own process group and kill that group on a timeout (tests/e2e/support/ledger.ts
does); on SIGTERM, SIGINT or any error this script stops the soffice it started itself.
"""
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

SHEET = "填报表"
IDENTITY_HEADER = "系统识别码（请勿修改）"
TITLE_HEADER = "任务"
NUMBER_HEADER = "编号"
START_SECONDS = 60


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    """A headless soffice of our own: private profile, private pipe, always stopped."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="lo-ledger-profile-")
        self.pipe = f"kepu-ledger-{os.getpid()}-{secrets.token_hex(4)}"
        self.process = None
        self.desktop = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation={uno.systemPathToFileUrl(self.profile)}",
                f"--accept=pipe,name={self.pipe};urp;",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"soffice exited early (status {self.process.returncode})")
            try:
                context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"soffice did not answer within {START_SECONDS} s")
                time.sleep(0.3)
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        return self.desktop

    def stop(self):
        if self.desktop is not None:
            try:
                self.desktop.terminate()
            except Exception:
                pass  # the bridge goes away as soffice quits
            self.desktop = None
        if self.process is not None and self.process.poll() is None:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def headers_of(sheet):
    headers = {}
    for column in range(200):
        text = sheet.getCellByPosition(column, 0).getString().strip()
        if text == "":
            break
        headers[text] = column
    return headers


def data_rows(sheet, headers):
    identity_column = headers.get(IDENTITY_HEADER)
    rows = []
    row = 1
    empty = 0
    while row < 10_000 and empty < 5:
        identity = sheet.getCellByPosition(identity_column, row).getString() if identity_column is not None else ""
        title = sheet.getCellByPosition(headers[TITLE_HEADER], row).getString() if TITLE_HEADER in headers else ""
        number = sheet.getCellByPosition(headers[NUMBER_HEADER], row).getString() if NUMBER_HEADER in headers else ""
        if identity == "" and title == "":
            empty += 1
        else:
            empty = 0
            rows.append({"row": row + 1, "identity": identity, "number": number, "title": title})
        row += 1
    return rows


def find_row(rows, edit):
    if "row" in edit:
        return int(edit["row"])
    if "report" in edit:
        prefix = f"R{int(edit['report'])}-V"
        matches = [r for r in rows if r["identity"].startswith(prefix)]
    elif "title" in edit:
        matches = [r for r in rows if edit["title"] in r["title"]]
    else:
        raise ValueError(f"an edit names no row: {edit!r}")
    if len(matches) != 1:
        raise ValueError(f"{len(matches)} rows match {edit!r}")
    return matches[0]["row"]


def type_cell(cell, value):
    if value is None:
        cell.setString("")
    elif isinstance(value, bool):
        raise ValueError("a cell takes text, a number or a formula, not true/false")
    elif isinstance(value, (int, float)):
        cell.setValue(value)
    elif isinstance(value, dict) and "formula" in value:
        cell.setFormula(value["formula"])
    elif isinstance(value, str):
        cell.setString(value)
    else:
        raise ValueError(f"cannot type {value!r}")


def fill(source, edits_file, out):
    with open(edits_file, encoding="utf8") as handle:
        edits = json.load(handle)["rows"]
    office = Office()

    def on_signal(number, _frame):
        raise SystemExit(128 + number)

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, on_signal)
    try:
        desktop = office.start()
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
        )
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {source}")
        try:
            sheet = document.Sheets.getByName(SHEET)
            headers = headers_of(sheet)
            rows = data_rows(sheet, headers)
            for edit in edits:
                row = find_row(rows, edit)
                for header, value in edit["cells"].items():
                    if header not in headers:
                        raise ValueError(f"no column {header!r} in {SHEET} (has {', '.join(headers)})")
                    type_cell(sheet.getCellByPosition(headers[header], row - 1), value)
            document.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(out)),
                (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)),
            )
        finally:
            document.close(True)
    finally:
        office.stop()
    print(json.dumps({"rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    fill(*sys.argv[1:])
