"""Indicators and flags together, from one set of frames sharing one set of cohorts.

``compute_measures`` measures one council; ``compute_measures_by_council`` measures many in one
computation (their frames stacked with a ``council`` column, every join keyed by it too), which is
how a region or the nation is measured in seconds rather than minutes.
"""

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
    keys: tuple[str, ...] = ()
    """The columns before those, when several councils were measured (``("council",)``)."""

    @property
    def flags_summary(self) -> pl.DataFrame:
        """[keys,] measure, status, count."""
        return summarise_flags(self.flags, self.keys)


def compute_measures(
    frames: Mapping[str, pl.DataFrame],
    *,
    as_of: date,
    period: PeriodKind | str = PeriodKind.YEAR,
    population: Mapping[int, int] | None = None,
    timescales: Timescales | None = None,
    by: str | None = None,
    populations: Mapping[str, Mapping[int, int]] | None = None,
) -> Measures:
    """Every indicator for the period ending on ``as_of``, and every flag on that date.

    ``by`` names a column of every frame that tells councils apart (frames already stacked, as
    ``stack_councils`` does); ``populations`` then gives each one's children by year.

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
    inputs = MeasureInputs(frames, as_of=as_of, timescales=timescales, by=by)
    return Measures(
        indicators=indicators_for(
            inputs, period=period, population=population, populations=populations
        ),
        flags=flags_for(inputs),
        keys=inputs.keys,
    )


COUNCIL = "council"
"""The column that names each council when several are measured at once."""


def stack_councils(councils: Mapping[str, Mapping[str, pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    """Each table of every council in one frame, with a ``council`` column (an ``Enum``).

    Every council must have the same tables: a table absent for one council but not another
    would count as empty there rather than unknown, so it is refused.

    Examples
    --------
    >>> one = {"ssd_person": pl.DataFrame({"pers_person_id": ["C1"]})}
    >>> stacked = stack_councils({"A": one, "B": one})["ssd_person"]
    >>> stacked.rows()
    [('A', 'C1'), ('B', 'C1')]
    """
    names = sorted(councils)
    tables = {name: sorted(frames) for name, frames in councils.items()}
    expected = tables[names[0]] if names else []
    differing = [name for name in names if tables[name] != expected]
    if differing:
        raise ValueError(
            f"councils {differing} do not have the same tables as {names[0]}: {expected}"
        )
    dtype = pl.Enum(names)
    return {
        table: pl.concat(
            [
                councils[name][table].select(
                    pl.lit(name, dtype=dtype).alias(COUNCIL), pl.all().exclude(COUNCIL)
                )
                for name in names
            ],
            how="diagonal_relaxed",
        )
        for table in expected
    }


def compute_measures_by_council(
    councils: Mapping[str, Mapping[str, pl.DataFrame]],
    *,
    as_of: date,
    period: PeriodKind | str = PeriodKind.YEAR,
    populations: Mapping[str, Mapping[int, int]] | None = None,
    timescales: Timescales | None = None,
) -> Measures:
    """``compute_measures`` for many councils at once: each frame leads with a ``council`` column.

    The councils' ids may coincide: every join is keyed by the council as well as the id.
    ``populations`` gives each council's children aged 0–17 by year.
    """
    return compute_measures(
        stack_councils(councils),
        as_of=as_of,
        period=period,
        timescales=timescales,
        by=COUNCIL,
        populations=populations,
    )
