"""Indicators of child protection plans: long plans ended, and second or subsequent plans."""

from __future__ import annotations

import polars as pl

from oversight.core.calendar import add_months
from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)


def _plans(context: IndicatorInputs) -> pl.LazyFrame:
    return context.inputs.table("ssd_cp_plans").select(
        *context.inputs.key_columns(),
        pl.col("cppl_person_id").alias("person_id"),
        pl.col("cppl_cp_plan_id").alias("plan_id"),
        pl.col("cppl_cp_plan_start_date").alias("start"),
        pl.col("cppl_cp_plan_end_date").alias("end"),
    )


def _ended_after_two_years(context: IndicatorInputs) -> pl.LazyFrame:
    ended = _plans(context).filter(
        pl.col("end").is_between(context.period.start, context.period.end)
        & pl.col("start").is_not_null()
    )
    lasted = (pl.col("end") >= add_months("start", 24)).sum()
    return context.totals(ended, numerator=lasted, denominator=pl.len())


CP_PLANS_TWO_YEARS = Indicator(
    code="cp_plans_ended_lasting_2_years_or_more",
    name="Child protection plans ended that lasted 2 years or more",
    numerator="plans ended in the period that had lasted 2 years or more (by calendar months)",
    denominator="plans ended in the period",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_cp_plans",),
    count=_ended_after_two_years,
    source="DfE Children in need, EES data set D7 (duration of CP plans ended)",
    england=EnglandFigure(4.4, "2025"),
)


def _second_or_subsequent(context: IndicatorInputs) -> pl.LazyFrame:
    person = context.inputs.on("person_id")
    plans = _plans(context).drop_nulls("start")
    first_start = plans.group_by(person).agg(pl.col("start").min().alias("first_start"))
    started = plans.filter(
        pl.col("start").is_between(context.period.start, context.period.end)
    ).join(first_start, on=person)
    repeat = (pl.col("start") > pl.col("first_start")).sum()
    return context.totals(started, numerator=repeat, denominator=pl.len())


CP_PLANS_REPEAT = Indicator(
    code="cp_plans_second_or_subsequent",
    name="Child protection plans that are a second or subsequent plan",
    numerator="plans started in the period for a child who had an earlier plan, however long ago",
    denominator="plans started in the period",
    unit=Unit.PERCENT,
    polarity=Polarity.NEITHER,
    window=Window.PERIOD,
    reads=("ssd_cp_plans",),
    count=_second_or_subsequent,
    source="DfE Children in need, EES table D3 (formerly NI 65; both very low and very high values are a concern)",
    england=EnglandFigure(16.6, "2015"),
)

INDICATORS = (CP_PLANS_TWO_YEARS, CP_PLANS_REPEAT)
