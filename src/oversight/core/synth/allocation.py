"""Who works with each child: allocations to teams and workers, and their changes over time.

A child is allocated stage by stage: to an assessment team from referral to the end of the
assessment, to a safeguarding team for CIN and CP plans, to a children in care team while looked
after, and to a personal adviser after leaving care. Within a team, the worker is one in post on
the day of allocation; when that worker leaves, the child is re-allocated (reason LEFTRL). Under
poor practice some allocations start late, leaving the child unallocated meanwhile.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from oversight.core.synth._events import Cadence, recurring
from oversight.core.synth._random import Streams
from oversight.core.synth.care import Care
from oversight.core.synth.journeys import Journeys, Window
from oversight.core.synth.profiles import Practice
from oversight.core.synth.workforce import Workforce

MEAN_UNALLOCATED_DAYS = 45.0
"""How long a late allocation leaves a child waiting, on average (model)."""


def allocation_spells(journeys: Journeys, care: Care, window: Window) -> pl.DataFrame:
    """Stage spells needing a worker: child, referral, kind, start, end (null when open)."""
    episodes = journeys.episodes
    assessment = episodes.select(
        "child",
        "referral",
        pl.lit("assessment").alias("kind"),
        pl.col("referral_day").alias("start"),
        pl.when(pl.col("assessed"))
        .then(
            pl.max_horizontal("assessment_end", pl.when(pl.col("s47")).then("s47_end").otherwise(0))
        )
        .otherwise(pl.col("referral_day") + 2)
        .alias("end"),
    )
    plans = (
        pl.concat(
            [
                journeys.cp_plans.select("child", "referral", "start", "end"),
                journeys.cin_plans.select("child", "referral", "start", "end"),
            ]
        )
        .group_by("child", "referral", maintain_order=True)
        .agg(pl.col("start").min(), pl.col("end").max())
    )
    care_starts = (
        care.periods.select("child", pl.col("start").alias("care_start"))
        .group_by("child", maintain_order=True)
        .agg(pl.col("care_start").min())
    )
    plans = (
        plans.join(care_starts, on="child", how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("care_start").is_between(pl.col("start"), pl.col("end")))
            .then(pl.col("care_start"))
            .otherwise(pl.col("end"))
            .alias("end")
        )
        .select("child", "referral", pl.lit("safeguarding").alias("kind"), "start", "end")
    )
    in_care = care.periods.select(
        "child", "referral", pl.lit("in_care").alias("kind"), "start", "end"
    )
    leaving = care.care_leavers.select(
        "child",
        pl.lit(None, pl.Int64).alias("referral"),
        pl.lit("leaving_care").alias("kind"),
        pl.col("left_care").alias("start"),
        pl.lit(window.end + 1).alias("end"),
    )
    spells = pl.concat([assessment, plans, in_care, leaving], how="diagonal_relaxed")
    spells = spells.filter((pl.col("end") >= window.warmup_start) & (pl.col("start") <= window.end))
    return spells.with_columns(
        pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("end")).alias("end")
    ).sort("child", "start", maintain_order=True)


def demand_by_team(spells: pl.DataFrame, teams: pl.DataFrame, window: Window) -> pl.DataFrame:
    """Children allocated at a time to each team, averaged per year of the window."""
    assigned = _assign_teams(spells, teams)
    years = max(1, round((window.end - window.start + 1) / 365.25))
    year_starts = window.end + 1 - np.round(365.25 * np.arange(years, 0, -1)).astype(np.int64)
    rows = []
    for year_start in year_starts:
        days = np.linspace(year_start, min(year_start + 364, window.end), 4).astype(np.int64)
        for day in days:
            open_on = assigned.filter(
                (pl.col("start") <= day) & (pl.col("end").is_null() | (pl.col("end") >= day))
            )
            rows.append(
                open_on.group_by("team_id", maintain_order=True)
                .len()
                .with_columns(pl.lit(int(year_start)).alias("year_start"))
            )
    counts = (
        pl.concat(rows)
        .group_by("team_id", "year_start", maintain_order=True)
        .agg((pl.col("len").sum() / 4).alias("children"))
    )
    everyone = (
        teams.filter(pl.col("kind").is_not_null())
        .select("team_id")
        .join(pl.DataFrame({"year_start": year_starts}), how="cross", maintain_order="left")
    )
    return everyone.join(
        counts, on=["team_id", "year_start"], how="left", maintain_order="left"
    ).with_columns(pl.col("children").fill_null(0.0))


def _assign_teams(spells: pl.DataFrame, teams: pl.DataFrame) -> pl.DataFrame:
    """Each spell's team: a child stays in the same locality team of each kind."""
    sizes = (
        teams.filter(pl.col("kind").is_not_null())
        .group_by("kind", maintain_order=True)
        .agg(pl.len().alias("teams"))
    )
    return (
        spells.join(sizes, on="kind", maintain_order="left")
        .with_columns((pl.col("child").hash(7) % pl.col("teams")).cast(pl.Int64).alias("index"))
        .join(teams.select("team_id", "kind", "index"), on=["kind", "index"], maintain_order="left")
        .drop("teams", "index")
    )


def allocate(
    streams: Streams, practice: Practice, spells: pl.DataFrame, workforce: Workforce, window: Window
) -> pl.DataFrame:
    """Involvements: child, referral, team_id, professional, start, end, reason."""
    rng = streams("allocation")
    assigned = _assign_teams(spells, workforce.teams).with_columns(
        pl.when(pl.col("end").is_null())
        .then(window.end + 10**6)
        .otherwise(pl.col("end"))
        .alias("end")
    )
    start = assigned["start"].to_numpy()
    waiting = rng.random(assigned.height) < np.clip(
        practice.value("unallocated_share", start) * 6, 0, 1
    )
    delay = np.where(
        waiting, np.round(rng.exponential(MEAN_UNALLOCATED_DAYS, assigned.height)), 0
    ).astype(np.int64)
    pieces = assigned.with_columns(
        (pl.col("start") + pl.Series(delay)).alias("start"),
        pl.when(pl.col("kind") == "assessment")
        .then(pl.lit("FCONTA"))
        .otherwise(pl.lit("TSPROC"))
        .alias("reason"),
    ).filter(pl.col("start") <= pl.col("end"))
    workers = (
        workforce.spells.filter(pl.col("role") != "TM")
        .with_columns(pl.col("end").fill_null(window.end + 10**6))
        .sort("team_id", "start", maintain_order=True)
    )
    done = []
    for _round in range(12):
        if pieces.is_empty():
            break
        chosen = _pick_workers(rng, pieces, workers)
        done.append(
            chosen.with_columns(pl.min_horizontal("end", "worker_end").alias("end")).drop(
                "worker_end"
            )
        )
        pieces = (
            chosen.filter(pl.col("worker_end") < pl.col("end"))
            .with_columns(
                (
                    pl.col("worker_end")
                    + 1
                    + pl.Series(
                        rng.integers(
                            0, 8, chosen.filter(pl.col("worker_end") < pl.col("end")).height
                        )
                    )
                ).alias("start"),
                pl.lit("LEFTRL").alias("reason"),
            )
            .drop("professional", "worker_end")
            .filter(pl.col("start") <= pl.col("end"))
        )
    involvements = pl.concat(done, how="diagonal_relaxed").filter(
        pl.col("professional").is_not_null()
    )
    return (
        involvements.with_columns(
            pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("end")).alias("end")
        )
        .filter(pl.col("start") <= window.end)
        .sort("child", "start", maintain_order=True)
    )


def _pick_workers(
    rng: np.random.Generator, pieces: pl.DataFrame, workers: pl.DataFrame
) -> pl.DataFrame:
    """For each piece, a worker of its team in post on its first day (rejection sampling)."""
    team_of_worker = workers["team_id"].to_numpy()
    teams, first = np.unique(team_of_worker, return_index=True)
    counts = np.diff(np.append(first, len(team_of_worker)))
    index = np.searchsorted(teams, pieces["team_id"].to_numpy())
    day = pieces["start"].to_numpy()
    w_start = workers["start"].to_numpy()
    w_end = workers["end"].to_numpy()
    chosen = np.full(pieces.height, -1)
    pending = np.arange(pieces.height)
    for _attempt in range(60):
        if len(pending) == 0:
            break
        draw = first[index[pending]] + np.floor(
            rng.random(len(pending)) * counts[index[pending]]
        ).astype(np.int64)
        ok = (w_start[draw] <= day[pending]) & (w_end[draw] >= day[pending])
        chosen[pending[ok]] = draw[ok]
        pending = pending[~ok]
    professional = np.where(
        chosen >= 0, workers["professional"].to_numpy()[np.maximum(chosen, 0)], -1
    )
    worker_end = np.where(chosen >= 0, w_end[np.maximum(chosen, 0)], np.iinfo(np.int64).max)
    return pieces.with_columns(
        pl.Series("professional", professional).replace(-1, None),
        pl.Series("worker_end", worker_end),
    )


def case_supervision(
    streams: Streams,
    practice: Practice,
    involvements: pl.DataFrame,
    workforce: Workforce,
    window: Window,
) -> pl.DataFrame:
    """Management oversight recorded on children's cases by their team's manager, monthly."""
    rng = streams("supervision")
    spells = (
        involvements.filter(pl.col("team_id").str.starts_with("T4").not_())
        .with_columns(
            pl.max_horizontal("start", pl.lit(window.start)).alias("from"),
            pl.col("end").fill_null(window.end).alias("to"),
        )
        .filter(pl.col("from") <= pl.col("to"))
    )
    events = recurring(
        rng,
        np.arange(spells.height),
        spells["from"].to_numpy(),
        spells["to"].to_numpy(),
        Cadence(first=20, then=30),
        practice.value("reviews_on_time", spells["from"].to_numpy()),
    )
    managers = workforce.spells.filter(pl.col("role") == "TM").select(
        "team_id", pl.col("professional").alias("supervisor")
    )
    return events.select(
        spells["child"].gather(events["spell"]).alias("child"),
        spells["team_id"].gather(events["spell"]).alias("team_id"),
        "day",
    ).join(managers, on="team_id", how="left", maintain_order="left")
