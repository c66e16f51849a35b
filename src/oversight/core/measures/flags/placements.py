"""Placement alerts of looked-after children: many placements, out of area, far from home.

A placement counts in the look-back window when any day of it falls there (it started on or
before the as-of date and had not ended by the window's first day). The value of
``placement_moves`` is the number of placements, so 3 placements are 2 moves.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags._model import Flag, FlagKind, alert_status
from oversight.core.measures.flags.looked_after import current_placements, looked_after


def _placements_in_window(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    threshold = inputs.timescales.alerts.placement_moves
    window_start = threshold.within.before(inputs.as_of) + timedelta(days=1)
    in_window = inputs.placements.filter(
        (pl.col("placement_start") <= inputs.as_of)
        & (pl.col("placement_end").is_null() | (pl.col("placement_end") > window_start))
    )
    person = inputs.on("person_id")
    counts = in_window.group_by(person).agg(pl.len().cast(pl.Float64).alias("value"))
    placements = pl.col("value")
    return (
        subjects.join(counts, on=person, how="left")
        .with_columns(placements.fill_null(0.0))
        .with_columns(
            alert_status(
                placements >= threshold.raise_at_placements,
                warned=placements >= threshold.warn_at_placements,
            ).alias("status")
        )
    )


PLACEMENT_MOVES = Flag(
    code="placement_moves",
    name="Placements in the last 12 months: warned at 2, raised at 3 (value: placements)",
    kind=FlagKind.ALERT,
    subjects=looked_after,
    reads=("ssd_cla_placement",),
    evaluate=_placements_in_window,
    source="DfE Children looked after in England, stability measures: 3 or more placements in the year",
)


def _out_of_area(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    locations = inputs.table("ovs_placement_locations").select(
        *inputs.key_columns(),
        pl.col("ovpl_placement_id").alias("episode_id"),
        pl.col("ovpl_is_out_of_area").alias("is_out_of_area"),
    )
    out = pl.col("is_out_of_area")
    return subjects.join(locations, on=inputs.on("episode_id"), how="left").with_columns(
        alert_status(out == "Y", known=out.is_in(("Y", "N"))).alias("status")
    )


OUT_OF_AREA = Flag(
    code="placed_out_of_area",
    name="Current placement outside the council's area",
    kind=FlagKind.ALERT,
    subjects=current_placements,
    reads=("ovs_placement_locations",),
    evaluate=_out_of_area,
    source="SSDA903 PL_LOCATION (in or out of the council's area); Ofsted ILACS Annex A list 8",
)


def _distance(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    miles = inputs.timescales.alerts.placement_distance.over_miles
    distance = pl.col("distance")
    return subjects.with_columns(
        distance.alias("value"),
        alert_status(distance > miles, known=distance.is_not_null()).alias("status"),
    )


FAR_FROM_HOME = Flag(
    code="placed_far_from_home",
    name="Current placement more than 20 miles from home (value: miles)",
    kind=FlagKind.ALERT,
    subjects=current_placements,
    reads=(),
    evaluate=_distance,
    source="SSDA903 PL_DISTANCE; DfE Children looked after in England, placements more than 20 miles from home",
)

FLAGS = (PLACEMENT_MOVES, OUT_OF_AREA, FAR_FROM_HOME)
