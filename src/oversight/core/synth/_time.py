"""Days as integers (days since 1970-01-01), the one time unit of the simulation.

Working days are counted by ``oversight.core.calendar``… once it exists; until then
``add_working_days`` is the bridge (England and Wales bank holidays from ``holidays``), to be
replaced by a call into the shared calendar module.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays
import numpy as np
import numpy.typing as npt
import polars as pl

Days = npt.NDArray[np.int64]
"""Dates as days since 1970-01-01."""

YEAR = 365.25
MONTH = YEAR / 12


def day(value: date) -> int:
    """``value`` as a day number."""
    return int(np.datetime64(value, "D").astype(np.int64))


def to_date(value: int) -> date:
    """A day number as a date."""
    return np.datetime64(int(value), "D").astype(date)  # type: ignore[no-any-return]


def date_series(name: str, days: Days | list[int | None]) -> pl.Series:
    """A polars Date column from day numbers (``None`` or below -10**6 for null)."""
    values = pl.Series(name, days, dtype=pl.Int64, strict=False)
    return values.set(values < -1_000_000, None).cast(pl.Int32).cast(pl.Date)


@cache
def _bank_holidays() -> npt.NDArray[np.datetime64]:
    england = holidays.country_holidays("GB", subdiv="ENG", years=range(1990, 2041), expand=False)
    return np.array(sorted(england), dtype="datetime64[D]")


def add_working_days(start: Days, count: Days) -> Days:
    """The day ``count`` working days after ``start`` (a start on a non-working day rolls forward)."""
    result = np.busday_offset(
        start.astype("datetime64[D]"), count, roll="forward", holidays=_bank_holidays()
    )
    return result.astype(np.int64)


def age_on(dob: Days, on: Days) -> npt.NDArray[np.float64]:
    """Age in years on a day (fractional; precise ages are the measures' business)."""
    return (on - dob) / YEAR
