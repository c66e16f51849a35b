"""Read CSV bytes into text columns, each row carrying its data-row index and physical line.

The one CSV reader of the core: SSD extracts (``core.ssd``) and statutory returns
(``core.returns``) both read their CSV files here, and turn what it finds wrong into their own
problem reports. Two paths give the same result (docs/decisions/0002):

* **fast** — polars parses the text; a vectorised, quote-aware count of the fields on each
  physical line confirms that every record has as many fields as the header (polars itself pads
  short records with empty values, which would hide them). Taken when records and physical lines
  correspond one to one.
* **exact** — Python's ``csv`` module reads record by record into column buffers. Taken when
  the fast path cannot vouch for the file: a quoted field spans lines, there are blank lines, a
  record has the wrong number of fields, or polars rejects the file. It names the exact line of
  every problem.

Text must be UTF-8 (a byte-order mark is dropped; UTF-16, which spreadsheets offer, is named as
such) without NUL characters. Values are kept as written, except that empty fields are null.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl

FIELD_THEN_COMMA = r'(?:"(?:[^"]|"")*"|[^,"]*),'
"""One CSV field and the comma ending it; counting matches counts the separators on a line."""

LOOKALIKE_SEPARATORS = (";", "\t", "|")
"""Separators a spreadsheet may have used instead of commas."""

LOCATIONS = ("_row", "_line")
"""The columns locating each record: its 0-based data row and its 1-based physical line."""


class CsvIssueKind(StrEnum):
    """What can be wrong with a CSV file as such (the readers' problem kinds of the same names)."""

    UNREADABLE_FILE = "unreadable_file"
    WRONG_FIELD_COUNT = "wrong_field_count"


@dataclass(frozen=True)
class CsvIssue:
    """One thing wrong with the file: what was expected, on which physical line."""

    kind: CsvIssueKind
    expected: str
    line: int
    value: str | None = None


@dataclass(frozen=True)
class CsvText:
    """A CSV file read as text: its header, and its records with location columns."""

    header: list[str]
    """Column names as the header gives them (after ``header_name``), duplicates included."""
    frame: pl.DataFrame | None
    """One String column per distinct header name (the first of any repeated name), then
    ``_row`` and ``_line``; ``None`` when the file could not be read at all."""
    issues: list[CsvIssue] = field(default_factory=list)
    """What is wrong with the file as a whole or with its records (those records are left out)."""


def read_csv_text(
    data: bytes,
    *,
    header_name: Callable[[str], str] = str,
    reserved: Collection[str] = LOCATIONS,
) -> CsvText:
    """Read ``data`` as UTF-8 comma-separated text with a header row.

    ``header_name`` normalises each header name (returns upper-case theirs); columns named in
    ``reserved`` (the location columns, and any a caller adds) are not read.

    Examples
    --------
    >>> text = read_csv_text(b"\\xef\\xbb\\xbfchild, dob\\nC1 ,01/02/2020\\nC2,\\n", header_name=str.strip)
    >>> text.header, text.frame.rows()
    (['child', 'dob'], [('C1 ', '01/02/2020', 0, 2), ('C2', None, 1, 3)])
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unreadable("UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')", line=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.end + 3].decode("latin-1")
        return _unreadable("UTF-8 text (save the file as 'CSV UTF-8')", line=line, value=bad)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _unreadable("a header row naming the columns", line=1)
    if "\x00" in text:
        return _unreadable(
            "text without NUL characters", line=text.count("\n", 0, text.index("\x00")) + 1
        )
    header = [header_name(name) for name in next(csv.reader(io.StringIO(text)))]
    if len(header) == 1:
        used = [separator for separator in LOOKALIKE_SEPARATORS if separator in header[0]]
        if used:
            return _unreadable(
                f"comma-separated values (the header looks separated by {used[0]!r})",
                line=1,
                value=header[0][:80],
            )
    return _fast(text, header, reserved) or _exact(text, header, reserved)


def _fast(text: str, header: list[str], reserved: Collection[str]) -> CsvText | None:
    """Parse with polars, or return ``None`` when only the exact path can vouch for the file."""
    physical_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\x1f" in text:
        return None
    data = text.encode("utf-8")
    names = _positions(header)
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            skip_rows=1,
            new_columns=names,
            schema=pl.Schema(dict.fromkeys(names, pl.String)),
            empty_string_is_null=True,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if frame.height + 1 != physical_lines:
        return None
    lines = pl.read_csv(
        data,
        has_header=False,
        separator="\x1f",
        quote_char=None,
        new_columns=["text"],
        schema=pl.Schema({"text": pl.String}),
        empty_string_is_null=False,
    )["text"]
    if lines.len() != physical_lines:
        return None
    if '"' in text:
        field_counts = lines.str.count_matches(FIELD_THEN_COMMA) + 1
    else:  # without quotes, every comma separates two fields
        field_counts = lines.str.count_matches(",", literal=True) + 1
    if not (field_counts == len(header)).all():
        return None
    lines_of_rows = pl.int_range(pl.len(), dtype=pl.Int64) + 2
    return CsvText(header, _named(frame, header, reserved, lines_of_rows))


def _exact(text: str, header: list[str], reserved: Collection[str]) -> CsvText:
    """Read record by record, naming the line of every malformed record."""
    reader = csv.reader(io.StringIO(text), strict=True)
    next(reader)
    buffers: list[list[str | None]] = [[] for _ in header]
    line_of_row: list[int] = []
    issues: list[CsvIssue] = []
    previous_end = reader.line_num
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not record:
                continue  # a blank line holds no record
            if len(record) != len(header):
                count = f"{len(record)} field" + ("" if len(record) == 1 else "s")
                expected = f"{len(header)} fields, as in the header"
                issues.append(CsvIssue(CsvIssueKind.WRONG_FIELD_COUNT, expected, start, count))
                continue
            for buffer, value in zip(buffers, record, strict=True):
                buffer.append(value or None)
            line_of_row.append(start)
    except csv.Error as error:
        expected = f"well-formed CSV ({error})"
        issues.append(CsvIssue(CsvIssueKind.UNREADABLE_FILE, expected, previous_end + 1))
        return CsvText(header, None, issues)
    names = _positions(header)
    frame = pl.DataFrame(
        dict(zip(names, buffers, strict=True)), schema=pl.Schema(dict.fromkeys(names, pl.String))
    )
    lines = pl.lit(pl.Series("_line", line_of_row, dtype=pl.Int64))
    return CsvText(header, _named(frame, header, reserved, lines), issues)


def _positions(header: list[str]) -> list[str]:
    return [f"_{index}" for index in range(len(header))]


def _named(
    frame: pl.DataFrame, header: list[str], reserved: Collection[str], lines: pl.Expr
) -> pl.DataFrame:
    """Name the positional columns after the header (the first of any repeated name, none
    reserved) and add the location columns; ``lines`` gives each row's physical line."""
    seen: dict[str, str] = {}
    for position, name in zip(_positions(header), header, strict=True):
        if name and name not in reserved:
            seen.setdefault(name, position)
    return frame.select(
        *(pl.col(position).alias(name) for name, position in seen.items()),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
        lines.cast(pl.Int64).alias("_line"),
    )


def _unreadable(expected: str, *, line: int, value: str | None = None) -> CsvText:
    return CsvText([], None, [CsvIssue(CsvIssueKind.UNREADABLE_FILE, expected, line, value)])
