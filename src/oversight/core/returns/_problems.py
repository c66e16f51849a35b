"""A problem found in a return, located precisely enough for a person to fix it.

Checks build problems as frames (``PROBLEM_SCHEMA``), vectorised over the failing rows, and turn
them into ``Problem`` objects only for the report. Rows being checked carry ``_row`` (0-based data
row), ``_line`` (1-based line in a CSV file, the header being line 1, or the line of an XML
element) and ``_element`` (the XML element path, or null for CSV).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from oversight.core.returns._errors import ReturnProblemsError


class ProblemKind(StrEnum):
    """What sort of problem a ``Problem`` is."""

    UNREADABLE_FILE = "unreadable_file"
    """The file is not UTF-8 CSV or well-formed XML, is empty, or is malformed."""
    UNSAFE_INPUT = "unsafe_input"
    """The input is refused for safety: a DOCTYPE, or an archive too large or too compressed."""
    UNRECOGNISED_FILE = "unrecognised_file"
    """The file's columns match none of the return's tables."""
    DUPLICATE_TABLE = "duplicate_table"
    """Two files hold the same table."""
    MISSING_COLUMN = "missing_column"
    """A column of the table is absent from the file."""
    EXTRA_COLUMN = "extra_column"
    """The file has a column the table does not have, or a column twice."""
    WRONG_FIELD_COUNT = "wrong_field_count"
    """A CSV record has more or fewer fields than the header."""
    UNEXPECTED_ELEMENT = "unexpected_element"
    """An XML element is not part of the return's layout, or a required one is missing."""
    BAD_VALUE = "bad_value"
    """A value cannot be read as the column's type (a date, a whole number)."""
    UNKNOWN_CODE = "unknown_code"
    """A coded value is not in that collection year's code list."""
    DUPLICATE_KEY = "duplicate_key"
    """Two rows describe the same thing (a child twice in the header)."""
    UNKNOWN_CHILD = "unknown_child"
    """A row names a child that the table it depends on does not have."""
    NO_EQUIVALENT_CODE = "no_equivalent_code"
    """A value has no equivalent in the code list of the collection year asked for."""
    BAD_TEXT = "bad_text"
    """Text holds characters the output format cannot carry (control characters in XML)."""


PROBLEM_SCHEMA = pl.Schema(
    {
        "kind": pl.String,
        "file": pl.String,
        "line": pl.Int64,
        "element": pl.String,
        "row": pl.Int64,
        "child": pl.String,
        "field": pl.String,
        "value": pl.String,
        "expected": pl.String,
    }
)
"""Columns of a frame of problems."""


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (file, line or element, field), the value found and what was expected."""

    kind: ProblemKind
    """What sort of problem this is."""
    file: str
    """The file (or table) the problem is in, e.g. ``episodes.csv`` or ``return.zip:header.csv``."""
    line: int | None
    """The 1-based line, the header being line 1; for XML, the line of the element."""
    element: str | None
    """The XML element path, e.g. ``EXPSSDA903/CHILD[3]/EPISODE[2]/DECOM``; ``None`` for CSV."""
    row: int | None
    """The 0-based data row of the table, for machine outputs."""
    child: str | None
    """The child's id, where the row names one."""
    field: str | None
    """The field (column or element name), where the problem is in one."""
    value: str | None
    """The offending value as text, where there is one."""
    expected: str
    """What was expected instead, in words."""

    @property
    def location(self) -> str:
        """Where the problem is, as a person reads it: ``header.csv, line 3, DOB``."""
        parts = [self.file]
        if self.element is not None:
            parts.append(self.element)
        if self.line is not None:
            parts.append(f"line {self.line}")
        elif self.row is not None and self.element is None:
            parts.append(f"row {self.row + 1}")
        if self.child is not None:
            parts.append(f"child {self.child}")
        if self.field is not None and not (self.element or "").endswith(f"/{self.field}"):
            parts.append(self.field)
        return ", ".join(parts)

    def __str__(self) -> str:
        found = "" if self.value is None else f"found {self.value!r}; "
        return f"{self.location}: {found}expected {self.expected}"


_NONE = pl.DataFrame(schema=PROBLEM_SCHEMA)


def no_problems() -> pl.DataFrame:
    """An empty frame of problems (one shared frame: frames of problems are never modified)."""
    return _NONE


def problems_in_rows(
    kind: ProblemKind,
    file: str | pl.Expr,
    rows: pl.DataFrame,
    *,
    field: str | None,
    value: pl.Expr | None,
    expected: pl.Expr | str,
    child: pl.Expr | None = None,
    element_field: str | None = None,
) -> pl.DataFrame:
    """One problem per row of ``rows``, which carries ``_row``, ``_line`` and ``_element``.

    When the element column is set, ``element_field`` (by default the field's name) is appended
    to it, so that an XML problem names the element holding the value.
    """
    file_expr = pl.lit(file) if isinstance(file, str) else file
    expected_expr = pl.lit(expected) if isinstance(expected, str) else expected
    element = pl.col("_element")
    if (element_field or field) is not None:
        element = element + pl.lit(f"/{element_field or field}")
    if child is None:
        child = pl.col("CHILD") if "CHILD" in rows.columns else pl.lit(None, dtype=pl.String)
    return rows.select(
        pl.lit(kind.value).alias("kind"),
        file_expr.cast(pl.String).alias("file"),
        pl.col("_line").cast(pl.Int64).alias("line"),
        element.cast(pl.String).alias("element"),
        pl.col("_row").cast(pl.Int64).alias("row"),
        child.cast(pl.String).alias("child"),
        pl.lit(field, dtype=pl.String).alias("field"),
        (pl.lit(None, dtype=pl.String) if value is None else value.cast(pl.String)).alias("value"),
        expected_expr.cast(pl.String).alias("expected"),
    )


def one_problem(
    kind: ProblemKind,
    file: str,
    expected: str,
    *,
    line: int | None = None,
    element: str | None = None,
    field: str | None = None,
    value: str | None = None,
    child: str | None = None,
    row: int | None = None,
) -> pl.DataFrame:
    """A frame holding one problem about a whole file, its header, one line or one element."""
    record = {
        "kind": kind.value,
        "file": file,
        "line": line,
        "element": element,
        "row": row,
        "child": child,
        "field": field,
        "value": value,
        "expected": expected,
    }
    return pl.DataFrame([record], schema=PROBLEM_SCHEMA)


def concat_problems(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """All the problems of ``frames`` in one frame (an empty one when there are none)."""
    frames = [frame for frame in frames if frame.height]
    return pl.concat(frames) if frames else no_problems()


def to_problems(frame: pl.DataFrame) -> list[Problem]:
    """Problems from a frame of problems, in the frame's order."""
    return [
        Problem(
            kind=ProblemKind(record["kind"]),
            file=record["file"],
            line=record["line"],
            element=record["element"],
            row=record["row"],
            child=record["child"],
            field=record["field"],
            value=record["value"],
            expected=record["expected"],
        )
        for record in frame.iter_rows(named=True)
    ]


DEFAULT_MAX_PROBLEMS = 1000
"""How many problems an error keeps by default; the total found is always counted."""


def raise_if_any(
    error_type: type[ReturnProblemsError],
    message: str,
    problems: pl.DataFrame,
    *,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Raise ``error_type`` carrying ``problems`` (up to the cap) when there is at least one.

    ``message`` may hold ``{count}``, replaced by the number of problems.
    """
    if problems.is_empty():
        return
    count = problems.height
    raise error_type(message.format(count=count), to_problems(problems.head(max_problems)), count)
