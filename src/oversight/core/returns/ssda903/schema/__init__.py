"""The SSDA903 specification by collection year: a base and small per-year diffs, as data.

::

    base_2017.toml            every table, column, type and code list of the 2017 return
    2019.diff.toml … 2027.diff.toml
                              what each year changed (codes modified, tables added)
    corrections.toml          Oversight's own corrections, applied to every year

``schema_for(year)`` applies the base, every diff up to ``year`` and the corrections, in that
order, and parses the result into frozen models (``_model.py``). Years are named by the year the
collection ends: ``schema_for(2025)`` is the return for 1 April 2024 to 31 March 2025. The files
were transcribed from the liia-tools-pipeline specification (provenance in each file's header).

Examples
--------
>>> schema = schema_for(2025)
>>> schema.label
'2024–25'
>>> schema.table("header").column("SEX").code_values
('M', 'F', 'U')
>>> schema_for(2024).table("header").column("SEX").code_values
('1', '2')
>>> "deprivation_of_liberty_order" in schema_for(2027).tables
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from oversight.core.returns._errors import SpecError, UnsupportedYearError
from oversight.core.returns.ssda903.schema._model import (
    TABLE_NAMES,
    Code,
    Column,
    ColumnKind,
    Schema,
    Table,
    parse_schema,
)

FIRST_YEAR = 2018
"""The first collection year supported: 2017–18 (the 2017 base applies unchanged)."""
LAST_YEAR = 2027
"""The last collection year supported: 2026–27."""

BASE_FILE = "base_2017.toml"
CORRECTIONS_FILE = "corrections.toml"
DIFF_FILE = re.compile(r"^(\d{4})\.diff\.toml$")

DiffType = Literal["add", "modify", "rename", "remove"]


@dataclass(frozen=True)
class Change:
    """One entry of a year's diff (or of the corrections)."""

    path: tuple[str, ...]
    """Where it applies, e.g. ``("column_map", "header", "SEX", "category")``."""
    type: DiffType
    """``add`` or ``modify`` set the value, ``rename`` moves it, ``remove`` deletes keys."""
    description: str
    """Why, in words."""
    value: Any
    """The new value (``add``, ``modify``), new name (``rename``) or keys removed (``remove``)."""


def collection_years() -> range:
    """Every collection year a schema exists for, ``FIRST_YEAR`` to ``LAST_YEAR``."""
    return range(FIRST_YEAR, LAST_YEAR + 1)


@cache
def schema_for(year: int) -> Schema:
    """The SSDA903 schema of the collection year ending 31 March ``year``."""
    if year not in collection_years():
        raise UnsupportedYearError(
            f"no SSDA903 specification for {year}: collection years run from {FIRST_YEAR} "
            f"({FIRST_YEAR - 1}–{FIRST_YEAR % 100}) to {LAST_YEAR} "
            f"({LAST_YEAR - 1}–{LAST_YEAR % 100}), each named by the year it ends"
        )
    document = _read(BASE_FILE)
    for diff_year, changes in sorted(_diffs().items()):
        if diff_year <= year:
            document = _apply(document, changes)
    document = _apply(document, corrections())
    return parse_schema(year, document)


def changes_in(year: int) -> tuple[Change, ...]:
    """The diff of collection year ``year`` (empty when the year changed nothing)."""
    return _diffs().get(year, ())


@cache
def corrections() -> tuple[Change, ...]:
    """Oversight's corrections to the specification, applied to every year."""
    return _parse_changes(_read(CORRECTIONS_FILE), CORRECTIONS_FILE)


@cache
def _diffs() -> dict[int, tuple[Change, ...]]:
    found: dict[int, tuple[Change, ...]] = {}
    for entry in resources.files(__name__).iterdir():
        match = DIFF_FILE.match(entry.name)
        if match:
            found[int(match.group(1))] = _parse_changes(_read(entry.name), entry.name)
    return found


def _read(name: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{name}: {error}") from None


def _parse_changes(document: dict[str, Any], file: str) -> tuple[Change, ...]:
    changes = []
    for path, entry in document.items():
        unknown = sorted(set(entry) - {"type", "description", "value"})
        if unknown or entry.get("type") not in ("add", "modify", "rename", "remove"):
            raise SpecError(
                f"{file}: {path}: expected type (add, modify, rename, remove), "
                f"description and value; unknown keys {unknown}"
            )
        if not isinstance(entry.get("description"), str) or "value" not in entry:
            raise SpecError(f"{file}: {path}: a change needs a description and a value")
        changes.append(
            Change(tuple(path.split(".")), entry["type"], entry["description"], entry["value"])
        )
    return tuple(changes)


def _apply(document: dict[str, Any], changes: tuple[Change, ...]) -> dict[str, Any]:
    """``document`` with ``changes`` applied, as the liia pipeline applies its diffs."""
    result: dict[str, Any] = _copy(document)
    for change in changes:
        *parents, last = change.path
        parent = result
        try:
            for key in parents:
                parent = parent[key]
            if change.type in ("add", "modify"):
                if change.type == "modify" and last not in parent:
                    raise KeyError(last)
                parent[last] = _copy(change.value)
            elif change.type == "rename":
                parent[change.value] = parent.pop(last)
            else:
                for key in change.value:
                    parent[last].pop(key)
        except (KeyError, TypeError, AttributeError) as error:
            raise SpecError(
                f"cannot apply {change.type} at {'.'.join(change.path)}: {error!r}"
            ) from None
    return result


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "TABLE_NAMES",
    "Change",
    "Code",
    "Column",
    "ColumnKind",
    "Schema",
    "Table",
    "changes_in",
    "collection_years",
    "corrections",
    "schema_for",
]
