"""Statutory returns as load inputs: recognise an SSDA903 return or a CIN census, and read it.

::

    folder of CSVs ─ a header matching a 903 table (any collection year) ─► SSDA903 (CSV)
    .xml file      ─ root EXPSSDA903 ───────────────────────────────────► SSDA903 (XML)
    .xlsx file     ─ an Ofsted Annex A workbook ─────────────────────────► Annex A (lists)
                   ─ root Message, Collection CIN ──────────────────────► CIN census (its Year)
         ─► read_ssda903 / read_cin (the returns module: safe, every problem located)
         ─► load_ssda903 / load_cin ─► SSD frames, then the same snapshot path as an extract

Detection only peeks (a CSV's first line, an XML file's first 64 KB, matched as text, never
parsed here): everything that is read is read by ``oversight.core.returns``, which refuses
unsafe XML and oversized archives. A 903 return does not say its collection year, so the
person loading it must; a CIN census says it in its header.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl

from oversight.core.returns import Problem, ReturnError, ReturnProblemsError
from oversight.core.returns.annex_a import load_annex_a, read_annex_a
from oversight.core.returns.cin import load_cin, read_cin
from oversight.core.returns.ssda903 import load_ssda903, read_ssda903
from oversight.core.returns.ssda903.schema import collection_years, schema_for
from oversight.errors import OversightError

PEEK_BYTES = 64 * 1024
"""How much of an XML file detection reads: enough for the root and the CIN header."""
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_COLLECTION = re.compile(rb"<Collection>\s*CIN\s*</Collection>")
_YEAR = re.compile(rb"<CollectionDetails>.*?<Year>\s*(\d{4})\s*</Year>", re.DOTALL)


class ReturnLoadError(OversightError):
    """A return could not be loaded; ``problems`` are the returns module's located problems."""

    def __init__(self, message: str, problems: list[Problem] | None = None, count: int = 0):
        super().__init__(message)
        self.problems = problems or []
        self.problem_count = count or len(self.problems)


@dataclass(frozen=True)
class ReadReturn:
    """SSD frames loaded from a return, with the year read and what the SSD could not hold."""

    frames: dict[str, pl.DataFrame]
    year: int
    lea: str = ""
    notes: tuple[str, ...] = ()

    @property
    def year_end(self) -> date:
        """31 March of the collection year: the as-of date a return describes."""
        return date(self.year, 3, 31)


@cache
def _903_column_sets() -> tuple[frozenset[str], ...]:
    """Every 903 table's column set, over every collection year."""
    return tuple(
        {
            frozenset(table.column_names)
            for year in collection_years()
            for table in schema_for(year).tables.values()
        }
    )


def _csv_header(path: Path) -> frozenset[str]:
    try:
        with path.open("rb") as source:
            first = source.readline(8192).decode("utf-8-sig", errors="replace")
    except OSError:
        return frozenset()
    try:
        row = next(csv.reader(io.StringIO(first)), [])
    except csv.Error:  # not CSV text at all
        return frozenset()
    return frozenset(name.strip().upper() for name in row)


def is_903_csv(path: Path) -> bool:
    """Whether ``path`` is a CSV whose header shares at least half of a 903 table's columns
    (with ``CHILD``): recognised by columns, not names, as the 903 reader recognises it."""
    if path.suffix.lower() != ".csv":
        return False
    header = _csv_header(path)
    if "CHILD" not in header:
        return False
    return any(len(header & columns) * 2 >= len(columns) for columns in _903_column_sets())


def _xml_head(path: Path) -> bytes:
    try:
        with path.open("rb") as source:
            return _COMMENT.sub(b"", source.read(PEEK_BYTES))
    except OSError:
        return b""


def xml_root_of_bytes(head: bytes) -> str:
    """The local name of the root element of XML starting ``head`` ('' if none is seen)."""
    found = _ROOT.search(_COMMENT.sub(b"", head))
    return found.group(1).decode("ascii").rsplit(":", 1)[-1] if found else ""


def xml_root(path: Path) -> str:
    """The local name of the root element of the XML file at ``path`` ('' if none is seen)."""
    return xml_root_of_bytes(_xml_head(path))


def is_903_xml(path: Path) -> bool:
    """Whether ``path`` is SSDA903 XML (root ``EXPSSDA903``)."""
    return path.suffix.lower() == ".xml" and xml_root(path) == "EXPSSDA903"


def is_cin_xml(path: Path) -> bool:
    """Whether ``path`` is CIN census XML (root ``Message``, collection ``CIN``)."""
    return (
        path.suffix.lower() == ".xml"
        and xml_root(path) == "Message"
        and bool(_COLLECTION.search(_xml_head(path)))
    )


def cin_year(path: Path) -> int | None:
    """The census year the CIN file's header states, if it states one."""
    found = _YEAR.search(_xml_head(path))
    return int(found.group(1)) if found else None


def find_903(candidate: Path) -> Path | None:
    """What to read as a 903 return at ``candidate``: itself (a 903 CSV or XML file), the XML
    file in it, or the folder when a CSV in it is a 903 table."""
    if candidate.is_file():
        return candidate if is_903_xml(candidate) or is_903_csv(candidate) else None
    files = sorted(p for p in candidate.iterdir() if p.is_file())
    xml = [p for p in files if is_903_xml(p)]
    if len(xml) == 1:
        return xml[0]
    csvs = [p for p in files if p.suffix.lower() == ".csv"]
    return candidate if any(is_903_csv(p) for p in csvs) else None


def find_cin(candidate: Path) -> Path | None:
    """The CIN census file at ``candidate`` (the file itself, or the one CIN XML file in it)."""
    if candidate.is_file():
        return candidate if is_cin_xml(candidate) else None
    found = [p for p in sorted(candidate.iterdir()) if p.is_file() and is_cin_xml(p)]
    return found[0] if len(found) == 1 else None


def read_903(path: Path, year: int | None) -> ReadReturn:
    """The SSD frames of the 903 return at ``path``; ``ReturnLoadError`` saying why not."""
    if year is None:
        raise ReturnLoadError(
            "The collection year is missing: an SSDA903 return does not say which year it is. "
            "Give it (the upload's Collection year, or oversight import --year) and load again."
        )
    try:
        loaded = load_ssda903(read_ssda903(path, year=year))
    except ReturnProblemsError as error:
        raise _located(error, f"the {year} SSDA903 return") from None
    except ReturnError as error:
        raise ReturnLoadError(str(error)) from None
    return ReadReturn(loaded.frames, year, notes=loaded.notes)


def read_census(path: Path, year: int | None) -> ReadReturn:
    """The SSD frames of the CIN census at ``path``, read as the year its header states.

    A year given by the person loading it must agree with the header's, when both are given.
    """
    stated = cin_year(path)
    if stated is not None and year is not None and stated != year:
        raise ReturnLoadError(
            f"The CIN census says it is the {stated} census, but {year} was given as the "
            "collection year. Check the file, or leave the year empty."
        )
    chosen = stated or year
    if chosen is None:
        raise ReturnLoadError(
            "The collection year is missing: the CIN census's header has no Year. Give it "
            "(the upload's Collection year, or oversight import --year) and load again."
        )
    try:
        census = read_cin(path, year=chosen)
    except ReturnProblemsError as error:
        raise _located(error, f"the {chosen} CIN census") from None
    except ReturnError as error:
        raise ReturnLoadError(str(error)) from None
    return ReadReturn(load_cin(census), chosen, lea=census.lea)


def _located(error: ReturnProblemsError, what: str) -> ReturnLoadError:
    count = error.problem_count
    return ReturnLoadError(
        f"{count} problem{'' if count == 1 else 's'} found in {what}: nothing was loaded. "
        "Correct them and load again.",
        list(error.problems),
        count,
    )


PROBLEM_COLUMNS = pl.Schema(
    {"kind": pl.String, "file": pl.String, "line": pl.Int64, "row": pl.Int64,
     "column": pl.String, "element": pl.String, "child": pl.String, "value": pl.String,
     "expected": pl.String}
)  # fmt: skip
"""The load report's columns (``LoadProblem``), for SSD and return problems alike."""


def problems_frame(problems: list[Problem]) -> pl.DataFrame:
    """The returns module's problems as rows of the load report (``LoadProblem``)."""
    return pl.DataFrame(
        [
            {"kind": str(p.kind), "file": p.file, "line": p.line, "row": p.row,
             "column": p.field, "element": p.element, "child": p.child, "value": p.value,
             "expected": p.expected}
            for p in problems
        ],
        schema=PROBLEM_COLUMNS,
    )  # fmt: skip


def find_annex_a(candidate: Path) -> Path | None:
    """The Annex A workbook at ``candidate`` (the ``.xlsx`` itself, or the one in the folder)."""
    if candidate.is_file():
        return candidate if candidate.suffix.lower() == ".xlsx" else None
    found = [p for p in sorted(candidate.iterdir()) if p.is_file() and p.suffix.lower() == ".xlsx"]
    return found[0] if len(found) == 1 else None


def read_annex(path: Path) -> dict[str, pl.DataFrame]:
    """The SSD frames of the Annex A workbook at ``path``; ``ReturnLoadError`` saying why not.

    Annex A states no collection year: its lists look back from an inspection date, which is the
    load's as-of date (given, or the latest date in the lists).
    """
    try:
        return load_annex_a(read_annex_a(path)).frames
    except ReturnProblemsError as error:
        raise _located(error, "the Annex A workbook") from None
    except ReturnError as error:
        raise ReturnLoadError(str(error)) from None
