"""Flags of child protection plans open on the as-of date: reviews, visits, long and repeat plans.

A plan's start date is the date of the initial conference that made it (the CIN census's
CPPstartDate), so the first review's clock starts there.
"""

from __future__ import annotations

import polars as pl

from oversight.core.calendar import whole_months_between
from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags import _events
from oversight.core.measures.flags._model import (
    Flag,
    FlagKind,
    alert_status,
    recurring,
)


def open_cp_plans(inputs: MeasureInputs) -> pl.LazyFrame:
    """Child protection plans open on the as-of date: person_id, episode_id, plan_start."""
    return inputs.open_cp_plans


def _review_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    timescale = inputs.timescales.statutory.child_protection_review
    reviews = _events.cp_reviews(inputs)
    return recurring(
        subjects, reviews, timescale, on="episode_id", since="plan_start", inputs=inputs
    )


CP_REVIEW = Flag(
    code="child_protection_review",
    name="Child protection review conference: first within 3 months, then every 6 months",
    kind=FlagKind.TIMESCALE,
    subjects=open_cp_plans,
    reads=("ssd_cp_reviews",),
    evaluate=_review_due,
    source="Working Together to Safeguard Children 2023 (as 2018), review conferences",
)


def _visit_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    standard = inputs.timescales.local.child_protection_visit
    visits = _events.cp_visits(inputs)
    return recurring(subjects, visits, standard, on="episode_id", since="plan_start", inputs=inputs)


CP_VISIT = Flag(
    code="child_protection_visit",
    name="Child on a protection plan visited within the local standard (child seen)",
    kind=FlagKind.TIMESCALE,
    subjects=open_cp_plans,
    reads=("ssd_cp_visits",),
    evaluate=_visit_due,
    source="Local practice standard (no national minimum), e.g. Wirral: at most every 15 working days",
)


def _plan_length(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Warned at 18 months on the plan, raised at 2 years (the day the duration is reached)."""
    threshold = inputs.timescales.alerts.long_child_protection_plan
    reached = threshold.raise_after.after(pl.col("plan_start"))
    warned = threshold.warn_after.after(pl.col("plan_start"))
    return subjects.with_columns(
        reached.alias("due_date"),
        whole_months_between("plan_start", pl.lit(inputs.as_of)).cast(pl.Float64).alias("value"),
        alert_status(reached <= inputs.as_of, warned=warned <= inputs.as_of).alias("status"),
    )


LONG_CP_PLAN = Flag(
    code="long_child_protection_plan",
    name="On a child protection plan for 18 months (warning) or 2 years or more (value: months)",
    kind=FlagKind.ALERT,
    subjects=open_cp_plans,
    reads=(),
    evaluate=_plan_length,
    source="DfE Children in need statistics, CP plans lasting 2 years or more (EES table D7)",
)


def _earlier_plans(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Raised when the child had a plan that started before this one (value: how many)."""
    plans = inputs.table("ssd_cp_plans").select(
        *inputs.key_columns(),
        pl.col("cppl_person_id").alias("person_id"),
        pl.col("cppl_cp_plan_id").alias("earlier_id"),
        pl.col("cppl_cp_plan_start_date").alias("earlier_start"),
    )
    earlier = (
        subjects.with_row_index("_subject")
        .join(plans, on=inputs.on("person_id"), how="inner")
        .filter(
            (pl.col("earlier_start") < pl.col("plan_start"))
            & (pl.col("earlier_id") != pl.col("episode_id"))
        )
        .group_by("_subject")
        .agg(pl.len().cast(pl.Float64).alias("value"))
    )
    return (
        subjects.with_row_index("_subject")
        .join(earlier, on="_subject", how="left")
        .sort("_subject")
        .with_columns(pl.col("value").fill_null(0.0))
        .with_columns(alert_status(pl.col("value") >= 1).alias("status"))
    )


REPEAT_CP_PLAN = Flag(
    code="repeat_child_protection_plan",
    name="A second or subsequent child protection plan (value: earlier plans)",
    kind=FlagKind.ALERT,
    subjects=open_cp_plans,
    reads=(),
    evaluate=_earlier_plans,
    source="DfE Children in need statistics, second or subsequent CP plans (formerly NI 65)",
)

FLAGS = (CP_REVIEW, CP_VISIT, LONG_CP_PLAN, REPEAT_CP_PLAN)
