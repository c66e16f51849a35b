"""Care-leaver flags: pathway plan reviews and the personal adviser's contact.

Subjects are the rows of ``ssd_care_leavers`` of young people with a current eligibility that
brings a pathway plan (eligible, relevant, former relevant), not recorded as died, and under 25 on
the as-of date where their date of birth is known. The SSD keeps only the latest review and
contact dates; a date after the as-of date is not yet known on it, so it does not count.
"""

from __future__ import annotations

import polars as pl

from oversight.core.calendar import age_in_years
from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags._model import Flag, FlagKind, timescale_status

PATHWAY_PLAN_ELIGIBILITY = ("Eligible", "Relevant", "Former Relevant")
"""Eligibility categories (``clea_care_leaver_eligibility``) that bring a pathway plan."""
SUPPORT_UNTIL_AGE = 25
"""Personal adviser support is offered to care leavers up to 25 (Children and Social Work Act 2017)."""


def current_care_leavers(inputs: MeasureInputs) -> pl.LazyFrame:
    """person_id, episode_id (the care-leaver row), pathway_review, latest_contact."""
    leavers = inputs.table("ssd_care_leavers").join(
        inputs.dates_of_birth,
        left_on=inputs.on("clea_person_id"),
        right_on=inputs.on("person_id"),
        how="left",
    )
    age = age_in_years("date_of_birth", pl.lit(inputs.as_of))
    in_touch = pl.col("clea_care_leaver_in_touch")
    known_by_then = {
        "pathway_review": "clea_pathway_plan_review_date",
        "latest_contact": "clea_care_leaver_latest_contact",
    }
    return leavers.filter(
        pl.col("clea_care_leaver_eligibility").is_in(PATHWAY_PLAN_ELIGIBILITY)
        & (in_touch.is_null() | (in_touch != "DIED"))
        & (age.is_null() | (age < SUPPORT_UNTIL_AGE))
    ).select(
        *inputs.key_columns(),
        pl.col("clea_person_id").alias("person_id"),
        pl.col("clea_table_id").alias("episode_id"),
        *(
            pl.when(pl.col(column) <= inputs.as_of).then(pl.col(column)).alias(name)
            for name, column in known_by_then.items()
        ),
    )


def _pathway_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    every = inputs.timescales.statutory.pathway_plan_review.every
    return subjects.with_columns(
        pl.col("pathway_review").alias("last_done_date"),
        every.after(pl.col("pathway_review")).alias("due_date"),
    ).with_columns(timescale_status(pl.col("due_date"), inputs).alias("status"))


PATHWAY_PLAN_REVIEW = Flag(
    code="pathway_plan_review",
    name="Pathway plan reviewed at least every 6 months",
    kind=FlagKind.TIMESCALE,
    subjects=current_care_leavers,
    reads=(),
    evaluate=_pathway_due,
    source="Care Leavers (England) Regulations 2010 (SI 2010/2571), pathway plan reviews",
)


def _contact_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    every = inputs.timescales.statutory.care_leaver_contact.every
    return subjects.with_columns(
        pl.col("latest_contact").alias("last_done_date"),
        every.after(pl.col("latest_contact")).alias("due_date"),
    ).with_columns(timescale_status(pl.col("due_date"), inputs).alias("status"))


CARE_LEAVER_CONTACT = Flag(
    code="care_leaver_contact",
    name="Care leaver in contact with their personal adviser at least every 2 months",
    kind=FlagKind.TIMESCALE,
    subjects=current_care_leavers,
    reads=(),
    evaluate=_contact_due,
    source="Care Leavers (England) Regulations 2010 (SI 2010/2571), personal adviser contact",
)

FLAGS = (PATHWAY_PLAN_REVIEW, CARE_LEAVER_CONTACT)
