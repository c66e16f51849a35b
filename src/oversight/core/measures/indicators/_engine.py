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
from oversight.core.measures.indicators._model import COUNTED, Indicator, IndicatorInputs
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

    (``indicators_for`` measures several councils at once.)

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
    populations: Mapping[str, Mapping[int, int]] | None = None,
) -> pl.DataFrame:
    """Every indicator over ``inputs`` (sharing its cohorts and flags) for the period given.

    With several councils (``inputs.by``), one row per indicator and council, preceded by the
    council column; ``populations`` gives each council's children by year.
    """
    table = _population_frame(inputs, population, populations)
    context = IndicatorInputs(inputs, Period.ending(inputs.as_of, period), table)
    plans = [_rows(indicator, context) for indicator in INDICATORS]
    try:
        return pl.concat(plans).collect()
    except pl.exceptions.PolarsError:  # find the counts that fail; report them, keep the rest
        return pl.concat(
            [_collected(plan, i, context) for i, plan in zip(INDICATORS, plans, strict=True)]
        )


def _collected(plan: pl.LazyFrame, indicator: Indicator, context: IndicatorInputs) -> pl.DataFrame:
    try:
        return plan.collect()
    except pl.exceptions.PolarsError as error:
        failed = _nothing(context, f"{type(error).__name__}: {error}")
        return _described(failed, indicator, context, "error").collect()


def _population_frame(
    inputs: MeasureInputs,
    population: Mapping[int, int] | None,
    populations: Mapping[str, Mapping[int, int]] | None,
) -> pl.LazyFrame | None:
    """[keys,] year, children: the child population as a frame, or ``None`` when not given."""
    if not inputs.keys:
        if not population:
            return None
        return pl.LazyFrame(
            {"year": list(population), "children": list(population.values())},
            schema={"year": pl.Int64, "children": pl.Int64},
        )
    if not populations:
        return None
    (key,) = inputs.keys
    rows = [(group, year, n) for group, years in populations.items() for year, n in years.items()]
    dtype = inputs.key_schema[key]
    frame = pl.LazyFrame(
        rows, schema={key: pl.String, "year": pl.Int64, "children": pl.Int64}, orient="row"
    )
    return frame.with_columns(pl.col(key).cast(dtype))


def _rows(indicator: Indicator, context: IndicatorInputs) -> pl.LazyFrame:
    """The plan of one indicator's rows (one per group)."""
    missing = [table for table in indicator.reads if not context.inputs.has(table)]
    if missing:
        counted, status = _nothing(context, f"absent: {', '.join(missing)}"), "missing_data"
    else:
        try:
            counted, status = _conformed(indicator.count(context), context), "computed"
        except Exception as error:  # a count that raises is reported, never skipped
            counted, status = _nothing(context, f"{type(error).__name__}: {error}"), "error"
    return _described(counted, indicator, context, status)


def _described(
    counted: pl.LazyFrame, indicator: Indicator, context: IndicatorInputs, status: str
) -> pl.LazyFrame:
    """What was counted, with the indicator's value and its description, in the frame's order."""
    england = indicator.england
    described = {
        "code": indicator.code,
        "name": indicator.name,
        "period_start": context.period.start,
        "period_end": context.period.end,
        "unit": indicator.unit.value,
        "polarity": indicator.polarity.value,
        "window": indicator.window.value,
        "england_value": None if england is None else england.value,
        "england_year": None if england is None else england.year,
        "status": status,
        "source": indicator.source,
    }
    return counted.with_columns(indicator.value().alias("value")).select(
        *context.inputs.keys,
        *(
            pl.col(name).cast(dtype)
            if name in COUNTED
            else pl.lit(described[name], dtype=dtype).alias(name)
            for name, dtype in INDICATOR_SCHEMA.items()
        ),
    )


def _conformed(counted: pl.LazyFrame, context: IndicatorInputs) -> pl.LazyFrame:
    """A count's frame with every ``COUNTED`` column, one row per group."""
    keys = list(context.inputs.keys)
    present = counted.collect_schema()
    filled = counted.with_columns(
        pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in COUNTED.items()
        if name not in present
    ).select(*keys, *(pl.col(name).cast(dtype) for name, dtype in COUNTED.items()))
    if keys:
        return context.inputs.groups.join(filled, on=keys, how="left", maintain_order="left")
    return filled


def _nothing(context: IndicatorInputs, note: str) -> pl.LazyFrame:
    """Every group with nothing counted, and why."""
    return context.inputs.groups.select(
        *context.inputs.keys,
        *(
            pl.lit(note if name == "note" else None, dtype=dtype).alias(name)
            for name, dtype in COUNTED.items()
        ),
    )
