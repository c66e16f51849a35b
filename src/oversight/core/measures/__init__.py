"""Measures: the national indicators, and every child's compliance with statutory timescales.

Pure polars over the canonical SSD frames::

    (calendar)    working days, months, ages and terms come from ``oversight.core.calendar``
    timescales    timescales.toml, validated: statutory, local practice standards, alerts
    flags/        per-child flags as of a date: one tidy frame, met | due_soon | overdue | missing_data
    indicators/   the national indicators for a year, quarter or month ending on any date

``compute_measures`` computes both from one set of frames, sharing the cohorts. Data the SSD
lacks gives ``missing_data``, never a guess. ``docs/measures.md`` has a section per measure.
"""

from oversight.core.measures._errors import MeasuresError, PopulationError, TimescalesError
from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures._measures import (
    COUNCIL,
    Measures,
    compute_measures,
    compute_measures_by_council,
    stack_councils,
)
from oversight.core.measures.flags import (
    FLAG_SCHEMA,
    FLAGS,
    Flag,
    FlagKind,
    FlagStatus,
    compute_flags,
)
from oversight.core.measures.indicators import (
    INDICATOR_SCHEMA,
    INDICATORS,
    Indicator,
    Polarity,
    Unit,
    compute_indicators,
)
from oversight.core.measures.indicators.counts import population_from_council
from oversight.core.measures.period import Period, PeriodKind
from oversight.core.measures.timescales import Timescales, load_timescales, parse_timescales

__all__ = [
    "COUNCIL",
    "FLAGS",
    "FLAG_SCHEMA",
    "INDICATORS",
    "INDICATOR_SCHEMA",
    "Flag",
    "FlagKind",
    "FlagStatus",
    "Indicator",
    "MeasureInputs",
    "Measures",
    "MeasuresError",
    "Period",
    "PeriodKind",
    "Polarity",
    "PopulationError",
    "Timescales",
    "TimescalesError",
    "Unit",
    "compute_flags",
    "compute_indicators",
    "compute_measures",
    "compute_measures_by_council",
    "load_timescales",
    "parse_timescales",
    "population_from_council",
    "stack_councils",
]
