"""Files people open in a spreadsheet: CSV and xlsx, safe against formula injection.

Text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are prefixed
with ``'`` so that no spreadsheet runs them as formulas (DESIGN.md); numbers and dates are
written as they are. The xlsx writer also turns off xlsxwriter's own formula detection
(``strings_to_formulas=False``), so a neutralised cell could not become a formula even if the
prefix were lost. Every export of the web app (worklists, load reports, the access log) is
written here, so the rule lives in one place.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import xlsxwriter
from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value``, with ``'`` before a text that a spreadsheet could run as a formula.

    >>> [neutralise(v) for v in ("=1+1", "-2", "ok", 3, None)]
    ["'=1+1", "'-2", 'ok', 3, None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV of ``rows`` under ``header``, every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def xlsx_bytes(sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """One worksheet of ``rows`` under a bold ``header`` as xlsx; text neutralised, dates ISO.

    >>> xlsx_bytes("Report", ["a"], [["=1+1"]])[:2]
    b'PK'
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
         "strings_to_numbers": False},
    )  # fmt: skip
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    for column, name in enumerate(header):
        worksheet.write_string(0, column, str(neutralise(name)), bold)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            cell = _cell(value)
            if cell is None:
                continue
            if isinstance(cell, bool) or not isinstance(cell, int | float):
                worksheet.write_string(number, column, str(cell))
            else:
                worksheet.write_number(number, column, cell)
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(
    name: str, kind: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """``rows`` as an attachment ``name.csv`` or ``name.xlsx`` (``kind``), neutralised."""
    body: str | bytes = xlsx_bytes(name, header, rows) if kind == "xlsx" else csv_text(header, rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
