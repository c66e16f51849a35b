"""How a national indicator is declared, and how its value follows from what it counts.

An indicator is one frozen declaration: a stable code (the DfE's own where it has one, such as
the adoption scorecard's ``A1``), a name, what its numerator and denominator count, its unit and
polarity, the England figure from ``timescales-and-indicators.md`` where there is one, its source,
the tables it reads and one function that counts. The engine (``indicators/__init__.py``) runs
them all the same way and returns one frame.

::

    count(IndicatorInputs) ─► Counted(numerator, denominator[, value][, note])
                                  ▼ value by unit, unless the count gives it:
             percent 100·n/d   rate per 10,000 10,000·n/population   count n
             days, working days, ratio: n/d (a mean), or the value given (a median)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

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
    population: Mapping[int, int] | None = None
    """Children aged 0–17 by the year of the 31 March, for rates per 10,000."""


@dataclass(frozen=True)
class Counted:
    """What an indicator counted."""

    numerator: float | None
    denominator: float | None
    value: float | None = None
    """Given when the value is not the numerator over the denominator (a median)."""
    note: str = ""
    """A caveat to show with the value (e.g. which year's population was used)."""


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
    count: Callable[[IndicatorInputs], Counted]
    """Counts the numerator and denominator, columnar over the frames."""
    source: str
    """The publication and definition it follows."""
    england: EnglandFigure | None = None
    """The England figure from timescales-and-indicators.md, where it has one."""

    def value_of(self, counted: Counted) -> float | None:
        """The indicator's value from what was counted."""
        if counted.value is not None:
            return counted.value
        numerator, denominator = counted.numerator, counted.denominator
        if numerator is None:
            return None
        if self.unit is Unit.COUNT:
            return numerator
        if not denominator:
            return None
        scale = {Unit.PERCENT: 100.0, Unit.RATE_PER_10000: 10_000.0}.get(self.unit, 1.0)
        return scale * numerator / denominator
