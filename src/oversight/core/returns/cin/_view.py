"""What a CIN census carries of the SSD: SSD frames cut down to one census year's view.

``census_view`` is the projection both directions agree on: exporting SSD frames writes exactly
this view, and loading the census it wrote gives it back (with minted ids). It keeps

* CIN episodes open at some time in the year (referred by 31 March, not closed before 1 April),
  and everything recorded against them: assessments (and their factors once authorised), CIN
  plans (from 2022), s47 enquiries with their initial conferences, CP plans and their reviews;
* the children of those episodes, and their disabilities;
* only the fields the census has, with events after 31 March removed (a closure, an
  authorisation or an end after the census date is not yet known to the census).

Initial conferences: each s47 enquiry carries its first conference; an episode's
``DateOfInitialCPC`` is its earliest conference, so a conference outside any enquiry survives
only when it is that earliest one and no enquiry's conference falls on the same day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from oversight.core.returns.cin._schema import census_period, has_cin_plan_dates, sex_element
from oversight.core.ssd import TABLES

CIN_TABLES = (
    "ssd_person",
    "ssd_disability",
    "ssd_cin_episodes",
    "ssd_cin_assessments",
    "ssd_assessment_factors",
    "ssd_cin_plans",
    "ssd_s47_enquiry",
    "ssd_initial_cp_conference",
    "ssd_cp_plans",
    "ssd_cp_reviews",
)
"""The SSD tables a CIN census reads and writes."""

VIEW_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "ssd_person": (
        "pers_person_id", "pers_upn_unknown", "pers_dob", "pers_expected_dob",
        "pers_death_date", "pers_ethnicity",
    ),
    "ssd_disability": ("disa_table_id", "disa_person_id", "disa_disability_code"),
    "ssd_cin_episodes": (
        "cine_referral_id", "cine_person_id", "cine_referral_date", "cine_cin_primary_need_code",
        "cine_referral_source_code", "cine_referral_nfa", "cine_close_reason", "cine_close_date",
    ),
    "ssd_cin_assessments": (
        "cina_assessment_id", "cina_person_id", "cina_referral_id", "cina_assessment_start_date",
        "cina_assessment_auth_date",
    ),
    "ssd_assessment_factors": (
        "cinf_table_id", "cinf_assessment_id", "cinf_assessment_factors_json",
    ),
    "ssd_cin_plans": (
        "cinp_cin_plan_id", "cinp_referral_id", "cinp_person_id", "cinp_cin_plan_start_date",
        "cinp_cin_plan_end_date",
    ),
    "ssd_s47_enquiry": (
        "s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id", "s47e_s47_start_date",
        "s47e_s47_nfa",
    ),
    "ssd_initial_cp_conference": (
        "icpc_icpc_id", "icpc_s47_enquiry_id", "icpc_person_id", "icpc_referral_id",
        "icpc_icpc_target_date", "icpc_icpc_date",
    ),
    "ssd_cp_plans": (
        "cppl_cp_plan_id", "cppl_referral_id", "cppl_person_id", "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date", "cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category",
    ),
    "ssd_cp_reviews": ("cppr_cp_review_id", "cppr_person_id", "cppr_cp_plan_id",
                       "cppr_cp_review_date"),
}  # fmt: skip
"""The columns of each table the census carries (the sex field is added by year)."""

SEX_FROM_GENDER = {"01": "M", "02": "F"}
GENDER_FROM_SEX = {"M": "01", "F": "02", "U": "00"}


def person_columns(year: int) -> tuple[str, ...]:
    """``ssd_person`` columns the census of ``year`` carries: sex from 2025, gender before."""
    sex = "pers_sex" if sex_element(year) == "Sex" else "pers_gender"
    return (*VIEW_COLUMNS["ssd_person"], sex)


def _frame(frames: Mapping[str, pl.DataFrame], name: str) -> pl.DataFrame:
    frame = frames.get(name)
    return TABLES[name].complete(frame) if frame is not None else TABLES[name].empty()


def _until(column: str, end: date) -> pl.Expr:
    """``column``, or null when it falls after ``end``."""
    return pl.when(pl.col(column) <= end).then(pl.col(column)).alias(column)


def census_view(frames: Mapping[str, pl.DataFrame], *, year: int) -> dict[str, pl.DataFrame]:
    """The SSD frames the census of ``year`` carries, with only ``VIEW_COLUMNS``.

    Missing tables count as empty. Each frame keeps the SSD's dtypes; rows keep the SSD's order.
    """
    start, end = census_period(year)

    def get(name: str) -> pl.DataFrame:
        return _frame(frames, name)

    episodes = get("ssd_cin_episodes").filter(
        pl.col("cine_referral_date") <= end,
        pl.col("cine_close_date").is_null() | (pl.col("cine_close_date") >= start),
    )
    closed = pl.col("cine_close_date") <= end
    episodes = episodes.with_columns(
        pl.when(closed).then(pl.col("cine_close_reason")).alias("cine_close_reason"),
        _until("cine_close_date", end),
        pl.col("cine_referral_nfa").fill_null("N"),
    )
    referrals = episodes.select("cine_referral_id", "cine_person_id")

    def of_episodes(name: str, prefix: str, started: str) -> pl.DataFrame:
        """Rows of ``name`` recorded against a kept episode, begun by the census date."""
        return (
            get(name)
            .join(referrals, left_on=f"{prefix}_referral_id", right_on="cine_referral_id")
            .filter(pl.col(started) <= end)
            .with_columns(pl.col("cine_person_id").alias(f"{prefix}_person_id"))
        )

    person = get("ssd_person").join(
        episodes.select(pl.col("cine_person_id").unique()),
        left_on="pers_person_id",
        right_on="cine_person_id",
        how="semi",
    )
    person = person.with_columns(
        pl.coalesce("pers_sex", pl.col("pers_gender").replace_strict(
            SEX_FROM_GENDER, default="U")).alias("pers_sex"),
        pl.coalesce("pers_gender", pl.col("pers_sex").replace_strict(
            GENDER_FROM_SEX, default=None)).alias("pers_gender"),
    )  # fmt: skip
    disability = get("ssd_disability").join(
        person, left_on="disa_person_id", right_on="pers_person_id", how="semi"
    )
    assessments = of_episodes(
        "ssd_cin_assessments", "cina", "cina_assessment_start_date"
    ).with_columns(_until("cina_assessment_auth_date", end))
    factors = get("ssd_assessment_factors").join(
        assessments.filter(pl.col("cina_assessment_auth_date").is_not_null()),
        left_on="cinf_assessment_id",
        right_on="cina_assessment_id",
        how="semi",
    )
    plans = of_episodes("ssd_cin_plans", "cinp", "cinp_cin_plan_start_date").with_columns(
        _until("cinp_cin_plan_end_date", end)
    )
    if not has_cin_plan_dates(year):
        plans = plans.clear()
    s47 = of_episodes("ssd_s47_enquiry", "s47e", "s47e_s47_start_date").with_columns(
        pl.col("s47e_s47_nfa").fill_null("N")
    )
    cp_plans = of_episodes("ssd_cp_plans", "cppl", "cppl_cp_plan_start_date").with_columns(
        _until("cppl_cp_plan_end_date", end)
    )
    reviews = (
        get("ssd_cp_reviews")
        .join(
            cp_plans.select("cppl_cp_plan_id", "cppl_person_id"),
            left_on="cppr_cp_plan_id",
            right_on="cppl_cp_plan_id",
        )
        .filter(pl.col("cppr_cp_review_date") <= end)
        .with_columns(pl.col("cppl_person_id").alias("cppr_person_id"))
    )
    view = {
        "ssd_person": person.select(person_columns(year)),
        "ssd_disability": disability,
        "ssd_cin_episodes": episodes,
        "ssd_cin_assessments": assessments,
        "ssd_assessment_factors": factors,
        "ssd_cin_plans": plans,
        "ssd_s47_enquiry": s47,
        "ssd_initial_cp_conference": _conferences(
            get("ssd_initial_cp_conference"), s47, referrals, end
        ),
        "ssd_cp_plans": cp_plans,
        "ssd_cp_reviews": reviews,
    }
    return {
        name: frame.select(VIEW_COLUMNS[name]) if name != "ssd_person" else frame
        for name, frame in view.items()
    }


def _conferences(
    icpc: pl.DataFrame, s47: pl.DataFrame, referrals: pl.DataFrame, end: date
) -> pl.DataFrame:
    """Each kept enquiry's first conference, plus an episode's earliest conference held
    outside any enquiry when no enquiry's conference is on that day."""
    icpc = icpc.with_columns(_until("icpc_icpc_date", end))
    enquiries = s47.select("s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id")
    linked = (
        icpc.join(enquiries, left_on="icpc_s47_enquiry_id", right_on="s47e_s47_enquiry_id")
        .filter(
            pl.col("icpc_icpc_date").is_not_null() | pl.col("icpc_icpc_target_date").is_not_null()
        )
        .sort("icpc_icpc_date", "icpc_icpc_id", nulls_last=True)
        .unique("icpc_s47_enquiry_id", keep="first", maintain_order=True)
        .with_columns(
            pl.col("s47e_referral_id").alias("icpc_referral_id"),
            pl.col("s47e_person_id").alias("icpc_person_id"),
        )
    )
    alone = (
        icpc.filter(pl.col("icpc_s47_enquiry_id").is_null(), pl.col("icpc_icpc_date").is_not_null())
        .join(referrals, left_on="icpc_referral_id", right_on="cine_referral_id")
        .with_columns(pl.col("cine_person_id").alias("icpc_person_id"))
    )
    earliest = (
        pl.concat(
            [
                alone.select("icpc_referral_id", "icpc_icpc_date"),
                linked.select("icpc_referral_id", "icpc_icpc_date"),
            ]
        )
        .group_by("icpc_referral_id")
        .agg(pl.col("icpc_icpc_date").min().alias("_earliest"))
    )
    taken = linked.select("icpc_referral_id", "icpc_icpc_date").drop_nulls()
    alone = (
        alone.join(earliest, on="icpc_referral_id")
        .filter(pl.col("icpc_icpc_date") == pl.col("_earliest"))
        .join(taken, on=["icpc_referral_id", "icpc_icpc_date"], how="anti")
        .sort("icpc_icpc_id")
        .unique("icpc_referral_id", keep="first", maintain_order=True)
    )
    return pl.concat(
        [linked.select(VIEW_COLUMNS["ssd_initial_cp_conference"]),
         alone.select(VIEW_COLUMNS["ssd_initial_cp_conference"])]
    )  # fmt: skip
