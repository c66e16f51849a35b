"""Load Annex A into SSD frames (return → SSD).

::

    AnnexA ─► ssd_person: every child named in any list (Gender, Ethnicity, Date of Birth; the
              first list naming a child wins where lists disagree)
           ─► list 1 → ssd_contacts, list 2 → ssd_early_help_episodes, list 3 → ssd_cin_episodes
           ─► list 4 → ssd_cin_assessments; list 5 → ssd_s47_enquiry, with the conference
              (ssd_initial_cp_conference) the row dates; list 6 → ssd_cin_episodes, with the
              visit at which the child was last seen (ssd_cin_visits)  (``_load_casework``)
           ─► list 7 → ssd_cp_plans, with the last statutory visit (ssd_cp_visits) and the
              latest review conference (ssd_cp_reviews) of each plan
           ─► list 8 → one period of care: ssd_cla_episodes, ssd_cla_placement,
              ovs_placement_locations, ssd_legal_status, ssd_cla_reviews, ssd_cla_visits,
              ssd_cla_health, and an undated UASC row of ssd_immigration_status  (``_load_care``)
           ─► list 9 → ssd_care_leavers, and a UASC row of ssd_immigration_status (no dates)
              for each care leaver marked as (formerly) UASC
           ─► list 10 → ssd_permanence, linked to list 8's period of care; for a child list 8
              does not name, the period of care the decision evidences (ssd_cla_episodes: the
              date the child entered care, ceased on the adoption order)  (``_load_care``)

Annex A has no ids but the child's: the others are minted from the child, the kind of row and its
date (``C1/contact/2024-01-10``; a second row of the same child and date gets ``/2``), so loading
the same workbook twice gives the same ids. Where two lists describe the same SSD row they mint
the same id: list 3's and list 6's referral (``C1/referral/<date>``), list 8's and list 9's UASC
status. Such rows become one, deduplicated by id (the child and date): each column comes from the
first list that gives it, in list order (``_merged``), so nothing either list says is lost.

Coded values keep their detail where the cell names it (``b) 1B: Individual`` → ``1B``,
``a) E11: Adopted …`` → ``E11``), and otherwise the one code the specification's group stands
for (``a) Abuse or neglect`` → ``N1``; a group of several codes loads as absent). Derived columns
(ages, counts in the last 12 months, list 6's case status, list 8's second period of care) are
not loaded, nor are list 8's return interviews and allocated worker (their missing episode and
allocation are undated in the list), nor "Does the Child have a Disability" (a yes or no names no
SSD disability code); list 11 is not loaded (the SSD holds no adopters). Absent values stay
absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from oversight.core.returns.annex_a._cells import CHILD, coded, source, yes_no
from oversight.core.returns.annex_a._codes import (
    CARE_LEAVER_CODE,
    CATEGORY_OF_ABUSE_BY_CODE,
    ELIGIBILITY_BY_CODE,
    ETHNICITY_IN_TEXT,
    SEX_BY_CODE,
    SUITABLE_BY_CODE,
    YES_NO_BY_CODE,
)
from oversight.core.returns.annex_a._load_care import adoption, children_in_care
from oversight.core.returns.annex_a._load_casework import (
    assessments,
    children_in_need,
    section_47_enquiries,
)
from oversight.core.returns.annex_a._workbook import AnnexA
from oversight.core.returns.ssda903._ids import mint
from oversight.core.ssd import TABLES
from oversight.core.ssd.codes import CODES

LOADED = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
"""The lists loaded into the SSD."""


@dataclass(frozen=True)
class LoadedAnnexA:
    """SSD frames from an Annex A return, and notes on what was not loaded."""

    frames: dict[str, pl.DataFrame]
    notes: tuple[str, ...]


def _people(annex: AnnexA) -> pl.DataFrame:
    ethnicities = list(CODES[("ssd_person", "pers_ethnicity")])
    rows = [
        frame.select(
            pl.col(CHILD).alias("pers_person_id"),
            coded(number, "Gender")
            .replace_strict(SEX_BY_CODE, default=None, return_dtype=pl.String)
            .alias("pers_sex"),
            pl.col("Ethnicity").str.extract(ETHNICITY_IN_TEXT, 1).alias("pers_ethnicity"),
            pl.col("Date of Birth").alias("pers_dob"),
        )
        for number, frame in sorted(annex.lists.items())
        if CHILD in frame.columns and frame.height
    ]
    if not rows:
        return TABLES["ssd_person"].empty()
    people = (
        pl.concat(rows)
        .with_columns(
            pl.when(pl.col("pers_ethnicity").is_in(ethnicities)).then(pl.col("pers_ethnicity"))
        )
        .group_by("pers_person_id", maintain_order=True)
        .agg(pl.all().drop_nulls().first())
        .sort("pers_person_id")
    )
    return TABLES["ssd_person"].complete(people)


def load_annex_a(annex: AnnexA) -> LoadedAnnexA:
    """SSD frames (complete with the SSD's columns) from ``annex``.

    Examples
    --------
    >>> from datetime import date
    >>> lists = {1: pl.DataFrame({"Child Unique ID": ["C1"], "Gender": ["Female"],
    ...     "Ethnicity": ["a) WBRI"], "Date of Birth": [date(2015, 6, 1)],
    ...     "Age of Child (Years)": [8], "Date of Contact": [date(2024, 1, 10)],
    ...     "Contact Source": ["q) 6: Police"]})}
    >>> loaded = load_annex_a(AnnexA(lists))
    >>> loaded.frames["ssd_person"].select("pers_person_id", "pers_sex", "pers_ethnicity").row(0)
    ('C1', 'F', 'WBRI')
    >>> loaded.frames["ssd_contacts"].select("cont_contact_id", "cont_contact_source_code").row(0)
    ('C1/contact/2024-01-10', '6')
    """
    lists = annex.lists
    frames: dict[str, pl.DataFrame] = {}
    if 1 in lists:
        contacts = lists[1].sort(CHILD, "Date of Contact", maintain_order=True)
        frames["ssd_contacts"] = TABLES["ssd_contacts"].complete(contacts.select(
            mint("contact", CHILD, "Date of Contact").alias("cont_contact_id"),
            pl.col(CHILD).alias("cont_person_id"),
            pl.col("Date of Contact").alias("cont_contact_date"),
            source(1, "Contact Source").alias("cont_contact_source_code"),
        ))  # fmt: skip
    if 2 in lists:
        early = lists[2].sort(CHILD, "Assessment start date", maintain_order=True)
        frames["ssd_early_help_episodes"] = TABLES["ssd_early_help_episodes"].complete(
            early.select(
                mint("early-help", CHILD, "Assessment start date").alias("earl_episode_id"),
                pl.col(CHILD).alias("earl_person_id"),
                pl.col("Assessment start date").alias("earl_episode_start_date"),
                pl.col("Assessment completion date").alias("earl_episode_end_date"),
                pl.col("Organisation completing assessment").alias("earl_episode_organisation"),
            )
        )
    if 3 in lists:
        referrals = lists[3].sort(CHILD, "Date of referral", maintain_order=True)
        frames["ssd_cin_episodes"] = TABLES["ssd_cin_episodes"].complete(referrals.select(
            mint("referral", CHILD, "Date of referral").alias("cine_referral_id"),
            pl.col(CHILD).alias("cine_person_id"),
            pl.col("Date of referral").alias("cine_referral_date"),
            source(3, "Referral Source").alias("cine_referral_source_code"),
            coded(3, "Referral NFA?").replace_strict(YES_NO_BY_CODE, default=None,
                                                      return_dtype=pl.String)
            .alias("cine_referral_nfa"),
            pl.col("Allocated Team").alias("cine_referral_team"),
            pl.col("Allocated Worker").alias("cine_referral_worker_id"),
        ))  # fmt: skip
    parts: list[dict[str, pl.DataFrame]] = [{"ssd_person": _people(annex)}, frames]
    for number, loader in LOADERS.items():
        if number in lists:
            parts.append(loader(lists[number]))
    skipped = sorted(n for n, frame in lists.items() if n not in LOADED and frame.height)
    notes = [f"List {n}: {lists[n].height:,} rows not loaded (the SSD holds no adopters)"
             for n in skipped]  # fmt: skip
    if 10 in lists:
        in_care = lists[8][CHILD] if 8 in lists else pl.Series(CHILD, [], pl.String)
        parts.append(adoption(lists[10], in_care=in_care))
        notes.extend(_minted_note(parts[-1]["ssd_cla_episodes"]))
    frames = _merged(parts)
    notes.append(
        "Age, counts in the last 12 months, List 6's case status, List 8's second period of "
        "care, missing episodes, return interviews and allocated worker, and disability (yes or "
        "no) are not loaded: they are derived from rows the lists do not carry, or (disability) "
        "a yes or no names no SSD disability code"
    )
    return LoadedAnnexA(frames, tuple(notes))


def _minted_note(episodes: pl.DataFrame) -> list[str]:
    """The load note counting the periods of care minted from list 10 (none: no note)."""
    if episodes.is_empty():
        return []
    count = episodes.height
    undated = episodes["clae_cla_episode_start_date"].null_count()
    unknown = (
        f"; {undated:,} undated, as no decision gives the date the child entered care"
        if undated
        else ""
    )
    return [
        f"List 10: {count:,} period{'s' if count != 1 else ''} of care minted for children with "
        f"an adoption decision whom List 8 does not name (adopted or left care before its six "
        f"months): each begins on the date the child entered care and ends on the adoption "
        f"order, if any; placement, legal status and reason ceased are left blank{unknown}"
    ]


def _merged(parts: list[dict[str, pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    """One frame per table: rows with the same id (list 3's and list 6's referral, list 8's and
    list 9's UASC status) become one, each column from the first list that gives it."""
    frames: dict[str, pl.DataFrame] = {}
    for name in dict.fromkeys(name for part in parts for name in part):
        found = [part[name] for part in parts if name in part]
        if len(found) == 1:
            frames[name] = found[0]
            continue
        key = list(TABLES[name].primary_key)
        merged = (
            pl.concat(found).group_by(key, maintain_order=True).agg(pl.all().drop_nulls().first())
        )
        frames[name] = TABLES[name].complete(merged)
    return frames


def _child_protection(rows: pl.DataFrame) -> dict[str, pl.DataFrame]:
    start = "Child Protection Plan Start Date"
    plans = rows.sort(CHILD, start, maintain_order=True).with_columns(
        mint("cp-plan", CHILD, start).alias("_plan")
    )
    category = {
        column: coded(7, column).replace_strict(
            CATEGORY_OF_ABUSE_BY_CODE, default=None, return_dtype=pl.String
        )
        for column in ("Initial Category of Abuse", "Latest Category of Abuse")
    }
    visit = pl.col("Date of the Last Statutory Visit")
    review = pl.col("Date of latest review conference")
    return {
        "ssd_cp_plans": TABLES["ssd_cp_plans"].complete(plans.select(
            pl.col("_plan").alias("cppl_cp_plan_id"),
            pl.col(CHILD).alias("cppl_person_id"),
            pl.col(start).alias("cppl_cp_plan_start_date"),
            pl.col("Child Protection Plan End Date").alias("cppl_cp_plan_end_date"),
            category["Initial Category of Abuse"].alias("cppl_cp_plan_initial_category"),
            category["Latest Category of Abuse"].alias("cppl_cp_plan_latest_category"),
        )),
        "ssd_cp_visits": TABLES["ssd_cp_visits"].complete(plans.filter(visit.is_not_null()).select(
            (pl.col("_plan") + "/visit").alias("cppv_cp_visit_id"),
            pl.col(CHILD).alias("cppv_person_id"),
            pl.col("_plan").alias("cppv_cp_plan_id"),
            visit.alias("cppv_cp_visit_date"),
            yes_no(7, "Was the Child Seen Alone?").alias("cppv_cp_visit_seen_alone"),
        )),
        "ssd_cp_reviews": TABLES["ssd_cp_reviews"].complete(plans.filter(review.is_not_null())
            .select(
            (pl.col("_plan") + "/review").alias("cppr_cp_review_id"),
            pl.col(CHILD).alias("cppr_person_id"),
            pl.col("_plan").alias("cppr_cp_plan_id"),
            review.alias("cppr_cp_review_date"),
        )),
    }  # fmt: skip


UASC_9 = "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"


def _care_leavers(rows: pl.DataFrame) -> dict[str, pl.DataFrame]:
    leavers = rows.sort(CHILD, maintain_order=True)

    def code(column: str) -> pl.Expr:
        return pl.col(column).str.extract(CARE_LEAVER_CODE, 1)

    return {
        "ssd_care_leavers": TABLES["ssd_care_leavers"].complete(leavers.select(
            mint("care-leaver", CHILD).alias("clea_table_id"),
            pl.col(CHILD).alias("clea_person_id"),
            coded(9, "Eligibility Category").replace_strict(
                ELIGIBILITY_BY_CODE, default=None, return_dtype=pl.String
            ).alias("clea_care_leaver_eligibility"),
            code("LA in Touch").alias("clea_care_leaver_in_touch"),
            pl.col("Latest Date of Contact").alias("clea_care_leaver_latest_contact"),
            code("Type of Accommodation").alias("clea_care_leaver_accommodation"),
            coded(9, "Suitability of Accommodation").replace_strict(
                SUITABLE_BY_CODE, default=None, return_dtype=pl.String
            ).alias("clea_care_leaver_accom_suitable"),
            code("Activity Status").alias("clea_care_leaver_activity"),
            pl.col("Latest Pathway Plan Review Date").alias("clea_pathway_plan_review_date"),
            pl.col("Allocated Personal Advisor").alias("clea_care_leaver_personal_advisor"),
            pl.col("Allocated Team").alias("clea_care_leaver_allocated_team"),
            pl.col("Allocated Worker").alias("clea_care_leaver_worker_id"),
        )),
        "ssd_immigration_status": TABLES["ssd_immigration_status"].complete(
            leavers.filter(yes_no(9, UASC_9) == "Y").select(
                mint("uasc", CHILD).alias("immi_immigration_status_id"),
                pl.col(CHILD).alias("immi_person_id"),
                pl.lit("UASC").alias("immi_immigration_status"),
            )
        ),
    }  # fmt: skip


LOADERS: dict[int, Callable[[pl.DataFrame], dict[str, pl.DataFrame]]] = {
    4: assessments, 5: section_47_enquiries, 6: children_in_need,
    7: _child_protection, 8: children_in_care, 9: _care_leavers,
}  # fmt: skip
"""List → the SSD frames of its rows, in the order lists win when they describe the same row.
List 10 is loaded after them (``adoption``): it needs list 8's children."""
