"""An SSDA903 return held as typed frames, one per table, with where each row came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from oversight.core.returns.ssda903.schema import Schema, schema_for

LOCATION_SCHEMA = pl.Schema({"file": pl.String, "line": pl.Int64, "element": pl.String})
"""Columns of a frame locating each row of a table: file, line and XML element."""


@dataclass(frozen=True)
class Ssda903Return:
    """The tables of one SSDA903 return, typed by its collection year's schema.

    A table the return does not hold is absent from ``tables`` (not empty), so that "no data" can
    be told from "none happened".
    """

    year: int
    """The collection year, named by the year it ends (2025 is 2024–25)."""
    tables: Mapping[str, pl.DataFrame]
    """Each table present, by key (``header``, ``episodes`` …), in the year's columns and dtypes."""
    locations: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    """For tables read from files: each row's file, line and XML element, row for row."""

    @property
    def schema(self) -> Schema:
        """The schema of the return's collection year."""
        return schema_for(self.year)

    def locate(self, key: str) -> pl.DataFrame:
        """Where each row of table ``key`` came from; for frames made in memory, the table's name."""
        found = self.locations.get(key)
        if found is not None:
            return found
        return self.tables[key].select(
            pl.repeat(self.schema.table(key).name, pl.len(), dtype=pl.String).alias("file"),
            pl.repeat(None, pl.len(), dtype=pl.Int64).alias("line"),
            pl.repeat(None, pl.len(), dtype=pl.String).alias("element"),
        )
