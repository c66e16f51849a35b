"""Export SSD frames as Ofsted's Annex A for an inspection date (SSD → return).

Each list covers a look-back window ending on the inspection date (``as_of``), as the Ofsted
template and D2I's SSD extracts describe (``timescales-and-indicators.md`` §2.4). "The six
months" is the window after the same day six months earlier up to and including ``as_of``
(``months_before``); "open at any time" is begun on or before ``as_of`` and not ended on or
before the window's first day.

====  ===========================  ============================================================
List  Rows                         Window
====  ===========================  ============================================================
1     contacts                     contact date in the six months before the inspection
2     early help episodes          started in the six months, or open on the inspection date
3     referrals                    referral date in the six months
4     assessments                  open at any time in the six months (``_lists_casework``)
5     section 47 enquiries         open at any time in the six months, with their ICPC
6     CIN episodes                 open at any time in the six months, except referrals that
                                   ended in no further action (only the subject of a referral)
7     child protection plans       open at any time in the six months
8     children looked after        one row per child looked after at any time in the six
                                   months: the latest episode begun by ``as_of``
                                   (``_lists_care``)
9     care leavers                 every row of ``ssd_care_leavers`` (the current cohort)
10    adoption decisions           decided by ``as_of`` and not yet ended by an adoption order
                                   or a reversed decision before the 12 months (``_lists_care``)
11    adopters                     header only, with a note (see ``NOT_EXPORTED``)
====  ===========================  ============================================================

Every child's Gender, Ethnicity, Date of Birth and Age come from ``ssd_person`` (``_frames``).
Counts "in the last 12 months" count the child's rows in the 12 months up to the row's own date,
not counting the row itself. Lists and columns the SSD cannot fill are left blank and named in
the notes (``BLANK``), never invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from oversight.core.returns.annex_a._codes import (
    CATEGORY_OF_ABUSE,
    ELIGIBILITY,
    SOURCES,
    SUITABLE,
    YES_NO,
    replace,
)
from oversight.core.returns.annex_a._frames import (
    MONTHS,
    YEAR,
    disability,
    finish,
    latest,
    months_before,
    people,
    table,
)
from oversight.core.returns.annex_a._lists_care import adoption, children_in_care
from oversight.core.returns.annex_a._lists_casework import (
    assessments,
    children_in_need,
    section_47_enquiries,
)
from oversight.core.returns.annex_a._spec import annex_a_spec
from oversight.core.returns.annex_a._workbook import AnnexA

__all__ = ["BLANK", "NOT_EXPORTED", "ExportedAnnexA", "export_annex_a", "months_before"]

NOT_EXPORTED = {
    11: "List 11 (adopters): the SSD holds no prospective adopters, so this list is left empty.",
}
"""Lists written with their header only, and why."""

BLANK = {
    7: "List 7: 'Subject to Emergency Protection Order…' and the allocated team and worker "
       "are left blank: the SSD does not hold them against a CP plan",
    8: "List 8: 'What is the permanence plan for this child?' is left blank: the SSD holds the "
       "plan as JSON in its own codes, which do not map one to one onto the template's; a "
       "placement type the template has no spelling for (K3, Z11–Z14, from 2026) is left blank",
    10: "List 10: 'Family identifier' is left blank: the SSD holds no adoptive family; 'Date the "
        "Child Entered Care' is blank when the decision names no period of care",
}  # fmt: skip
"""Per list, the columns the SSD cannot fill, and why."""


@dataclass(frozen=True)
class ExportedAnnexA:
    """An Annex A return and notes on what it leaves out."""

    annex: AnnexA
    notes: tuple[str, ...]


def export_annex_a(frames: Mapping[str, pl.DataFrame], *, as_of: date) -> ExportedAnnexA:
    """Annex A for an inspection on ``as_of`` from SSD ``frames``.

    Examples
    --------
    >>> frames = {
    ...     "ssd_person": pl.DataFrame({"pers_person_id": ["C1"], "pers_sex": ["F"],
    ...         "pers_ethnicity": ["WBRI"], "pers_dob": [date(2015, 6, 1)]}),
    ...     "ssd_contacts": pl.DataFrame({"cont_contact_id": ["K1"], "cont_person_id": ["C1"],
    ...         "cont_contact_date": [date(2024, 1, 10)], "cont_contact_source_code": ["6"]}),
    ... }
    >>> exported = export_annex_a(frames, as_of=date(2024, 3, 1))
    >>> exported.annex.lists[1].row(0)
    ('C1', 'b) Female', 'WBRI', datetime.date(2015, 6, 1), 8, datetime.date(2024, 1, 10), 'q) 6: Police')
    """
    start = months_before(as_of, MONTHS)
    children = people(frames, as_of)
    lists: dict[int, pl.DataFrame] = {}

    contacts = (
        table(frames, "ssd_contacts")
        .filter(pl.col("cont_contact_date").is_between(start, as_of, closed="right"))
        .sort("cont_person_id", "cont_contact_date", "cont_contact_id")
    )
    lists[1] = finish(1, contacts.select(
        pl.col("cont_person_id").alias("_person"),
        pl.col("cont_contact_date").alias("Date of Contact"),
        replace("cont_contact_source_code", SOURCES).alias("Contact Source"),
    ), children)  # fmt: skip

    early = table(frames, "ssd_early_help_episodes")
    begun = pl.col("earl_episode_start_date")
    ended = pl.col("earl_episode_end_date")
    early = early.filter(
        begun.is_between(start, as_of, closed="right")
        | ((begun <= as_of) & (ended.is_null() | (ended > as_of)))
    ).sort("earl_person_id", "earl_episode_start_date", "earl_episode_id")
    lists[2] = finish(2, early.select(
        pl.col("earl_person_id").alias("_person"),
        begun.alias("Assessment start date"),
        ended.alias("Assessment completion date"),
        pl.col("earl_episode_organisation").alias("Organisation completing assessment"),
    ), children)  # fmt: skip

    episodes = table(frames, "ssd_cin_episodes")
    counts = (
        episodes.select("cine_person_id", "cine_referral_date")
        .join(episodes.select("cine_person_id", pl.col("cine_referral_date").alias("_other")),
              on="cine_person_id")
        .filter(pl.col("_other").is_between(
            pl.col("cine_referral_date").dt.offset_by("-12mo"), pl.col("cine_referral_date"),
            closed="right"))
        .group_by("cine_person_id", "cine_referral_date")
        .agg(pl.len().cast(pl.Int64).alias("Number of Referrals in Last 12 Months"))
    )  # fmt: skip
    referrals = (
        episodes.filter(pl.col("cine_referral_date").is_between(start, as_of, closed="right"))
        .join(counts, on=["cine_person_id", "cine_referral_date"], how="left")
        .sort("cine_person_id", "cine_referral_date", "cine_referral_id")
    )
    lists[3] = finish(3, referrals.select(
        pl.col("cine_person_id").alias("_person"),
        pl.col("cine_referral_date").alias("Date of referral"),
        replace("cine_referral_source_code", SOURCES).alias("Referral Source"),
        replace("cine_referral_nfa", YES_NO).alias("Referral NFA?"),
        # Counted including this referral: the SSD's D2I extract counts the same way.
        (pl.col("Number of Referrals in Last 12 Months") - 1).alias(
            "Number of Referrals in Last 12 Months"),
        pl.col("cine_referral_team").alias("Allocated Team"),
        pl.col("cine_referral_worker_id").alias("Allocated Worker"),
    ), children)  # fmt: skip

    lists[7] = finish(7, _child_protection(frames, start, as_of), children)
    lists[7] = lists[7].with_columns(
        pl.col("Does the Child have a Disability").fill_null(pl.lit(None, dtype=pl.String))
    )
    lists[9] = finish(9, _care_leavers(frames), children)
    year_start = months_before(as_of, YEAR)
    lists[4] = finish(4, assessments(frames, start, as_of), children)
    lists[5] = finish(5, section_47_enquiries(frames, start, as_of), children)
    lists[6] = finish(6, children_in_need(frames, start, as_of), children)
    lists[8] = finish(8, children_in_care(frames, start, as_of), children)
    lists[10] = finish(10, adoption(frames, year_start, as_of), children)
    lists = dict(sorted(lists.items()))
    notes = [f"List {n}: {why}" for n, why in NOT_EXPORTED.items()]
    notes.extend(BLANK.values())
    return ExportedAnnexA(AnnexA(lists, as_of=as_of, notes=dict(NOT_EXPORTED)), tuple(notes))


def _child_protection(frames: Mapping[str, pl.DataFrame], start: date, as_of: date) -> pl.DataFrame:
    """List 7 rows: CP plans open at any time in the window, with their latest visit and review."""
    plans = table(frames, "ssd_cp_plans")
    begun, ended = pl.col("cppl_cp_plan_start_date"), pl.col("cppl_cp_plan_end_date")
    previous = (
        plans.select("cppl_cp_plan_id", "cppl_person_id", "cppl_cp_plan_start_date")
        .join(plans.select("cppl_person_id", pl.col("cppl_cp_plan_start_date").alias("_other")),
              on="cppl_person_id")
        .group_by("cppl_cp_plan_id")
        .agg((pl.col("_other") < pl.col("cppl_cp_plan_start_date")).sum().cast(pl.Int64)
             .alias("Number of Previous Child Protection Plans"))
    )  # fmt: skip
    visits = latest(table(frames, "ssd_cp_visits"), "cppv_cp_plan_id", "cppv_cp_visit_date",
                     "cppv_cp_visit_id", as_of)  # fmt: skip
    reviews = latest(table(frames, "ssd_cp_reviews"), "cppr_cp_plan_id",
                      "cppr_cp_review_date", "cppr_cp_review_id", as_of)  # fmt: skip
    open_plans = (
        plans.filter((begun <= as_of) & (ended.is_null() | (ended > start)))
        .join(previous, on="cppl_cp_plan_id", how="left")
        .join(visits.select("cppv_cp_plan_id", "cppv_cp_visit_date", "cppv_cp_visit_seen_alone"),
              left_on="cppl_cp_plan_id", right_on="cppv_cp_plan_id", how="left")
        .join(reviews.select("cppr_cp_plan_id", "cppr_cp_review_date"),
              left_on="cppl_cp_plan_id", right_on="cppr_cp_plan_id", how="left")
        .join(disability(frames), left_on="cppl_person_id", right_on="disa_person_id",
              how="left")
        .sort("cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_id")
    )  # fmt: skip
    return open_plans.select(
        pl.col("cppl_person_id").alias("_person"),
        pl.col("Does the Child have a Disability"),
        begun.alias("Child Protection Plan Start Date"),
        replace("cppl_cp_plan_initial_category", CATEGORY_OF_ABUSE).alias(
            "Initial Category of Abuse"),
        replace("cppl_cp_plan_latest_category", CATEGORY_OF_ABUSE).alias(
            "Latest Category of Abuse"),
        pl.col("cppv_cp_visit_date").alias("Date of the Last Statutory Visit"),
        replace("cppv_cp_visit_seen_alone", YES_NO).alias("Was the Child Seen Alone?"),
        pl.col("cppr_cp_review_date").alias("Date of latest review conference"),
        ended.alias("Child Protection Plan End Date"),
        pl.col("Number of Previous Child Protection Plans"),
    )  # fmt: skip


def _care_leavers(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """List 9 rows: the care leavers of ``ssd_care_leavers``, with UASC and disability."""
    spec = next(c for c in annex_a_spec()[9].columns if c.name == "Activity Status")
    activity = {code.split(":")[0]: code for code in spec.codes}
    uasc = (
        table(frames, "ssd_immigration_status")
        .filter(pl.col("immi_immigration_status") == "UASC")
        .select(pl.col("immi_person_id").unique(), pl.lit("Yes").alias("_uasc"))
    )
    leavers = (
        table(frames, "ssd_care_leavers")
        .join(uasc, left_on="clea_person_id", right_on="immi_person_id", how="left")
        .join(disability(frames), left_on="clea_person_id", right_on="disa_person_id",
              how="left")
        .sort("clea_person_id", "clea_table_id")
    )  # fmt: skip
    return leavers.select(
        pl.col("clea_person_id").alias("_person"),
        pl.col("_uasc").fill_null("No").alias(
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"),
        pl.col("Does the Child have a Disability"),
        pl.col("clea_care_leaver_allocated_team").alias("Allocated Team"),
        pl.col("clea_care_leaver_worker_id").alias("Allocated Worker"),
        pl.col("clea_care_leaver_personal_advisor").alias("Allocated Personal Advisor"),
        replace("clea_care_leaver_eligibility", ELIGIBILITY).alias("Eligibility Category"),
        pl.col("clea_pathway_plan_review_date").alias("Latest Pathway Plan Review Date"),
        pl.col("clea_care_leaver_in_touch").alias("LA in Touch"),
        pl.col("clea_care_leaver_latest_contact").alias("Latest Date of Contact"),
        pl.col("clea_care_leaver_accommodation").alias("Type of Accommodation"),
        replace("clea_care_leaver_accom_suitable", SUITABLE).alias(
            "Suitability of Accommodation"),
        replace("clea_care_leaver_activity", activity).alias("Activity Status"),
    )  # fmt: skip
