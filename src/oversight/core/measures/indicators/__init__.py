"""The national indicators of a council's children's services, for a period ending on any date.

Each indicator is a small declaration (``indicators/_model.py``) in a module by theme; ``INDICATORS``
collects them and ``compute_indicators`` computes them all into one frame (``INDICATOR_SCHEMA``):
code, name, the period, numerator, denominator, value, unit, polarity, the England figure, a
status (``computed``, ``missing_data`` when a table it reads is absent, ``error`` when its count
raised: reported, never skipped) and a note. ``docs/measures.md`` has a section per indicator.
"""

from oversight.core.measures.indicators._engine import (
    INDICATOR_SCHEMA,
    INDICATORS,
    compute_indicators,
    indicators_for,
)
from oversight.core.measures.indicators._model import (
    COUNTED,
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

__all__ = [
    "COUNTED",
    "INDICATORS",
    "INDICATOR_SCHEMA",
    "EnglandFigure",
    "Indicator",
    "IndicatorInputs",
    "Polarity",
    "Unit",
    "Window",
    "compute_indicators",
    "indicators_for",
]
