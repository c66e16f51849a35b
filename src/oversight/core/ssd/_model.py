"""How an SSD table is declared: columns with polars dtypes, keys, and the returns each field feeds.

A declaration is plain frozen data. Readers, writers, checks, documentation and (later) data
generators all work from the same declarations, so a table is described once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl


class Feeds(StrEnum):
    """A statutory return or collection that an SSD field feeds (the spec's ``returns:``)."""

    SSDA903 = "SSDA903"
    """Children looked after return."""
    CIN = "CIN"
    """Children in need census."""
    ANNEX_A = "AnnexA"
    """Ofsted's Annex A lists for inspection."""
    RIIA = "RIIA"
    """DfE's Regional Improvement and Innovation Alliance data."""
    SEN2 = "SEN2"
    """Special educational needs survey."""
    ADCS_SP = "ADCS_SP"
    """ADCS Safeguarding Pressures research."""
    CSCWF = "CSCWF"
    """Children's social care workforce census."""
    ASGLB = "ASGLB"
    """Adoption and special guardianship leadership board data."""
    NEET = "NEETandparticipation"
    """Young people not in education, employment or training, and participation."""
    LOCAL = "Local"
    """Local use only: identifiers and fields no national return carries."""


@dataclass(frozen=True)
class Column:
    """One field of an SSD table."""

    name: str
    """The SSD's own column name, e.g. ``pers_person_id``."""
    dtype: pl.DataType | type[pl.DataType]
    """The polars dtype the column is read into: String, Date, Int64 or Float64."""
    required: bool = False
    """Whether every row must have a value (primary-key columns always do)."""
    feeds: tuple[Feeds, ...] = ()
    """The returns this field feeds, as the spec lists them."""
    item_ref: str | None = None
    """The SSD item reference, e.g. ``PERS001A``."""
    description: str = ""
    """The spec's short description."""

    @property
    def is_json(self) -> bool:
        """Whether the field holds JSON text (the SSD names such fields ``*_json``)."""
        return self.name.endswith("_json")


@dataclass(frozen=True)
class ForeignKey:
    """A column whose non-null values must exist in a column of another (or the same) table.

    When the referenced column is not that table's single-column primary key (the SSD has
    several such references, e.g. person ids checked against ``ssd_cla_episodes``), the check is
    an existence check: the value must occur at least once there.
    """

    column: str
    """The referring column in this table."""
    references: str
    """``table.column`` referred to, e.g. ``ssd_person.pers_person_id``."""

    @property
    def table(self) -> str:
        """The referenced table."""
        return self.references.split(".", 1)[0]

    @property
    def referenced_column(self) -> str:
        """The referenced column."""
        return self.references.split(".", 1)[1]


@dataclass(frozen=True)
class Table:
    """One SSD table: its columns, keys and the documented differences from the published spec."""

    name: str
    """The SSD table name, also the file name (``ssd_person.csv``)."""
    description: str
    """What a row is, in a sentence."""
    columns: tuple[Column, ...]
    """Columns in the SSD's order, which is also the order files are written in."""
    primary_key: tuple[str, ...]
    """Columns whose values identify a row; unique and required."""
    foreign_keys: tuple[ForeignKey, ...] = ()
    """References to other tables, checked when both tables are present."""
    corrections: tuple[str, ...] = ()
    """Each difference from the published SSD spec, and why."""
    _by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {column.name: column for column in self.columns}
        if len(by_name) != len(self.columns):
            raise ValueError(f"{self.name}: a column is declared twice")
        unknown = [key for key in self.primary_key if key not in by_name]
        unknown += [fk.column for fk in self.foreign_keys if fk.column not in by_name]
        if unknown:
            raise ValueError(f"{self.name}: keys name undeclared columns {unknown}")
        object.__setattr__(self, "_by_name", by_name)

    @property
    def column_names(self) -> list[str]:
        """Column names in file order."""
        return [column.name for column in self.columns]

    @property
    def schema(self) -> pl.Schema:
        """The polars schema of a frame of this table."""
        return pl.Schema({column.name: column.dtype for column in self.columns})

    def column(self, name: str) -> Column:
        """The declared column called ``name``; ``KeyError`` if there is none."""
        return self._by_name[name]

    def is_required(self, name: str) -> bool:
        """Whether ``name`` must have a value in every row."""
        return self._by_name[name].required or name in self.primary_key

    def empty(self) -> pl.DataFrame:
        """An empty frame with this table's schema."""
        return pl.DataFrame(schema=self.schema)

    def complete(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with every declared column, in declared order and dtypes.

        Columns ``frame`` lacks are added as nulls, so that a return's loader or a test can give
        only the fields it has. A column that is not declared raises ``KeyError``.

        Examples
        --------
        >>> from oversight.core.ssd import TABLES
        >>> department = TABLES["ssd_department"]
        >>> department.complete(pl.DataFrame({"dept_team_id": ["T1"]}))
        shape: (1, 4)
        ┌──────────────┬────────────────┬─────────────────────┬───────────────────────┐
        │ dept_team_id ┆ dept_team_name ┆ dept_team_parent_id ┆ dept_team_parent_name │
        │ ---          ┆ ---            ┆ ---                 ┆ ---                   │
        │ str          ┆ str            ┆ str                 ┆ str                   │
        ╞══════════════╪════════════════╪═════════════════════╪═══════════════════════╡
        │ T1           ┆ null           ┆ null                ┆ null                  │
        └──────────────┴────────────────┴─────────────────────┴───────────────────────┘
        """
        unknown = [name for name in frame.columns if name not in self._by_name]
        if unknown:
            raise KeyError(f"{self.name} declares no column {', '.join(unknown)}")
        return frame.select(
            (pl.col(c.name) if c.name in frame.columns else pl.lit(None))
            .cast(c.dtype)
            .alias(c.name)
            for c in self.columns
        )
