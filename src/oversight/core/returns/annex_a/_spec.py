"""The Annex A specification: lists 1–11, their columns, types, code lists and synonyms.

The specification ships as ``spec/annex_a_schema.json``, converted from Social Finance's
liia-tools-pipeline (``liiatools/annex_a_pipeline/spec/Annex_A_schema.yml``, commit 4aff918, MIT
licence). It is parsed into frozen models that refuse keys they do not know, so a changed file
fails loudly (``SpecError``) rather than being half understood.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from oversight.core.returns._errors import SpecError

LISTS = tuple(range(1, 12))
"""The list numbers of Annex A."""

Kind = Literal["category", "date", "numeric", "string"]


def _regex(pattern: str) -> re.Pattern[str]:
    """A compiled ``/pattern/flags`` regex from the specification (``i``: ignore case)."""
    match = re.fullmatch(r"/(.*)/([a-z]*).*", pattern.strip(), flags=re.DOTALL)
    if match is None:
        raise SpecError(f"Annex A specification: not a /pattern/flags regex: {pattern!r}")
    flags = re.IGNORECASE if "i" in match.group(2) else 0
    return re.compile(match.group(1), flags)


def _keys(where: str, found: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(found) - allowed
    if unknown:
        raise SpecError(f"Annex A specification, {where}: unknown keys {sorted(unknown)}")


def normalise(text: str) -> str:
    """Text compared case-insensitively with runs of white space (and NBSP) as one space."""
    return " ".join(text.replace("\xa0", " ").split()).casefold()


@dataclass(frozen=True)
class Category:
    """One code of a coded column and the spellings councils use for it."""

    code: str
    names: tuple[str, ...]
    cell_regex: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Column:
    """One column of a list."""

    name: str
    kind: Kind
    can_be_blank: bool
    header_regex: tuple[re.Pattern[str], ...]
    categories: tuple[Category, ...] = ()
    min_value: int | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of a coded column, in the specification's order, without repeats."""
        return tuple(dict.fromkeys(category.code for category in self.categories))

    def matches_header(self, header: str) -> bool:
        """Whether a workbook's header names this column (exactly, or by a synonym pattern)."""
        if normalise(header) == normalise(self.name):
            return True
        return any(pattern.search(header) for pattern in self.header_regex)

    def code_for(self, value: str) -> str | None:
        """The code a cell's text stands for, by spelling first, then by pattern; or ``None``."""
        return _lookup(self)[0].get(normalise(value)) or next(
            (c.code for c in self.categories for p in c.cell_regex if p.fullmatch(value.strip())),
            None,
        )


@cache
def _lookup(column: Column) -> tuple[dict[str, str]]:
    table: dict[str, str] = {}
    for category in column.categories:
        for spelling in (category.code, *category.names):
            table.setdefault(normalise(spelling), category.code)
    return (table,)


@dataclass(frozen=True)
class ListSpec:
    """One list: its number and columns, in the template's order."""

    number: int
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [column.name for column in self.columns]


def _column(where: str, name: str, raw: dict[str, Any]) -> Column:
    _keys(where, raw, {"category", "date", "numeric", "string", "header_regex", "canbeblank"})
    kinds = [kind for kind in ("category", "date", "numeric", "string") if kind in raw]
    if len(kinds) != 1:
        raise SpecError(f"Annex A specification, {where}: expected one type, found {kinds}")
    kind: Kind = kinds[0]
    categories: list[Category] = []
    for index, entry in enumerate(raw.get("category", [])):
        _keys(f"{where}, code {index + 1}", entry, {"code", "name", "cell_regex"})
        categories.append(
            Category(
                code=str(entry["code"]),
                names=tuple(str(name) for name in entry["name"]),
                cell_regex=tuple(_regex(pattern) for pattern in entry["cell_regex"]),
            )
        )
    minimum = None
    if kind == "numeric":
        _keys(where, raw["numeric"], {"type", "min_value"})
        minimum = raw["numeric"].get("min_value")
    return Column(
        name=name,
        kind=kind,
        can_be_blank=bool(raw.get("canbeblank", True)),
        header_regex=tuple(_regex(pattern) for pattern in raw.get("header_regex", [])),
        categories=tuple(categories),
        min_value=minimum,
    )


def parse_spec(document: dict[str, Any]) -> dict[int, ListSpec]:
    """The lists of a parsed specification document; raises ``SpecError`` when malformed."""
    _keys("top level", document, {"provenance", "lists"})
    lists: dict[int, ListSpec] = {}
    for key, columns in document["lists"].items():
        match = re.fullmatch(r"list_(\d+)", key)
        if match is None:
            raise SpecError(f"Annex A specification: unknown list {key!r}")
        number = int(match.group(1))
        lists[number] = ListSpec(
            number,
            tuple(_column(f"{key}, {name}", name, raw) for name, raw in columns.items()),
        )
    if tuple(sorted(lists)) != LISTS:
        raise SpecError(f"Annex A specification: expected lists 1–11, found {sorted(lists)}")
    return lists


@cache
def annex_a_spec() -> dict[int, ListSpec]:
    """The packaged Annex A specification, parsed once."""
    text = (
        resources.files(__package__)
        .joinpath("spec")
        .joinpath("annex_a_schema.json")
        .read_text("utf-8")
    )
    return parse_spec(json.loads(text))
