"""Check that frames handed to a writer are the tables of their collection year, exactly."""

from __future__ import annotations

import polars as pl

from oversight.core.returns._errors import ReturnExportError
from oversight.core.returns._problems import ProblemKind, concat_problems, one_problem, raise_if_any
from oversight.core.returns.ssda903._return import Ssda903Return


def check_conforms(ret: Ssda903Return) -> None:
    """Raise ``ReturnExportError`` unless every frame has its table's columns and dtypes."""
    schema = ret.schema
    problems: list[pl.DataFrame] = []
    for key, frame in ret.tables.items():
        if key not in schema.tables:
            problems.append(
                one_problem(
                    ProblemKind.UNRECOGNISED_FILE,
                    key,
                    f"a table of the {schema.label} return ({', '.join(schema.tables)})",
                )
            )
            continue
        table = schema.table(key)
        if frame.columns != table.column_names:
            problems.append(
                one_problem(
                    ProblemKind.MISSING_COLUMN,
                    table.name,
                    f"the columns {', '.join(table.column_names)}, in this order",
                    value=", ".join(frame.columns),
                )
            )
            continue
        for column in table.columns:
            if frame.schema[column.name] != column.dtype:
                problems.append(
                    one_problem(
                        ProblemKind.BAD_VALUE,
                        table.name,
                        f"the dtype {column.dtype}",
                        field=column.name,
                        value=str(frame.schema[column.name]),
                    )
                )
    raise_if_any(
        ReturnExportError,
        f"{{count}} problems with the frames of the {schema.label} SSDA903 return",
        concat_problems(problems),
    )
