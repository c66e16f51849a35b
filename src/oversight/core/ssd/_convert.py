"""Turn columns as found in a file into the declared polars dtypes, reporting what will not go.

Dates are ISO 8601: ``YYYY-MM-DD``, or a date and time (``2024-05-01T10:30:00``,
``2024-05-01 10:30:00.000``, with or without an offset) whose date is kept, as the SSD stores
dates in SQL ``datetime`` columns. Whole numbers and numbers may carry surrounding spaces.
"""

from __future__ import annotations

import polars as pl

from oversight.core.ssd._model import Column, Table
from oversight.core.ssd._problems import (
    ProblemKind,
    concat_problems,
    problems_frame,
)

ISO_DATE = (
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
"""An ISO 8601 date, optionally followed by a time and an offset."""

EXPECTED: tuple[tuple[type[pl.DataType], str], ...] = (
    (pl.Date, "a real calendar date as YYYY-MM-DD (ISO 8601), optionally with a time"),
    (pl.Int64, "a whole number"),
    (pl.Float64, "a number"),
)
"""What a person is told a value of each dtype should look like."""


def to_declared_types(
    found: pl.DataFrame, table: Table, file: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The declared columns of ``table`` in declared types, and the problems converting them.

    ``found`` has the columns read from the file (any subset of the declared ones, in any
    dtype) plus ``_row`` and ``_line``. Columns it lacks come back as nulls; values that cannot
    be converted come back as nulls and are reported. The result keeps ``_row`` and ``_line``.
    """
    converted: list[pl.Expr] = []
    problems: list[pl.DataFrame] = []
    for column in table.columns:
        if column.name not in found.columns:
            converted.append(pl.lit(None, dtype=column.dtype).alias(column.name))
            continue
        value, expected = _conversion(column, found.schema[column.name])
        converted.append(value.alias(column.name))
        failed = found.filter(pl.col(column.name).is_not_null() & value.is_null())
        if failed.height:
            problems.append(
                problems_frame(
                    ProblemKind.BAD_VALUE,
                    file,
                    failed,
                    column=column.name,
                    value=pl.col(column.name),
                    expected=expected,
                )
            )
        if column.is_json and found.schema[column.name] == pl.String:
            problems.append(_json_problems(found, column.name, file))
    typed = found.select(*converted, "_row", "_line")
    found_problems = concat_problems(problems)
    return typed, found_problems


def _conversion(column: Column, source: pl.DataType) -> tuple[pl.Expr, str]:
    """The expression converting ``column`` from its ``source`` dtype, and what it expects."""
    value = pl.col(column.name)
    target = column.dtype
    expected = next((text for dtype, text in EXPECTED if target == dtype), f"a {target} value")
    if source == target:
        return value, expected
    if source == pl.String:
        text = value.str.strip_chars()
        if target == pl.Date:
            is_iso = text.str.contains(ISO_DATE)
            parsed = text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
            return pl.when(is_iso).then(parsed).otherwise(None), expected
        if target == pl.String:
            return value, expected
        return text.cast(target, strict=False), expected
    if target == pl.Date and isinstance(source, pl.Datetime):
        return value.dt.date(), expected
    if target == pl.String:
        return value.cast(pl.String), expected
    if source.is_numeric() and target in (pl.Int64, pl.Float64):
        return value.cast(target, strict=False), expected
    return pl.lit(None, dtype=target), f"{expected} (the file's column has type {source})"


def _json_problems(found: pl.DataFrame, name: str, file: str) -> pl.DataFrame:
    """Rows whose JSON-valued field is not JSON text."""
    text = pl.col(name)
    parsed = text.str.json_path_match("$")
    failed = found.filter(
        text.is_not_null() & (text.str.strip_chars() != "null") & parsed.is_null()
    )
    return problems_frame(
        ProblemKind.BAD_VALUE, file, failed, column=name, value=text, expected="JSON text"
    )
