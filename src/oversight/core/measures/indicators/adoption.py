"""Adoption scorecard timeliness: A1, A2 and A10, over the 3 years to the as-of date.

The scorecards average over 3 years; so do these, whatever the period asked for. Children
adopted are those whose episode of care ceased in the window with reason E11 or E12 (adopted,
uncontested or contested). Entering care is the start of the period of care that adoption ended.
A child whose dates are not recorded is left out, and the note says how many.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from oversight.core.calendar import months_after
from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

ADOPTED = ("E11", "E12")
"""Reasons an episode ceased (903 REC) that mean the child was adopted."""
WINDOW_MONTHS = 36
"""The scorecards' 3-year window."""


def adopted_children(context: IndicatorInputs) -> pl.LazyFrame:
    """person_id, adopted, entered_care, with the child's latest permanence record's dates."""
    inputs = context.inputs
    first_day = months_after(inputs.as_of, -WINDOW_MONTHS) + timedelta(days=1)
    adopted = (
        inputs.table("ssd_cla_episodes")
        .filter(
            pl.col("clae_cla_episode_ceased_reason").is_in(ADOPTED)
            & pl.col("clae_cla_episode_ceased_date").is_between(first_day, inputs.as_of)
        )
        .select(
            *inputs.key_columns(),
            pl.col("clae_person_id").alias("person_id"),
            pl.col("clae_cla_episode_ceased_date").alias("adopted"),
        )
    )
    periods = inputs.periods_of_care.select(
        *inputs.on("person_id"),
        pl.col("period_end").alias("adopted"),
        pl.col("period_start").alias("entered_care"),
    )
    permanence = (
        inputs.table("ssd_permanence")
        .sort("perm_placed_for_adoption_date", nulls_last=False)
        .unique(inputs.on("perm_person_id"), keep="last", maintain_order=True)
    )
    return adopted.join(periods, on=inputs.on("person_id", "adopted"), how="left").join(
        permanence,
        left_on=inputs.on("person_id"),
        right_on=inputs.on("perm_person_id"),
        how="left",
    )


def _mean_days(context: IndicatorInputs, days: pl.Expr) -> pl.LazyFrame:
    children = adopted_children(context).select(*context.inputs.key_columns(), days.alias("days"))
    left_out = pl.col("days").null_count()
    note = pl.when(left_out > 0).then(
        pl.format("{} adopted children left out: no dates for this measure", left_out)
    )
    return context.totals(
        children, numerator=pl.col("days").sum(), denominator=pl.col("days").count(), note=note
    )


def _days(later: str | pl.Expr, earlier: str) -> pl.Expr:
    later_expr = pl.col(later) if isinstance(later, str) else later
    return (later_expr - pl.col(earlier)).dt.total_days().cast(pl.Float64)


A1 = Indicator(
    code="A1",
    name="Average days between entering care and moving in with the adoptive family",
    numerator="days from entering care to being placed for adoption, summed over children adopted",
    denominator="children adopted in the 3 years to the as-of date",
    unit=Unit.DAYS,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_cla_episodes", "ssd_permanence"),
    count=lambda context: _mean_days(
        context, _days("perm_placed_for_adoption_date", "entered_care")
    ),
    source="DfE adoption scorecards, A1 (3-year average)",
    england=EnglandFigure(486.0, "2015–18"),
)

A2 = Indicator(
    code="A2",
    name="Average days between court authority to place and the match with the adoptive family",
    numerator="days from the placement order to the match (0 when matched first), summed",
    denominator="children adopted in the 3 years to the as-of date who had a placement order",
    unit=Unit.DAYS,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_cla_episodes", "ssd_permanence"),
    count=lambda context: _mean_days(
        context,
        pl.when(pl.col("perm_placement_order_date").is_not_null()).then(
            _days("perm_matched_date", "perm_placement_order_date").clip(lower_bound=0.0)
        ),
    ),
    source="DfE adoption scorecards, A2 (3-year average); matched before court authority counts as 0 days",
)

A10 = Indicator(
    code="A10",
    name="Average days between entering care and moving in with the adoptive family, adjusted for foster carer adoptions",
    numerator="days from entering care to placement for adoption, or to the start of the foster placement when the foster carers adopted, summed",
    denominator="children adopted in the 3 years to the as-of date",
    unit=Unit.DAYS,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_cla_episodes", "ssd_permanence"),
    count=lambda context: _mean_days(
        context,
        _days(
            pl.when(pl.col("perm_adopted_by_carer_flag") == "Y")
            .then(pl.col("perm_placed_foster_carer_date"))
            .otherwise(pl.col("perm_placed_for_adoption_date")),
            "entered_care",
        ),
    ),
    source="DfE adoption scorecards and ASGLB, A10 (replaces A1 from 2021/22)",
)

INDICATORS = (A1, A2, A10)
