"""Codes across collection years: to the SSD's (the current DfE codes) and back to a year's.

The SSD holds the current codes (``oversight.core.ssd.codes``), which are those of the latest
collection year. Where the DfE changed a code set, a code of one year is equivalent to a code of
another when they share a meaning: the specification names each code, and a code whose name (or
whose own value) appears among another's names is its equivalent. So SEX ``1`` "Male" (to
2023–24) is ``M`` "Male" (from 2024–25). A code with no equivalent (SEX ``U`` before 2024–25,
PLACE ``P2`` after 2023–24) is kept as it is when loading, and refused with each row named when
exporting to a year whose list lacks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import polars as pl

from oversight.core.returns._problems import ProblemKind, concat_problems, problems_in_rows
from oversight.core.returns.ssda903.schema import (
    LAST_YEAR,
    ColumnKind,
    Schema,
    collection_years,
    schema_for,
)


@cache
def _names(key: str, column: str) -> dict[str, frozenset[str]]:
    """Every code the column has had in any year, with every name it has been given."""
    names: dict[str, set[str]] = {}
    for year in collection_years():
        table = schema_for(year).tables.get(key)
        if table is None or column not in table.column_names:
            continue
        for code in table.column(column).codes:
            names.setdefault(code.code, set()).update(code.names)
    return {code: frozenset(found) for code, found in names.items()}


@cache
def translation(key: str, column: str, year: int) -> Mapping[str, str]:
    """Each code of any year mapped to its equivalent in ``year``'s list, where it differs.

    Examples
    --------
    >>> dict(translation("header", "SEX", 2024))
    {'M': '1', 'F': '2'}
    >>> dict(translation("header", "SEX", 2025))
    {'1': 'M', '2': 'F'}
    """
    targets = schema_for(year).table(key).column(column).codes
    found: dict[str, str] = {}
    for code, names in _names(key, column).items():
        if code in {target.code for target in targets}:
            continue
        for target in targets:
            if names & set(target.names) or code in target.names or target.code in names:
                found[code] = target.code
                break
    return found


def to_current(key: str, frame: pl.DataFrame, schema: Schema) -> pl.DataFrame:
    """``frame`` (typed for ``schema``'s year) with its codes as text, in the current codes."""
    table = schema.table(key)
    return frame.with_columns(
        pl.col(column.name)
        .cast(pl.String)
        .replace(dict(translation(key, column.name, LAST_YEAR)))
        .alias(column.name)
        for column in table.columns
        if column.kind is ColumnKind.CODE
    )


def to_year(key: str, frame: pl.DataFrame, schema: Schema) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``frame`` (text codes, current or any year's) typed for ``schema``'s year, and problems.

    Requires ``_row`` (the 0-based row of the table being exported) and ``CHILD``. A code with
    no equivalent in the year's list becomes null and is reported.
    """
    table = schema.table(key)
    problems: list[pl.DataFrame] = []
    converted: list[pl.Expr] = []
    for column in table.columns:
        if column.kind is not ColumnKind.CODE:
            continue
        mapped = (
            pl.col(column.name)
            .cast(pl.String)
            .replace(dict(translation(key, column.name, schema.year)))
        )
        valid = mapped.is_in(column.code_values).fill_null(False)
        failed = frame.filter(pl.col(column.name).is_not_null() & ~valid)
        if failed.height:
            problems.append(
                problems_in_rows(
                    ProblemKind.NO_EQUIVALENT_CODE,
                    table.name,
                    failed.with_columns(
                        pl.lit(None, dtype=pl.Int64).alias("_line"),
                        pl.lit(None, dtype=pl.String).alias("_element"),
                    ),
                    field=column.name,
                    value=pl.col(column.name),
                    expected=f"a code with an equivalent in the {schema.label} list "
                    f"({', '.join(column.code_values)})",
                )
            )
        converted.append(
            pl.when(valid).then(mapped).otherwise(None).cast(column.dtype).alias(column.name)
        )
    return frame.with_columns(converted), concat_problems(problems)
