"""The flags engine: the registry of every flag, and running them all the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from oversight.core.measures._errors import MeasuresError
from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags import (
    care_leavers,
    casework,
    children_in_need,
    health_and_education,
    looked_after,
    missing,
    placements,
    protection,
)
from oversight.core.measures.flags._model import (
    FLAG_SCHEMA,
    STATUS_DTYPE,
    Flag,
    FlagStatus,
    conform,
    missing_for_all,
)
from oversight.core.measures.timescales import Timescales

FLAGS: tuple[Flag, ...] = tuple(
    flag
    for module in (
        children_in_need,
        protection,
        looked_after,
        health_and_education,
        placements,
        missing,
        care_leavers,
        casework,
    )
    for flag in module.FLAGS
)
"""Every flag, in a stable order (the order of the modules above)."""


ROW_ORDER = ("person_id", "episode_id", "due_date")
"""Each flag's rows are sorted by these (after the council, when several are measured): the
joins that build them keep no order, and two runs on the same data must give the same frame.
Sorting costs about 5% of the flags' time."""


def compute_flags(
    frames: Mapping[str, pl.DataFrame],
    *,
    as_of: date,
    timescales: Timescales | None = None,
) -> pl.DataFrame:
    """Every flag for every child with an open case, subject by subject, as of ``as_of``.

    Examples
    --------
    >>> from oversight.core.ssd import TABLES
    >>> plans = TABLES["ssd_cp_plans"].complete(pl.DataFrame({
    ...     "cppl_cp_plan_id": ["P1"], "cppl_person_id": ["C1"],
    ...     "cppl_cp_plan_start_date": [date(2024, 1, 31)],
    ... }))
    >>> reviews = TABLES["ssd_cp_reviews"].empty()
    >>> flags = compute_flags({"ssd_cp_plans": plans, "ssd_cp_reviews": reviews}, as_of=date(2024, 5, 1))
    >>> flags.filter(pl.col("measure") == "child_protection_review").select(
    ...     "episode_id", "due_date", "status", "days_overdue").rows()
    [('P1', datetime.date(2024, 4, 30), 'overdue', 1)]

    The first review was due 3 months after the plan began (clamped to 30 April). Without the
    reviews table, whether it took place is not known:

    >>> flags = compute_flags({"ssd_cp_plans": plans}, as_of=date(2024, 5, 1))
    >>> flags.filter(pl.col("measure") == "child_protection_review")["status"].to_list()
    ['missing_data']
    """
    return flags_for(MeasureInputs(frames, as_of=as_of, timescales=timescales))


def flags_for(inputs: MeasureInputs) -> pl.DataFrame:
    """The flags of ``inputs``, computed once and shared with the indicators that summarise them."""
    return inputs.memo("flags", lambda: _compute(inputs))


def _compute(inputs: MeasureInputs) -> pl.DataFrame:
    """Every flag's plan, concatenated and collected once (shared cohorts computed once)."""
    schema = flag_schema(inputs)
    parts = {flag.code: _plan(flag, inputs) for flag in FLAGS}
    flags = pl.concat(
        [pl.LazyFrame(schema=schema).drop("team_id", "worker_id"), *parts.values()],
        how="diagonal_relaxed",
    )
    query = flags.join(
        inputs.case_holders, on=inputs.on("person_id"), how="left", maintain_order="left"
    ).select(pl.col(name).cast(dtype) for name, dtype in schema.items())
    try:
        return query.collect()
    except pl.exceptions.PolarsError as error:
        for code, part in parts.items():  # name the flag that failed
            try:
                part.collect()
            except pl.exceptions.PolarsError as failed:
                raise MeasuresError(f"flag {code} failed: {failed}") from failed
        raise MeasuresError(f"flags failed: {error}") from error


def _plan(flag: Flag, inputs: MeasureInputs) -> pl.LazyFrame:
    """The lazy rows of one flag, in the flags frame's columns (allocation added later)."""
    try:
        subjects = flag.subjects(inputs)
        if inputs.has(*flag.reads):
            rows = flag.evaluate(subjects, inputs)
        else:
            rows = missing_for_all(subjects, inputs)
        return conform(rows, flag, inputs).sort(inputs.on(*ROW_ORDER), nulls_last=True)
    except pl.exceptions.PolarsError as error:
        raise MeasuresError(f"flag {flag.code} failed: {error}") from error


def flag_schema(inputs: MeasureInputs) -> pl.Schema:
    """``FLAG_SCHEMA``, preceded by the grouping keys when several councils are measured."""
    return pl.Schema([*inputs.key_schema.items(), *FLAG_SCHEMA.items()])


def summarise_flags(flags: pl.DataFrame, keys: Sequence[str] = ()) -> pl.DataFrame:
    """[keys,] measure, status, count: how many rows of each flag are in each status (zeros
    included), for each group of ``keys`` found in the flags.

    Examples
    --------
    >>> summarise_flags(pl.DataFrame(schema=FLAG_SCHEMA)).height == len(FLAGS) * len(FlagStatus)
    True
    """
    grid = pl.DataFrame({"measure": [flag.code for flag in FLAGS]}).join(
        pl.DataFrame({"status": [s.value for s in FlagStatus]}, schema={"status": STATUS_DTYPE}),
        how="cross",
    )
    if keys:
        grid = flags.select(keys).unique().sort(keys).join(grid, how="cross")
    on = [*keys, "measure", "status"]
    counts = flags.group_by(on).agg(pl.len().cast(pl.Int64).alias("count"))
    return grid.join(counts, on=on, how="left", maintain_order="left").with_columns(
        pl.col("count").fill_null(0)
    )
