"""Independent, plain computations of the calibrated rates, to check the simulator against.

Deliberately simple and separate from ``oversight.core.measures``: each is the published
definition applied directly to the SSD frames for the year ending ``end``.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import numpy as np
import polars as pl
import pytest

HOLIDAYS = np.array(
    sorted(holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2031), expand=False)),
    dtype="datetime64[D]",
)


def working_days(start: pl.Series, end: pl.Series) -> np.ndarray:
    return np.busday_count(
        start.to_numpy().astype("datetime64[D]"),
        end.to_numpy().astype("datetime64[D]"),
        holidays=HOLIDAYS,
    )


def rates(frames: dict[str, pl.DataFrame], end: date) -> dict[str, float]:
    year_start = end - timedelta(days=364)
    out: dict[str, float] = {}
    cin = frames["ssd_cin_episodes"]
    open_at_end = (pl.col("cine_referral_date") <= end) & (
        pl.col("cine_close_date").is_null() | (pl.col("cine_close_date") > end)
    )
    out["children_in_need"] = cin.filter(open_at_end & (pl.col("cine_referral_nfa") == "N"))[
        "cine_person_id"
    ].n_unique()
    referrals = cin.filter(pl.col("cine_referral_date").is_between(year_start, end))
    earlier = cin.select("cine_person_id", pl.col("cine_referral_date").alias("earlier"))
    repeat = referrals.join(earlier, on="cine_person_id").filter(
        (pl.col("earlier") < pl.col("cine_referral_date"))
        & (pl.col("earlier") >= pl.col("cine_referral_date") - pl.duration(days=365))
    )
    out["rereferral_rate"] = repeat["cine_referral_id"].n_unique() / referrals.height
    assessments = frames["ssd_cin_assessments"].filter(
        pl.col("cina_assessment_auth_date").is_between(year_start, end)
    )
    days = working_days(
        assessments["cina_assessment_start_date"], assessments["cina_assessment_auth_date"]
    )
    out["assessments_within_45"] = float((days <= 45).mean())
    conferences = frames["ssd_initial_cp_conference"].filter(
        pl.col("icpc_icpc_date").is_between(year_start, end)
    )
    conferences = conferences.join(
        frames["ssd_s47_enquiry"], left_on="icpc_s47_enquiry_id", right_on="s47e_s47_enquiry_id"
    )
    days = working_days(conferences["s47e_s47_start_date"], conferences["icpc_icpc_date"])
    out["icpc_within_15"] = float((days <= 15).mean())
    ended = frames["ssd_cp_plans"].filter(
        pl.col("cppl_cp_plan_end_date").is_between(year_start, end)
    )
    lengths = (ended["cppl_cp_plan_end_date"] - ended["cppl_cp_plan_start_date"]).dt.total_days()
    out["cp_plans_two_years"] = float((lengths >= 730).mean())
    current = frames["ssd_cla_episodes"].filter(pl.col("clae_cla_episode_ceased_date").is_null())
    out["looked_after"] = current["clae_person_id"].n_unique()
    settled = current.join(
        frames["ssd_person"], left_on="clae_person_id", right_on="pers_person_id"
    ).filter(
        ((pl.lit(end) - pl.col("pers_dob")).dt.total_days() < 16 * 365.25)
        & ((pl.lit(end) - pl.col("clae_entered_care_date")).dt.total_days() >= 913)
    )
    placed_since = settled.join(
        frames["ssd_cla_placement"],
        left_on="clae_cla_placement_id",
        right_on="clap_cla_placement_id",
    )
    out["long_term_stability"] = float(
        (
            (
                pl.Series([end] * placed_since.height)
                - placed_since["clap_cla_placement_start_date"]
            ).dt.total_days()
            >= 730
        ).mean()
    )
    out |= _workforce(frames, end)
    return out


def _workforce(frames: dict[str, pl.DataFrame], end: date) -> dict[str, float]:
    """Caseload, agency, vacancy and turnover, averaged over five year-ends: a council's
    workforce is a few hundred people, so one day's snapshot is too noisy to calibrate on."""
    days = [end - timedelta(days=365 * k) for k in range(5)]
    snapshots = [_workforce_on(frames, day) for day in days]
    averaged = {key: sum(s[key] for s in snapshots) / len(snapshots) for key in snapshots[0]}
    leavers = sum(s["leavers"] for s in snapshots)
    in_post = sum(s["employed"] for s in snapshots)
    return {
        "caseload": averaged["caseload"],
        "agency_rate": averaged["agency_rate"],
        "vacancy_rate": averaged["vacancy_rate"],
        "turnover_rate": leavers / in_post,
    }


def _workforce_on(frames: dict[str, pl.DataFrame], day: date) -> dict[str, float]:
    in_post = (pl.col("ovem_start_date") <= day) & (
        pl.col("ovem_end_date").is_null() | (pl.col("ovem_end_date") >= day)
    )
    employment = frames["ovs_employment"]
    social_workers = employment.filter(pl.col("ovem_role").is_in(["SW", "TM"]))
    case_holders = employment.filter(pl.col("ovem_role") == "SW").filter(in_post)
    now = social_workers.filter(in_post)
    fte = case_holders["ovem_fte"].sum()
    agency = now.filter(pl.col("ovem_is_agency") == "Y")["ovem_fte"].sum()
    allocated = frames["ssd_involvements"].filter(
        (pl.col("invo_involvement_start_date") <= day)
        & (
            pl.col("invo_involvement_end_date").is_null()
            | (pl.col("invo_involvement_end_date") > day)
        )
        & ~pl.col("invo_professional_team").str.starts_with("T4")  # personal advisers' teams
    )
    establishment = (
        frames["ovs_establishment"]
        .filter(
            (pl.col("ovse_start_date") <= day)
            & (pl.col("ovse_end_date").is_null() | (pl.col("ovse_end_date") >= day))
            & ~pl.col("ovse_team_id").str.starts_with("T4")
        )["ovse_posts_fte"]
        .sum()
    )
    employed = now["ovem_fte"].sum() - agency
    leavers = social_workers.filter(
        (pl.col("ovem_is_agency") == "N")
        & pl.col("ovem_end_date").is_between(day - timedelta(days=364), day)
    )["ovem_fte"].sum()
    return {
        "caseload": allocated.height / fte,
        "agency_rate": agency / now["ovem_fte"].sum(),
        "vacancy_rate": (establishment - employed) / establishment,
        "employed": employed,
        "leavers": leavers,
    }


@pytest.fixture(scope="session")
def rates_of():
    """The oracle: ``rates_of(frames, end)`` gives the calibrated rates of a council."""
    return rates
