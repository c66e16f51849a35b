"""The SSDA903 specification as frozen models, parsed from the TOML files beside this module.

The files keep the shape of the liia specification they were transcribed from::

    column_map.<table>.<COLUMN> = { <kind> = …, canbeblank = true|false }

where ``<kind>`` is one of ``string`` ("alphanumeric" or "postcode"), ``date`` (a strftime
format), ``numeric`` (``{ type = "integer", min_value, max_value }``), ``category`` (a list of
``{ code, name }``) or, from Oversight's corrections, ``partial_date``. Parsing refuses any key
it does not know, so a typo in a specification file fails loudly instead of being ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

import polars as pl

from oversight.core.returns._errors import SpecError

TABLE_NAMES: Mapping[str, str] = {
    "header": "Header",
    "episodes": "Episodes",
    "reviews": "Reviews",
    "uasc": "UASC",
    "oc2": "OC2",
    "oc3": "OC3",
    "ad1": "AD1",
    "placed_adoption": "PlacedAdoption",
    "prev_perm": "PrevPerm",
    "missing": "Missing",
    "social_worker": "SWEpisodes",
    "deprivation_of_liberty_order": "DoLo",
}
"""Each table's key in the specification and the name the DfE and the validators use, in the
order tables are listed and written."""


class ColumnKind(StrEnum):
    """How a column's values are written and read."""

    TEXT = "string"
    """Free text such as an id or a postcode, kept as written (surrounding spaces removed)."""
    DATE = "date"
    """A date written ``dd/mm/YYYY``."""
    PARTIAL_DATE = "partial_date"
    """A date whose unknown parts are written ``zz`` (``zz/05/2020``), kept as text."""
    INTEGER = "numeric"
    """A whole number, optionally bounded."""
    CODE = "category"
    """One of the collection year's codes."""


@dataclass(frozen=True)
class Code:
    """One value of a code list."""

    code: str
    """The value as written in the return, e.g. ``M``."""
    names: tuple[str, ...] = ()
    """What the code means, and any older code written for the same meaning; a code of another
    year that shares a name is its equivalent (SEX ``1`` "Male" is ``M`` "Male")."""


@dataclass(frozen=True)
class Column:
    """One column of an SSDA903 table in one collection year."""

    name: str
    """The DfE's field name, e.g. ``DECOM``."""
    kind: ColumnKind
    """How values are written and read."""
    can_be_blank: bool
    """Whether the DfE allows a blank value (blanks are left to validation, not refused)."""
    text_format: str | None = None
    """For text: the specification's description, ``alphanumeric`` or ``postcode``."""
    date_format: str | None = None
    """For dates: the strftime format, ``%d/%m/%Y``."""
    codes: tuple[Code, ...] = ()
    """For codes: the year's code list, in the specification's order."""
    minimum: int | None = None
    """For whole numbers: the smallest allowed."""
    maximum: int | None = None
    """For whole numbers: the largest allowed."""

    @cached_property
    def code_values(self) -> tuple[str, ...]:
        """The codes alone, in order."""
        return tuple(code.code for code in self.codes)

    @cached_property
    def dtype(self) -> pl.DataType:
        """The polars dtype a typed frame holds this column in."""
        if self.kind is ColumnKind.DATE:
            return pl.Date()
        if self.kind is ColumnKind.INTEGER:
            return pl.Int64()
        if self.kind is ColumnKind.CODE:
            return pl.Enum(self.code_values)
        return pl.String()


@dataclass(frozen=True)
class Table:
    """One SSDA903 table in one collection year."""

    key: str
    """The specification's key, e.g. ``placed_adoption``; also the file name Oversight writes."""
    name: str
    """The DfE's name, e.g. ``PlacedAdoption``."""
    columns: tuple[Column, ...]
    """Columns in the specification's order, which is also the order files are written in."""
    _by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {column.name: column for column in self.columns})

    @property
    def column_names(self) -> list[str]:
        """Column names in file order."""
        return [column.name for column in self.columns]

    @property
    def schema(self) -> pl.Schema:
        """The polars schema of a typed frame of this table."""
        return pl.Schema({column.name: column.dtype for column in self.columns})

    def column(self, name: str) -> Column:
        """The column called ``name``; ``KeyError`` if there is none."""
        return self._by_name[name]

    def empty(self) -> pl.DataFrame:
        """An empty typed frame of this table."""
        return pl.DataFrame(schema=self.schema)

    def complete(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with every column of the table, in order and dtype; absent ones are null.

        A column the table does not have raises ``KeyError``; a code outside the year's list
        raises polars' ``InvalidOperationError``.

        Examples
        --------
        >>> from oversight.core.returns.ssda903.schema import schema_for
        >>> uasc = schema_for(2025).table("uasc")
        >>> uasc.complete(pl.DataFrame({"CHILD": ["C1"], "SEX": ["F"]})).row(0)
        ('C1', None, 'F', None)
        """
        unknown = [name for name in frame.columns if name not in self._by_name]
        if unknown:
            raise KeyError(f"{self.name} has no column {', '.join(unknown)}")
        return frame.select(
            (pl.col(c.name) if c.name in frame.columns else pl.lit(None))
            .cast(c.dtype)
            .alias(c.name)
            for c in self.columns
        )


@dataclass(frozen=True)
class Schema:
    """Every table of the SSDA903 return of one collection year."""

    year: int
    """The collection year, named by the year it ends: 2025 is 1 April 2024 to 31 March 2025."""
    tables: Mapping[str, Table]
    """Tables by key, in ``TABLE_NAMES`` order."""

    @property
    def label(self) -> str:
        """The year as people write it, e.g. ``2024–25``."""
        return f"{self.year - 1}–{self.year % 100:02d}"

    def table(self, key: str) -> Table:
        """The table with key ``key``; ``KeyError`` if the year has no such table."""
        return self.tables[key]


def parse_schema(year: int, document: Mapping[str, Any]) -> Schema:
    """A ``Schema`` from a specification document with its diffs applied, refusing unknown keys."""
    _only_keys(document, {"column_map"}, "the document")
    column_map = document["column_map"]
    unknown = [key for key in column_map if key not in TABLE_NAMES]
    if unknown:
        raise SpecError(f"unknown SSDA903 tables {unknown}; known: {list(TABLE_NAMES)}")
    tables = {
        key: Table(
            key=key,
            name=TABLE_NAMES[key],
            columns=tuple(
                _parse_column(name, spec, f"{key}.{name}") for name, spec in column_map[key].items()
            ),
        )
        for key in TABLE_NAMES
        if key in column_map
    }
    return Schema(year=year, tables=tables)


KINDS = {kind.value: kind for kind in ColumnKind}


def _parse_column(name: str, spec: Mapping[str, Any], where: str) -> Column:
    _only_keys(spec, {*KINDS, "canbeblank"}, where)
    kinds = [KINDS[key] for key in spec if key in KINDS]
    if len(kinds) != 1 or not isinstance(spec.get("canbeblank"), bool):
        raise SpecError(f"{where}: expected one of {sorted(KINDS)} and canbeblank = true|false")
    kind = kinds[0]
    value = spec[kind.value]
    blank = spec["canbeblank"]
    if kind is ColumnKind.TEXT:
        return Column(name, kind, blank, text_format=_text(value, where))
    if kind in (ColumnKind.DATE, ColumnKind.PARTIAL_DATE):
        if value != "%d/%m/%Y":
            raise SpecError(f"{where}: the only date format returns use is %d/%m/%Y")
        return Column(name, kind, blank, date_format=value)
    if kind is ColumnKind.INTEGER:
        _only_keys(value, {"type", "min_value", "max_value"}, where)
        if value.get("type") != "integer":
            raise SpecError(f"{where}: numeric columns must be integers")
        return Column(
            name, kind, blank, minimum=value.get("min_value"), maximum=value.get("max_value")
        )
    if not isinstance(value, list) or not value:
        raise SpecError(f"{where}: a category is a non-empty list of codes")
    return Column(name, kind, blank, codes=tuple(_parse_code(item, where) for item in value))


def _parse_code(item: Mapping[str, Any], where: str) -> Code:
    _only_keys(item, {"code", "name"}, where)
    names = item.get("name")
    if names is None:
        names = ()
    elif isinstance(names, str):
        names = (names,)
    if not isinstance(item.get("code"), str) or not all(isinstance(n, str) for n in names):
        raise SpecError(f"{where}: a code is {{ code = text, name = text or [text] }}")
    return Code(item["code"], tuple(names))


def _text(value: object, where: str) -> str:
    if value not in ("alphanumeric", "postcode"):
        raise SpecError(f"{where}: string is 'alphanumeric' or 'postcode', not {value!r}")
    return str(value)


def _only_keys(mapping: object, allowed: set[str], where: str) -> None:
    if not isinstance(mapping, Mapping):
        raise SpecError(f"{where}: expected a table of keys")
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise SpecError(f"{where}: unknown keys {unknown}; allowed: {sorted(allowed)}")
