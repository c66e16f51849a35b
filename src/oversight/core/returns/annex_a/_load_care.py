"""Lists 8 and 10 of Annex A into SSD frames: children in care and adoption.

A list 8 row is one child's period of care (``clae_cla_id``: the child, ``care`` and the date
started to be looked after) with its latest episode, whose placement, legal status, review,
social-work visit, health assessment and dental check hang off it (``…/placement``,
``…/review`` …). The episode begins when its latest placement or legal status began, the later
of the two (a 903 episode begins at each change of either), or when the period did; it ends,
with its placement and legal status, when the child ceased to be looked after. A health
assessment is loaded as a review health assessment (RHA), as the 903 loader does; checks are
loaded as completed. A list 10 row is one adoption decision (``ssd_permanence``), linked to the
period of care it names by the date the child entered care (``perm_cla_id``).

The SSD holds adoption decisions only of children in care (``perm_person_id`` must name a child
with an episode), but list 10 looks back 12 months and list 8 six: a child adopted before list
8's window has a decision and no list 8 row. For such a child list 10 itself evidences a period of
care, and one episode is minted for each period its rows name (``C1/care/<date entered>``, as list
8 mints): it begins on "Date the Child Entered Care" and ceases on the earliest "Date of Adoption
Order" given (the order ends care), else stays open, as list 10 does not say when else the child
left. Nothing else is filled: list 10 states no reason ceased (an order is E11 or E12, which it
does not say), placement, legal status or need. A child list 8 names gets no period minted: list
8 gives the child's care, and another period beside it could only be guessed to have ended.

When none of such a child's rows gives the date the child entered care (our export leaves it
blank for a decision that names no period), one undated period is minted (``C1/care/-``, no start,
ceased on the adoption order if given), and the decisions name it (an undated decision of a child
whose other decisions give the date names no period: theirs holds the child in care). It keeps every date
it gives and invents none, where refusing the workbook would block the load over a blank the
template allows, and dropping the decision would lose it. An undated episode is open on no date:
the measures and Annex A's windows, which need a start, pass over it. The load notes count the
periods minted.
"""

from __future__ import annotations

import polars as pl

from oversight.core.returns.annex_a._cells import CHILD, by_code, detailed, yes_no
from oversight.core.returns.annex_a._codes import (
    LEGAL_STATUS,
    OUT_OF_AREA_BY_CODE,
    PLACEMENT_PROVIDER,
    PLACEMENT_TYPE,
    PRIMARY_NEED,
    REASON_CEASED,
    REVERSED_REASON,
)
from oversight.core.returns.ssda903._ids import NO_DATE, mint
from oversight.core.ssd import TABLES

STARTED = "Date Started to be Looked After"
CEASED = "Date Ceased to be Looked After"
PLACED = "Start Date of Most Recent Placement"
LEGAL_START = "Start date of current legal status"
UASC_8 = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
ADOPTION_ORDER = "Adoption order"
"""``perm_permanence_order_type`` of the order list 10 dates."""
ENTERED = "Date the Child Entered Care"
DECIDED = "Date of Decision that Child Should be Placed for Adoption"
ORDERED = "Date of Adoption Order"


def _table(name: str, rows: pl.DataFrame, when: pl.Expr, *columns: pl.Expr) -> pl.DataFrame:
    return TABLES[name].complete(rows.filter(when).select(*columns))


def _check(rows: pl.DataFrame, column: str, kind: str, suffix: str) -> pl.DataFrame:
    return _table("ssd_cla_health", rows, pl.col(column).is_not_null(),
        (pl.col("_care") + suffix).alias("clah_health_check_id"),
        pl.col(CHILD).alias("clah_person_id"),
        pl.lit(kind).alias("clah_health_check_type"),
        pl.col(column).alias("clah_health_check_date"),
        pl.lit("Completed").alias("clah_health_check_status"),
    )  # fmt: skip


def children_in_care(rows: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """List 8 → episodes, placements, legal statuses, reviews, visits, health, UASC."""
    care = rows.sort(CHILD, STARTED, maintain_order=True).with_columns(
        mint("care", CHILD, STARTED).alias("_care")
    )
    placement = pl.col("_care") + "/placement"
    review, visit = (
        pl.col("Date of Latest Statutory Review"),
        pl.col("Date of Last Social Work Visit"),
    )
    location = pl.col("Placement Location").is_not_null() | pl.col("LA of Placement").is_not_null()
    legal = pl.col("Child's Legal Status").is_not_null() | pl.col(LEGAL_START).is_not_null()
    everyone = pl.lit(True)
    return {
        "ssd_cla_episodes": _table("ssd_cla_episodes", care, everyone,
            (pl.col("_care") + "/episode").alias("clae_cla_episode_id"),
            pl.col(CHILD).alias("clae_person_id"),
            pl.max_horizontal(STARTED, PLACED, LEGAL_START).alias("clae_cla_episode_start_date"),
            detailed(8, "Child's Category of Need", PRIMARY_NEED).alias(
                "clae_cla_primary_need_code"),
            pl.col(CEASED).alias("clae_cla_episode_ceased_date"),
            detailed(8, "Reason Ceased to be Looked After", REASON_CEASED).alias(
                "clae_cla_episode_ceased_reason"),
            pl.col("_care").alias("clae_cla_id"),
            placement.alias("clae_cla_placement_id"),
            pl.col(STARTED).alias("clae_entered_care_date"),
            pl.col("Date of Last IRO Visit / Contact to the Child").alias(
                "clae_cla_last_iro_contact_date"),
        ),
        "ssd_cla_placement": _table("ssd_cla_placement", care, everyone,
            placement.alias("clap_cla_placement_id"),
            pl.col(PLACED).alias("clap_cla_placement_start_date"),
            detailed(8, "Placement Type", PLACEMENT_TYPE).alias("clap_cla_placement_type"),
            pl.col("URN of Placement").alias("clap_cla_placement_urn"),
            pl.col("_care").alias("clap_cla_id"),
            detailed(8, "Placement Provider", PLACEMENT_PROVIDER).alias(
                "clap_cla_placement_provider"),
            pl.col("Placement postcode").alias("clap_cla_placement_postcode"),
            pl.col(CEASED).alias("clap_cla_placement_end_date"),
            pl.col(CHILD).alias("clap_person_id"),
        ),
        "ovs_placement_locations": _table("ovs_placement_locations", care, location,
            placement.alias("ovpl_placement_id"),
            pl.col("LA of Placement").alias("ovpl_placement_la"),
            by_code(8, "Placement Location", OUT_OF_AREA_BY_CODE).alias("ovpl_is_out_of_area"),
        ),
        "ssd_legal_status": _table("ssd_legal_status", care, legal,
            (pl.col("_care") + "/legal-status").alias("lega_legal_status_id"),
            pl.col(CHILD).alias("lega_person_id"),
            detailed(8, "Child's Legal Status", LEGAL_STATUS).alias("lega_legal_status"),
            pl.col(LEGAL_START).alias("lega_legal_status_start_date"),
            pl.col(CEASED).alias("lega_legal_status_end_date"),
        ),
        "ssd_cla_reviews": _table("ssd_cla_reviews", care, review.is_not_null(),
            (pl.col("_care") + "/review").alias("clar_cla_review_id"),
            pl.col("_care").alias("clar_cla_id"),
            review.alias("clar_cla_review_date"),
        ),
        "ssd_cla_visits": _table("ssd_cla_visits", care, visit.is_not_null(),
            (pl.col("_care") + "/visit").alias("clav_cla_visit_id"),
            pl.col("_care").alias("clav_cla_id"),
            pl.col(CHILD).alias("clav_person_id"),
            visit.alias("clav_cla_visit_date"),
        ),
        "ssd_cla_health": pl.concat([
            _check(care, "Date of Last Health Assessment", "RHA", "/health"),
            _check(care, "Date of Last Dental Check", "DENTAL", "/dental"),
        ]),
        "ssd_immigration_status": _table("ssd_immigration_status", care,
            yes_no(8, UASC_8) == "Y",
            mint("uasc", CHILD).alias("immi_immigration_status_id"),
            pl.col(CHILD).alias("immi_person_id"),
            pl.lit("UASC").alias("immi_immigration_status"),
        ),
    }  # fmt: skip


def _period(entered: pl.Expr) -> pl.Expr:
    """The id of the period of care (``clae_cla_id``) begun on ``entered``, as list 8 mints it."""
    day = entered.dt.strftime("%Y-%m-%d").fill_null(NO_DATE)
    return pl.concat_str([pl.col(CHILD), pl.lit("care"), day], separator="/")


def adoption(rows: pl.DataFrame, *, in_care: pl.Series) -> dict[str, pl.DataFrame]:
    """List 10 → ``ssd_permanence``, and ``ssd_cla_episodes`` minted for the periods of care it
    evidences of children not ``in_care`` (list 8's children): see the module docstring."""
    entered, ordered = pl.col(ENTERED), pl.col(ORDERED)
    unnamed = ~pl.col(CHILD).is_in(in_care.implode())
    undated = unnamed & ~entered.is_not_null().any().over(CHILD)
    decisions = rows.sort(CHILD, DECIDED, maintain_order=True).with_columns(
        pl.when(entered.is_not_null() | undated).then(_period(entered)).alias("_care"),
        (unnamed & (entered.is_not_null() | undated)).alias("_mints"),
    )
    periods = (
        decisions.filter("_mints")
        .group_by("_care", maintain_order=True)
        .agg(pl.col(CHILD).first(), entered.first(), ordered.min())
    )
    return {
        "ssd_permanence": TABLES["ssd_permanence"].complete(decisions.select(
            mint("adoption", CHILD, DECIDED).alias("perm_table_id"),
            pl.col(CHILD).alias("perm_person_id"),
            pl.col("_care").alias("perm_cla_id"),
            pl.col(DECIDED).alias("perm_adm_decision_date"),
            pl.col("Date of Placement Order").alias("perm_placement_order_date"),
            pl.col("Date Placed for Adoption").alias("perm_placed_for_adoption_date"),
            pl.col("Date of Matching Child and Prospective Adopters").alias("perm_matched_date"),
            pl.col("Date the child was placed for fostering in FFA or concurrent planning "
                   "placement").alias("perm_placed_ffa_cp_date"),
            pl.col("Date of Decision that Child Should No Longer be Placed for Adoption").alias(
                "perm_decision_reversed_date"),
            detailed(10, "Reason Why Child No Longer Placed for Adoption", REVERSED_REASON).alias(
                "perm_decision_reversed_reason"),
            ordered.alias("perm_permanence_order_date"),
            pl.when(ordered.is_not_null()).then(pl.lit(ADOPTION_ORDER))
            .alias("perm_permanence_order_type"),
        )),
        "ssd_cla_episodes": TABLES["ssd_cla_episodes"].complete(periods.select(
            (pl.col("_care") + "/episode").alias("clae_cla_episode_id"),
            pl.col(CHILD).alias("clae_person_id"),
            entered.alias("clae_cla_episode_start_date"),
            ordered.alias("clae_cla_episode_ceased_date"),
            pl.col("_care").alias("clae_cla_id"),
            entered.alias("clae_entered_care_date"),
        )),
    }  # fmt: skip
