"""Children looked after: periods of care and everything that happens in them.

A period of care starts from a care entry (a CP plan, a CIN plan, an assessment, an unaccompanied
asylum-seeking child's arrival, or — before the simulated window — a long stay already under way)
and ends by return home, adoption, special guardianship or a child arrangements order, or the 18th
birthday. Its exit is drawn by age at entry; its placements are a renewal process (short in the
first year, settled after); legal statuses, reviews, visits, health checks, PEPs and missing
episodes are laid on it. Care leavers are those who leave at 16 or over after 13 weeks in care
since their 14th birthday.

Shares are models tuned against DfE "Children looked after in England" (2024): about 32,000
starts a year, 83,000 looked after at 31 March, 3,000 adoptions, 68% long-term stability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from oversight.core.synth._events import Cadence, recurring
from oversight.core.synth._random import Streams, choose, text_where
from oversight.core.synth._time import YEAR, add_working_days
from oversight.core.synth.journeys import Window
from oversight.core.synth.profiles import Practice

UASC_SHARE = 0.15
"""Care entries that are unaccompanied asylum-seeking children (England ~5,500 of 32,000)."""
NONE = -(10**9)
FIRST_BRIDGING = 0.45
"""Share of first placements that are short, bridging ones (emergency or assessment; model)."""
LATER_BRIDGING = 0.25
"""Share of later placements that are short (model)."""

EXIT_KINDS = ("home", "adoption", "guardianship", "adulthood")
EXIT_BY_AGE = (  # (upper age bound, weights of EXIT_KINDS)
    (2.0, (30.0, 30.0, 20.0, 20.0)),
    (5.0, (40.0, 12.0, 20.0, 28.0)),
    (10.0, (45.0, 0.0, 15.0, 40.0)),
    (16.0, (45.0, 0.0, 5.0, 50.0)),
    (99.0, (30.0, 0.0, 0.0, 70.0)),
)
"""How periods of care end, by age at entry (model)."""
REASONS_CEASED = {
    "home": (("E4A", "E4B", "E13"), (70.0, 10.0, 20.0)),
    "adoption": (("E11", "E12"), (30.0, 70.0)),
    "guardianship": (("E45", "E46", "E41"), (40.0, 40.0, 20.0)),
    "adulthood": (("E8", "E7", "E17"), (40.0, 30.0, 30.0)),
}
CHANGE_REASONS = (
    "CARPL",
    "STAND",
    "ALLEG",
    "APPRR",
    "CREQB",
    "CREQO",
    "CHILD",
    "LAREQ",
    "PLACE",
    "CUSTOD",
    "OTHER",
)
CHANGE_WEIGHTS = (40.0, 10.0, 2.0, 3.0, 8.0, 12.0, 8.0, 5.0, 7.0, 1.0, 4.0)


@dataclass(frozen=True)
class Care:
    """Every frame of care, in day numbers; ids are indexes into the frames."""

    periods: pl.DataFrame
    placements: pl.DataFrame
    legal_statuses: pl.DataFrame
    reviews: pl.DataFrame
    visits: pl.DataFrame
    health_checks: pl.DataFrame
    peps: pl.DataFrame
    missing: pl.DataFrame
    permanence: pl.DataFrame
    care_leavers: pl.DataFrame


def simulate_care(
    streams: Streams,
    practice: Practice,
    window: Window,
    entries: pl.DataFrame,
    children: pl.DataFrame,
) -> Care:
    """Periods of care from ``entries`` (child, referral, day, route) for ``children`` (dob)."""
    periods = _periods(
        streams("periods"),
        entries.join(children.select("child", "dob"), on="child", maintain_order="left"),
        window,
    )
    placements = _placements(streams("placements"), practice, periods)
    return Care(
        periods=periods,
        placements=placements,
        legal_statuses=_legal_statuses(streams("legal"), periods),
        reviews=_reviews(streams("reviews"), practice, periods),
        visits=_visits(streams("visits"), practice, placements),
        health_checks=_health(streams("health"), practice, periods),
        peps=_peps(streams("peps"), practice, periods),
        missing=_missing(streams("missing"), periods, window),
        permanence=periods.filter(pl.col("exit") == "adoption").select(
            "period", "child", "adm_day", "order_day", "matched_day", "placed_day", "end"
        ),
        care_leavers=_care_leavers(streams("leavers"), periods, window),
    )


def extra_entries(
    streams: Streams, window: Window, entries: pl.DataFrame, first_child: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Care entries the front door does not make: UASC arrivals and stays begun before the window.

    Returns the new children (child, dob, is_uasc) and their entries (child, day, route). Their
    rate follows the simulated front door's own rate of care entries.
    """
    rng = streams("extra-entries")
    span_years = (window.end - window.warmup_start) / YEAR
    per_year = entries.height / max(span_years, 0.1)
    uasc = rng.poisson(per_year * UASC_SHARE / (1 - UASC_SHARE) * span_years)
    uasc_day = window.warmup_start + rng.integers(0, window.end - window.warmup_start, uasc)
    uasc_age = rng.uniform(14.5, 17.6, uasc)
    earlier_years = 17.0
    legacy = rng.poisson(per_year * earlier_years)
    legacy_day = window.warmup_start - rng.integers(1, int(earlier_years * YEAR), legacy)
    legacy_age = _entry_ages(rng, legacy)
    days = np.concatenate([uasc_day, legacy_day])
    ages = np.concatenate([uasc_age, legacy_age])
    child = first_child + np.arange(len(days), dtype=np.int64)
    new_children = pl.DataFrame(
        {
            "child": child,
            "dob": days - np.round(ages * YEAR).astype(np.int64),
            "is_uasc": np.concatenate([np.ones(uasc, bool), np.zeros(legacy, bool)]),
        }
    )
    new_entries = pl.DataFrame(
        {"child": child, "day": days, "route": ["uasc"] * uasc + ["legacy"] * legacy}
    )
    return new_children, new_entries


def _entry_ages(rng: np.random.Generator, count: int) -> np.ndarray:
    """Ages at entering care (DfE CLA 2024: about 20% under 1, 15% 1–4, 15% 5–9, 35% 10–15)."""
    bands = ((0.0, 1.0), (1.0, 5.0), (5.0, 10.0), (10.0, 16.0), (16.0, 17.8))
    weights = np.array((20.0, 15.0, 15.0, 38.0, 12.0))
    band = rng.choice(len(bands), size=count, p=weights / weights.sum())
    return rng.uniform(np.array([b[0] for b in bands])[band], np.array([b[1] for b in bands])[band])


def _periods(rng: np.random.Generator, entries: pl.DataFrame, window: Window) -> pl.DataFrame:
    n = entries.height
    dob = entries["dob"].to_numpy()
    start = np.maximum(entries["day"].to_numpy(), dob)
    age = (start - dob) / YEAR
    adult = dob + np.round(18 * YEAR).astype(np.int64)
    route = entries["route"].to_numpy()
    exit_kind = np.empty(n, dtype=object)
    draws = rng.random(n)
    lower = 0.0
    for upper, weights in EXIT_BY_AGE:
        rows = (age >= lower) & (age < upper)
        cumulative = np.cumsum(weights) / sum(weights)
        exit_kind[rows] = np.asarray(EXIT_KINDS, dtype=object)[
            np.searchsorted(cumulative, draws[rows])
        ]
        lower = upper
    exit_kind[route == "uasc"] = np.where(
        rng.random((route == "uasc").sum()) < 0.95, "adulthood", "home"
    )
    adm = start + rng.integers(120, 300, n)
    order = adm + rng.integers(60, 200, n)
    matched = order + rng.integers(60, 240, n)
    placed = matched + rng.integers(7, 45, n)
    adopted = placed + rng.integers(180, 330, n)
    home = start + np.clip(np.round(rng.lognormal(np.log(150), 1.0, n)), 3, 20 * YEAR).astype(
        np.int64
    )
    guardianship = start + rng.integers(365, 3 * 365, n)
    end = np.select(
        [exit_kind == "home", exit_kind == "adoption", exit_kind == "guardianship"],
        [home, adopted, guardianship],
        default=adult,
    )
    end = np.minimum(end, adult)
    exit_kind = np.where((end == adult) & (exit_kind != "adulthood"), "adulthood", exit_kind)
    reason = np.empty(n, dtype=object)
    for kind, (codes, shares) in REASONS_CEASED.items():
        rows = exit_kind == kind
        reason[rows] = choose(rng, codes, shares, int(rows.sum()))
    frame = entries.with_columns(
        pl.Series("start", start),
        pl.Series("end", end),
        pl.Series("exit", exit_kind.astype(str)),
        pl.Series("reason_ceased", reason.astype(str)),
        pl.Series("adm_day", adm),
        pl.Series("order_day", order),
        pl.Series("matched_day", matched),
        pl.Series("placed_day", placed),
    ).filter((pl.col("end") >= window.start) & (pl.col("start") <= window.end))
    return frame.with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("period"),
        (pl.col("end") > window.end).alias("is_open"),
    )


def _placements(
    rng: np.random.Generator, practice: Practice, periods: pl.DataFrame
) -> pl.DataFrame:
    n = periods.height
    start = periods["start"].to_numpy()
    end = periods["end"].to_numpy()
    adoption = periods["exit"].to_numpy() == "adoption"
    placed = periods["placed_day"].to_numpy()
    care_end = np.where(adoption, placed, end)
    k = 25
    first_mean = practice.value("first_placement_months", start) * 30.44
    settled_mean = practice.value("settled_placement_years", start) * YEAR
    bridging = rng.random((n, k)) < np.where(
        np.arange(k)[None, :] == 0, FIRST_BRIDGING, LATER_BRIDGING
    )
    scale = np.where(bridging, first_mean[:, None], settled_mean[:, None])
    lengths = np.maximum(rng.exponential(scale), 2)
    begins = start[:, None] + np.concatenate(
        [np.zeros((n, 1)), np.cumsum(lengths, axis=1)[:, :-1]], axis=1
    )
    begins = np.round(begins).astype(np.int64)
    alive = begins < care_end[:, None]
    period_index, order = np.nonzero(alive)
    begin = begins[period_index, order]
    following = np.where(
        order + 1 < k, begins[period_index, np.minimum(order + 1, k - 1)], care_end[period_index]
    )
    finish = np.minimum(following, care_end[period_index])
    frame = pl.DataFrame(
        {"period": period_index.astype(np.int64), "order": order, "start": begin, "end": finish}
    )
    adoption_rows = np.nonzero(adoption)[0]
    adoptive = pl.DataFrame(
        {
            "period": adoption_rows.astype(np.int64),
            "order": np.full(len(adoption_rows), 99),
            "start": placed[adoption_rows],
            "end": end[adoption_rows],
        }
    )
    frame = pl.concat([frame, adoptive.filter(pl.col("start") < pl.col("end"))]).sort(
        "period", "order", maintain_order=True
    )
    frame = frame.join(
        periods.select(
            "period", "child", "dob", "route", "exit", pl.col("end").alias("period_end")
        ),
        on="period",
        maintain_order="left",
    )
    ages = ((frame["start"] - frame["dob"]) / YEAR).to_numpy()
    kind = _placement_types(rng, ages, frame["route"].to_numpy(), frame["order"].to_numpy() == 99)
    provider = _providers(rng, kind)
    is_last = frame["end"].to_numpy() >= frame["period_end"].to_numpy()
    change = choose(rng, CHANGE_REASONS, CHANGE_WEIGHTS, frame.height)
    distance = np.round(rng.lognormal(np.log(7), 1.0, frame.height), 1)
    out_of_area = rng.random(frame.height) < np.where(provider == "PR4", 0.45, 0.08)
    return frame.with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("placement"),
        pl.Series("type", kind.astype(str)),
        pl.Series("provider", provider.astype(str)),
        text_where("change_reason", ~is_last, change),
        pl.Series("distance", np.where(kind == "P1", 0.0, distance)),
        pl.Series("out_of_area", out_of_area),
    )


def _placement_types(
    rng: np.random.Generator, age: np.ndarray, route: np.ndarray, adoptive: np.ndarray
) -> np.ndarray:
    young = choose(
        rng,
        ("U6", "U4", "U3", "U1", "K2", "P1", "R1", "S1", "Z1"),
        (40, 25, 8, 7, 10, 5, 1, 1, 1),
        len(age),
    )
    older = choose(rng, ("U6", "U4", "U3", "K2", "P1", "Z1"), (30, 15, 10, 30, 5, 10), len(age))
    uasc = choose(rng, ("K2", "U6", "Z1"), (20, 30, 50), len(age))
    kind = np.where(age >= 16, older, young)
    kind = np.where(route == "uasc", uasc, kind)
    return np.where(adoptive, choose(rng, ("A5", "A6"), (25, 75), len(age)), kind)


def _providers(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    n = len(kind)
    foster = choose(rng, ("PR1", "PR4"), (60, 40), n)
    home = choose(rng, ("PR1", "PR4"), (25, 75), n)
    adoption = choose(rng, ("PR1", "PR2"), (70, 30), n)
    return np.select(
        [
            kind == "P1",
            np.isin(kind, ("U1", "U2", "U3")),
            np.isin(kind, ("U4", "U5", "U6")),
            kind == "K2",
            np.isin(kind, ("A3", "A4", "A5", "A6")),
        ],
        [np.full(n, "PR0"), np.full(n, "PR1"), foster, home, adoption],
        default="PR4",
    )


def _legal_statuses(rng: np.random.Generator, periods: pl.DataFrame) -> pl.DataFrame:
    n = periods.height
    route = periods["route"].to_numpy()
    start = periods["start"].to_numpy()
    end = periods["end"].to_numpy()
    draw = rng.random(n)
    first = np.select(
        [route == "uasc", route == "cp_plan", route == "assessment", route == "legacy"],
        [
            np.full(n, "V2"),
            np.where(draw < 0.65, "C1", "V2"),
            np.where(draw < 0.15, "L2", np.where(draw < 0.55, "C1", "V2")),
            np.where(draw < 0.6, "C2", "V2"),
        ],
        default=np.where(draw < 0.3, "C1", "V2"),
    )
    emergency_end = start + rng.integers(2, 9, n)
    second_start = np.where(first == "L2", emergency_end, NONE)
    second = np.where(first == "L2", "C1", "")
    interim = (first == "C1") | (first == "L2")
    full_start = np.where(
        interim, np.maximum(start, second_start) + rng.integers(150, 360, n), NONE
    )
    placement_order = np.where(
        periods["exit"].to_numpy() == "adoption", periods["order_day"].to_numpy(), NONE
    )
    rows = pl.DataFrame(
        {
            "period": np.tile(np.arange(n), 4),
            "child": np.tile(periods["child"].to_numpy(), 4),
            "status": pl.Series(
                np.concatenate(
                    [
                        first,
                        second,
                        np.where(interim, "C2", ""),
                        np.where(placement_order > NONE, "E1", ""),
                    ]
                ).astype(str),
            ),
            "start": np.concatenate([start, second_start, full_start, placement_order]),
            "period_end": np.tile(end, 4),
        }
    )
    rows = rows.filter(
        (pl.col("status") != "")
        & (pl.col("start") > NONE)
        & (pl.col("start") < pl.col("period_end"))
    )
    rows = rows.sort("period", "start", maintain_order=True).with_columns(
        pl.col("start").shift(-1).over("period").fill_null(pl.col("period_end")).alias("end")
    )
    return rows.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("legal_status"))


def _reviews(rng: np.random.Generator, practice: Practice, periods: pl.DataFrame) -> pl.DataFrame:
    start = periods["start"].to_numpy()
    end = periods["end"].to_numpy()
    events = recurring(
        rng,
        periods["period"].to_numpy(),
        start,
        end,
        Cadence(first=28, second=91, then=182),
        practice.value("reviews_on_time", start),
    )
    return events.rename({"spell": "period"}).join(
        periods.select("period", "child"), on="period", maintain_order="left"
    )


def _visits(rng: np.random.Generator, practice: Practice, placements: pl.DataFrame) -> pl.DataFrame:
    long_term = placements["type"].is_in(["U1", "U4"]).to_numpy()
    frames = []
    for rows, cadence in (
        (long_term, Cadence(first=7, then=42, later_after_days=365, later=91)),
        (~long_term, Cadence(first=7, then=42)),
    ):
        subset = placements.filter(pl.Series(rows))
        start = subset["start"].to_numpy()
        events = recurring(
            rng,
            np.arange(subset.height),
            start,
            subset["end"].to_numpy(),
            cadence,
            practice.value("visits_on_time", start),
        )
        frames.append(
            events.with_columns(subset["placement"].gather(events["spell"]).alias("placement"))
        )
    visits = (
        pl.concat(frames)
        .drop("spell")
        .join(
            placements.select("placement", "period", "child"), on="placement", maintain_order="left"
        )
    )
    seen = rng.random(visits.height) < 0.95
    alone = seen & (rng.random(visits.height) < 0.6)
    return visits.with_columns(pl.Series("seen", seen), pl.Series("seen_alone", alone))


def _health(rng: np.random.Generator, practice: Practice, periods: pl.DataFrame) -> pl.DataFrame:
    start = periods["start"].to_numpy()
    end = periods["end"].to_numpy()
    on_time = practice.value("reviews_on_time", start)
    late = rng.random(len(start)) > on_time
    iha = add_working_days(
        start, np.where(late, rng.integers(21, 60, len(start)), rng.integers(5, 21, len(start)))
    )
    young = (start - periods["dob"].to_numpy()) / YEAR < 5
    frames = [
        pl.DataFrame({"period": periods["period"], "day": iha, "type": "IHA"}).filter(
            pl.col("day") <= pl.Series(end)
        )
    ]
    for rows, interval in ((young, 182.0), (~young, 365.0)):
        subset = periods.filter(pl.Series(rows))
        events = recurring(
            rng,
            subset["period"].to_numpy(),
            subset["start"].to_numpy() + 28,
            subset["end"].to_numpy(),
            Cadence(first=interval, then=interval),
            practice.value("reviews_on_time", subset["start"].to_numpy()),
        )
        frames.append(
            events.select(
                subset["period"].gather(events["spell"]).alias("period"),
                "day",
                pl.lit("RHA").alias("type"),
            )
        )
    dental = recurring(
        rng,
        periods["period"].to_numpy(),
        start,
        end,
        Cadence(first=56, then=182),
        practice.value("reviews_on_time", start),
    )
    frames.append(
        dental.select(pl.col("spell").alias("period"), "day", pl.lit("DENTAL").alias("type"))
    )
    checks = pl.concat(frames).join(
        periods.select("period", "child"), on="period", maintain_order="left"
    )
    status = np.where(rng.random(checks.height) < 0.97, "Completed", "Refused")
    return checks.with_columns(pl.Series("status", status))


def _peps(rng: np.random.Generator, practice: Practice, periods: pl.DataFrame) -> pl.DataFrame:
    dob = periods["dob"].to_numpy()
    school_start = np.maximum(periods["start"].to_numpy(), dob + round(4.5 * YEAR))
    school_end = np.minimum(periods["end"].to_numpy(), dob + round(18 * YEAR))
    rows = school_start < school_end
    subset = periods.filter(pl.Series(rows))
    events = recurring(
        rng,
        np.arange(subset.height),
        school_start[rows],
        school_end[rows],
        Cadence(first=14, then=120),
        practice.value("reviews_on_time", school_start[rows]),
    )
    return events.select(subset["child"].gather(events["spell"]).alias("child"), "day")


def _missing(rng: np.random.Generator, periods: pl.DataFrame, window: Window) -> pl.DataFrame:
    start = np.maximum(periods["start"].to_numpy(), window.start)
    end = np.minimum(periods["end"].to_numpy(), window.end)
    years = np.clip((end - start) / YEAR, 0, None)
    age = (start - periods["dob"].to_numpy()) / YEAR
    mean_per_year = np.select([age >= 13, age >= 10], [2.2, 0.4], default=0.02)
    propensity = rng.gamma(0.3, mean_per_year / 0.3)
    counts = rng.poisson(propensity * years)
    period = np.repeat(np.arange(len(counts)), counts)
    day = start[period] + np.floor(
        rng.random(len(period)) * np.maximum(end[period] - start[period], 1)
    ).astype(np.int64)
    length = np.where(
        rng.random(len(period)) < 0.8,
        rng.integers(0, 2, len(period)),
        rng.integers(2, 10, len(period)),
    )
    offered = rng.random(len(period)) < 0.85
    accepted = offered & (rng.random(len(period)) < 0.5)
    return (
        pl.DataFrame(
            {
                "period": period.astype(np.int64),
                "start": day,
                "end": day + length,
                "type": np.where(rng.random(len(period)) < 0.7, "M", "A"),
                "rhi_offered": offered,
                "rhi_accepted": accepted,
            }
        )
        .with_columns(
            pl.when(pl.col("end") > window.end).then(None).otherwise(pl.col("end")).alias("end")
        )
        .join(periods.select("period", "child"), on="period", maintain_order="left")
    )


def _care_leavers(rng: np.random.Generator, periods: pl.DataFrame, window: Window) -> pl.DataFrame:
    dob = periods["dob"]
    left_at = (periods["end"] - dob) / YEAR
    since_14 = periods["end"] - pl.Series(
        np.maximum(periods["start"].to_numpy(), dob.to_numpy() + round(14 * YEAR))
    )
    eligible = (
        (left_at >= 16)
        & (since_14 >= 91)
        & (periods["end"] <= window.end)
        & (periods["exit"] != "home")
    )
    leavers = periods.filter(eligible).with_columns(
        ((window.end - pl.col("dob")) / YEAR).alias("age_now")
    )
    leavers = leavers.filter((pl.col("age_now") >= 17) & (pl.col("age_now") < 22)).unique(
        "child", keep="last", maintain_order=True
    )
    n = leavers.height
    in_touch = choose(rng, ("YES", "NO", "REFU", "NREQ", "RHOM"), (91, 4, 2, 2, 1), n)
    touch = in_touch == "YES"
    accommodation = choose(
        rng,
        ("S", "T", "U", "V", "B", "C", "D", "E", "G", "H", "K", "R", "W", "X", "Y", "Z"),
        (20, 10, 12, 8, 14, 4, 8, 10, 2, 2, 2, 1, 2, 1, 2, 2),
        n,
    )
    suitable = np.where(rng.random(n) < 0.87, "1", "2")
    activity = choose(
        rng,
        ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"),
        (22, 5, 18, 6, 2, 1, 1, 1, 24, 12, 8),
        n,
    )
    last_contact = window.end - np.where(
        rng.random(n) < 0.9, rng.integers(0, 58, n), rng.integers(58, 120, n)
    )
    pathway = window.end - rng.integers(0, 200, n)
    return leavers.select("child", "dob", pl.col("end").alias("left_care")).with_columns(
        pl.Series(
            "eligibility",
            np.where(leavers["age_now"].to_numpy() >= 18, "Former Relevant", "Relevant"),
        ),
        pl.Series("in_touch", in_touch.astype(str)),
        text_where("accommodation", touch, accommodation),
        text_where("suitable", touch, suitable),
        text_where("activity", touch, activity),
        pl.Series(
            "latest_contact", np.where(touch, last_contact, window.end - rng.integers(90, 400, n))
        ),
        pl.Series("pathway_review", pathway),
    )
