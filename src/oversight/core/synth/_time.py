"""Days as integers (days since 1970-01-01), the one time unit of the simulation.

Working days are counted by ``oversight.core.calendar``, as everywhere in Oversight;
``add_working_days`` hands it whole columns of day numbers.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt
import polars as pl

from oversight.core import calendar

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


def add_working_days(start: Days, count: Days) -> Days:
    """The day ``count`` working days after ``start``, as ``oversight.core.calendar`` counts."""
    frame = pl.DataFrame(
        {"start": pl.Series(start, dtype=pl.Int64).cast(pl.Int32).cast(pl.Date), "count": count}
    )
    later = frame.select(calendar.add_working_days(pl.col("start"), pl.col("count")).alias("day"))
    result: Days = later["day"].cast(pl.Int32).cast(pl.Int64).to_numpy()
    return result


def age_on(dob: Days, on: Days) -> npt.NDArray[np.float64]:
    """Age in years on a day (fractional; precise ages are the measures' business)."""
    return (on - dob) / YEAR


def working_day_on_or_after(days: Days) -> Days:
    """Each day, or the next working day when it is a weekend or bank holiday."""
    return add_working_days(days - 1, np.ones(len(days), dtype=np.int64))


def working_day_on_or_before(days: Days) -> Days:
    """Each day, or the working day before when it is a weekend or bank holiday."""
    return add_working_days(days, np.zeros(len(days), dtype=np.int64))
