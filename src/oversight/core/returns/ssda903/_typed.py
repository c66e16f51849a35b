"""Turn a table's text columns into the year's typed columns, reporting what will not go.

Requires a frame of text columns (any subset of the table's; surrounding spaces are removed and
empty values are blanks) plus ``_row``,
``_line`` and ``_element``; provides the table's columns in its declared dtypes, in order, with
the three location columns kept. Values that cannot be converted become null and are reported:

* dates must be ``dd/mm/YYYY`` and real (``31/02/2024`` is refused);
* partial dates are a date or ``zz/MM/YYYY``, ``zz/zz/YYYY``, ``zz/zz/zzzz``;
* whole numbers must be whole, and within the column's bounds;
* codes must be in the year's list; letters are matched regardless of case.

Blank values are not refused here: whether a field may be blank is a validation rule.
"""

from __future__ import annotations

import polars as pl

from oversight.core.returns._problems import (
    ProblemKind,
    concat_problems,
    no_problems,
    problems_in_rows,
)
from oversight.core.returns.ssda903._xml_layout import element_name
from oversight.core.returns.ssda903.schema import Column, ColumnKind, Schema, Table

DATE = r"^\d{2}/\d{2}/\d{4}$"
PARTIAL_DATE = r"^(?:\d{2}/\d{2}/\d{4}|zz/\d{2}/\d{4}|zz/zz/\d{4}|zz/zz/zzzz)$"
LOCATIONS = ("_row", "_line", "_element")


def to_typed(
    found: pl.DataFrame,
    table: Table,
    schema: Schema,
    *,
    file: str,
    unchecked: tuple[str, ...] = (),
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The typed columns of ``table`` and the problems converting ``found``'s text into them.

    Columns in ``unchecked`` are converted but not reported (XML repeats the header's values in
    other tables, and they are reported once, for the header).
    """
    present = [column for column in table.columns if column.name in found.columns]
    cleaned = found.with_columns(
        pl.col(column.name).str.strip_chars().replace("", None) for column in present
    )
    expected: dict[str, str] = {}
    values: list[pl.Expr] = []
    for column in present:
        value, expected[column.name] = _conversion(column, schema, pl.col(column.name))
        values.append(value.alias(f"_typed_{column.name}"))
    checked = [column for column in present if column.name not in unchecked]
    valued = cleaned.with_columns(values)
    result = valued.select(
        *(
            pl.col(f"_typed_{column.name}").alias(column.name)
            if column in present
            else pl.lit(None, dtype=column.dtype).alias(column.name)
            for column in table.columns
        ),
        *LOCATIONS,
        *(
            (pl.col(column.name).is_not_null() & pl.col(f"_typed_{column.name}").is_null())
            .any()
            .alias(f"_bad_{column.name}")
            for column in checked
        ),
    )
    typed = result.select(*(column.name for column in table.columns), *LOCATIONS)
    failing = [column for column in checked if result.height and result[f"_bad_{column.name}"][0]]
    if not failing:
        return typed, no_problems()
    rows = valued
    problems = [
        problems_in_rows(
            ProblemKind.UNKNOWN_CODE if column.kind is ColumnKind.CODE else ProblemKind.BAD_VALUE,
            file,
            rows.filter(
                pl.col(column.name).is_not_null() & pl.col(f"_typed_{column.name}").is_null()
            ),
            field=column.name,
            value=pl.col(column.name),
            expected=expected[column.name],
            element_field=element_name(column.name),
        )
        for column in failing
    ]
    return typed, concat_problems(problems)


def _conversion(column: Column, schema: Schema, text: pl.Expr) -> tuple[pl.Expr, str]:
    """``text`` converted to the column's dtype (null where it is not valid), and what a valid
    value looks like."""
    if column.kind is ColumnKind.DATE:
        parsed = text.str.to_date("%d/%m/%Y", strict=False)
        valid = text.str.contains(DATE)
        return pl.when(valid).then(parsed), "a real date written dd/mm/YYYY"
    if column.kind is ColumnKind.PARTIAL_DATE:
        lowered = text.str.replace_all("Z", "z")
        month = lowered.str.slice(3, 2)
        month_ok = (month == "zz") | month.cast(pl.Int64, strict=False).is_between(1, 12)
        full_ok = (
            ~lowered.str.contains(r"^\d")
            | lowered.str.to_date("%d/%m/%Y", strict=False).is_not_null()
        )
        valid = lowered.str.contains(PARTIAL_DATE) & month_ok & full_ok
        expected = (
            "a date written dd/mm/YYYY, or with zz for unknown parts "
            "(zz/05/2020, zz/zz/2021, zz/zz/zzzz)"
        )
        return pl.when(valid).then(lowered), expected
    if column.kind is ColumnKind.INTEGER:
        number = text.cast(pl.Int64, strict=False)
        valid = pl.lit(True)
        bounds = ""
        if column.minimum is not None:
            valid &= number >= column.minimum
        if column.maximum is not None:
            valid &= number <= column.maximum
        if column.minimum is not None or column.maximum is not None:
            bounds = f" from {column.minimum} to {column.maximum}"
        return pl.when(valid).then(number), f"a whole number{bounds}"
    if column.kind is ColumnKind.CODE:
        expected = f"one of the {schema.label} codes {', '.join(column.code_values)}"
        return text.str.to_uppercase().cast(column.dtype, strict=False), expected
    return text, "text"
