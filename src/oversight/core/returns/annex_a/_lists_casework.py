"""Lists 4–6 of Annex A from SSD frames: assessments, section 47 enquiries, children in need.

Each list holds the rows open at any time in the six months before the inspection (``start`` is
the window's eve, ``as_of`` its last day): an assessment until its authorisation, an enquiry until
its end, a CIN episode until its closure. Counts "in the last 12 months" count the child's other
rows in the 12 months up to the row's own date, as list 3 does. List 6 leaves out referrals that
ended in no further action: the template excludes children "only the subject of a referral".

List 6's Case Status is the state on the inspection date, the first that holds: e) Closed episode
when the episode is closed by then; a) Looked after child when a care episode of the child is
open; b) Child Protection plan when a CP plan is open; d) Open assessment when an assessment is
open; c) Child in need plan otherwise. Date Child Was Last Seen is the latest CIN, CP or care
visit at which the child was seen, within the episode and on or before the inspection date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from oversight.core.returns.annex_a._codes import (
    CLOSE_REASON,
    PRIMARY_NEED,
    YES_NO,
    YES_NO_SUPPORT,
    replace,
)
from oversight.core.returns.annex_a._frames import (
    YEAR,
    count_before,
    disability,
    open_between,
    table,
)

DISABILITY = "Does the Child have a Disability"


def _with_disability(rows: pl.DataFrame, frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    return rows.join(disability(frames), left_on="_person", right_on="disa_person_id", how="left")


def assessments(frames: Mapping[str, pl.DataFrame], start: date, as_of: date) -> pl.DataFrame:
    """List 4 rows: assessments open at any time in the window."""
    begun, ended = pl.col("cina_assessment_start_date"), pl.col("cina_assessment_auth_date")
    rows = (
        table(frames, "ssd_cin_assessments")
        .filter(open_between(begun, ended, start, as_of))
        .sort("cina_person_id", "cina_assessment_start_date", "cina_assessment_id")
        .select(
            pl.col("cina_person_id").alias("_person"),
            begun.alias("Continuous Assessment Start Date"),
            replace("cina_assessment_child_seen", YES_NO).alias(
                "Child Seen During Continuous Assessment"),
            ended.alias("Continuous Assessment Date of Authorisation"),
            replace("cina_assessment_outcome_nfa", YES_NO_SUPPORT).alias(
                "Was the child assessed as requiring LA children's social care support?"),
            pl.col("cina_assessment_team").alias("Allocated Team"),
            pl.col("cina_assessment_worker_id").alias("Allocated Worker"),
        )
    )  # fmt: skip
    return _with_disability(rows, frames)


def section_47_enquiries(
    frames: Mapping[str, pl.DataFrame], start: date, as_of: date
) -> pl.DataFrame:
    """List 5 rows: section 47 enquiries open at any time in the window, each with its ICPC."""
    enquiries = table(frames, "ssd_s47_enquiry")
    conferences = table(frames, "ssd_initial_cp_conference")
    begun, ended = pl.col("s47e_s47_start_date"), pl.col("s47e_s47_end_date")
    own = (
        conferences.filter(pl.col("icpc_s47_enquiry_id").is_not_null())
        .sort("icpc_s47_enquiry_id", "icpc_icpc_date", "icpc_icpc_id")
        .group_by("icpc_s47_enquiry_id", maintain_order=True)
        .first()
    )
    earlier_conferences = (
        enquiries.select("s47e_s47_enquiry_id", "s47e_person_id", "s47e_s47_start_date")
        .join(conferences.select("icpc_person_id", "icpc_s47_enquiry_id", "icpc_icpc_date"),
              left_on="s47e_person_id", right_on="icpc_person_id")
        .filter(pl.col("icpc_icpc_date").is_between(
            pl.col("s47e_s47_start_date").dt.offset_by(f"-{YEAR}mo"), pl.col("s47e_s47_start_date"),
            closed="right"))
        .filter(pl.col("icpc_s47_enquiry_id").ne_missing(pl.col("s47e_s47_enquiry_id")))
        .group_by("s47e_s47_enquiry_id")
        .agg(pl.len().cast(pl.Int64).alias("Number of ICPCs in the last 12 months"))
    )  # fmt: skip
    counted = count_before(
        enquiries.filter(open_between(begun, ended, start, as_of)),
        enquiries, key="s47e_person_id", day="s47e_s47_start_date",
        event_day="s47e_s47_start_date", alias="_s47s",
    )  # fmt: skip
    rows = (
        counted.join(own, left_on="s47e_s47_enquiry_id", right_on="icpc_s47_enquiry_id",
                     how="left")
        .join(earlier_conferences, on="s47e_s47_enquiry_id", how="left")
        .sort("s47e_person_id", "s47e_s47_start_date", "s47e_s47_enquiry_id")
        .select(
            pl.col("s47e_person_id").alias("_person"),
            begun.alias("Strategy discussion initiating Section 47 Enquiry Start Date"),
            replace("s47e_s47_nfa", YES_NO).alias(
                "Was an Initial Child Protection Conference deemed unnecessary?"),
            pl.col("icpc_icpc_date").alias("Date of Initial Child Protection Conference"),
            replace("icpc_icpc_outcome_cp_flag", YES_NO).alias(
                "Did the Initial Child Protection Conference Result in a Child Protection Plan"),
            (pl.col("_s47s") - 1).alias("Number of Section 47 Enquiries in the last 12 months"),
            pl.col("Number of ICPCs in the last 12 months").fill_null(0),
            pl.col("s47e_s47_completed_by_team").alias("Allocated Team"),
            pl.col("s47e_s47_completed_by_worker_id").alias("Allocated Worker"),
        )
    )  # fmt: skip
    return _with_disability(rows, frames)


def _open_on(frame: pl.DataFrame, person: str, begun: str, ended: str, as_of: date) -> pl.Series:
    """The people with a row of ``frame`` open on ``as_of``."""
    is_open = (pl.col(begun) <= as_of) & (pl.col(ended).is_null() | (pl.col(ended) > as_of))
    return frame.filter(is_open)[person].unique()


def _last_seen(frames: Mapping[str, pl.DataFrame], as_of: date) -> pl.DataFrame:
    """Every visit at which a child was seen, on or before ``as_of``: CIN, CP and care visits."""
    seen = [
        table(frames, name).filter(pl.col(f"{prefix}_seen") == "Y").select(
            pl.col(person).alias("_person"), pl.col(f"{prefix}_date").alias("_seen"))
        for name, prefix, person in (
            ("ssd_cin_visits", "cinv_cin_visit", "cinv_person_id"),
            ("ssd_cp_visits", "cppv_cp_visit", "cppv_person_id"),
            ("ssd_cla_visits", "clav_cla_visit", "clav_person_id"),
        )
    ]  # fmt: skip
    return pl.concat(seen).filter(pl.col("_seen") <= as_of)


def children_in_need(frames: Mapping[str, pl.DataFrame], start: date, as_of: date) -> pl.DataFrame:
    """List 6 rows: CIN episodes open at any time in the window (not NFA referrals)."""
    begun, ended = pl.col("cine_referral_date"), pl.col("cine_close_date")
    episodes = table(frames, "ssd_cin_episodes").filter(
        open_between(begun, ended, start, as_of)
        & ~(pl.col("cine_referral_nfa") == "Y").fill_null(False)
    )
    visits = (
        episodes.select("cine_referral_id", "cine_person_id", "cine_referral_date",
                        "cine_close_date")
        .join(_last_seen(frames, as_of), left_on="cine_person_id", right_on="_person")
        .filter((pl.col("_seen") >= pl.col("cine_referral_date"))
                & (pl.col("cine_close_date").is_null()
                   | (pl.col("_seen") <= pl.col("cine_close_date"))))
        .group_by("cine_referral_id")
        .agg(pl.col("_seen").max().alias("Date Child Was Last Seen"))
    )  # fmt: skip
    looked_after = _open_on(
        table(frames, "ssd_cla_episodes"),
        "clae_person_id",
        "clae_cla_episode_start_date",
        "clae_cla_episode_ceased_date",
        as_of,
    )
    protected = _open_on(
        table(frames, "ssd_cp_plans"),
        "cppl_person_id",
        "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date",
        as_of,
    )
    assessed = _open_on(
        table(frames, "ssd_cin_assessments"),
        "cina_person_id",
        "cina_assessment_start_date",
        "cina_assessment_auth_date",
        as_of,
    )
    person = pl.col("cine_person_id")
    status = (
        pl.when(ended <= as_of).then(pl.lit("e) Closed episode"))
        .when(person.is_in(looked_after.implode())).then(pl.lit("a) Looked after child"))
        .when(person.is_in(protected.implode())).then(pl.lit("b) Child Protection plan"))
        .when(person.is_in(assessed.implode())).then(pl.lit("d) Open assessment"))
        .otherwise(pl.lit("c) Child in need plan"))
    )  # fmt: skip
    rows = (
        episodes.join(visits, on="cine_referral_id", how="left")
        .sort("cine_person_id", "cine_referral_date", "cine_referral_id")
        .select(
            person.alias("_person"),
            begun.alias("CIN Start Date"),
            replace("cine_cin_primary_need_code", PRIMARY_NEED).alias("Primary Need Code"),
            pl.col("Date Child Was Last Seen"),
            ended.alias("CIN Closure Date"),
            replace("cine_close_reason", CLOSE_REASON).alias("Reason for Closure"),
            status.alias("Case Status"),
            pl.col("cine_referral_team").alias("Allocated Team"),
            pl.col("cine_referral_worker_id").alias("Allocated Worker"),
        )
    )  # fmt: skip
    return _with_disability(rows, frames)
