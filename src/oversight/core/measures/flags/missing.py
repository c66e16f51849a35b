"""Missing episodes and return interviews.

"Missing" is the SSDA903's MISSING code M (whereabouts unknown); A is "away from placement
without authorisation" (whereabouts known) and is not counted. The SSD records whether a return
interview was offered and accepted, not when it took place, so the interview flag can tell
offered from not offered, and measures the deadline only while an interview is not yet offered.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags._model import (
    Flag,
    FlagKind,
    FlagStatus,
    alert_status,
    literal_status,
    timescale_status,
)
from oversight.core.measures.flags.looked_after import looked_after

MISSING = "M"
"""The SSDA903 MISSING code of a missing (rather than away) episode."""


def _window_start(inputs: MeasureInputs) -> pl.Expr:
    within = inputs.timescales.alerts.missing_episodes.within
    return pl.lit(within.before(inputs.as_of) + timedelta(days=1))


def _missing_in_window(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    started = pl.col("miss_missing_episode_start_date")
    episodes = inputs.table("ssd_missing").filter(
        (pl.col("miss_missing_episode_type") == MISSING)
        & (started >= _window_start(inputs))
        & (started <= inputs.as_of)
    )
    counts = episodes.group_by(inputs.on("miss_person_id")).agg(
        pl.len().cast(pl.Float64).alias("value"), started.max().alias("last_done_date")
    )
    return (
        subjects.join(
            counts,
            left_on=inputs.on("person_id"),
            right_on=inputs.on("miss_person_id"),
            how="left",
        )
        .with_columns(pl.col("value").fill_null(0.0))
        .with_columns(alert_status(pl.col("value") >= 1).alias("status"))
    )


MISSING_EPISODES = Flag(
    code="missing_episodes",
    name="Missing from care in the last 12 months (value: episodes; last done: the latest start)",
    kind=FlagKind.ALERT,
    subjects=looked_after,
    reads=("ssd_missing",),
    evaluate=_missing_in_window,
    source="Ofsted ILACS Annex A list 8 (missing episodes in the last 12 months); SSDA903 Missing",
)


def recent_missing_episodes(inputs: MeasureInputs) -> pl.LazyFrame:
    """Missing episodes of children with an open case that ended in the last 12 months."""
    ended = pl.col("miss_missing_episode_end_date")
    episodes = inputs.table("ssd_missing").filter(
        (pl.col("miss_missing_episode_type") == MISSING)
        & (ended >= _window_start(inputs))
        & (ended <= inputs.as_of)
    )
    return inputs.keep_open_cases(
        episodes.select(
            *inputs.key_columns(),
            pl.col("miss_person_id").alias("person_id"),
            pl.col("miss_table_id").alias("episode_id"),
            ended.alias("returned"),
            pl.col("miss_missing_rhi_offered").alias("offered"),
        )
    )


def _interview_offered(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    within = inputs.timescales.statutory.return_interview.within
    offered = pl.col("offered")
    return subjects.with_columns(within.after(pl.col("returned")).alias("due_date")).with_columns(
        pl.when(offered == "Y")
        .then(literal_status(FlagStatus.MET))
        .when(offered == "N")
        .then(timescale_status(pl.col("due_date"), inputs))
        .otherwise(literal_status(FlagStatus.MISSING_DATA))
        .alias("status")
    )


RETURN_INTERVIEW = Flag(
    code="return_interview",
    name="Return interview offered within 72 hours of a missing child's return",
    kind=FlagKind.TIMESCALE,
    subjects=recent_missing_episodes,
    reads=(),
    evaluate=_interview_offered,
    source="Statutory guidance on children who run away or go missing from home or care (DfE, 2014)",
)

FLAGS = (MISSING_EPISODES, RETURN_INTERVIEW)
