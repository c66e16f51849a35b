"""Recurring events within spells: visits, reviews, health checks, all made the same way.

Each spell (a placement, a plan, a period of care) has a first interval and a regular interval;
each event is due an interval after the previous one and happens on time (somewhat before it is
due) or late, with the on-time share in force on the day. Generating the events is one explode
and one cumulative sum per spell: no loop over spells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from oversight.core.synth._time import Days


@dataclass(frozen=True)
class Cadence:
    """When events of one kind fall due, in days."""

    first: float
    """Days from the spell's start to the first event."""
    then: float
    """Days between later events."""
    second: float | None = None
    """Days from the first to the second event when it differs (e.g. looked-after reviews)."""
    later_after_days: float | None = None
    """From this many days into the spell, events fall due every ``later`` days instead."""
    later: float | None = None


def recurring(
    rng: np.random.Generator,
    spell_id: npt.NDArray[np.int64],
    start: Days,
    end: Days,
    cadence: Cadence,
    on_time: npt.NDArray[np.float64],
) -> pl.DataFrame:
    """Events within each spell ``[start, end]``: columns ``spell`` (index) and ``day``.

    ``on_time`` gives, per spell, the share of events held within their interval. An on-time
    event happens 0–25% of its interval early; a late one up to half an interval late.
    """
    if len(spell_id) == 0:
        return pl.DataFrame(schema={"spell": pl.Int64, "day": pl.Int64})
    shortest = min(x for x in (cadence.first, cadence.then, cadence.second, cadence.later) if x)
    counts = np.ceil((end - start) / (0.75 * shortest)).astype(np.int64) + 2
    counts = np.clip(counts, 1, None)
    spell = np.repeat(np.arange(len(spell_id)), counts)
    index = np.arange(len(spell)) - np.repeat(np.cumsum(counts) - counts, counts)
    due = np.full(len(spell), cadence.then, dtype=np.float64)
    due[index == 0] = cadence.first
    if cadence.second is not None:
        due[index == 1] = cadence.second
    late = rng.random(len(spell)) > on_time[spell]
    factor = np.where(
        late, 1 + rng.uniform(0.02, 0.5, len(spell)), rng.uniform(0.75, 1.0, len(spell))
    )
    steps = due * factor
    totals = np.cumsum(steps)
    offset = totals - np.repeat(
        totals[np.cumsum(counts) - counts] - steps[np.cumsum(counts) - counts], counts
    )
    if cadence.later_after_days is not None and cadence.later is not None:
        # Events after the switch fall due at the later interval: stretch the excess.
        switch, ratio = cadence.later_after_days, cadence.later / cadence.then
        offset = np.where(offset > switch, switch + (offset - switch) * ratio, offset)
    days = start[spell] + np.round(offset).astype(np.int64)
    keep = days <= end[spell]
    return pl.DataFrame({"spell": spell[keep].astype(np.int64), "day": days[keep]})
