"""Episodes and Reviews ↔ ``ssd_cla_episodes``, ``ssd_cla_placement``, ``ssd_legal_status``,
``ssd_address``, ``ssd_cla_reviews``.

A 903 episode starts whenever the legal status or the placement changes; the SSD keeps the
episode and splits what it says into a period of care, a placement and a legal status:

* **period of care** (``clae_cla_id``): a run of a child's episodes, each starting the day the
  one before ceased; a new one starts with RNE ``S`` or after a gap. Its first DECOM is the date
  the child entered care (``clae_entered_care_date``) when that episode's RNE is ``S``, and
  unknown otherwise (the period began before the returns read).
* **placement** (``ssd_cla_placement``): a run within a period where each next episode changes
  the legal status only (RNE ``L``) and has the same PLACE, PLACE_PROVIDER, PL_POST and URN, and
  the episode before it gave no REASON_PLACE_CHANGE. Its start is the first DECOM, its end the
  last DEC, and its change reason the last episode's REASON_PLACE_CHANGE.
* **legal status** (``ssd_legal_status``): a run within a period where each next episode changes
  the placement only (RNE ``P`` or ``U``) and has the same LS.
* **home postcode** (``ssd_address``, type Home): a run of a child's episodes with the same
  HOME_POST, from the first DECOM to the day before the next run starts.

Exporting reverses it: each episode takes its placement (by ``clae_cla_placement_id``, or the
child's placement started on or before DECOM), the legal status and home address current at
DECOM, and the placement's change reason if it is the placement's last episode. Reviews belong
to the period of care holding the review date (or the latest period begun before it, or the
child's first period): the SSD has no person id on a review, only the period of care.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import polars as pl

from oversight.core.returns.ssda903._ids import mint

PLACEMENT_FIELDS = ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")
HOME = "Home"
"""``addr_address_type`` of a child's home address."""
EMPTY_ADDRESS = (
    '{"ROOM": "", "FLOOR": "", "FLAT": "", "BUILDING": "", "HOUSE": "", "STREET": "", '
    '"TOWN": "", "UPRN": "", "EASTING": "", "NORTHING": ""}'
)
"""``addr_address_json`` when only the postcode is known: the SSD's structure, every key empty."""


def _shifted_equal(name: str) -> pl.Expr:
    return pl.col(name).eq_missing(pl.col(name).shift(1))


def load_episodes(episodes: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The four SSD tables an Episodes table feeds, rows in the order of the episodes."""
    same_child = (pl.col("CHILD") == pl.col("CHILD").shift(1)).fill_null(False)
    contiguous = same_child & (pl.col("DEC").shift(1) == pl.col("DECOM")).fill_null(False)
    new_period = ~contiguous | (pl.col("RNE") == "S").fill_null(False)
    same_place = pl.all_horizontal(_shifted_equal(name) for name in PLACEMENT_FIELDS)
    keeps_placement = (
        ~new_period
        & (pl.col("RNE") == "L").fill_null(False)
        & same_place
        & pl.col("REASON_PLACE_CHANGE").shift(1).is_null()
    )
    keeps_status = (
        ~new_period & pl.col("RNE").is_in(["P", "U"]).fill_null(False) & _shifted_equal("LS")
    )
    new_home = ~same_child | ~_shifted_equal("HOME_POST")
    runs = episodes.sort(["CHILD", "DECOM", "_src"], nulls_last=False).with_columns(
        new_period.cum_sum().alias("_period"),
        (~keeps_placement).cum_sum().alias("_placement"),
        (~keeps_status).cum_sum().alias("_status"),
        new_home.cum_sum().alias("_home"),
    )
    periods = _periods(runs)
    placements = _placements(runs, periods)
    statuses = _statuses(runs)
    homes = _homes(runs)
    cla_episodes = (
        runs.join(periods, on="_period", how="left")
        .join(placements.select("_placement", "clap_cla_placement_id"), on="_placement", how="left")
        .sort("_src")
        .select(
            mint("episode", date="DECOM").alias("clae_cla_episode_id"),
            pl.col("CHILD").alias("clae_person_id"),
            pl.col("DECOM").alias("clae_cla_episode_start_date"),
            pl.col("RNE").alias("clae_cla_episode_start_reason"),
            pl.col("CIN").alias("clae_cla_primary_need_code"),
            pl.col("DEC").alias("clae_cla_episode_ceased_date"),
            pl.col("REC").alias("clae_cla_episode_ceased_reason"),
            "clae_cla_id",
            pl.col("clap_cla_placement_id").alias("clae_cla_placement_id"),
            "clae_entered_care_date",
            "_src",
        )
    )
    return {
        "ssd_cla_episodes": cla_episodes,
        "ssd_cla_placement": placements.drop("_placement"),
        "ssd_legal_status": statuses,
        "ssd_address": homes,
    }


def _periods(runs: pl.DataFrame) -> pl.DataFrame:
    return (
        runs.group_by("_period", maintain_order=True)
        .agg(
            pl.col("CHILD").first(),
            pl.col("DECOM").first().alias("_start"),
            (pl.col("RNE").first() == "S").fill_null(False).alias("_began"),
        )
        .select(
            "_period",
            mint("care", date="_start").alias("clae_cla_id"),
            pl.when("_began").then("_start").alias("clae_entered_care_date"),
        )
    )


def _placements(runs: pl.DataFrame, periods: pl.DataFrame) -> pl.DataFrame:
    return (
        runs.group_by("_placement", maintain_order=True)
        .agg(
            pl.col("CHILD", "DECOM", "_period", "_src", *PLACEMENT_FIELDS).first(),
            pl.col("DEC", "REASON_PLACE_CHANGE").last(),
        )
        .join(periods.select("_period", "clae_cla_id"), on="_period", how="left")
        .sort("_src")
        .select(
            "_placement",
            mint("placement", date="DECOM").alias("clap_cla_placement_id"),
            pl.col("DECOM").alias("clap_cla_placement_start_date"),
            pl.col("PLACE").alias("clap_cla_placement_type"),
            pl.col("URN").alias("clap_cla_placement_urn"),
            pl.col("clae_cla_id").alias("clap_cla_id"),
            pl.col("PLACE_PROVIDER").alias("clap_cla_placement_provider"),
            pl.col("PL_POST").alias("clap_cla_placement_postcode"),
            pl.col("DEC").alias("clap_cla_placement_end_date"),
            pl.col("REASON_PLACE_CHANGE").alias("clap_cla_placement_change_reason"),
            pl.col("CHILD").alias("clap_person_id"),
            "_src",
        )
    )


def _statuses(runs: pl.DataFrame) -> pl.DataFrame:
    return (
        runs.group_by("_status", maintain_order=True)
        .agg(pl.col("CHILD", "DECOM", "LS", "_src").first(), pl.col("DEC").last())
        .sort("_src")
        .select(
            mint("legal", date="DECOM").alias("lega_legal_status_id"),
            pl.col("CHILD").alias("lega_person_id"),
            pl.col("LS").alias("lega_legal_status"),
            pl.col("DECOM").alias("lega_legal_status_start_date"),
            pl.col("DEC").alias("lega_legal_status_end_date"),
            "_src",
        )
    )


def _homes(runs: pl.DataFrame) -> pl.DataFrame:
    homes = runs.group_by("_home", maintain_order=True).agg(
        pl.col("CHILD", "DECOM", "HOME_POST", "_src").first()
    )
    next_start = pl.col("DECOM").shift(-1).over("CHILD")
    return (
        homes.with_columns((next_start - timedelta(days=1)).alias("_end"))
        .filter(pl.col("HOME_POST").is_not_null())
        .sort("_src")
        .select(
            mint("home", date="DECOM").alias("addr_table_id"),
            pl.lit(EMPTY_ADDRESS).alias("addr_address_json"),
            pl.col("CHILD").alias("addr_person_id"),
            pl.lit(HOME).alias("addr_address_type"),
            pl.col("DECOM").alias("addr_address_start_date"),
            pl.col("_end").alias("addr_address_end_date"),
            pl.col("HOME_POST").alias("addr_address_postcode"),
            "_src",
        )
    )


def load_reviews(
    reviews: pl.DataFrame, cla_episodes: pl.DataFrame | None
) -> dict[str, pl.DataFrame]:
    """``ssd_cla_reviews``, each review on its child's period of care; rows whose child has no
    period of care keep a null ``clar_cla_id`` (the loader reports them)."""
    if cla_episodes is None:
        periods = pl.DataFrame(
            schema={"clae_person_id": pl.String, "_start": pl.Date, "clae_cla_id": pl.String}
        )
    else:
        periods = (
            cla_episodes.group_by("clae_cla_id", maintain_order=True)
            .agg(pl.col("clae_person_id").first(), pl.col("clae_cla_episode_start_date").min())
            .select("clae_person_id", pl.col("clae_cla_episode_start_date").alias("_start"),
                    "clae_cla_id")
            .filter(pl.col("_start").is_not_null())
            .sort("_start")
        )  # fmt: skip
    dated = reviews.filter(pl.col("REVIEW").is_not_null()).sort("REVIEW")
    latest = dated.join_asof(
        periods, left_on="REVIEW", right_on="_start", by_left="CHILD",
        by_right="clae_person_id", strategy="backward", check_sortedness=False,
    ).select("_src", pl.col("clae_cla_id").alias("_latest"))  # fmt: skip
    first = periods.group_by("clae_person_id").agg(pl.col("clae_cla_id").first().alias("_first"))
    placed = reviews.join(latest, on="_src", how="left", maintain_order="left").join(
        first, left_on="CHILD", right_on="clae_person_id", how="left", maintain_order="left"
    )
    return {
        "ssd_cla_reviews": placed.select(
            mint("review", date="REVIEW").alias("clar_cla_review_id"),
            pl.coalesce("_latest", "_first").alias("clar_cla_id"),
            pl.col("REVIEW").alias("clar_cla_review_date"),
            pl.col("REVIEW_CODE").alias("clar_cla_review_participation"),
            "_src",
        )
    }


def export_episodes(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Every SSD episode as a 903 episode, in ``ssd_cla_episodes`` order (not yet filtered to
    a year)."""
    episodes = frames["ssd_cla_episodes"].with_row_index("_order")
    placements = frames.get("ssd_cla_placement")
    if placements is not None:
        episodes = _with_placement(episodes, placements)
    else:
        episodes = episodes.with_columns(
            pl.lit(None, dtype=pl.String).alias(name)
            for name in (*PLACEMENT_FIELDS, "REASON_PLACE_CHANGE")
        )
    statuses = frames.get("ssd_legal_status")
    episodes = _current_at_start(
        episodes, statuses, person="lega_person_id", start="lega_legal_status_start_date",
        end="lega_legal_status_end_date", value="lega_legal_status", alias="LS",
    )  # fmt: skip
    addresses = frames.get("ssd_address")
    if addresses is not None:
        addresses = addresses.filter(
            pl.col("addr_address_type").is_null()
            | (pl.col("addr_address_type").str.to_lowercase() == HOME.lower())
        )
    episodes = _current_at_start(
        episodes, addresses, person="addr_person_id", start="addr_address_start_date",
        end="addr_address_end_date", value="addr_address_postcode", alias="HOME_POST",
    )  # fmt: skip
    return episodes.sort("_order").select(
        pl.col("clae_person_id").alias("CHILD"),
        pl.col("clae_cla_episode_start_date").alias("DECOM"),
        pl.col("clae_cla_episode_start_reason").alias("RNE"),
        "LS",
        pl.col("clae_cla_primary_need_code").alias("CIN"),
        "PLACE",
        "PLACE_PROVIDER",
        pl.col("clae_cla_episode_ceased_date").alias("DEC"),
        pl.col("clae_cla_episode_ceased_reason").alias("REC"),
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    )


def _with_placement(episodes: pl.DataFrame, placements: pl.DataFrame) -> pl.DataFrame:
    """Each episode's placement: its own reference, or the child's placement begun by DECOM."""
    unlinked = episodes.filter(
        pl.col("clae_cla_placement_id").is_null()
        & pl.col("clae_cla_episode_start_date").is_not_null()
    ).sort("clae_cla_episode_start_date")
    started = placements.filter(pl.col("clap_cla_placement_start_date").is_not_null()).sort(
        "clap_cla_placement_start_date"
    )
    found = unlinked.join_asof(
        started.select("clap_person_id", "clap_cla_placement_start_date", "clap_cla_placement_id",
                       "clap_cla_placement_end_date"),
        left_on="clae_cla_episode_start_date", right_on="clap_cla_placement_start_date",
        by_left="clae_person_id", by_right="clap_person_id", strategy="backward", check_sortedness=False,
    ).filter(
        pl.col("clap_cla_placement_end_date").is_null()
        | (pl.col("clap_cla_placement_end_date") >= pl.col("clae_cla_episode_start_date"))
    ).select("_order", pl.col("clap_cla_placement_id").alias("_found"))  # fmt: skip
    linked = episodes.join(found, on="_order", how="left", maintain_order="left").with_columns(
        pl.coalesce("clae_cla_placement_id", "_found").alias("_placement")
    )
    last_start = pl.col("clae_cla_episode_start_date").max().over("_placement")
    is_last = (pl.col("clae_cla_episode_start_date") == last_start).fill_null(False)
    attributes = placements.select(
        pl.col("clap_cla_placement_id").alias("_placement"),
        pl.col("clap_cla_placement_type").alias("PLACE"),
        pl.col("clap_cla_placement_provider").alias("PLACE_PROVIDER"),
        pl.col("clap_cla_placement_postcode").alias("PL_POST"),
        pl.col("clap_cla_placement_urn").alias("URN"),
        pl.col("clap_cla_placement_change_reason").alias("_reason"),
    ).unique("_placement", keep="first", maintain_order=True)
    return linked.join(attributes, on="_placement", how="left", maintain_order="left").with_columns(
        pl.when(is_last & pl.col("_placement").is_not_null())
        .then(pl.col("_reason"))
        .alias("REASON_PLACE_CHANGE")
    )


def _current_at_start(
    episodes: pl.DataFrame,
    spells: pl.DataFrame | None,
    *,
    person: str,
    start: str,
    end: str,
    value: str,
    alias: str,
) -> pl.DataFrame:
    """``episodes`` with ``alias``: the ``value`` of the child's spell current at DECOM."""
    if spells is None:
        return episodes.with_columns(pl.lit(None, dtype=pl.String).alias(alias))
    begun = spells.filter(pl.col(start).is_not_null()).sort(start)
    dated = episodes.filter(pl.col("clae_cla_episode_start_date").is_not_null()).sort(
        "clae_cla_episode_start_date"
    )
    found = dated.join_asof(
        begun.select(person, start, end, pl.col(value).alias("_value")),
        left_on="clae_cla_episode_start_date", right_on=start, by_left="clae_person_id",
        by_right=person, strategy="backward", check_sortedness=False,
    ).select(
        "_order",
        pl.when(pl.col(end).is_null() | (pl.col(end) >= pl.col("clae_cla_episode_start_date")))
        .then("_value")
        .alias(alias),
    )  # fmt: skip
    return episodes.join(found, on="_order", how="left", maintain_order="left")


def export_reviews(frames: Mapping[str, pl.DataFrame]) -> tuple[pl.DataFrame, int]:
    """Every SSD review as a 903 review, and how many could not be given a child."""
    reviews = frames["ssd_cla_reviews"]
    episodes = frames.get("ssd_cla_episodes")
    if episodes is None:
        return pl.DataFrame(
            schema={"CHILD": pl.String, "REVIEW": pl.Date, "REVIEW_CODE": pl.String}
        ), reviews.height
    children = episodes.group_by("clae_cla_id").agg(pl.col("clae_person_id").first())
    found = reviews.join(
        children, left_on="clar_cla_id", right_on="clae_cla_id", how="left", maintain_order="left"
    ).select(
        pl.col("clae_person_id").alias("CHILD"),
        pl.col("clar_cla_review_date").alias("REVIEW"),
        pl.col("clar_cla_review_participation").alias("REVIEW_CODE"),
    )
    unplaced = found.filter(pl.col("CHILD").is_null()).height
    return found.filter(pl.col("CHILD").is_not_null()), unplaced
