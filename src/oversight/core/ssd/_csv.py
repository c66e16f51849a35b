"""Read one CSV file into text columns, each row carrying its data-row index and physical line.

Two paths give the same result:

* **fast** — polars parses the file; a vectorised, quote-aware count of the fields on each
  physical line confirms that every record has as many fields as the header (polars itself pads
  short records with empty values, which would hide them). Taken when records and physical lines
  correspond one to one.
* **exact** — Python's ``csv`` module reads record by record into column buffers. Taken when
  the fast path cannot vouch for the file: a quoted field spans lines, there are blank lines, a
  record has the wrong number of fields, or polars rejects the file. It names the exact line of
  every problem.

Empty fields are read as null. A UTF-8 byte-order mark is dropped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from oversight.core.ssd._problems import PROBLEM_SCHEMA, ProblemKind, file_problem

FIELD_THEN_COMMA = r'(?:"(?:[^"]|"")*"|[^,"]*),'
"""One CSV field and the comma ending it; counting matches counts the separators on a line."""

LOOKALIKE_SEPARATORS = (";", "\t", "|")
"""Separators a spreadsheet may have used instead of commas."""


@dataclass(frozen=True)
class TextTable:
    """A CSV file read as text: its header and its records with ``_row`` and ``_line`` columns."""

    header: list[str]
    """Column names as the header row gives them, duplicates included."""
    frame: pl.DataFrame | None
    """One String column per distinct header name, plus ``_row`` (0-based) and ``_line``;
    ``None`` when the file could not be read at all."""
    problems: pl.DataFrame
    """Problems with the file as a whole or with its records."""


def read_csv_text(path: Path) -> TextTable:
    """Read ``path`` as UTF-8 comma-separated text with a header row."""
    name = path.name
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.end + 3].decode("latin-1")
        return _unreadable(name, "UTF-8 text (save the file as 'CSV UTF-8')", line=line, value=bad)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _unreadable(name, "a header row naming the columns", line=1)
    header = next(csv.reader(io.StringIO(text)))
    if len(header) == 1:
        used = [sep for sep in LOOKALIKE_SEPARATORS if sep in header[0]]
        if used:
            return _unreadable(
                name,
                f"comma-separated values (the header looks separated by {used[0]!r})",
                line=1,
                value=header[0][:80],
            )
    return _fast(name, text, header) or _exact(name, text, header)


def _fast(name: str, text: str, header: list[str]) -> TextTable | None:
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
    field_counts = lines.str.count_matches(FIELD_THEN_COMMA) + 1
    if not (field_counts == len(header)).all():
        return None
    frame = frame.with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
        (pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias("_line"),
    )
    return TextTable(header, _named(frame, header), pl.DataFrame(schema=PROBLEM_SCHEMA))


def _exact(name: str, text: str, header: list[str]) -> TextTable:
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
                problems.append(
                    file_problem(
                        ProblemKind.WRONG_FIELD_COUNT,
                        name,
                        f"{len(header)} fields, as in the header",
                        line=start,
                        value=f"{len(record)} field" + ("" if len(record) == 1 else "s"),
                    )
                )
                continue
            for buffer, value in zip(buffers, record, strict=True):
                buffer.append(value or None)
            line_of_row.append(start)
    except csv.Error as error:
        problems.append(
            file_problem(
                ProblemKind.UNREADABLE_FILE,
                name,
                f"well-formed CSV ({error})",
                line=previous_end + 1,
            )
        )
        return TextTable(header, None, pl.concat(problems))
    frame = pl.DataFrame(
        {f"_{index}": buffer for index, buffer in enumerate(buffers)},
        schema=pl.Schema({f"_{index}": pl.String for index in range(len(header))}),
    ).with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
        pl.Series("_line", line_of_row, dtype=pl.Int64),
    )
    found = pl.concat(problems) if problems else pl.DataFrame(schema=PROBLEM_SCHEMA)
    return TextTable(header, _named(frame, header), found)


def _named(frame: pl.DataFrame, header: list[str]) -> pl.DataFrame:
    """Name the positional columns after the header, keeping the first of any repeated name."""
    seen: dict[str, str] = {}
    for index, column in enumerate(header):
        if column not in ("_row", "_line"):  # never an SSD name; reported as an extra column
            seen.setdefault(column, f"_{index}")
    return frame.select(
        *(pl.col(position).alias(column) for column, position in seen.items()),
        "_row",
        "_line",
    )


def _unreadable(name: str, expected: str, *, line: int, value: str | None = None) -> TextTable:
    problem = file_problem(ProblemKind.UNREADABLE_FILE, name, expected, line=line, value=value)
    return TextTable([], None, problem)
