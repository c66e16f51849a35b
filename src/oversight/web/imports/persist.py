"""Writing frames into the snapshot's tables fast: COPY on PostgreSQL, ``executemany`` elsewhere.

A default-size council has hundreds of thousands of chronology events; building a model
instance per row (``bulk_create``) costs more than the rest of the load. The frame's columns are
the model's field names; rows go straight to the driver inside the caller's transaction.
JSON fields arrive as JSON text (made by polars), which both databases store as given.
"""

from __future__ import annotations

from itertools import islice

import polars as pl
from django.db import connection, models

BATCH_ROWS = 5000


def insert_frame(model: type[models.Model], frame: pl.DataFrame, *, snapshot_id: int) -> int:
    """Insert every row of ``frame`` into ``model``'s table for the snapshot; returns the count."""
    if frame.is_empty():
        return 0
    fields = [model._meta.get_field(name) for name in frame.columns]
    columns = ["snapshot_id", *(str(getattr(field, "column", field.name)) for field in fields)]
    text = [f.name for f in fields if isinstance(f, models.CharField | models.TextField)]
    frame = frame.with_columns(pl.col(name).cast(pl.String).fill_null("") for name in text)
    rows = ((snapshot_id, *row) for row in frame.iter_rows())
    table = model._meta.db_table
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        raw = connection.connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return frame.height
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        while batch := list(islice(rows, BATCH_ROWS)):
            cursor.executemany(sql, batch)
    return frame.height
