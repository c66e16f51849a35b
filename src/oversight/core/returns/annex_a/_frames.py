"""What every exported list shares: the window arithmetic, the SSD tables, the child columns.

Every child's Gender, Ethnicity, Date of Birth and Age come from ``ssd_person``; the age is the
age at the last birthday on the inspection date (−1 for a child not yet born). A list builder
gives its rows with a ``_person`` column and its own columns, and ``finish`` adds the child's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from oversight.core.returns.annex_a._codes import SEX, replace
from oversight.core.returns.annex_a._spec import annex_a_spec
from oversight.core.returns.annex_a._workbook import dtype
from oversight.core.ssd import TABLES

MONTHS = 6
"""The look-back of lists 1–8, in months."""

YEAR = 12
"""The look-back of list 10 and of the lists' "in the last 12 months" columns, in months."""


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the last day of the month when that day does not exist)."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def table(frames: Mapping[str, pl.DataFrame], name: str) -> pl.DataFrame:
    """The SSD table ``name`` with all its columns (empty when the extract has none)."""
    frame = frames.get(name)
    return TABLES[name].complete(frame) if frame is not None else TABLES[name].empty()


def open_between(begun: pl.Expr, ended: pl.Expr, start: date, as_of: date) -> pl.Expr:
    """Whether a spell begun on ``begun`` and ended on ``ended`` (or not) was open at any time
    in the window after ``start`` up to ``as_of``."""
    return (begun <= as_of) & (ended.is_null() | (ended > start))


def people(frames: Mapping[str, pl.DataFrame], as_of: date) -> pl.DataFrame:
    """Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years), per person."""
    person = table(frames, "ssd_person")
    dob = pl.col("pers_dob")
    birthday = dob.dt.month().cast(pl.Int64) * 100 + dob.dt.day().cast(pl.Int64)
    age = (
        pl.lit(as_of.year, dtype=pl.Int64) - dob.dt.year().cast(pl.Int64)
        - (pl.lit(as_of.month * 100 + as_of.day, dtype=pl.Int64) < birthday).cast(pl.Int64)
    )  # fmt: skip
    unborn = dob.is_null() & pl.col("pers_expected_dob").is_not_null()
    return person.select(
        pl.col("pers_person_id").alias("_person"),
        replace("pers_sex", SEX).alias("Gender"),
        pl.col("pers_ethnicity").alias("Ethnicity"),
        dob.alias("Date of Birth"),
        pl.when(unborn | (dob > as_of)).then(pl.lit(-1)).otherwise(age)
        .cast(pl.Int64).alias("Age of Child (Years)"),
    )  # fmt: skip


def finish(number: int, rows: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """``rows`` (with ``_person`` and list columns) joined to the people, in the list's order."""
    spec = annex_a_spec()[number]
    joined = rows.join(people, on="_person", how="left").with_columns(
        pl.col("_person").alias("Child Unique ID")
    )
    return joined.select(
        (pl.col(c.name) if c.name in joined.columns else pl.lit(None)).cast(dtype(c)).alias(c.name)
        for c in spec.columns
    )


def disability(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Per person with disability rows: Yes when any is a disability, No when all are NONE."""
    rows = table(frames, "ssd_disability")
    return rows.group_by("disa_person_id").agg(
        pl.when((pl.col("disa_disability_code") != "NONE").any())
        .then(pl.lit("Yes"))
        .otherwise(pl.lit("No"))
        .alias("Does the Child have a Disability")
    )


def latest(frame: pl.DataFrame, key: str, day: str, order: str, as_of: date) -> pl.DataFrame:
    """The last row of each ``key`` dated on or before ``as_of``."""
    return (
        frame.filter(pl.col(day) <= as_of)
        .sort(key, day, order)
        .group_by(key, maintain_order=True)
        .last()
    )


def count_before(
    rows: pl.DataFrame, events: pl.DataFrame, *, key: str, day: str, event_day: str, alias: str
) -> pl.DataFrame:
    """``rows`` with ``alias``: how many ``events`` of the same ``key`` fall in the 12 months up
    to and including each row's ``day`` (an event on that day counts)."""
    counted = (
        rows.select(key, day).unique()
        .join(events.select(key, pl.col(event_day).alias("_other")), on=key)
        .filter(pl.col("_other").is_between(pl.col(day).dt.offset_by(f"-{YEAR}mo"), pl.col(day),
                                            closed="right"))
        .group_by(key, day)
        .agg(pl.len().cast(pl.Int64).alias(alias))
    )  # fmt: skip
    return rows.join(counted, on=[key, day], how="left").with_columns(pl.col(alias).fill_null(0))
