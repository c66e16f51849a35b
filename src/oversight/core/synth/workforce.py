"""Teams, posts and the people who fill them: starters, leavers, agency cover and vacancies.

Each team has funded posts sized from its simulated demand (children allocated at a time) and the
caseload in force. Each post is a renewal process: an employed social worker stays for a spell
(mean 1 / turnover years), then the post is vacant for a while, covered by an agency worker for
part of that time. The shares of time employed (1 − vacancy rate) and agency-covered (so that
agency FTE ÷ all FTE is the agency rate) follow the profile in force, so the workforce indicators
of the CSWW census come out of the spells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from oversight.core.synth._random import Streams
from oversight.core.synth._time import YEAR
from oversight.core.synth.journeys import Window
from oversight.core.synth.profiles import Practice

TEAM_KINDS = ("assessment", "safeguarding", "in_care", "leaving_care")
"""The kinds of team a child is allocated to, stage by stage."""
AREAS = {
    "assessment": ("T010", "Front door and assessment"),
    "safeguarding": ("T020", "Safeguarding and family support"),
    "in_care": ("T030", "Children in care and care leavers"),
    "leaving_care": ("T030", "Children in care and care leavers"),
}
PA_CASELOAD = 20.0
GAP_SHAPE = 4.0
"""Shape of the Gamma distribution of vacancy lengths: less spread than an exponential (model)."""
RECRUITMENT_DAYS = 75.0
"""Mean time to fill a newly created post (model)."""
PART_TIME_SHARE = 0.08
"""Share of workers on part-time contracts of 0.6, 0.8 or 0.9 FTE (model)."""
PART_TIME_FTE = (0.6, 0.8, 0.9)
MEAN_FTE = 1 - PART_TIME_SHARE + PART_TIME_SHARE * sum(PART_TIME_FTE) / len(PART_TIME_FTE)
"""The mean FTE of a worker, so that vacancy rates (on FTE) come out as asked."""
"""Care leavers per personal adviser (model)."""


@dataclass(frozen=True)
class Workforce:
    """Teams and every spell of employment in them."""

    teams: pl.DataFrame
    """team_id, name, parent_id, parent_name, kind, index (within its kind)."""
    spells: pl.DataFrame
    """professional, team_id, role, start, end (null while in post), fte, is_agency, left."""
    establishment: pl.DataFrame
    """team_id, start, end, posts."""


def team_counts(children_in_need: int) -> dict[str, int]:
    """How many teams of each kind a council of this size has (model: ~400 children per
    safeguarding team, ~800 referrals' worth per assessment team)."""
    return {
        "assessment": max(1, round(children_in_need / 900)),
        "safeguarding": max(1, round(children_in_need / 450)),
        "in_care": max(1, round(children_in_need / 600)),
        "leaving_care": 1,
    }


def teams_frame(counts: dict[str, int]) -> pl.DataFrame:
    rows: list[dict[str, object]] = [
        {
            "team_id": "T000",
            "name": "Children's social care",
            "parent_id": None,
            "parent_name": None,
            "kind": None,
            "index": None,
        }
    ]
    for code, name in sorted(set(AREAS.values())):
        rows.append(
            {
                "team_id": code,
                "name": name,
                "parent_id": "T000",
                "parent_name": "Children's social care",
                "kind": None,
                "index": None,
            }
        )
    labels = {
        "assessment": "Assessment team",
        "safeguarding": "Safeguarding team",
        "in_care": "Children in care team",
        "leaving_care": "Leaving care team",
    }
    for number, kind in enumerate(TEAM_KINDS):
        area_code, area_name = AREAS[kind]
        for index in range(counts[kind]):
            suffix = "" if counts[kind] == 1 else f" {index + 1}"
            rows.append(
                {
                    "team_id": f"T{number + 1}{index + 1:02d}",
                    "name": labels[kind] + suffix,
                    "parent_id": area_code,
                    "parent_name": area_name,
                    "kind": kind,
                    "index": index,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "team_id": pl.String,
            "name": pl.String,
            "parent_id": pl.String,
            "parent_name": pl.String,
            "kind": pl.String,
            "index": pl.Int64,
        },
    )


def simulate_workforce(
    streams: Streams, practice: Practice, window: Window, teams: pl.DataFrame, demand: pl.DataFrame
) -> Workforce:
    """Posts and spells for every team; ``demand`` gives team_id, year_start and children."""
    rng = streams("workforce")
    years = (
        demand.select("year_start")
        .unique(maintain_order=True)
        .sort("year_start", maintain_order=True)["year_start"]
        .to_numpy()
    )
    year_ends = np.append(years[1:], window.end + 1)
    posts = []
    for team in teams.filter(pl.col("kind").is_not_null()).iter_rows(named=True):
        # Establishment follows a team's typical demand over the years, not each year's noise;
        # it changes from year to year only as the caseload sought changes.
        team_demand = demand.filter(pl.col("team_id") == team["team_id"])["children"]
        children = float(team_demand.sum()) / max(team_demand.len(), 1)
        for year_start, year_end in zip(years, year_ends, strict=True):
            mid = np.array([year_start + 182])
            if team["kind"] == "leaving_care":
                needed = children / PA_CASELOAD
            else:
                employed = 1 - practice.value("vacancy_rate", mid)[0]
                agency = min(
                    practice.value("agency_rate", mid)[0]
                    * employed
                    / (1 - practice.value("agency_rate", mid)[0]),
                    1 - employed,
                )
                needed = children / practice.value("caseload", mid)[0] / (employed + agency)
            posts.append(
                {
                    "team_id": team["team_id"],
                    "start": int(year_start),
                    "end": int(year_end) - 1,
                    "posts": max(1.0, round(float(needed), 1)),
                }
            )
    establishment = pl.DataFrame(posts)
    spells = _fill_posts(rng, practice, window, teams, establishment)
    return Workforce(teams=teams, spells=spells, establishment=establishment)


def _fill_posts(
    rng: np.random.Generator,
    practice: Practice,
    window: Window,
    teams: pl.DataFrame,
    establishment: pl.DataFrame,
) -> pl.DataFrame:
    """Spells of employed and agency staff in each funded post, plus a manager per team."""
    # A post exists in each year its team's establishment reaches it; each unbroken run of such
    # years is one funded post, filled from its first day to its last.
    slots = (
        establishment.with_columns(pl.col("posts").round().clip(1).cast(pl.Int64).alias("count"))
        .with_columns(pl.int_ranges(0, pl.col("count")).alias("slot"))
        .explode("slot")
        .sort("team_id", "slot", "start", maintain_order=True)
        .with_columns(
            (pl.col("start") != pl.col("end").shift(1).over("team_id", "slot") + 1)
            .fill_null(True)
            .cum_sum()
            .over("team_id", "slot")
            .alias("run")
        )
        .group_by("team_id", "slot", "run", maintain_order=True)
        .agg(pl.col("start").min(), pl.col("end").max())
        .sort("team_id", "slot", "run", maintain_order=True)
    )
    kinds = teams.select("team_id", "kind")
    slots = slots.join(kinds, on="team_id", maintain_order="left")
    n = slots.height
    start = slots["start"].to_numpy()
    end = slots["end"].to_numpy()
    rows: list[pl.DataFrame] = []
    # Each post alternates between an employed holder (an exponential stay, mean 1 / turnover
    # years) and a vacancy (Gamma-distributed, shape 4, long enough that the share of time vacant
    # is the vacancy rate), the later part of which an agency worker covers. Posts funded from
    # the first year start in their long-run state: held, with a residual stay, or part-way
    # through a vacancy; posts created later start vacant and are recruited to.
    clock = start.copy()
    established = start <= start.min()
    for cycle in range(40):
        live = clock <= end
        if not live.any():
            break
        employed_share = np.minimum((1 - practice.value("vacancy_rate", clock)) / MEAN_FTE, 0.99)
        agency_rate = practice.value("agency_rate", clock)
        agency_share = np.minimum(
            agency_rate * employed_share / (1 - agency_rate), 1 - employed_share
        )
        mean_stay = YEAR / practice.value("turnover_rate", clock)
        mean_gap = mean_stay * (1 - employed_share) / employed_share
        stay = rng.exponential(mean_stay)
        gap = rng.gamma(GAP_SHAPE, mean_gap / GAP_SHAPE)
        held_from = clock
        if cycle == 0:
            held = established & (rng.random(n) < employed_share)
            vacant = established & ~held
            # Held: started some time ago; the rest of the stay is exponential again.
            held_from = np.where(
                held, clock - np.round(rng.exponential(mean_stay)).astype(np.int64), clock
            )
            # Vacant: the vacancy running on the first day is length-biased, entered part-way.
            running_gap = rng.gamma(GAP_SHAPE + 1, mean_gap / GAP_SHAPE)
            elapsed = rng.random(n) * running_gap
            gap = np.where(vacant, running_gap, gap)
            stay = np.where(vacant, -elapsed, stay)
            # New posts: recruited to after a while.
            recruiting = rng.exponential(RECRUITMENT_DAYS, n)
            stay = np.where(established, stay, 0.0)
            gap = np.where(established, gap, recruiting)
            held_from = np.where(established, held_from, clock)
        employed_end = clock + np.round(stay).astype(np.int64)
        covered = gap * agency_share / np.maximum(1 - employed_share, 1e-9)
        uncovered = np.round(gap - covered).astype(np.int64)
        agency_start = employed_end + 1 + uncovered
        agency_end = employed_end + np.maximum(np.round(gap), 1).astype(np.int64)
        # A post whose funding ends before the window does is given up: its holder moves on then.
        cut = np.where(end < window.end, end, np.iinfo(np.int64).max)
        holds = live & (np.round(stay) >= 1)
        rows.append(
            _spell_rows(slots, holds, held_from, np.minimum(employed_end, cut), agency=False)
        )
        has_agency = live & (agency_end > agency_start) & (agency_start <= cut)
        rows.append(
            _spell_rows(slots, has_agency, agency_start, np.minimum(agency_end, cut), agency=True)
        )
        clock = agency_end + 1
    spells = pl.concat(rows).filter(pl.col("end") >= window.warmup_start)
    managers = teams.filter(pl.col("kind").is_not_null()).select(
        "team_id",
        pl.lit("TM").alias("role"),
        pl.lit(window.warmup_start - 3000).alias("start"),
        pl.lit(None, pl.Int64).alias("end"),
        pl.lit(1.0).alias("fte"),
        pl.lit(False).alias("is_agency"),
    )
    spells = pl.concat([spells, managers], how="diagonal_relaxed")
    spells = spells.with_columns(
        pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("end")).alias("end")
    ).sort("team_id", "start", "role", maintain_order=True)
    part_time = rng.random(spells.height) < PART_TIME_SHARE
    fte = np.where(part_time, rng.choice(PART_TIME_FTE, spells.height), 1.0)
    return spells.with_columns(
        pl.when(pl.col("role") == "TM").then(1.0).otherwise(pl.Series(fte)).alias("fte"),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("professional"),
    )


def _spell_rows(
    slots: pl.DataFrame, rows: np.ndarray, start: np.ndarray, end: np.ndarray, *, agency: bool
) -> pl.DataFrame:
    chosen = slots.filter(pl.Series(rows))
    return (
        chosen.select("team_id", "kind")
        .with_columns(
            pl.when(pl.col("kind") == "leaving_care")
            .then(pl.lit("PA"))
            .otherwise(pl.lit("SW"))
            .alias("role"),
            pl.Series("start", start[rows]),
            pl.Series("end", end[rows]),
            pl.lit(1.0).alias("fte"),
            pl.lit(agency).alias("is_agency"),
        )
        .filter(pl.col("start") <= pl.col("end"))
        .drop("kind")
    )
