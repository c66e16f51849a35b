"""Timeliness of visits and reviews on the as-of date, summarised from the per-child flags.

Each is the share of the flag's subjects whose visit or review is in timescale (``met`` or
``due_soon``) among those whose status is known (``missing_data`` left out). The DfE's "CP plans
reviewed within timescale" (COLLECT) looks back over a year's reviews; this is a position on the
date, so it has no England figure.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from oversight.core.measures.flags import flags_for
from oversight.core.measures.flags._model import FlagStatus
from oversight.core.measures.indicators._model import (
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

IN_TIMESCALE = (FlagStatus.MET.value, FlagStatus.DUE_SOON.value)
"""Statuses that mean in timescale on the date."""


def _in_timescale(measure: str) -> Callable[[IndicatorInputs], pl.LazyFrame]:
    def count(context: IndicatorInputs) -> pl.LazyFrame:
        flags = (
            flags_for(context.inputs)
            .lazy()
            .filter(
                (pl.col("measure") == measure) & (pl.col("status") != FlagStatus.MISSING_DATA.value)
            )
        )
        timely = pl.col("status").cast(pl.String).is_in(IN_TIMESCALE).sum()
        return context.totals(flags, numerator=timely, denominator=pl.len())

    return count


_SUMMARISED = (  # (flag code, people, what, tables read)
    ("looked_after_visit", "children looked after", "statutory visits", ("ssd_cla_episodes", "ssd_cla_placement", "ssd_cla_visits")),
    ("looked_after_review", "children looked after", "reviews", ("ssd_cla_episodes", "ssd_cla_reviews")),
    ("child_protection_visit", "children on CP plans", "visits", ("ssd_cp_plans", "ssd_cp_visits")),
    ("child_protection_review", "children on CP plans", "review conferences", ("ssd_cp_plans", "ssd_cp_reviews")),
    ("child_in_need_visit", "children on CIN plans", "visits", ("ssd_cin_plans", "ssd_cin_visits")),
)  # fmt: skip

INDICATORS = tuple(
    Indicator(
        code=f"{flag}s_in_timescale",
        name=f"{people[0].upper()}{people[1:]} whose {what} are in timescale",
        numerator=f"of the denominator, those whose {what} are in timescale on the as-of date",
        denominator=f"{people} on the as-of date whose {what} can be checked",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        window=Window.AS_AT,
        reads=tables,
        count=_in_timescale(flag),
        source=f"The per-child flag {flag} (docs/measures.md) and its source",
    )
    for flag, people, what, tables in _SUMMARISED
)
