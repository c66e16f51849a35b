"""One simulated council, from its specification to its SSD tables and ``council.json``.

::

    journeys (front door) ─► care entries ─► care (periods, placements, …)
           └─────────────── allocation spells ◄──┘
                                 ├─► demand per team ─► workforce (posts, spells)
                                 └─► involvements, case supervision
    all of it ─► ssd_* and ovs_* frames (_tables.py)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from oversight.core.synth import _tables
from oversight.core.synth._random import Streams
from oversight.core.synth._time import YEAR, day
from oversight.core.synth.allocation import (
    allocate,
    allocation_spells,
    case_supervision,
    demand_by_team,
)
from oversight.core.synth.care import extra_entries, simulate_care
from oversight.core.synth.journeys import Window, simulate_journeys
from oversight.core.synth.names import council_code, council_name
from oversight.core.synth.profiles import Practice
from oversight.core.synth.workforce import simulate_workforce, team_counts, teams_frame

WARMUP_YEARS = 4
"""Years simulated before the reported window, so that chains, plans and stays are under way."""
REFERRALS_PER_CHILD_IN_NEED = 1.55
"""Referrals in a year per child in need at 31 March (England 2024: 621,880 / 399,460)."""
CIN_RATE_PER_10000 = 333.0
"""Children in need per 10,000 children (England 2024: 332.9), to size the child population."""


@dataclass(frozen=True)
class CouncilSpec:
    """What to simulate for one council."""

    index: int
    """The council's number in a run (0 for a single council); it sets name, code and streams."""
    children_in_need: int
    """Children in need at 31 March of the final year, roughly."""
    end: date
    """The last day simulated (31 March of the final year by default)."""
    years: int
    """Years of history reported (the SSD's usual six)."""
    practice: Practice
    seed: int
    care_rate: float = 1.0
    """How readily children enter care, relative to a large metropolitan district (about 100
    looked after per 10,000 children; England's average is about 70, DfE CLA 2024)."""

    @property
    def code(self) -> str:
        return council_code(self.index)

    @property
    def name(self) -> str:
        return council_name(self.index)

    def window(self) -> Window:
        end = day(self.end)
        start = end - round(self.years * YEAR) + 1
        return Window(warmup_start=start - round(WARMUP_YEARS * YEAR), start=start, end=end)


@dataclass(frozen=True)
class SimulatedCouncil:
    """A council's SSD frames by table name, and its description for ``council.json``."""

    frames: dict[str, pl.DataFrame]
    description: dict[str, object]


def simulate_council(spec: CouncilSpec) -> SimulatedCouncil:
    """Simulate ``spec`` and return its SSD tables."""
    streams = Streams(spec.seed, spec.index)
    window = spec.window()
    referrals_per_year = spec.children_in_need * REFERRALS_PER_CHILD_IN_NEED
    journeys = simulate_journeys(
        streams, spec.practice, window, referrals_per_year, care_rate=spec.care_rate
    )
    children = journeys.children.with_columns(pl.lit(False).alias("is_uasc"))
    new_children, new_entries = extra_entries(
        streams, window, journeys.care_entries, first_child=children.height
    )
    children = pl.concat([children.select("child", "dob", "is_uasc"), new_children])
    entries = pl.concat(
        [journeys.care_entries, _with_referrals(new_entries, journeys.episodes.height)],
        how="diagonal_relaxed",
    )
    care = simulate_care(streams, spec.practice, window, entries, children)
    spells = allocation_spells(journeys, care, window)
    teams = teams_frame(team_counts(spec.children_in_need))
    workforce = simulate_workforce(
        streams, spec.practice, window, teams, demand_by_team(spells, teams, window)
    )
    involvements = allocate(streams, spec.practice, spells, workforce, window)
    supervision = case_supervision(streams, spec.practice, involvements, workforce, window)
    frames = _tables.assemble(
        _tables.Parts(
            code=spec.code,
            window=window,
            streams=streams,
            practice=spec.practice,
            journeys=journeys,
            extra_referrals=new_entries,
            children=children,
            care=care,
            workforce=workforce,
            involvements=involvements,
            supervision=supervision,
        )
    )
    return SimulatedCouncil(frames=frames, description=_description(spec))


def _with_referrals(entries: pl.DataFrame, first_referral: int) -> pl.DataFrame:
    """Care entries outside the front door get a referral of their own, just before entry."""
    return entries.with_columns(
        (first_referral + pl.int_range(pl.len(), dtype=pl.Int64)).alias("referral")
    )


def _description(spec: CouncilSpec) -> dict[str, object]:
    """``council.json``: code, name, child population by year, and that it is synthetic."""
    population = round(spec.children_in_need * 10_000 / CIN_RATE_PER_10000)
    last = spec.end.year if (spec.end.month, spec.end.day) >= (3, 31) else spec.end.year - 1
    by_year = {
        str(year): round(population * (1 - 0.003 * (last - year)))
        for year in range(last - spec.years - WARMUP_YEARS, last + 1)
    }
    return {
        "code": spec.code,
        "name": spec.name,
        "synthetic": True,
        "note": "Synthetic data made by `oversight synth`: no real council, no real child.",
        "profile": spec.practice.name.value,
        "improve_from": None
        if spec.practice.improve_from is None
        else spec.practice.improve_from.isoformat(),
        "extract_date": spec.end.isoformat(),
        "population_0_17": by_year,
    }
