"""Read CSV bytes into text columns, each row carrying its data-row index and physical line.

The approach of ``oversight.core.ssd`` (docs/decisions/0002), for bytes that may come from a zip
archive as well as a file:

* **fast** — polars parses the text; a vectorised, quote-aware count of the fields on each
  physical line confirms that every record has as many fields as the header. Taken when records
  and physical lines correspond one to one.
* **exact** — Python's ``csv`` module reads record by record into column buffers, naming the
  line of every malformed record. Taken only when the fast path cannot vouch for the file.

Text is UTF-8 (a byte-order mark is dropped). Values are kept as written (readers strip them
when typing); header names are stripped and upper-cased, as returns spell them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import polars as pl

from oversight.core.returns._problems import (
    ProblemKind,
    concat_problems,
    no_problems,
    one_problem,
)

FIELD_THEN_COMMA = r'(?:"(?:[^"]|"")*"|[^,"]*),'
"""One CSV field and the comma ending it; counting matches counts the separators on a line."""

LOOKALIKE_SEPARATORS = (";", "\t", "|")
"""Separators a spreadsheet may have used instead of commas."""

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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unreadable(file, "UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')", line=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.end + 3].decode("latin-1")
        return _unreadable(file, "UTF-8 text (save the file as 'CSV UTF-8')", line=line, value=bad)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _unreadable(file, "a header row naming the columns", line=1)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return _unreadable(file, "text without NUL characters", line=line)
    header = [name.strip().upper() for name in next(csv.reader(io.StringIO(text)))]
    if len(header) == 1:
        used = [sep for sep in LOOKALIKE_SEPARATORS if sep in header[0]]
        if used:
            return _unreadable(
                file,
                f"comma-separated values (the header looks separated by {used[0]!r})",
                line=1,
                value=header[0][:80],
            )
    return _fast(text, header) or _exact(file, text, header)


def _fast(text: str, header: list[str]) -> TextTable | None:
    """Parse with polars, or return ``None`` when only the exact path can vouch for the file."""
    physical_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\x1f" in text:
        return None
    data = text.encode("utf-8")
    names = [f"_{index}" for index in range(len(header))]
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            skip_rows=1,
            new_columns=names,
            schema=pl.Schema(dict.fromkeys(names, pl.String)),
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
    return TextTable(header, _named(frame, header, lines_of_rows), no_problems())


def _exact(file: str, text: str, header: list[str]) -> TextTable:
    """Read record by record, naming the line of every malformed record."""
    reader = csv.reader(io.StringIO(text), strict=True)
    next(reader)
    buffers: list[list[str | None]] = [[] for _ in header]
    line_of_row: list[int] = []
    problems: list[pl.DataFrame] = []
    previous_end = reader.line_num
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not record:
                continue  # a blank line holds no record
            if len(record) != len(header):
                count = f"{len(record)} field" + ("" if len(record) == 1 else "s")
                problems.append(
                    one_problem(
                        ProblemKind.WRONG_FIELD_COUNT,
                        file,
                        f"{len(header)} fields, as in the header",
                        line=start,
                        value=count,
                    )
                )
                continue
            for buffer, value in zip(buffers, record, strict=True):
                buffer.append(value or None)
            line_of_row.append(start)
    except csv.Error as error:
        problems.append(
            one_problem(
                ProblemKind.UNREADABLE_FILE,
                file,
                f"well-formed CSV ({error})",
                line=previous_end + 1,
            )
        )
        return TextTable(header, None, concat_problems(problems))
    frame = pl.DataFrame(
        {f"_{index}": buffer for index, buffer in enumerate(buffers)},
        schema=pl.Schema({f"_{index}": pl.String for index in range(len(header))}),
    )
    lines = pl.lit(pl.Series("_line", line_of_row, dtype=pl.Int64))
    return TextTable(header, _named(frame, header, lines), concat_problems(problems))


def _named(frame: pl.DataFrame, header: list[str], lines: pl.Expr) -> pl.DataFrame:
    """Name the positional columns after the header (the first of any repeated name) and add
    the location columns; ``lines`` gives each row's physical line."""
    seen: dict[str, str] = {}
    for index, column in enumerate(header):
        if column and column not in LOCATION_COLUMNS:
            seen.setdefault(column, f"_{index}")
    return frame.select(
        *(pl.col(position).alias(column) for column, position in seen.items()),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
        lines.cast(pl.Int64).alias("_line"),
        pl.lit(None, dtype=pl.String).alias("_element"),
    )


def _unreadable(file: str, expected: str, *, line: int, value: str | None = None) -> TextTable:
    problem = one_problem(ProblemKind.UNREADABLE_FILE, file, expected, line=line, value=value)
    return TextTable([], None, problem)
