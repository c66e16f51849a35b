"""Read a return's CSV bytes (from a file or a zip archive) into text columns, through the
core's one CSV reader (``oversight.core.csv_text``), reporting what is wrong as return problems.

Header names are stripped and upper-cased, as returns spell them; each row carries ``_row``,
``_line`` and ``_element`` (null: it is not XML), the location columns of every return reader.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from oversight.core.csv_text import read_csv_text
from oversight.core.returns._problems import ProblemKind, concat_problems, one_problem

LOCATION_COLUMNS = ("_row", "_line", "_element")
"""Columns locating each row: 0-based data row, 1-based physical line, XML element (null)."""


@dataclass(frozen=True)
class TextTable:
    """A CSV file read as text: its header, and its records with location columns."""

    header: list[str]
    """Column names as the header gives them (stripped, upper-cased), duplicates included."""
    frame: pl.DataFrame | None
    """One String column per distinct header name, plus ``_row``, ``_line`` and ``_element``;
    ``None`` when the file could not be read at all."""
    problems: pl.DataFrame
    """Problems with the file as a whole or with its records."""


def read_csv_bytes(data: bytes, *, file: str) -> TextTable:
    """Read ``data`` as UTF-8 comma-separated text with a header row; ``file`` names it in problems.

    Examples
    --------
    >>> table = read_csv_bytes(b"\\xef\\xbb\\xbfchild, dob\\nC1 ,01/02/2020\\nC2,\\n", file="x.csv")
    >>> table.header, table.frame.select("CHILD", "DOB", "_line").rows()
    (['CHILD', 'DOB'], [('C1 ', '01/02/2020', 2), ('C2', None, 3)])
    """
    text = read_csv_text(
        data, header_name=lambda name: name.strip().upper(), reserved=LOCATION_COLUMNS
    )
    problems = [
        one_problem(
            ProblemKind(issue.kind.value), file, issue.expected, line=issue.line, value=issue.value
        )
        for issue in text.issues
    ]
    frame = None
    if text.frame is not None:
        frame = text.frame.with_columns(pl.lit(None, dtype=pl.String).alias("_element"))
    return TextTable(text.header, frame, concat_problems(problems))
