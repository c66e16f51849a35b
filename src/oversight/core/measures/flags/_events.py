"""The events flags count: visits, reviews and health checks, as ``person_id`` (or plan), ``event_date``.

Each builder reads one SSD table and keeps only what counts as done:

- a visit counts unless it is recorded that the child was not seen (``*_visit_seen = "N"``):
  regulation 28 and practice standards are about seeing the child;
- a looked-after review counts unless it is recorded as cancelled;
- a health check counts unless its status is Planned, Refused or Cancelled (a dated check with
  no status is taken as held, as the SSD's date field is "Date of Last Health Assessment");
- nothing dated after the as-of date counts (the engine's windows end there).
"""

from __future__ import annotations

import polars as pl

from oversight.core.measures._inputs import MeasureInputs

NOT_HELD = ("Planned", "Refused", "Cancelled")
"""Health-check statuses that mean the check did not take place."""


def _seen(column: str) -> pl.Expr:
    return pl.col(column).is_null() | (pl.col(column) != "N")


def cla_visits(inputs: MeasureInputs) -> pl.LazyFrame:
    """person_id, event_date: statutory visits to looked-after children where the child was seen.

    A visit names the child, or else the CLA id whose child it is: only visits without a person
    id are joined to the CLA ids (the join costs more than everything else here)."""
    seen = inputs.table("ssd_cla_visits").filter(_seen("clav_cla_visit_seen"))
    named = seen.filter(pl.col("clav_person_id").is_not_null()).select(
        *inputs.key_columns(),
        pl.col("clav_person_id").alias("person_id"),
        pl.col("clav_cla_visit_date").alias("event_date"),
    )
    unnamed = (
        seen.filter(pl.col("clav_person_id").is_null())
        .join(
            inputs.cla_persons,
            left_on=inputs.on("clav_cla_id"),
            right_on=inputs.on("cla_id"),
            how="left",
        )
        .select(*inputs.on("person_id"), pl.col("clav_cla_visit_date").alias("event_date"))
    )
    return pl.concat([named, unnamed])


def cp_visits(inputs: MeasureInputs) -> pl.LazyFrame:
    """episode_id (the CP plan), person_id, event_date: visits where the child was seen."""
    return (
        inputs.table("ssd_cp_visits")
        .filter(_seen("cppv_cp_visit_seen"))
        .select(
            *inputs.key_columns(),
            pl.col("cppv_cp_plan_id").alias("episode_id"),
            pl.col("cppv_person_id").alias("person_id"),
            pl.col("cppv_cp_visit_date").alias("event_date"),
        )
    )


def cin_visits(inputs: MeasureInputs) -> pl.LazyFrame:
    """person_id, event_date: visits to children in need where the child was seen."""
    return (
        inputs.table("ssd_cin_visits")
        .filter(_seen("cinv_cin_visit_seen"))
        .select(
            *inputs.key_columns(),
            pl.col("cinv_person_id").alias("person_id"),
            pl.col("cinv_cin_visit_date").alias("event_date"),
        )
    )


def cla_reviews(inputs: MeasureInputs) -> pl.LazyFrame:
    """person_id, event_date: looked-after reviews held (not cancelled)."""
    reviews = inputs.table("ssd_cla_reviews").join(
        inputs.cla_persons,
        left_on=inputs.on("clar_cla_id"),
        right_on=inputs.on("cla_id"),
        how="inner",
    )
    held = pl.col("clar_cla_review_cancelled").is_null() | (
        pl.col("clar_cla_review_cancelled") != "Y"
    )
    return reviews.filter(held).select(
        *inputs.on("person_id"), pl.col("clar_cla_review_date").alias("event_date")
    )


def cp_reviews(inputs: MeasureInputs) -> pl.LazyFrame:
    """episode_id (the CP plan), event_date: child protection review conferences held."""
    return inputs.table("ssd_cp_reviews").select(
        *inputs.key_columns(),
        pl.col("cppr_cp_plan_id").alias("episode_id"),
        pl.col("cppr_cp_review_date").alias("event_date"),
    )


def health_checks(inputs: MeasureInputs, *types: str) -> pl.LazyFrame:
    """person_id, event_date: health checks of the given types that took place."""
    checks = inputs.table("ssd_cla_health")
    held = pl.col("clah_health_check_status").is_null() | ~pl.col("clah_health_check_status").is_in(
        NOT_HELD
    )
    return checks.filter(held & pl.col("clah_health_check_type").is_in(types)).select(
        *inputs.key_columns(),
        pl.col("clah_person_id").alias("person_id"),
        pl.col("clah_health_check_date").alias("event_date"),
    )
