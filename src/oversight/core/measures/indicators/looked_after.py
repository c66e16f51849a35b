"""Indicators of children looked after: placement stability and missing incidents.

Stability is measured on the as-of date, with the look-backs of its definition (12 months, 2
years, 2½ years); children on a short-break legal status (V3, V4) are left out when legal
statuses are present. Placements with the same carer cannot be told apart from other moves in
the SSD, so long-term stability asks for the same placement, a stricter test than the DfE's.
A placement counts in a look-back when any day of it falls there.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from oversight.core.calendar import age_in_years, months_after
from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

SHORT_BREAKS = ("V3", "V4")
"""Legal statuses of an agreed series of short-term placements, left out of stability."""
MISSING = "M"
"""The SSDA903 MISSING code of a missing (not away) episode."""


def _looked_after_for_stability(context: IndicatorInputs) -> pl.LazyFrame:
    inputs = context.inputs
    return inputs.looked_after.join(
        inputs.legal_statuses.filter(pl.col("legal_status").is_in(SHORT_BREAKS)),
        on=inputs.on("person_id"),
        how="anti",
    )


def _placements_since(context: IndicatorInputs, first_day: date) -> pl.LazyFrame:
    placements = context.inputs.placements.filter(
        (pl.col("placement_start") <= context.inputs.as_of)
        & (pl.col("placement_end").is_null() | (pl.col("placement_end") > first_day))
    )
    return placements.group_by(context.inputs.on("person_id")).agg(pl.len().alias("placements"))


def _three_or_more(context: IndicatorInputs, months: int, *, continuously: bool) -> pl.LazyFrame:
    as_of = context.inputs.as_of
    first_day = months_after(as_of, -months) + timedelta(days=1)
    children = _looked_after_for_stability(context)
    if continuously:
        children = children.filter(pl.col("period_start") <= months_after(as_of, -months))
    counted = children.join(
        _placements_since(context, first_day), on=context.inputs.on("person_id"), how="left"
    )
    many = (pl.col("placements").fill_null(0) >= 3).sum()
    return context.totals(counted, numerator=many, denominator=pl.len())


THREE_PLACEMENTS_IN_YEAR = Indicator(
    code="cla_three_or_more_placements_in_year",
    name="Children looked after with 3 or more placements in the last 12 months",
    numerator="of the denominator, children with 3 or more placements in the 12 months to the as-of date",
    denominator="children looked after on the as-of date (not on short breaks)",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_cla_episodes", "ssd_cla_placement"),
    count=lambda context: _three_or_more(context, 12, continuously=False),
    source="DfE Children looked after in England, stability measures (3 or more placements during the year)",
)

THREE_PLACEMENTS_IN_TWO_YEARS = Indicator(
    code="cla_three_or_more_placements_in_2_years",
    name="Children looked after for 2 years with 3 or more placements in those 2 years",
    numerator="of the denominator, children with 3 or more placements in the 2 years to the as-of date",
    denominator="children looked after on the as-of date, continuously for at least 2 years",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_cla_episodes", "ssd_cla_placement"),
    count=lambda context: _three_or_more(context, 24, continuously=True),
    source="DfE Stability measures for children looked after (EES), 3 or more placements in the previous 2 years",
    england=EnglandFigure(23.0, "2025"),
)


def _long_term_stability(context: IndicatorInputs) -> pl.LazyFrame:
    as_of = context.inputs.as_of
    person = context.inputs.on("person_id")
    children = (
        _looked_after_for_stability(context)
        .join(context.inputs.dates_of_birth, on=person, how="left")
        .filter(
            (age_in_years("date_of_birth", pl.lit(as_of)) < 16)
            & (pl.col("period_start") <= months_after(as_of, -30))
        )
    )
    placed = context.inputs.current_placements.select(*person, "placement_start")
    stable = (pl.col("placement_start") <= months_after(as_of, -24)).fill_null(False).sum()
    return context.totals(
        children.join(placed, on=person, how="left"), numerator=stable, denominator=pl.len()
    )


LONG_TERM_STABILITY = Indicator(
    code="long_term_placement_stability",
    name="Long-term placement stability",
    numerator="of the denominator, children in the same placement for at least 2 years",
    denominator="children looked after on the as-of date, under 16, looked after continuously for at least 2½ years",
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_cla_episodes", "ssd_cla_placement", "ssd_person"),
    count=_long_term_stability,
    source="DfE Stability measures for children looked after (EES), long-term stability",
    england=EnglandFigure(69.0, "2025"),
)


def _missing_in_period(context: IndicatorInputs) -> pl.LazyFrame:
    started = pl.col("miss_missing_episode_start_date")
    return context.inputs.table("ssd_missing").filter(
        (pl.col("miss_missing_episode_type") == MISSING)
        & started.is_between(context.period.start, context.period.end)
    )


def _children_missing(context: IndicatorInputs) -> pl.LazyFrame:
    period = context.period
    person = context.inputs.on("person_id")
    during = (
        context.inputs.periods_of_care.filter(
            (pl.col("period_start") <= period.end)
            & (pl.col("period_end").is_null() | (pl.col("period_end") > period.start))
        )
        .select(person)
        .unique()
    )
    missing = (
        _missing_in_period(context)
        .select(*context.inputs.key_columns(), pl.col("miss_person_id").alias("person_id"))
        .unique()
        .with_columns(pl.lit(True).alias("went_missing"))
    )
    counted = during.join(missing, on=person, how="left")
    went_missing = pl.col("went_missing").fill_null(False).sum()
    return context.totals(counted, numerator=went_missing, denominator=pl.len())


CHILDREN_MISSING = Indicator(
    code="cla_missing_in_period",
    name="Children looked after who went missing",
    numerator="of the denominator, children with a missing incident starting in the period",
    denominator="children looked after at any time in the period",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_cla_episodes", "ssd_missing"),
    count=_children_missing,
    source="DfE Children looked after in England, missing from placement (Official Statistics)",
    england=EnglandFigure(11.0, "2022"),
)

MISSING_INCIDENTS = Indicator(
    code="missing_incidents",
    name="Missing incidents",
    numerator="missing incidents (not away from placement) starting in the period",
    denominator="(none)",
    unit=Unit.COUNT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_missing",),
    count=lambda context: context.totals(_missing_in_period(context), numerator=pl.len()),
    source="DfE Children looked after in England, missing from placement (Official Statistics)",
)

INDICATORS = (
    THREE_PLACEMENTS_IN_YEAR,
    THREE_PLACEMENTS_IN_TWO_YEARS,
    LONG_TERM_STABILITY,
    CHILDREN_MISSING,
    MISSING_INCIDENTS,
)
