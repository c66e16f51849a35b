"""Checks across rows and tables: required fields, primary keys and foreign keys.

Each check is vectorised and returns a frame of problems. Frames carry ``_row`` (0-based data
row) and ``_line`` (the CSV line, or null) so that every problem is located.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from oversight.core.ssd._model import Table
from oversight.core.ssd._problems import (
    ProblemKind,
    concat_problems,
    problems_frame,
)
from oversight.core.ssd.tables import TABLES


def missing_values(found: pl.DataFrame, table: Table, file: str) -> pl.DataFrame:
    """Rows where a required field present in ``found`` is empty."""
    problems = [
        problems_frame(
            ProblemKind.MISSING_VALUE,
            file,
            found.filter(pl.col(column.name).is_null()),
            column=column.name,
            value=None,
            expected="a value (this field is required)",
        )
        for column in table.columns
        if table.is_required(column.name) and column.name in found.columns
    ]
    return _concat(problems)


def duplicate_keys(typed: pl.DataFrame, table: Table, file: str) -> pl.DataFrame:
    """Rows whose primary key repeats an earlier row's, each naming the earlier row."""
    key = list(table.primary_key)
    first = pl.col("_row").first().over(key)
    first_line = pl.col("_line").first().over(key)
    repeats = (
        typed.filter(pl.all_horizontal(pl.col(key).is_not_null()))
        .sort("_row")
        .with_columns(first.alias("_first_row"), first_line.alias("_first_line"))
        .filter(pl.col("_row") != pl.col("_first_row"))
    )
    earlier = (
        pl.when(pl.col("_first_line").is_not_null())
        .then(pl.format("line {}", pl.col("_first_line")))
        .otherwise(pl.format("row {}", pl.col("_first_row") + 1))
    )
    value = (
        pl.col(key[0]).cast(pl.String)
        if len(key) == 1
        else pl.concat_str([pl.col(k).cast(pl.String) for k in key], separator=", ")
    )
    return problems_frame(
        ProblemKind.DUPLICATE_KEY,
        file,
        repeats,
        column=", ".join(key),
        value=value,
        expected=pl.format("a unique {} ({} has the same)", pl.lit(", ".join(key)), earlier),
    )


def dangling_references(
    frames: Mapping[str, pl.DataFrame], files: Mapping[str, str]
) -> pl.DataFrame:
    """Foreign-key values with no match in the table they refer to.

    A reference is checked only when both tables are present. ``frames`` are typed frames by
    table name; ``files`` names the file each was read from.
    """
    problems: list[pl.DataFrame] = []
    for name, frame in frames.items():
        for foreign_key in TABLES[name].foreign_keys:
            target = frames.get(foreign_key.table)
            if target is None:
                continue
            known = target.select(pl.col(foreign_key.referenced_column).alias("_known")).unique()
            dangling = frame.filter(pl.col(foreign_key.column).is_not_null()).join(
                known,
                left_on=pl.col(foreign_key.column).cast(known.schema["_known"]),
                right_on="_known",
                how="anti",
            )
            problems.append(
                problems_frame(
                    ProblemKind.DANGLING_REFERENCE,
                    files[name],
                    dangling,
                    column=foreign_key.column,
                    value=pl.col(foreign_key.column),
                    expected=(
                        f"a {foreign_key.referenced_column} that exists in {foreign_key.table}"
                    ),
                )
            )
    return _concat(problems)


def _concat(problems: list[pl.DataFrame]) -> pl.DataFrame:
    return concat_problems(problems)
