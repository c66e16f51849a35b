"""Ids the SSD needs and a return lacks, minted deterministically from the child and dates.

An id reads ``<child>/<kind>/<date>``, e.g. ``C123/episode/2024-05-01``: the same return always
gives the same ids, and the same episode in this year's and last year's return gets the same id.
Rows that would share an id (the same child and date twice) get ``/2``, ``/3`` … in row order.
"""

from __future__ import annotations

import polars as pl

NO_DATE = "-"
"""What stands for a missing date in an id."""


def mint(kind: str, child: str = "CHILD", date: str | None = None) -> pl.Expr:
    """An id of ``kind`` for each row, from the ``child`` column and the ``date`` column.

    Examples
    --------
    >>> from datetime import date
    >>> frame = pl.DataFrame({"CHILD": ["C1", "C1", "C2"], "DECOM": [date(2024, 5, 1)] * 3})
    >>> frame.select(mint("episode", date="DECOM").alias("id"))["id"].to_list()
    ['C1/episode/2024-05-01', 'C1/episode/2024-05-01/2', 'C2/episode/2024-05-01']
    """
    parts = [pl.col(child), pl.lit(kind)]
    if date is not None:
        parts.append(pl.col(date).dt.strftime("%Y-%m-%d").fill_null(NO_DATE))
    base = pl.concat_str(parts, separator="/")
    ordinal = pl.int_range(pl.len()).over(base)
    return (
        pl.when(ordinal == 0)
        .then(base)
        .otherwise(pl.concat_str([base, (ordinal + 1).cast(pl.String)], separator="/"))
    )
