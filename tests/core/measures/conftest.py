"""Fixtures for hand-made SSD frames and for reading one flag's rows.

``frame("ssd_cp_plans", cppl_cp_plan_id=[...], …)`` builds a typed frame from the columns given
(the others null); ``flag_rows(frames, "measure", as_of=…)`` computes the flags and returns that
flag's rows, in person and episode order, as tuples of the columns asked for.
"""

from collections.abc import Callable, Mapping
from datetime import date

import polars as pl
import pytest

from oversight.core.measures import compute_flags
from oversight.core.measures.timescales import Timescales
from oversight.core.ssd import TABLES

DEFAULT_COLUMNS = ("episode_id", "due_date", "last_done_date", "status", "days_overdue")


def _frame(table: str, **columns: list[object]) -> pl.DataFrame:
    return TABLES[table].complete(pl.DataFrame(columns, strict=False))


def _flag_rows(
    frames: Mapping[str, pl.DataFrame],
    measure: str,
    *,
    as_of: date,
    columns: tuple[str, ...] = DEFAULT_COLUMNS,
    timescales: Timescales | None = None,
) -> list[tuple[object, ...]]:
    flags = compute_flags(frames, as_of=as_of, timescales=timescales)
    return (
        flags.filter(pl.col("measure") == measure)
        .sort("person_id", "episode_id", nulls_last=True)
        .with_columns(pl.col("status").cast(pl.String))
        .select(columns)
        .rows()
    )


@pytest.fixture
def frame() -> Callable[..., pl.DataFrame]:
    """Build a typed frame of a table from some of its columns."""
    return _frame


@pytest.fixture
def flag_rows() -> Callable[..., list[tuple[object, ...]]]:
    """Compute the flags and return one flag's rows."""
    return _flag_rows
