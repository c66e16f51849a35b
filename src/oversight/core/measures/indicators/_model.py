"""How a national indicator is declared, and how its value follows from what it counts.

An indicator is one frozen declaration: a stable code (the DfE's own where it has one, such as
the adoption scorecard's ``A1``), a name, what its numerator and denominator count, its unit and
polarity, the England figure from ``timescales-and-indicators.md`` where there is one, its source,
the tables it reads and one function that counts. The engine (``indicators/__init__.py``) runs
them all the same way and returns one frame.

::

    count(IndicatorInputs) ─► a frame: [group keys,] numerator, denominator[, value][, note]
                                  ▼ value by unit, unless the count gives it:
             percent 100·n/d   rate per 10,000 10,000·n/population   count n
             days, working days, ratio: n/d (a mean), or the value given (a median)

A count is columnar and grouped: one row per council when several are measured at once, one row
when there is one. ``IndicatorInputs.totals`` does the grouping, so a count only says what it
sums; a group with nothing to count counts 0 (and has no median).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.period import Period


class Unit(StrEnum):
    """What an indicator's value is measured in."""

    PERCENT = "percent"
    COUNT = "count"
    RATE_PER_10000 = "rate_per_10000"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    RATIO = "ratio"


class Polarity(StrEnum):
    """Which direction is better."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEITHER = "neither"
    """Context, or both very high and very low values are a concern."""


class Window(StrEnum):
    """What an indicator counts over."""

    PERIOD = "period"
    """Events in the period (year, quarter or month) ending on the as-of date."""
    AS_AT = "as_at"
    """A position on the as-of date, with any look-back fixed by the definition."""


@dataclass(frozen=True)
class EnglandFigure:
    """The England value to compare with, and the year it is for."""

    value: float
    """In the indicator's unit."""
    year: str
    """The year or years it describes, e.g. ``2024`` or ``2015–18``."""


@dataclass(frozen=True)
class IndicatorInputs:
    """What an indicator's count reads: the measure inputs, the period and the child population."""

    inputs: MeasureInputs
    """The SSD frames, the as-of date, timescales and shared cohorts."""
    period: Period
    """The period ending on the as-of date."""
    population: pl.LazyFrame | None = None
    """Children aged 0–17 by the year of the 31 March, for rates per 10,000: [keys,] year,
    children."""

    def totals(
        self,
        frame: pl.LazyFrame,
        *,
        numerator: pl.Expr | None = None,
        denominator: pl.Expr | None = None,
        value: pl.Expr | None = None,
        note: pl.Expr | None = None,
    ) -> pl.LazyFrame:
        """Aggregations of ``frame`` for each group (``COUNTED`` columns; one row for one council).

        A group with no rows in ``frame`` counts 0 in the numerator and denominator given, and
        has no value or note. Those not given are null.
        """
        given = {"numerator": numerator, "denominator": denominator, "value": value, "note": note}
        aggregations = [
            (pl.lit(None) if expr is None else expr).cast(COUNTED[name]).alias(name)
            for name, expr in given.items()
        ]
        keys = list(self.inputs.keys)
        if not keys:
            return frame.select(aggregations)
        counted = frame.group_by(keys).agg(aggregations)
        zeros = [
            pl.col(name).fill_null(0.0)
            for name in ("numerator", "denominator")
            if given[name] is not None
        ]
        return self.inputs.groups.join(
            counted, on=keys, how="left", maintain_order="left"
        ).with_columns(zeros)

    def combine(self, numerators: pl.LazyFrame, denominators: pl.LazyFrame) -> pl.LazyFrame:
        """The numerators of one ``totals`` beside the denominators of another."""
        keys = list(self.inputs.keys)
        denominator = denominators.select(*keys, "denominator")
        if not keys:
            return pl.concat([numerators.drop("denominator"), denominator], how="horizontal")
        return numerators.drop("denominator").join(
            denominator, on=keys, how="left", maintain_order="left"
        )


COUNTED = pl.Schema(
    [
        ("numerator", pl.Float64()),
        ("denominator", pl.Float64()),
        ("value", pl.Float64()),
        ("note", pl.String()),
    ]
)
"""What a count gives for each group (after the group keys)."""


@dataclass(frozen=True)
class Indicator:
    """One national indicator: what it is, what it counts and where it comes from."""

    code: str
    """A stable key: the DfE's own code where one exists, else a snake_case name."""
    name: str
    """The indicator as people know it."""
    numerator: str
    """What the numerator counts."""
    denominator: str
    """What the denominator counts."""
    unit: Unit
    polarity: Polarity
    window: Window
    reads: tuple[str, ...]
    """Tables whose absence leaves it ``missing_data``."""
    count: Callable[[IndicatorInputs], pl.LazyFrame]
    """Counts the numerator and denominator for each group (``COUNTED``), columnar."""
    source: str
    """The publication and definition it follows."""
    england: EnglandFigure | None = None
    """The England figure from timescales-and-indicators.md, where it has one."""

    def value(self) -> pl.Expr:
        """The indicator's value from the columns of what was counted (``COUNTED``)."""
        numerator, denominator = pl.col("numerator"), pl.col("denominator")
        if self.unit is Unit.COUNT:
            computed = numerator
        else:
            scale = {Unit.PERCENT: 100.0, Unit.RATE_PER_10000: 10_000.0}.get(self.unit, 1.0)
            computed = (
                pl.when(denominator.is_null() | (denominator == 0))
                .then(None)
                .otherwise(scale * numerator / denominator)
            )
        return pl.coalesce(pl.col("value"), computed)
