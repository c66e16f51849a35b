"""Flags of the front door and children in need: assessments, initial conferences, CIN visits and reviews.

Open work only: an assessment not yet authorised, a section 47 enquiry still waiting for its
initial conference, a CIN plan still open, in each case for a child whose case is open on the
as-of date (old unfinished records of closed cases are the validator's business, not a worklist's).
"""

from __future__ import annotations

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags import _events
from oversight.core.measures.flags._model import (
    Flag,
    FlagKind,
    missing_for_all,
    recurring,
    timescale_status,
)


def open_assessments(inputs: MeasureInputs) -> pl.LazyFrame:
    """Assessments started and not authorised by the as-of date: person_id, episode_id, referral_id."""
    assessments = inputs.table("ssd_cin_assessments").filter(
        (pl.col("cina_assessment_start_date") <= inputs.as_of)
        & (
            pl.col("cina_assessment_auth_date").is_null()
            | (pl.col("cina_assessment_auth_date") > inputs.as_of)
        )
    )
    return inputs.keep_open_cases(
        assessments.select(
            *inputs.key_columns(),
            pl.col("cina_person_id").alias("person_id"),
            pl.col("cina_assessment_id").alias("episode_id"),
            pl.col("cina_referral_id").alias("referral_id"),
        )
    )


def _assessment_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Due the 45th working day after the referral; a referral date not recorded is missing data."""
    referrals = inputs.table("ssd_cin_episodes").select(
        *inputs.key_columns(),
        pl.col("cine_referral_id").alias("referral_id"),
        pl.col("cine_referral_date").alias("referral_date"),
    )
    within = inputs.timescales.statutory.assessment.within
    return (
        subjects.join(referrals, on=inputs.on("referral_id"), how="left")
        .with_columns(within.after(pl.col("referral_date")).alias("due_date"))
        .with_columns(timescale_status(pl.col("due_date"), inputs).alias("status"))
    )


ASSESSMENT = Flag(
    code="assessment",
    name="Child and family assessment completed within 45 working days of the referral",
    kind=FlagKind.TIMESCALE,
    subjects=open_assessments,
    reads=("ssd_cin_episodes",),
    evaluate=_assessment_due,
    source="Working Together to Safeguard Children 2018 ch. 1 (and 2023); CIN census query 8670Q",
)


def pending_conferences(inputs: MeasureInputs) -> pl.LazyFrame:
    """Section 47 enquiries not ended with no further action: person_id, episode_id, s47_start."""
    enquiries = inputs.table("ssd_s47_enquiry").filter(
        (pl.col("s47e_s47_start_date") <= inputs.as_of)
        & (pl.col("s47e_s47_nfa").is_null() | (pl.col("s47e_s47_nfa") != "Y"))
    )
    return inputs.keep_open_cases(
        enquiries.select(
            *inputs.key_columns(),
            pl.col("s47e_person_id").alias("person_id"),
            pl.col("s47e_s47_enquiry_id").alias("episode_id"),
            pl.col("s47e_s47_start_date").alias("s47_start"),
        )
    )


def _conference_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Enquiries with a conference held by the as-of date are done; the rest are due 15 WD after."""
    held = inputs.table("ssd_initial_cp_conference").filter(
        pl.col("icpc_icpc_date") <= inputs.as_of
    )
    within = inputs.timescales.statutory.initial_child_protection_conference.within
    return (
        subjects.join(
            held,
            left_on=inputs.on("episode_id"),
            right_on=inputs.on("icpc_s47_enquiry_id"),
            how="anti",
        )
        .with_columns(within.after(pl.col("s47_start")).alias("due_date"))
        .with_columns(timescale_status(pl.col("due_date"), inputs).alias("status"))
    )


INITIAL_CONFERENCE = Flag(
    code="initial_child_protection_conference",
    name="Initial child protection conference within 15 working days of the section 47 strategy discussion",
    kind=FlagKind.TIMESCALE,
    subjects=pending_conferences,
    reads=("ssd_initial_cp_conference",),
    evaluate=_conference_due,
    source="Working Together to Safeguard Children 2023 (as 2018); CIN census query 8675Q",
)


def open_cin_plans(inputs: MeasureInputs) -> pl.LazyFrame:
    """Child in need plans open on the as-of date: person_id, episode_id, plan_start."""
    return inputs.open_cin_plans


def _cin_visit_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    standard = inputs.timescales.local.child_in_need_visit
    visits = _events.cin_visits(inputs)
    return recurring(subjects, visits, standard, on="person_id", since="plan_start", inputs=inputs)


CIN_VISIT = Flag(
    code="child_in_need_visit",
    name="Child in need visited within the local standard (child seen)",
    kind=FlagKind.TIMESCALE,
    subjects=open_cin_plans,
    reads=("ssd_cin_visits",),
    evaluate=_cin_visit_due,
    source="Local practice standard (no national interval), e.g. Knowsley: at least every 6 weeks",
)


def _no_plan_reviews_recorded(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """The SSD records no CIN plan reviews (``ssd_cin_plans`` has no review dates): missing data."""
    return missing_for_all(subjects, inputs)


CIN_REVIEW = Flag(
    code="child_in_need_review",
    name="Child in need plan reviewed within the local standard",
    kind=FlagKind.TIMESCALE,
    subjects=open_cin_plans,
    reads=(),
    evaluate=_no_plan_reviews_recorded,
    source="Local practice standard (no national interval), e.g. Knowsley: reviews at least every 6 weeks",
)

FLAGS = (ASSESSMENT, INITIAL_CONFERENCE, CIN_VISIT, CIN_REVIEW)
