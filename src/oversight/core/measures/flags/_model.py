"""How a per-child flag is declared, and the building blocks flags share.

A flag is one frozen declaration: a code, a name, its kind, the function that finds its subjects
(the open plans, periods of care, placements or cases it is about), the tables whose data it
needs, the function that evaluates it and its source. The engine (``flags/__init__.py``) runs
them all the same way:

::

    subjects(inputs) ─► person_id, episode_id, … (nobody if the cohort's tables are absent)
          │
          ├─ a table in ``reads`` absent ─► every subject: missing_data
          └─ evaluate(subjects, inputs) ─► due_date, last_done_date, value, status
                                               ▼
                     + measure, days_overdue, team_id, worker_id ─► the flags frame

Statuses: a **timescale** is ``met`` until its due date is near, ``due_soon`` from
``due_soon_days`` before it to the due date itself, and ``overdue`` from the day after. An
**alert** (a threshold or a marker such as UASC) is ``overdue`` on the day it is reached
("raised: act on it"), ``due_soon`` at its warning level and ``met`` otherwise. Either is
``missing_data`` when the data needed to decide is absent or empty, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.timescales import Recurring


class FlagStatus(StrEnum):
    """Where a child stands against one flag on the as-of date."""

    MET = "met"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MISSING_DATA = "missing_data"


STATUS_DTYPE = pl.Enum([status.value for status in FlagStatus])
"""The polars dtype of the ``status`` column."""


class FlagKind(StrEnum):
    """Whether a flag has a deadline or a threshold."""

    TIMESCALE = "timescale"
    """Due by a date: overdue from the day after it."""
    ALERT = "alert"
    """A threshold or marker: raised (``overdue``) from the day it is reached."""


FLAG_SCHEMA = pl.Schema(
    [
        ("person_id", pl.String()),
        ("episode_id", pl.String()),
        ("measure", pl.String()),
        ("due_date", pl.Date()),
        ("last_done_date", pl.Date()),
        ("status", STATUS_DTYPE),
        ("days_overdue", pl.Int64()),
        ("value", pl.Float64()),
        ("team_id", pl.String()),
        ("worker_id", pl.String()),
    ]
)
"""The columns of the flags frame, in order."""

EVALUATED = ("person_id", "episode_id", "due_date", "last_done_date", "value", "status")
"""The columns an ``evaluate`` function provides (missing ones are null)."""


@dataclass(frozen=True)
class Flag:
    """One per-child flag: what it is, whom it is about, what it reads and how it is decided."""

    code: str
    """A stable key, also the ``measure`` column's value, e.g. ``looked_after_visit``."""
    name: str
    """A short description for people."""
    kind: FlagKind
    """A timescale with a due date, or an alert with a threshold."""
    subjects: Callable[[MeasureInputs], pl.LazyFrame]
    """Whom it is about: person_id, episode_id and whatever ``evaluate`` needs."""
    reads: tuple[str, ...]
    """Tables whose data decide it; when one is absent every subject is ``missing_data``."""
    evaluate: Callable[[pl.LazyFrame, MeasureInputs], pl.LazyFrame]
    """The subjects with due_date, last_done_date, value and status (columns of EVALUATED)."""
    source: str
    """The legislation, guidance or practice standard it measures against."""


def literal_status(status: FlagStatus) -> pl.Expr:
    """A status as a typed literal."""
    return pl.lit(status.value, dtype=STATUS_DTYPE)


def timescale_status(due: pl.Expr, inputs: MeasureInputs) -> pl.Expr:
    """``overdue`` after the due date, ``due_soon`` near and on it, ``met`` before; null: missing."""
    soon = inputs.as_of + timedelta(days=inputs.timescales.due_soon_days)
    return (
        pl.when(due.is_null())
        .then(literal_status(FlagStatus.MISSING_DATA))
        .when(due < inputs.as_of)
        .then(literal_status(FlagStatus.OVERDUE))
        .when(due <= soon)
        .then(literal_status(FlagStatus.DUE_SOON))
        .otherwise(literal_status(FlagStatus.MET))
    )


def alert_status(
    raised: pl.Expr, *, warned: pl.Expr | None = None, known: pl.Expr | None = None
) -> pl.Expr:
    """``overdue`` when raised, ``due_soon`` when warned, else ``met``; not known: missing."""
    known_expr = pl.lit(True) if known is None else known.fill_null(False)
    warned_expr = pl.lit(False) if warned is None else warned.fill_null(False)
    return (
        pl.when(~known_expr)
        .then(literal_status(FlagStatus.MISSING_DATA))
        .when(raised.fill_null(False))
        .then(literal_status(FlagStatus.OVERDUE))
        .when(warned_expr)
        .then(literal_status(FlagStatus.DUE_SOON))
        .otherwise(literal_status(FlagStatus.MET))
    )


def with_last_done(
    subjects: pl.LazyFrame,
    events: pl.LazyFrame,
    *,
    on: str,
    since: str,
    inputs: MeasureInputs,
) -> pl.LazyFrame:
    """``subjects`` with ``last_done_date`` and ``done_count`` of their events from ``since`` to the as-of date.

    ``events`` has the join column ``on`` (and the grouping keys) and ``event_date``; an event
    counts for a subject when it falls on or after the subject's ``since`` date and on or before
    the as-of date.
    """
    keyed = inputs.on(on)
    indexed = subjects.with_row_index("_subject")
    relevant = (  # the subjects' events only, before the larger join
        events.select(*keyed, "event_date")
        .filter(pl.col("event_date") <= inputs.as_of)
        .drop_nulls()
    )
    done = (
        indexed.select("_subject", *keyed, since)
        .join(relevant, on=keyed, how="inner")
        .filter((pl.col("event_date") >= pl.col(since)) & (pl.col("event_date") <= inputs.as_of))
        .group_by("_subject")
        .agg(
            pl.col("event_date").max().alias("last_done_date"),
            pl.len().cast(pl.Int64).alias("done_count"),
        )
    )
    return (
        indexed.join(done, on="_subject", how="left")
        .with_columns(pl.col("done_count").fill_null(0))
        .sort("_subject")
        .drop("_subject")
    )


def recurring(
    subjects: pl.LazyFrame,
    events: pl.LazyFrame,
    timescale: Recurring,
    *,
    on: str,
    since: str,
    inputs: MeasureInputs,
) -> pl.LazyFrame:
    """A recurring timescale: due ``first_within`` of ``since`` until an event is done, then
    ``then_every`` after the last one (visits, reviews, checks, supervision)."""
    done = with_last_done(subjects, events, on=on, since=since, inputs=inputs)
    due = (
        pl.when(pl.col("last_done_date").is_null())
        .then(timescale.first_within.after(pl.col(since)))
        .otherwise(timescale.then_every.after(pl.col("last_done_date")))
    )
    return done.with_columns(due.alias("due_date")).with_columns(
        timescale_status(pl.col("due_date"), inputs).alias("status")
    )


def missing_for_all(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Every subject with status ``missing_data`` (the data that decides the flag is absent)."""
    return subjects.select(*inputs.on("person_id", "episode_id")).with_columns(
        literal_status(FlagStatus.MISSING_DATA).alias("status")
    )


def conform(rows: pl.LazyFrame, flag: Flag, inputs: MeasureInputs) -> pl.LazyFrame:
    """``rows`` in the flags frame's columns: measure, days overdue; allocation is added later."""
    present = inputs.key_columns() + [
        pl.col(name).cast(FLAG_SCHEMA[name])
        if name in rows.collect_schema()
        else pl.lit(None, dtype=FLAG_SCHEMA[name]).alias(name)
        for name in EVALUATED
    ]
    days = (pl.lit(inputs.as_of) - pl.col("due_date")).dt.total_days().cast(pl.Int64)
    return rows.select(present).with_columns(
        pl.lit(flag.code).alias("measure"),
        pl.when((pl.col("status") == FlagStatus.OVERDUE.value) & pl.col("due_date").is_not_null())
        .then(days)
        .otherwise(None)
        .alias("days_overdue"),
    )
