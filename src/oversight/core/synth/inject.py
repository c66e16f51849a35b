"""Realistic recording mistakes, injected on purpose, with a record of each one.

``--inject-errors RATE`` changes about RATE of the rows of the tables below, one mistake per row
chosen: a missing date, a date moved before its start (an episode that overlaps or ends before it
begins), a code that is not in the code list, or a duplicated record. ``injected.csv`` says what
was changed where, so that validation can be tested against it.
"""

from __future__ import annotations

import numpy as np
import polars as pl

KINDS = ("missing_date", "end_before_start", "wrong_code", "duplicate_record")
TARGETS = {  # table: (id column, start date, end date, coded column)
    "ssd_cin_episodes": (
        "cine_referral_id",
        "cine_referral_date",
        "cine_close_date",
        "cine_cin_primary_need_code",
    ),
    "ssd_cla_episodes": (
        "clae_cla_episode_id",
        "clae_cla_episode_start_date",
        "clae_cla_episode_ceased_date",
        "clae_cla_episode_ceased_reason",
    ),
    "ssd_cla_placement": (
        "clap_cla_placement_id",
        "clap_cla_placement_start_date",
        "clap_cla_placement_end_date",
        "clap_cla_placement_type",
    ),
    "ssd_cp_plans": (
        "cppl_cp_plan_id",
        "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date",
        "cppl_cp_plan_initial_category",
    ),
    "ssd_legal_status": (
        "lega_legal_status_id",
        "lega_legal_status_start_date",
        "lega_legal_status_end_date",
        "lega_legal_status",
    ),
}
WRONG_CODES = ("XX", "N99", "Z9", "U0", "")


def inject_errors(
    frames: dict[str, pl.DataFrame], *, rate: float, seed: int
) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Frames with about ``rate`` of the target rows changed, and the record of changes."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 77]))
    changed = dict(frames)
    records = []
    for table, (id_column, start, end, coded) in TARGETS.items():
        frame = frames.get(table)
        if frame is None or frame.is_empty():
            continue
        hit = np.nonzero(rng.random(frame.height) < rate)[0]
        kind = rng.choice(len(KINDS), size=len(hit))
        frame = frame.with_row_index("_row")
        rows = pl.DataFrame({"_row": hit.astype(np.uint32), "_kind": np.asarray(KINDS)[kind]})
        frame = frame.join(rows, on="_row", how="left", maintain_order="left")
        wrong = pl.Series(rng.choice(WRONG_CODES[:-1], size=frame.height))
        frame = frame.with_columns(
            pl.when(pl.col("_kind") == "missing_date")
            .then(None)
            .otherwise(pl.col(start))
            .alias(start),
            pl.when(pl.col("_kind") == "end_before_start")
            .then(pl.col(start) - pl.duration(days=30))
            .otherwise(pl.col(end))
            .alias(end),
            pl.when(pl.col("_kind") == "wrong_code")
            .then(wrong)
            .otherwise(pl.col(coded))
            .alias(coded),
        )
        duplicates = frame.filter(pl.col("_kind") == "duplicate_record")
        records.append(
            frame.filter(pl.col("_kind").is_not_null()).select(
                pl.lit(table).alias("table"),
                pl.col(id_column).alias("record_id"),
                pl.col("_kind").alias("mistake"),
                pl.when(pl.col("_kind") == "missing_date")
                .then(pl.lit(start))
                .when(pl.col("_kind") == "end_before_start")
                .then(pl.lit(end))
                .when(pl.col("_kind") == "wrong_code")
                .then(pl.lit(coded))
                .otherwise(pl.lit(id_column))
                .alias("field"),
            )
        )
        changed[table] = (
            pl.concat([frame, duplicates]).sort("_row", maintain_order=True).drop("_row", "_kind")
        )
    record = (
        pl.concat(records)
        if records
        else pl.DataFrame(
            schema={
                "table": pl.String,
                "record_id": pl.String,
                "mistake": pl.String,
                "field": pl.String,
            }
        )
    )
    return changed, record
