"""Indicators and flags together, from one set of frames sharing one set of cohorts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags import flags_for, summarise_flags
from oversight.core.measures.indicators import indicators_for
from oversight.core.measures.period import PeriodKind
from oversight.core.measures.timescales import Timescales


@dataclass(frozen=True)
class Measures:
    """The indicators for a period and the per-child flags on its last day."""

    indicators: pl.DataFrame
    """One row per indicator (``INDICATOR_SCHEMA``)."""
    flags: pl.DataFrame
    """One row per child, subject and flag (``FLAG_SCHEMA``)."""

    @property
    def flags_summary(self) -> pl.DataFrame:
        """measure, status, count."""
        return summarise_flags(self.flags)


def compute_measures(
    frames: Mapping[str, pl.DataFrame],
    *,
    as_of: date,
    period: PeriodKind | str = PeriodKind.YEAR,
    population: Mapping[int, int] | None = None,
    timescales: Timescales | None = None,
) -> Measures:
    """Every indicator for the period ending on ``as_of``, and every flag on that date.

    Examples
    --------
    >>> from oversight.core.ssd import TABLES
    >>> episodes = TABLES["ssd_cla_episodes"].complete(pl.DataFrame({
    ...     "clae_cla_episode_id": ["E1"], "clae_person_id": ["C1"],
    ...     "clae_cla_episode_start_date": [date(2024, 9, 2)],
    ... }))
    >>> measures = compute_measures(
    ...     {"ssd_cla_episodes": episodes}, as_of=date(2025, 3, 31), population={2025: 50_000}
    ... )
    >>> measures.indicators.filter(pl.col("code") == "children_looked_after_rate_per_10000")["value"].item()
    0.2
    >>> measures.flags.filter(pl.col("measure") == "looked_after_review")["status"].to_list()
    ['missing_data']
    """
    inputs = MeasureInputs(frames, as_of=as_of, timescales=timescales)
    return Measures(
        indicators=indicators_for(inputs, period=period, population=population),
        flags=flags_for(inputs),
    )
