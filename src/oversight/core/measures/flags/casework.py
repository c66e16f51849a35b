"""Flags of every open case: allocation, any visit at all, and management oversight.

An open case is an open referral (CIN episode), CIN plan, CP plan or period of care on the as-of
date; ``since`` is the earliest start among them.
"""

from __future__ import annotations

import polars as pl

from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.flags import _events
from oversight.core.measures.flags._model import (
    Flag,
    FlagKind,
    alert_status,
    recurring,
    with_last_done,
)


def open_cases(inputs: MeasureInputs) -> pl.LazyFrame:
    """Children with an open case: person_id, episode_id (none), since and the kinds of case."""
    return inputs.open_children.with_columns(pl.lit(None, dtype=pl.String).alias("episode_id"))


def _unallocated(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Raised when no allocated worker is current; the due date is when the child became unallocated."""
    person = inputs.on("person_id")
    allocated = pl.col("_allocated").fill_null(False)
    current = (
        inputs.allocations.select(person).unique().with_columns(pl.lit(True).alias("_allocated"))
    )
    ended = inputs.ended_allocations.select(*person, pl.col("ended").alias("last_allocation_end"))
    return (
        subjects.join(ended, on=person, how="left")
        .join(current, on=person, how="left")
        .with_columns(
            pl.when(allocated)
            .then(None)
            .otherwise(pl.max_horizontal("since", "last_allocation_end"))
            .alias("due_date"),
            alert_status(~allocated).alias("status"),
        )
        .drop("_allocated")
    )


UNALLOCATED = Flag(
    code="unallocated",
    name="Open case with no allocated social worker (due date: unallocated since)",
    kind=FlagKind.ALERT,
    subjects=open_cases,
    reads=("ssd_involvements",),
    evaluate=_unallocated,
    source="Ofsted ILACS Annex A (allocated team and worker on every list); casework.md, unallocated-work queue",
)

_VISITS_BY_CASE = {
    "cin_plan_since": "ssd_cin_visits",
    "cp_plan_since": "ssd_cp_visits",
    "looked_after_since": "ssd_cla_visits",
}


def visited_cases(inputs: MeasureInputs) -> pl.LazyFrame:
    """Open cases with a plan or a period of care (the cases that have visits): + visits_since."""
    kinds = list(_VISITS_BY_CASE)
    return (
        open_cases(inputs)
        .filter(pl.any_horizontal(pl.col(kind).is_not_null() for kind in kinds))
        .with_columns(pl.min_horizontal(kinds).alias("visits_since"))
    )


def _any_visit(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    """Raised when no visit (child seen) is recorded since the plan or care began."""
    visits = pl.concat(
        [
            _events.cin_visits(inputs),
            _events.cp_visits(inputs).select(*inputs.on("person_id", "event_date")),
            _events.cla_visits(inputs),
        ]
    )
    known = pl.all_horizontal(
        pl.col(kind).is_null() | pl.lit(inputs.has(table))
        for kind, table in _VISITS_BY_CASE.items()
    )
    done = with_last_done(subjects, visits, on="person_id", since="visits_since", inputs=inputs)
    return done.with_columns(
        pl.col("visits_since").alias("due_date"),
        alert_status(pl.col("done_count") == 0, known=known).alias("status"),
    )


NO_VISIT_RECORDED = Flag(
    code="no_visit_recorded",
    name="No visit recorded since the plan or period of care began (due date: when it began)",
    kind=FlagKind.ALERT,
    subjects=visited_cases,
    reads=(),
    evaluate=_any_visit,
    source="SI 2010/959 regulation 28 (looked-after visits); Working Together 2023 (plans); Annex A lists 6–8 (date last seen)",
)


def _supervision_due(subjects: pl.LazyFrame, inputs: MeasureInputs) -> pl.LazyFrame:
    standard = inputs.timescales.local.case_supervision
    supervision = inputs.table("ovs_case_supervision").select(
        *inputs.key_columns(),
        pl.col("ovcs_person_id").alias("person_id"),
        pl.col("ovcs_supervision_date").alias("event_date"),
    )
    return recurring(subjects, supervision, standard, on="person_id", since="since", inputs=inputs)


CASE_SUPERVISION = Flag(
    code="case_supervision",
    name="Management oversight (case supervision) recorded within the local standard",
    kind=FlagKind.TIMESCALE,
    subjects=open_cases,
    reads=("ovs_case_supervision",),
    evaluate=_supervision_due,
    source="Local practice standard (no national interval; the default is an example)",
)

FLAGS = (UNALLOCATED, NO_VISIT_RECORDED, CASE_SUPERVISION)
