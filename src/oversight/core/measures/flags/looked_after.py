"""Flags of children looked after on the as-of date: reviews, statutory visits and UASC.

Reviews follow regulation 33 (first within 20 working days of the period of care starting, the
second within 3 months of the first, then every 6 months). Visits follow regulation 28 through
the schedules of ``timescales.toml``: the first schedule whose placement types and legal
statuses match the child's current placement and legal status applies; when a schedule's
condition cannot be decided because the placement type or legal status is not recorded, the flag
is ``missing_data`` rather than falling through to a laxer schedule.
"""

from __future__ import annotations

import polars as pl

from oversight.core.calendar import add_months
from oversight.core.measures._inputs import MeasureInputs, open_on
from oversight.core.measures.flags import _events
from oversight.core.measures.flags._model import (
    Flag,
    FlagKind,
    alert_status,
    timescale_status,
    with_last_done,
)
from oversight.core.measures.timescales import VisitSchedule


def looked_after(inputs: MeasureInputs) -> pl.LazyFrame:
    """Periods of care open on the as-of date: person_id, episode_id, period_start."""
    return inputs.looked_after.select(*inputs.on("person_id", "episode_id", "period_start"))


def _review_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    schedule = inputs.timescales.statutory.looked_after_review
    done = with_last_done(
        subjects,
        _events.cla_reviews(inputs),
        on="person_id",
        since="period_start",
        inputs=inputs,
    )
    due = (
        pl.when(pl.col("done_count") == 0)
        .then(schedule.first_within.after(pl.col("period_start")))
        .when(pl.col("done_count") == 1)
        .then(schedule.second_within.after(pl.col("last_done_date")))
        .otherwise(schedule.then_every.after(pl.col("last_done_date")))
    )
    return done.with_columns(due.alias("due_date")).with_columns(
        timescale_status(pl.col("due_date"), inputs).alias("status")
    )


CLA_REVIEW = Flag(
    code="looked_after_review",
    name="Looked-after review: first within 20 working days, second within 3 months, then 6-monthly",
    kind=FlagKind.TIMESCALE,
    subjects=looked_after,
    reads=("ssd_cla_reviews",),
    evaluate=_review_due,
    source="Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33",
)


def current_placements(inputs: MeasureInputs) -> pl.LazyFrame:
    """The current placement of each looked-after child: person_id, episode_id (the placement), …"""
    return inputs.current_placements.select(
        *inputs.on("person_id"),
        pl.col("placement_id").alias("episode_id"),
        "placement_start",
        "placement_type",
        "distance",
        "period_start",
    )


def _condition(column: str, codes: tuple[str, ...]) -> pl.Expr:
    """True or false when decided; null when the codes matter and the value is not recorded."""
    if not codes:
        return pl.lit(True)
    return pl.when(pl.col(column).is_null()).then(None).otherwise(pl.col(column).is_in(codes))


def _schedule_index(schedules: tuple[VisitSchedule, ...]) -> pl.Expr:
    """The index of the first schedule that matches; null if an earlier one cannot be decided."""
    chosen: pl.Expr = pl.lit(None, dtype=pl.Int64)
    for index, schedule in reversed(list(enumerate(schedules))):
        matches = _condition("placement_type", schedule.placement_types) & _condition(
            "legal_status", schedule.legal_statuses
        )
        chosen = pl.when(matches.is_null()).then(None).when(matches).then(index).otherwise(chosen)
    return chosen


def _schedule_due(schedule: VisitSchedule) -> pl.Expr:
    last = pl.col("last_done_date")
    in_first_year = last < add_months(pl.col("placement_start"), 12)
    due = (
        pl.when(in_first_year)
        .then(schedule.first_year_every.after(last))
        .otherwise(schedule.after_first_year_every.after(last))
    )
    if schedule.until_first_review_every is not None:
        due = (
            pl.when(pl.col("first_review_date").is_null())
            .then(schedule.until_first_review_every.after(last))
            .otherwise(due)
        )
    return (
        pl.when(last.is_null())
        .then(schedule.first_within.after(pl.col("placement_start")))
        .otherwise(due)
    )


def _visit_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    schedules = inputs.timescales.statutory.looked_after_visit.schedules
    person = inputs.on("person_id")
    first_reviews = (
        subjects.select(*person, "period_start")
        .join(_events.cla_reviews(inputs), on=person, how="inner")
        .filter(pl.col("event_date").is_between(pl.col("period_start"), inputs.as_of))
        .group_by(person)
        .agg(pl.col("event_date").min().alias("first_review_date"))
    )
    done = with_last_done(
        subjects,
        _events.cla_visits(inputs),
        on="person_id",
        since="placement_start",
        inputs=inputs,
    ).join(inputs.legal_statuses, on=person, how="left")
    done = done.join(first_reviews, on=person, how="left")
    needs_reviews = [i for i, s in enumerate(schedules) if s.until_first_review_every is not None]
    index = _schedule_index(schedules)
    if not inputs.has("ssd_cla_reviews") and needs_reviews:
        index = pl.when(index.is_in(needs_reviews)).then(None).otherwise(index)
    due: pl.Expr = pl.lit(None, dtype=pl.Date)
    for position, schedule in reversed(list(enumerate(schedules))):
        due = pl.when(pl.col("schedule") == position).then(_schedule_due(schedule)).otherwise(due)
    return (
        done.with_columns(index.alias("schedule"))
        .with_columns(due.alias("due_date"))
        .with_columns(timescale_status(pl.col("due_date"), inputs).alias("status"))
    )


CLA_VISIT = Flag(
    code="looked_after_visit",
    name="Statutory visit to a looked-after child (child seen), by the regulation 28 schedule that applies",
    kind=FlagKind.TIMESCALE,
    subjects=current_placements,
    reads=("ssd_cla_visits",),
    evaluate=_visit_due,
    source="Care Planning, Placement and Case Review (England) Regulations 2010, regulation 28",
)


def _uasc(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Raised while an immigration status of UASC is current on the as-of date."""
    start, end = "immi_immigration_status_start_date", "immi_immigration_status_end_date"
    current = inputs.table("ssd_immigration_status").filter(
        (pl.col("immi_immigration_status") == "UASC")
        & open_on(pl.col(start).fill_null(inputs.as_of), end, inputs.as_of)
    )
    person = inputs.on("person_id")
    uasc = current.select(*inputs.key_columns(), pl.col("immi_person_id").alias("person_id"))
    marked = uasc.drop_nulls("person_id").unique().with_columns(pl.lit(True).alias("_uasc"))
    return (
        subjects.join(marked, on=person, how="left")
        .with_columns(alert_status(pl.col("_uasc").fill_null(False)).alias("status"))
        .drop("_uasc")
    )


UASC = Flag(
    code="unaccompanied_asylum_seeking_child",
    name="An unaccompanied asylum-seeking child (UASC) in care",
    kind=FlagKind.ALERT,
    subjects=looked_after,
    reads=("ssd_immigration_status",),
    evaluate=_uasc,
    source="SSDA903 UASC table; Ofsted ILACS Annex A list 8 (UASC within the last 12 months)",
)

FLAGS = (CLA_REVIEW, CLA_VISIT, UASC)
