"""A problem found in SSD data, located precisely enough for a person to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl


class ProblemKind(StrEnum):
    """What sort of problem a ``Problem`` is."""

    UNREADABLE_FILE = "unreadable_file"
    """The file is not UTF-8 CSV or Parquet, is empty, or is malformed."""
    AMBIGUOUS_FILE = "ambiguous_file"
    """The same table is present both as CSV and as Parquet."""
    MISSING_COLUMN = "missing_column"
    """A declared column is absent from the file."""
    EXTRA_COLUMN = "extra_column"
    """The file has a column the table does not declare, or a column twice."""
    WRONG_FIELD_COUNT = "wrong_field_count"
    """A CSV record has more or fewer fields than the header."""
    BAD_VALUE = "bad_value"
    """A value cannot be read as the column's type (a date, a number, JSON text)."""
    MISSING_VALUE = "missing_value"
    """A required field is empty."""
    DUPLICATE_KEY = "duplicate_key"
    """Two rows share a primary key."""
    DANGLING_REFERENCE = "dangling_reference"
    """A foreign-key value does not exist in the table it refers to."""


PROBLEM_SCHEMA = pl.Schema(
    {
        "kind": pl.String,
        "file": pl.String,
        "line": pl.Int64,
        "row": pl.Int64,
        "column": pl.String,
        "value": pl.String,
        "expected": pl.String,
    }
)
"""Columns of a frame of problems, the form checks produce before the cap is applied."""


@dataclass(frozen=True)
class Problem:
    """One problem, named by file, line (or row), column and value, with what was expected."""

    kind: ProblemKind
    """What sort of problem this is."""
    file: str
    """The file's name within the folder, e.g. ``ssd_person.csv``."""
    line: int | None
    """The 1-based line in a CSV file, the header being line 1; ``None`` for Parquet or a whole file."""
    row: int | None
    """The 0-based data row, for machine outputs; ``None`` for a whole file or column."""
    column: str | None
    """The column, where the problem is in one."""
    value: str | None
    """The offending value as text, where there is one."""
    expected: str
    """What was expected instead, in words."""

    @property
    def location(self) -> str:
        """Where the problem is, as a person reads it: ``ssd_person.csv, line 3, pers_dob``."""
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        elif self.row is not None:
            parts.append(f"row {self.row + 1}")
        if self.column is not None:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self) -> str:
        found = "" if self.value is None else f"found {self.value!r}; "
        return f"{self.location}: {found}expected {self.expected}"


def problems_frame(
    kind: ProblemKind,
    file: str,
    rows: pl.DataFrame,
    *,
    column: str | None,
    value: pl.Expr | None,
    expected: pl.Expr | str,
) -> pl.DataFrame:
    """Turn failing rows (with ``_row`` and ``_line`` columns) into a frame of problems.

    The checks use it so that every problem is built the same vectorised way.
    """
    expected_expr = pl.lit(expected) if isinstance(expected, str) else expected
    return rows.select(
        pl.lit(kind.value).alias("kind"),
        pl.lit(file).alias("file"),
        pl.col("_line").cast(pl.Int64).alias("line"),
        pl.col("_row").cast(pl.Int64).alias("row"),
        pl.lit(column, dtype=pl.String).alias("column"),
        (pl.lit(None, dtype=pl.String) if value is None else value.cast(pl.String)).alias("value"),
        expected_expr.cast(pl.String).alias("expected"),
    )


def concat_problems(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """All the problems of ``frames`` in one frame (an empty one when there are none)."""
    return pl.concat(frames) if frames else pl.DataFrame(schema=PROBLEM_SCHEMA)


def file_problem(
    kind: ProblemKind,
    file: str,
    expected: str,
    *,
    line: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> pl.DataFrame:
    """A frame holding one problem about a whole file, its header or one line."""
    return pl.DataFrame(
        [
            {
                "kind": kind.value,
                "file": file,
                "line": line,
                "row": None,
                "column": column,
                "value": value,
                "expected": expected,
            }
        ],
        schema=PROBLEM_SCHEMA,
    )


def to_problems(frame: pl.DataFrame) -> list[Problem]:
    """Problems from a frame of problems, in the frame's order."""
    return [
        Problem(
            kind=ProblemKind(record["kind"]),
            file=record["file"],
            line=record["line"],
            row=record["row"],
            column=record["column"],
            value=record["value"],
            expected=record["expected"],
        )
        for record in frame.iter_rows(named=True)
    ]
