"""Children's journeys from the front door: referral chains and the stages of each episode.

::

    chain (one child) ─► referral ─► NFA at referral
                              └────► assessment ─► NFA / CIN plan
                                         └──────► s47 ─► ICPC ─► CP plan ─► CIN plan / close / care
                                                            └──► CIN plan / close
                              (any stage) ──────────────────────────────────────► care (care.py)
    next referral of the same child after the episode closes (a re-referral)

Each episode's path and durations are drawn for all episodes at once; a child's referral dates
are one cumulative sum over their chain. A latent risk per child (lognormal) raises the chance of
an s47 enquiry in every episode of that child, which makes repeat plans cluster in the same
children, as they do.

Sources for the shares: DfE "Characteristics of children in need" (England): about 620,000
referrals, 200,000 s47 enquiries, 74,000 ICPCs and 65,000 new CP plans a year, and about 32,000
children starting to be looked after; stage shares below are those ratios (model where marked).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from oversight.core.synth._random import Streams, choose, choose_rows
from oversight.core.synth._time import MONTH, YEAR, add_working_days, working_day_on_or_after
from oversight.core.synth.profiles import (
    ASSESSMENT_BANDS,
    CP_PLAN_BANDS_MONTHS,
    ICPC_BANDS,
    Practice,
)

REFERRAL_NFA = 0.12
"""Referrals closed with no assessment (model)."""
S47 = 0.30
"""Referrals leading to an s47 enquiry, for a child of median risk (England ~200k of 620k)."""
ICPC_AFTER_S47 = 0.40
"""s47 enquiries leading to an ICPC (England ~74k of ~200k)."""
CP_AFTER_ICPC = 0.88
"""ICPCs deciding on a CP plan (England ~65k new plans of ~74k ICPCs)."""
CIN_PLAN_AFTER_ASSESSMENT = 0.45
"""Assessed episodes without a CP plan that go on to a CIN plan (model)."""
CARE_DIRECT = 0.035
"""Assessed episodes where the child is looked after straight away (model)."""
CARE_AFTER_CP = 0.16
"""CP plans ending with the child looked after (model)."""
CIN_AFTER_CP = 0.60
"""CP plans stepping down to a CIN plan (model)."""
CARE_AFTER_CIN = 0.04
"""CIN plans ending with the child looked after (model)."""
EXTRA_REFERRALS = 0.62
"""Mean further referrals of a child after the first (geometric; model, with the share of
gaps within a year in the profile giving England's re-referral rate)."""

HOLIDAY_DEFERRAL = {4: 0.08, 8: 0.28, 12: 0.15}
"""Share of the referrals due in April (Easter), August and December that arrive in the next
month instead (model: schools make a fifth of referrals and are closed then, so referrals dip in
those months and rise when schools return, as councils' monthly figures show)."""

NEED_CODES = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
NEED_WEIGHTS = (57.0, 10.0, 3.0, 9.0, 15.0, 2.0, 0.5, 3.5)
"""Primary need at assessment, roughly as CIN at 31 March (DfE CIN census, table B1)."""
SOURCE_CODES = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
                "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10")  # fmt: skip
SOURCE_WEIGHTS = (3, 0.5, 1, 1, 19, 1.5, 2, 2, 0.5, 3, 3, 4, 2, 6, 3, 2, 4, 29, 3, 6, 1, 1.5)
"""Referral sources, roughly as England's (police ~29%, schools ~20%; DfE CIN census A4)."""
CP_CATEGORIES = ("NEG", "EMO", "PHY", "SAB", "MUL")
CP_CATEGORY_WEIGHTS = (50.0, 38.0, 6.0, 4.0, 2.0)
"""Initial category of abuse of new CP plans (DfE CIN census, table D3)."""
FACTORS = (
    "3B",
    "4B",
    "16A",
    "3A",
    "2B",
    "1B",
    "18B",
    "4A",
    "3C",
    "21",
    "22A",
    "8B",
    "14A",
    "2A",
    "6B",
)
FACTOR_WEIGHTS = (33, 28, 22, 18, 14, 12, 9, 8, 7, 4, 4, 3, 3, 3, 3)
"""Assessment factors, by how often England records them (DfE CIN census, table C3)."""


@dataclass(frozen=True)
class Window:
    """The simulated period, in day numbers."""

    warmup_start: int
    """Chains start from here, so re-referrals and open plans are realistic at ``start``."""
    start: int
    """The first day reported (the SSD's history starts here)."""
    end: int
    """The last day simulated (the extract's date)."""


@dataclass(frozen=True)
class Journeys:
    """What the front-door simulation hands on: one frame per stage, in day numbers."""

    episodes: pl.DataFrame
    """One row per referral: child, referral, stage dates and outcome."""
    children: pl.DataFrame
    """One row per child: id, first referral day, risk, date of birth, unborn flag."""
    care_entries: pl.DataFrame
    """Children to be looked after: child, referral, day, route."""
    cp_plans: pl.DataFrame
    cin_plans: pl.DataFrame


def simulate_journeys(
    streams: Streams,
    practice: Practice,
    window: Window,
    referrals_per_year: float,
    *,
    care_rate: float = 1.0,
) -> Journeys:
    """Chains of referrals over ``window`` and every episode's path and dates."""
    children = _children(streams("children"), window, referrals_per_year)
    episodes = _chain_episodes(streams("chains"), children)
    episodes = _paths(streams("paths"), practice, episodes, care_rate)
    episodes = _dates(streams("chain-dates"), practice, episodes, window)
    episodes = _close(streams("closure"), episodes, window)
    cp_plans = _cp_plans(episodes)
    cin_plans = _cin_plans(episodes)
    care_entries = episodes.filter(pl.col("care_day").is_not_null()).select(
        "child", "referral", pl.col("care_day").alias("day"), pl.col("care_route").alias("route")
    )
    return Journeys(episodes, children, care_entries, cp_plans, cin_plans)


def _children(rng: np.random.Generator, window: Window, referrals_per_year: float) -> pl.DataFrame:
    years = (window.end - window.warmup_start) / YEAR
    count = rng.poisson(referrals_per_year / (1 + EXTRA_REFERRALS) * years)
    first = window.warmup_start + rng.integers(0, window.end - window.warmup_start, count)
    first = working_day_on_or_after(first)
    ages = _age_at_first_referral(rng, count)
    risk = rng.lognormal(-0.32, 0.8, count)  # mean 1
    return (
        pl.DataFrame(
            {
                "child": np.arange(count, dtype=np.int64),
                "first_referral": first,
                "dob": first - np.round(ages * YEAR).astype(np.int64),
                "risk": risk,
            }
        )
        .sort("first_referral", maintain_order=True)
        .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("child"))
    )


def _age_at_first_referral(rng: np.random.Generator, count: int) -> np.ndarray:
    """Ages at first referral: unborn (negative) to 17 (DfE CIN census, ages of referrals)."""
    bands = ((-0.4, 0.0), (0.0, 1.0), (1.0, 5.0), (5.0, 10.0), (10.0, 16.0), (16.0, 17.9))
    weights = np.array((3.0, 9.0, 19.0, 25.0, 33.0, 11.0))
    band = rng.choice(len(bands), size=count, p=weights / weights.sum())
    low = np.array([b[0] for b in bands])[band]
    high = np.array([b[1] for b in bands])[band]
    drawn: np.ndarray = rng.uniform(low, high)
    return drawn


def _chain_episodes(rng: np.random.Generator, children: pl.DataFrame) -> pl.DataFrame:
    """One row per referral in each child's chain (dates come later)."""
    mean_extra = EXTRA_REFERRALS * children["risk"].to_numpy()
    extra = rng.geometric(1 / (1 + mean_extra)) - 1  # riskier children come back more often
    counts = 1 + np.minimum(extra, 8)
    child = np.repeat(children["child"].to_numpy(), counts)
    step = np.arange(len(child)) - np.repeat(np.cumsum(counts) - counts, counts)
    return pl.DataFrame({"child": child, "step": step}).join(
        children, on="child", maintain_order="left"
    )


def _paths(
    rng: np.random.Generator, practice: Practice, episodes: pl.DataFrame, care_rate: float
) -> pl.DataFrame:
    """Which stages each episode reaches (independent of dates); ``care_rate`` scales entry to care."""
    n = episodes.height
    risk = episodes["risk"].to_numpy()
    assessed = rng.random(n) >= REFERRAL_NFA
    s47 = assessed & (rng.random(n) < np.clip(S47 * risk, 0, 0.95))
    icpc = s47 & (rng.random(n) < ICPC_AFTER_S47)
    cp = icpc & (rng.random(n) < CP_AFTER_ICPC)
    direct_care = assessed & ~cp & (rng.random(n) < CARE_DIRECT * care_rate * np.sqrt(risk))
    cin_plan = assessed & ~cp & ~direct_care & (rng.random(n) < CIN_PLAN_AFTER_ASSESSMENT)
    after_cp = rng.random(n)
    cp_to_care = cp & (after_cp < CARE_AFTER_CP * care_rate)
    cp_to_cin = (
        cp
        & (after_cp >= CARE_AFTER_CP * care_rate)
        & (after_cp < CARE_AFTER_CP * care_rate + CIN_AFTER_CP)
    )
    cin_plan = cin_plan | cp_to_cin
    cin_to_care = cin_plan & ~cp & (rng.random(n) < CARE_AFTER_CIN * care_rate)
    return episodes.with_columns(
        pl.Series("assessed", assessed),
        pl.Series("s47", s47),
        pl.Series("icpc", icpc),
        pl.Series("cp", cp),
        pl.Series("cin_plan", cin_plan),
        pl.Series(
            "care_route",
            _care_route(direct_care, cp_to_care, cin_to_care).tolist(),
            dtype=pl.String,
        ),
        pl.Series("need", choose(rng, NEED_CODES, NEED_WEIGHTS, n).astype(str)),
        pl.Series("source", choose(rng, SOURCE_CODES, SOURCE_WEIGHTS, n).astype(str)),
        pl.Series("category", choose(rng, CP_CATEGORIES, CP_CATEGORY_WEIGHTS, n).astype(str)),
    )


def _care_route(direct: np.ndarray, after_cp: np.ndarray, after_cin: np.ndarray) -> np.ndarray:
    route = np.full(len(direct), None, dtype=object)
    route[direct] = "assessment"
    route[after_cp] = "cp_plan"
    route[after_cin] = "cin_plan"
    return route


def _dates(
    rng: np.random.Generator, practice: Practice, episodes: pl.DataFrame, window: Window
) -> pl.DataFrame:
    """Stage dates of each episode relative to its referral, then referral dates along chains."""
    n = episodes.height
    # The practice in force is judged at the child's first referral, then refined per episode.
    first = episodes["first_referral"].to_numpy()
    assessment_lag = np.where(rng.random(n) < 0.75, 0, rng.integers(1, 4, n))
    assessment_wd = _band_draw(
        rng, practice.weights("assessment_band_weights", first), ASSESSMENT_BANDS
    )
    s47_lag = rng.integers(0, 8, n)
    icpc_wd = _band_draw(rng, practice.weights("icpc_band_weights", first), ICPC_BANDS)
    cp_months = _band_draw_float(
        rng, practice.weights("cp_plan_band_weights", first), CP_PLAN_BANDS_MONTHS
    )
    cin_plan_days = np.clip(rng.lognormal(np.log(200), 0.55, n), 42, 3 * YEAR)
    close_after = rng.integers(0, 25, n)
    within_year = rng.random(n) < practice.value("rereferral_gap_within_year", first)
    frame = episodes.with_columns(
        pl.Series("assessment_lag_wd", assessment_lag),
        pl.Series("assessment_wd", assessment_wd),
        pl.Series("s47_lag_wd", s47_lag),
        pl.Series("icpc_wd", icpc_wd),
        pl.Series("cp_days", np.round(cp_months * MONTH).astype(np.int64)),
        pl.Series("cin_plan_days", np.round(cin_plan_days).astype(np.int64)),
        pl.Series("close_after", close_after),
        pl.Series("gap_within_year", within_year),
        pl.Series("gap_u", rng.random(n)),
        pl.Series("gap_long", np.round(365 + rng.exponential(700, n)).astype(np.int64)),
        pl.Series("season_u", rng.random(n)),
        pl.Series("season_v", rng.random(n)),
    )
    return _place_on_chain(frame, window)


def _place_on_chain(frame: pl.DataFrame, window: Window) -> pl.DataFrame:
    """Referral days along each chain: each next referral follows the previous episode.

    The episode's own span (referral to the end of its last stage, ignoring care, which
    ``care.py`` decides) is estimated from its stage lengths in working days (×7/5).
    """
    span = (
        (pl.col("assessment_lag_wd") + pl.col("assessment_wd")) * 7 // 5
        + pl.when(pl.col("cp")).then(pl.col("icpc_wd") * 7 // 5 + pl.col("cp_days")).otherwise(0)
        + pl.when(pl.col("cin_plan")).then(pl.col("cin_plan_days")).otherwise(0)
        + pl.col("close_after")
    )
    gap = (
        pl.when(pl.col("gap_within_year"))
        .then(pl.max_horizontal(pl.col("_span") + 21, 30 + (pl.col("gap_u") * 330).cast(pl.Int64)))
        .otherwise(pl.max_horizontal(pl.col("_span") + 21, pl.col("gap_long")))
    )
    frame = frame.with_columns(span.alias("_span")).with_columns(gap.alias("_gap"))
    offset = pl.col("_gap").cum_sum().over("child", order_by="step") - pl.col("_gap")
    frame = frame.with_columns((pl.col("first_referral") + offset).alias("referral_day"))
    frame = frame.with_columns(_seasonal(pl.col("referral_day")).alias("referral_day"))
    adult = pl.col("dob") + (18 * YEAR) - 30
    frame = frame.filter((pl.col("referral_day") <= window.end) & (pl.col("referral_day") < adult))
    # Referrals arrive on working days.
    return frame.with_columns(
        pl.Series("referral_day", working_day_on_or_after(frame["referral_day"].to_numpy()))
    ).filter(pl.col("referral_day") <= window.end)


def _seasonal(days: pl.Expr) -> pl.Expr:
    """Some referrals due in a school-holiday month arrive in the next three weeks instead."""
    day_date = days.cast(pl.Int32).cast(pl.Date)
    deferral = day_date.dt.month().replace_strict(
        HOLIDAY_DEFERRAL, default=0.0, return_dtype=pl.Float64
    )
    next_month = day_date.dt.month_end().cast(pl.Int32).cast(pl.Int64) + 1
    deferred = next_month + (pl.col("season_v") * 21).cast(pl.Int64)
    return pl.when(pl.col("season_u") < deferral).then(deferred).otherwise(days)


def _close(rng: np.random.Generator, episodes: pl.DataFrame, window: Window) -> pl.DataFrame:
    """Absolute stage dates, care entry days and each episode's closure."""
    referral = episodes["referral_day"].to_numpy()
    assessment_start = add_working_days(referral, episodes["assessment_lag_wd"].to_numpy())
    assessment_end = add_working_days(assessment_start, episodes["assessment_wd"].to_numpy())
    s47_start = add_working_days(referral, episodes["s47_lag_wd"].to_numpy())
    s47_end = add_working_days(s47_start, rng.integers(5, 16, episodes.height))
    icpc_day = add_working_days(s47_start, episodes["icpc_wd"].to_numpy())
    cp_end = icpc_day + episodes["cp_days"].to_numpy()
    cin_start = np.where(
        episodes["cp"].to_numpy(),
        cp_end,
        np.maximum(assessment_end, s47_end) + rng.integers(0, 10, len(referral)),
    )
    cin_end = cin_start + episodes["cin_plan_days"].to_numpy()
    route = episodes["care_route"].to_numpy()
    route = np.asarray([r if r is not None else "" for r in route], dtype=object)
    adult = episodes["dob"].to_numpy() + round(18 * YEAR)
    care_day = np.select(
        [route == "assessment", route == "cp_plan", route == "cin_plan"],
        [
            np.where(
                episodes["s47"].to_numpy(),
                s47_start,
                assessment_start + rng.integers(0, 20, len(referral)),
            ),
            cp_end,
            cin_end,
        ],
        default=-(10**9),
    )
    # Nobody enters care at 18 or over: such an episode simply closes.
    too_old = care_day >= adult
    route = np.where(too_old, "", route)
    care_day = np.where(too_old, -(10**9), care_day)
    close_after = episodes["close_after"].to_numpy()
    last = np.maximum.reduce(
        [
            np.where(episodes["assessed"].to_numpy(), assessment_end, referral + 1),
            np.where(episodes["s47"].to_numpy(), s47_end, 0),
            np.where(episodes["cp"].to_numpy(), cp_end, 0),
            np.where(episodes["cin_plan"].to_numpy(), cin_end, 0),
        ]
    )
    closed = last + close_after
    frame = episodes.with_columns(
        pl.Series("assessment_start", assessment_start),
        pl.Series("assessment_end", assessment_end),
        pl.Series("s47_start", s47_start),
        pl.Series("s47_end", s47_end),
        pl.Series("icpc_day", icpc_day),
        pl.Series("cp_end", cp_end),
        pl.Series("cin_start", cin_start),
        pl.Series("cin_end", cin_end),
        pl.Series("care_day", care_day),
        pl.Series("care_route", [r or None for r in route], dtype=pl.String),
        # Care keeps the episode open: care.py sets the close day of those episodes.
        pl.Series("close_day", np.where(route == "", closed, -(10**9))),
    )
    return frame.with_columns(
        pl.when(pl.col("care_day") < -1_000_000)
        .then(None)
        .otherwise(pl.col("care_day"))
        .alias("care_day"),
        pl.when((pl.col("close_day") < -1_000_000) | (pl.col("close_day") > window.end))
        .then(None)
        .otherwise(pl.col("close_day"))
        .alias("close_day"),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("referral"),
    )


def _cp_plans(episodes: pl.DataFrame) -> pl.DataFrame:
    return episodes.filter(pl.col("cp")).select(
        "child",
        "referral",
        pl.col("icpc_day").alias("start"),
        pl.col("cp_end").alias("end"),
        "category",
        "care_route",
    )


def _cin_plans(episodes: pl.DataFrame) -> pl.DataFrame:
    return episodes.filter(pl.col("cin_plan")).select(
        "child", "referral", pl.col("cin_start").alias("start"), pl.col("cin_end").alias("end")
    )


def _band_draw(
    rng: np.random.Generator, weights: np.ndarray, bands: tuple[tuple[int, int], ...]
) -> np.ndarray:
    band = choose_rows(rng, weights)
    low = np.array([b[0] for b in bands])[band]
    high = np.array([b[1] for b in bands])[band]
    drawn: np.ndarray = rng.integers(low, high + 1)
    return drawn


def _band_draw_float(
    rng: np.random.Generator, weights: np.ndarray, bands: tuple[tuple[float, float], ...]
) -> np.ndarray:
    band = choose_rows(rng, weights)
    low = np.array([b[0] for b in bands])[band]
    high = np.array([b[1] for b in bands])[band]
    drawn: np.ndarray = rng.uniform(low, high)
    return drawn
