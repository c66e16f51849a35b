"""Health and education of looked-after children: health assessments, dental checks and PEPs.

- The initial health assessment is due 20 working days after the period of care starts; one
  held in the 3 months before counts (the regulations let it stand).
- Review health assessments follow the last assessment (initial or review): 6 months later when
  the child was under 5 at it, 12 months when 5 or over.
- Dental checks: the council's standard, first within 40 working days, then every 6 months.
- Personal education plans: one dated in each school term. The last term that ended must have
  one (unless the child came into care too late in it to start a plan); then one is due by the
  end of the current (or next) term, and by 10 working days after the child came into care if
  sooner. Terms come from ``timescales.toml`` (``school_terms``).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from oversight.core.calendar import SchoolTerms, add_months, age_in_years
from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags import _events
from oversight.core.measures.flags._model import (
    Flag,
    FlagKind,
    FlagStatus,
    literal_status,
    recurring,
    timescale_status,
    with_last_done,
)
from oversight.core.measures.flags.looked_after import looked_after

ASSESSMENTS = ("IHA", "RHA")
"""Health-check types that are health assessments (initial and review)."""


def _health_assessments(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """The subjects with their health assessments since 3 months before the period of care."""
    return with_last_done(
        subjects.with_columns(add_months("period_start", -3).alias("counts_from")),
        _events.health_checks(inputs, *ASSESSMENTS),
        on="person_id",
        since="counts_from",
        inputs=inputs,
    )


def _initial_assessment(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    within = inputs.timescales.statutory.initial_health_assessment.within
    return (
        _health_assessments(subjects, inputs)
        .with_columns(within.after(pl.col("period_start")).alias("due_date"))
        .with_columns(
            pl.when(pl.col("done_count") > 0)
            .then(literal_status(FlagStatus.MET))
            .otherwise(timescale_status(pl.col("due_date"), inputs))
            .alias("status")
        )
    )


INITIAL_HEALTH_ASSESSMENT = Flag(
    code="initial_health_assessment",
    name="Initial health assessment within 20 working days of becoming looked after",
    kind=FlagKind.TIMESCALE,
    subjects=looked_after,
    reads=("ssd_cla_health",),
    evaluate=_initial_assessment,
    source="Promoting the health and well-being of looked-after children (statutory guidance, 2015); SI 2010/959 Schedule 1",
)


def _review_assessment(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Only children who have had an assessment; without a date of birth the interval is unknown."""
    banded = inputs.timescales.statutory.health_review
    assessed = _health_assessments(subjects, inputs).filter(pl.col("done_count") > 0)
    age_at_last = age_in_years("date_of_birth", "last_done_date")
    due = (
        pl.when(age_at_last < banded.age_from)
        .then(banded.under_age_every.after(pl.col("last_done_date")))
        .when(age_at_last >= banded.age_from)
        .then(banded.from_age_every.after(pl.col("last_done_date")))
    )
    return (
        assessed.join(inputs.dates_of_birth, on=inputs.on("person_id"), how="left")
        .with_columns(due.alias("due_date"))
        .with_columns(timescale_status(pl.col("due_date"), inputs).alias("status"))
    )


HEALTH_REVIEW = Flag(
    code="health_review",
    name="Review health assessment: 6-monthly under 5, yearly from 5 (by age at the last)",
    kind=FlagKind.TIMESCALE,
    subjects=looked_after,
    reads=("ssd_cla_health",),
    evaluate=_review_assessment,
    source="SI 2010/959 Schedule 1; Promoting the health and well-being of looked-after children (2015)",
)


def _dental_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    standard = inputs.timescales.local.dental_check
    checks = _events.health_checks(inputs, "DENTAL")
    return recurring(
        subjects, checks, standard, on="person_id", since="period_start", inputs=inputs
    )


DENTAL_CHECK = Flag(
    code="dental_check",
    name="Dental check within the local standard",
    kind=FlagKind.TIMESCALE,
    subjects=looked_after,
    reads=("ssd_cla_health",),
    evaluate=_dental_due,
    source="Local practice standard (no statutory interval), e.g. Bradford: within 40 working days, then 6-monthly",
)


def school_age_looked_after(inputs: MeasureInputs) -> pl.LazyFrame:
    """Looked-after children of the PEP's ages on the as-of date (or whose age is unknown)."""
    plan = inputs.timescales.statutory.personal_education_plan
    age = age_in_years("date_of_birth", pl.lit(inputs.as_of))
    return (
        looked_after(inputs)
        .join(inputs.dates_of_birth, on=inputs.on("person_id"), how="left")
        .filter(age.is_null() | age.is_between(plan.min_age, plan.max_age))
    )


def _termly_plan(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    plan = inputs.timescales.statutory.personal_education_plan
    terms: SchoolTerms = inputs.memo("school_terms", inputs.timescales.school_terms.school_terms)
    current = terms.current_or_next(inputs.as_of)
    if current is None:  # no term dates reach the as-of date
        return subjects.with_columns(literal_status(FlagStatus.MISSING_DATA).alias("status"))
    previous = terms.last_ended_before(inputs.as_of)
    peps = inputs.table("ovs_personal_education_plans").select(
        *inputs.key_columns(),
        pl.col("ovpe_person_id").alias("person_id"),
        pl.col("ovpe_pep_date").alias("event_date"),
    )
    person = inputs.on("person_id")
    done = with_last_done(subjects, peps, on="person_id", since="period_start", inputs=inputs)
    started_by = plan.first_within.after(pl.col("period_start"))

    def any_pep_between(first: date, last: date, name: str) -> pl.LazyFrame:
        dated = peps.filter(pl.col("event_date").is_between(first, last))
        return dated.select(person).unique().with_columns(pl.lit(True).alias(name))

    done = done.join(
        any_pep_between(current.start, inputs.as_of, "in_current"), on=person, how="left"
    )
    if previous is None:
        missed_previous = pl.lit(False)
    else:
        done = done.join(
            any_pep_between(previous.start, previous.end, "in_previous"), on=person, how="left"
        )
        missed_previous = (started_by <= previous.end) & pl.col("in_previous").is_null()
    current_due = (
        pl.when(pl.col("done_count") == 0)
        .then(pl.min_horizontal(started_by, pl.lit(current.end)))
        .otherwise(pl.lit(current.end))
    )
    due = (
        pl.when(pl.col("date_of_birth").is_null())
        .then(None)
        .when(missed_previous)
        .then(pl.lit(previous.end if previous else None))
        .otherwise(current_due)
    )
    return done.with_columns(due.alias("due_date")).with_columns(
        pl.when(pl.col("date_of_birth").is_null())
        .then(literal_status(FlagStatus.MISSING_DATA))
        .when(missed_previous)
        .then(literal_status(FlagStatus.OVERDUE))
        .when(pl.col("in_current").fill_null(False))
        .then(literal_status(FlagStatus.MET))
        .otherwise(timescale_status(pl.col("due_date"), inputs))
        .alias("status")
    )


PERSONAL_EDUCATION_PLAN = Flag(
    code="personal_education_plan",
    name="Personal education plan reviewed in each school term",
    kind=FlagKind.TIMESCALE,
    subjects=school_age_looked_after,
    reads=("ovs_personal_education_plans",),
    evaluate=_termly_plan,
    source="Promoting the education of looked-after and previously looked-after children (DfE statutory guidance, 2018)",
)

FLAGS = (INITIAL_HEALTH_ASSESSMENT, HEALTH_REVIEW, DENTAL_CHECK, PERSONAL_EDUCATION_PLAN)
