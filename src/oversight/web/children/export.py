"""CSV of a worklist, safe to open in a spreadsheet.

Text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are prefixed
with ``'`` so that no spreadsheet runs them as formulas (DESIGN.md); numbers and dates are
written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value``, with ``'`` before a text that a spreadsheet could run as a formula.

    >>> [neutralise(v) for v in ("=1+1", "-2", "ok", 3, None)]
    ["'=1+1", "'-2", 'ok', 3, None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV of ``rows`` under ``header``, every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([v.isoformat() if isinstance(v, date) else neutralise(v) for v in row])
    return buffer.getvalue()
