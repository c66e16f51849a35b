"""The indicators engine: the registry of every indicator, and computing them into one frame."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.indicators import (
    adoption,
    care_leavers,
    children_in_need,
    counts,
    looked_after,
    protection,
    timeliness,
    workforce,
)
from oversight.core.measures.indicators._model import (
    Counted,
    Indicator,
    IndicatorInputs,
)
from oversight.core.measures.period import Period, PeriodKind
from oversight.core.measures.timescales import Timescales

INDICATORS: tuple[Indicator, ...] = tuple(
    indicator
    for module in (
        children_in_need,
        protection,
        counts,
        looked_after,
        care_leavers,
        adoption,
        workforce,
        timeliness,
    )
    for indicator in module.INDICATORS
)
"""Every indicator, in a stable order (the order of the modules above)."""

INDICATOR_SCHEMA = pl.Schema(
    [
        ("code", pl.String()),
        ("name", pl.String()),
        ("period_start", pl.Date()),
        ("period_end", pl.Date()),
        ("numerator", pl.Float64()),
        ("denominator", pl.Float64()),
        ("value", pl.Float64()),
        ("unit", pl.String()),
        ("polarity", pl.String()),
        ("window", pl.String()),
        ("england_value", pl.Float64()),
        ("england_year", pl.String()),
        ("status", pl.String()),
        ("note", pl.String()),
        ("source", pl.String()),
    ]
)
"""The columns of the indicators frame, in order."""


def compute_indicators(
    frames: Mapping[str, pl.DataFrame],
    *,
    as_of: date,
    period: PeriodKind | str = PeriodKind.YEAR,
    population: Mapping[int, int] | None = None,
    timescales: Timescales | None = None,
) -> pl.DataFrame:
    """Every indicator for the period ending on ``as_of``; ``population``: children 0–17 by year.

    Examples
    --------
    >>> from oversight.core.ssd import TABLES
    >>> referrals = TABLES["ssd_cin_episodes"].complete(pl.DataFrame({
    ...     "cine_referral_id": ["R1", "R2", "R3"], "cine_person_id": ["C1", "C1", "C2"],
    ...     "cine_referral_date": [date(2023, 6, 1), date(2024, 5, 31), date(2024, 7, 1)],
    ... }))
    >>> found = compute_indicators({"ssd_cin_episodes": referrals}, as_of=date(2025, 3, 31))
    >>> found.filter(pl.col("code") == "re_referrals_within_12_months").select(
    ...     "numerator", "denominator", "value", "england_value").row(0)
    (1.0, 2.0, 50.0, 22.4)
    >>> found.filter(pl.col("code") == "A1")["status"].item()
    'missing_data'
    """
    inputs = MeasureInputs(frames, as_of=as_of, timescales=timescales)
    return indicators_for(inputs, period=period, population=population)


def indicators_for(
    inputs: MeasureInputs,
    *,
    period: PeriodKind | str = PeriodKind.YEAR,
    population: Mapping[int, int] | None = None,
) -> pl.DataFrame:
    """Every indicator over ``inputs`` (sharing its cohorts and flags) for the period given."""
    context = IndicatorInputs(inputs, Period.ending(inputs.as_of, period), population)
    rows = [_row(indicator, context) for indicator in INDICATORS]
    return pl.DataFrame(rows, schema=INDICATOR_SCHEMA, orient="row")


def _row(indicator: Indicator, context: IndicatorInputs) -> tuple[object, ...]:
    missing = [table for table in indicator.reads if not context.inputs.has(table)]
    value: float | None = None
    if missing:
        counted, status = Counted(None, None, note=f"absent: {', '.join(missing)}"), "missing_data"
    else:
        try:
            counted, status = indicator.count(context), "computed"
            value = indicator.value_of(counted)
        except Exception as error:  # a count that raises is reported, never skipped
            counted, status = Counted(None, None, note=f"{type(error).__name__}: {error}"), "error"
    england = indicator.england
    return (
        indicator.code,
        indicator.name,
        context.period.start,
        context.period.end,
        counted.numerator,
        counted.denominator,
        value,
        indicator.unit.value,
        indicator.polarity.value,
        indicator.window.value,
        None if england is None else england.value,
        None if england is None else england.year,
        status,
        counted.note or None,
        indicator.source,
    )
