"""Lists 8 and 10 of Annex A from SSD frames: children in care and adoption.

List 8 has one row per child looked after at any time in the six months before the inspection:
of the child's care episodes open at any time in the window, the latest begun of those still
open on the inspection date, or else the latest begun. Its placement is the episode's; its review and social-work visit are the latest of
its period of care (``clae_cla_id``) on or before the inspection date; its legal status, health
assessment (IHA or RHA) and dental check the child's latest by then; its allocated team and
worker the child's allocated worker (``ssd_involvements``) on the inspection date. An episode that
ceased with X1 (a new episode followed) is not a child ceasing to be looked after: its ceased date
and reason are left blank. The "last 12 months" columns count over the 12 months up to the
inspection.

List 10 has one row per adoption decision (``ssd_permanence`` with a decision date) made by the
inspection date and not ended, by an adoption order or a reversed decision, before the 12 months
before it: the children adopted, still waiting, or whose plan changed in those 12 months.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from oversight.core.returns.annex_a._codes import (
    LEGAL_STATUS,
    OUT_OF_AREA,
    PLACEMENT_PROVIDER,
    PLACEMENT_TYPE,
    PRIMARY_NEED,
    REASON_CEASED,
    REVERSED_REASON,
    YES_NO,
    replace,
)
from oversight.core.returns.annex_a._frames import (
    YEAR,
    disability,
    latest,
    months_before,
    open_between,
    table,
)
from oversight.core.ssd.codes import ALLOCATED_WORKER_ROLE

UASC_8 = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
SECOND = (
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)"
)
HEALTH_ASSESSMENTS = ("IHA", "RHA")


def _yes_when(people: pl.Series) -> pl.Expr:
    return (
        pl.when(pl.col("_person").is_in(people.implode()))
        .then(pl.lit("Yes"))
        .otherwise(pl.lit("No"))
    )


def _last_check(
    frames: Mapping[str, pl.DataFrame], kinds: tuple[str, ...], as_of: date
) -> pl.DataFrame:
    """Per child, the date of the latest completed health check of ``kinds`` by ``as_of``."""
    status = pl.col("clah_health_check_status")
    return (
        table(frames, "ssd_cla_health")
        .filter(pl.col("clah_health_check_type").is_in(kinds)
                & (status.is_null() | (status == "Completed")))
        .pipe(latest, "clah_person_id", "clah_health_check_date", "clah_health_check_id", as_of)
        .select(pl.col("clah_person_id").alias("_person"), "clah_health_check_date")
    )  # fmt: skip


def _missing(frames: Mapping[str, pl.DataFrame], year_start: date, as_of: date) -> pl.DataFrame:
    """Per child: missing and absent episodes in the 12 months, and the last one's interview."""
    spells = table(frames, "ssd_missing").filter(
        pl.col("miss_missing_episode_start_date").is_between(year_start, as_of, closed="right")
    )
    kind = pl.col("miss_missing_episode_type")
    counts = spells.group_by("miss_person_id").agg(
        (kind == "M").sum().cast(pl.Int64).alias("_missing"),
        (kind == "A").sum().cast(pl.Int64).alias("_absent"),
    )
    last = latest(spells.filter(kind == "M"), "miss_person_id", "miss_missing_episode_start_date",
                  "miss_table_id", as_of)  # fmt: skip
    return counts.join(
        last.select("miss_person_id", "miss_missing_rhi_offered", "miss_missing_rhi_accepted"),
        on="miss_person_id", how="left",
    ).rename({"miss_person_id": "_person"})  # fmt: skip


def children_in_care(frames: Mapping[str, pl.DataFrame], start: date, as_of: date) -> pl.DataFrame:
    """List 8 rows: one per child looked after at any time in the window."""
    year_start = months_before(as_of, YEAR)
    episodes = table(frames, "ssd_cla_episodes")
    entered = pl.coalesce("clae_entered_care_date", "clae_cla_episode_start_date")
    begun, ceased = pl.col("clae_cla_episode_start_date"), pl.col("clae_cla_episode_ceased_date")
    current = (
        episodes.filter(open_between(begun, ceased, start, as_of))
        .with_columns((ceased.is_null() | (ceased > as_of)).alias("_open"))
        .sort("clae_person_id", "_open", "clae_cla_episode_start_date", "clae_cla_episode_id")
        .group_by("clae_person_id", maintain_order=True)
        .last()
        .with_columns(pl.col("clae_person_id").alias("_person"), entered.alias("_entered"))
    )  # fmt: skip
    earlier = (
        episodes.select("clae_person_id", entered.alias("_other"))
        .filter(pl.col("_other").is_between(year_start, as_of, closed="right"))
        .join(current.select("clae_person_id", "_entered"), on="clae_person_id")
        .filter(pl.col("_other") < pl.col("_entered"))["clae_person_id"]
    )  # fmt: skip
    immigration = table(frames, "ssd_immigration_status")
    begun = pl.col("immi_immigration_status_start_date")
    uasc = immigration.filter(
        (pl.col("immi_immigration_status") == "UASC")
        & (begun.is_null() | (begun <= as_of))
        & (pl.col("immi_immigration_status_end_date").is_null()
           | (pl.col("immi_immigration_status_end_date") > year_start))
    )["immi_person_id"]  # fmt: skip
    placements = table(frames, "ssd_cla_placement")
    placed_with = placements.join(
        episodes.select("clae_cla_placement_id", "clae_person_id").unique("clae_cla_placement_id"),
        left_on="clap_cla_placement_id", right_on="clae_cla_placement_id", how="left",
    )  # fmt: skip
    placement_count = (
        placed_with.filter(open_between(pl.col("clap_cla_placement_start_date"),
                                        pl.col("clap_cla_placement_end_date"), year_start, as_of))
        .group_by(pl.coalesce("clap_person_id", "clae_person_id").alias("_person"))
        .agg(pl.col("clap_cla_placement_id").n_unique().cast(pl.Int64).alias("_placements"))
    )  # fmt: skip
    reviews = latest(table(frames, "ssd_cla_reviews").filter(
        pl.col("clar_cla_review_cancelled").ne_missing("Y")),
        "clar_cla_id", "clar_cla_review_date", "clar_cla_review_id", as_of)  # fmt: skip
    visits = latest(table(frames, "ssd_cla_visits"), "clav_cla_id", "clav_cla_visit_date",
                    "clav_cla_visit_id", as_of)  # fmt: skip
    legal = latest(table(frames, "ssd_legal_status"), "lega_person_id",
                   "lega_legal_status_start_date", "lega_legal_status_id", as_of)  # fmt: skip
    role = pl.col("invo_professional_role_id")
    involvements = table(frames, "ssd_involvements").filter(
        (role.is_null() | (role == ALLOCATED_WORKER_ROLE))
        & open_between(pl.col("invo_involvement_start_date"), pl.col("invo_involvement_end_date"),
                       as_of, as_of)
    )  # fmt: skip
    allocated = latest(involvements, "invo_person_id", "invo_involvement_start_date",
                       "invo_involvements_id", as_of)  # fmt: skip
    rows = (
        current.join(placements, left_on="clae_cla_placement_id",
                     right_on="clap_cla_placement_id", how="left")
        .join(table(frames, "ovs_placement_locations"), left_on="clae_cla_placement_id",
              right_on="ovpl_placement_id", how="left")
        .join(reviews.select("clar_cla_id", "clar_cla_review_date"), left_on="clae_cla_id",
              right_on="clar_cla_id", how="left")
        .join(visits.select("clav_cla_id", "clav_cla_visit_date"), left_on="clae_cla_id",
              right_on="clav_cla_id", how="left")
        .join(legal.select(pl.col("lega_person_id").alias("_person"), "lega_legal_status",
                           "lega_legal_status_start_date"), on="_person", how="left")
        .join(_last_check(frames, HEALTH_ASSESSMENTS, as_of), on="_person", how="left")
        .join(_last_check(frames, ("DENTAL",), as_of), on="_person", how="left",
              suffix="_dental")
        .join(placement_count, on="_person", how="left")
        .join(_missing(frames, year_start, as_of), on="_person", how="left")
        .join(allocated.select(pl.col("invo_person_id").alias("_person"),
                               "invo_professional_team", "invo_professional_id"),
              on="_person", how="left")
        .join(disability(frames), left_on="_person", right_on="disa_person_id", how="left")
        .sort("_person")
    )  # fmt: skip
    ceased = pl.col("clae_cla_episode_ceased_reason") != "X1"
    return rows.select(
        "_person",
        _yes_when(uasc).alias(UASC_8),
        "Does the Child have a Disability",
        pl.col("_entered").alias("Date Started to be Looked After"),
        replace("clae_cla_primary_need_code", PRIMARY_NEED).alias("Child's Category of Need"),
        _yes_when(earlier).alias(SECOND),
        pl.col("lega_legal_status_start_date").alias("Start date of current legal status"),
        replace("lega_legal_status", LEGAL_STATUS).alias("Child's Legal Status"),
        pl.col("clar_cla_review_date").alias("Date of Latest Statutory Review"),
        pl.col("clav_cla_visit_date").alias("Date of Last Social Work Visit"),
        pl.col("clae_cla_last_iro_contact_date").alias(
            "Date of Last IRO Visit / Contact to the Child"),
        pl.col("clah_health_check_date").alias("Date of Last Health Assessment"),
        pl.col("clah_health_check_date_dental").alias("Date of Last Dental Check"),
        pl.col("_placements").fill_null(0).alias("Number of Placements in the Last 12 months"),
        pl.when(ceased).then(pl.col("clae_cla_episode_ceased_date")).alias(
            "Date Ceased to be Looked After"),
        pl.when(ceased).then(replace("clae_cla_episode_ceased_reason", REASON_CEASED)).alias(
            "Reason Ceased to be Looked After"),
        pl.col("clap_cla_placement_start_date").alias("Start Date of Most Recent Placement"),
        replace("clap_cla_placement_type", PLACEMENT_TYPE).alias("Placement Type"),
        replace("clap_cla_placement_provider", PLACEMENT_PROVIDER).alias("Placement Provider"),
        pl.col("clap_cla_placement_postcode").alias("Placement postcode"),
        pl.col("clap_cla_placement_urn").alias("URN of Placement"),
        replace("ovpl_is_out_of_area", OUT_OF_AREA).alias("Placement Location"),
        pl.col("ovpl_placement_la").alias("LA of Placement"),
        pl.col("_missing").fill_null(0).alias(
            "Number of Episodes the Child has been 'Missing' from their Placement in the last "
            "12 months"),
        pl.col("_absent").fill_null(0).alias(
            "Number of Episodes the Child has been 'Absent' from their Placement in the last "
            "12 months"),
        replace("miss_missing_rhi_offered", YES_NO).alias(
            "Was the child offered a Return Interview after their last missing episode (Y/N)?"),
        replace("miss_missing_rhi_accepted", YES_NO).alias(
            "Did the child accept a Return Interview after their last missing episode (Y/N)?"),
        pl.col("invo_professional_team").alias("Allocated Team"),
        pl.col("invo_professional_id").alias("Allocated Worker"),
    )  # fmt: skip


def adoption(frames: Mapping[str, pl.DataFrame], year_start: date, as_of: date) -> pl.DataFrame:
    """List 10 rows: adoption decisions open at any time in the 12 months before ``as_of``."""
    decided = pl.col("perm_adm_decision_date")
    ended = pl.min_horizontal("perm_permanence_order_date", "perm_decision_reversed_date")
    episodes = table(frames, "ssd_cla_episodes")
    entered = episodes.group_by("clae_cla_id").agg(
        pl.coalesce("clae_entered_care_date", "clae_cla_episode_start_date").min()
        .alias("Date the Child Entered Care")
    )  # fmt: skip
    rows = (
        table(frames, "ssd_permanence")
        .filter(decided.is_not_null() & open_between(decided, ended, year_start, as_of))
        .join(entered, left_on="perm_cla_id", right_on="clae_cla_id", how="left")
        .join(disability(frames), left_on="perm_person_id", right_on="disa_person_id", how="left")
        .sort("perm_person_id", "perm_adm_decision_date", "perm_table_id")
    )  # fmt: skip
    return rows.select(
        pl.col("perm_person_id").alias("_person"),
        "Does the Child have a Disability",
        "Date the Child Entered Care",
        decided.alias("Date of Decision that Child Should be Placed for Adoption"),
        pl.col("perm_placement_order_date").alias("Date of Placement Order"),
        pl.col("perm_matched_date").alias("Date of Matching Child and Prospective Adopters"),
        pl.col("perm_placed_for_adoption_date").alias("Date Placed for Adoption"),
        pl.col("perm_permanence_order_date").alias("Date of Adoption Order"),
        pl.col("perm_decision_reversed_date").alias(
            "Date of Decision that Child Should No Longer be Placed for Adoption"),
        replace("perm_decision_reversed_reason", REVERSED_REASON).alias(
            "Reason Why Child No Longer Placed for Adoption"),
        pl.col("perm_placed_ffa_cp_date").alias(
            "Date the child was placed for fostering in FFA or concurrent planning placement"),
    )  # fmt: skip
