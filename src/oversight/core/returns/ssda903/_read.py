"""Read an SSDA903 return: a folder or zip of CSV files, one CSV file, or the DfE's XML.

::

    path ─► folder / .zip (size limits) / .csv ─► CSV text (_csv_text) ─┐
         └► .xml ─────────────────────────────► XML layout (_xml_read) ─┤
                                                                         ▼
                      each file recognised by its column set (not its name) as a table
                      of the collection year; missing and extra columns reported
                                                                         ▼
                      text → the year's dtypes and codes (_typed)
                                                                         ▼
                      Ssda903Return, or ReturnReadError / ReturnUnreadableError

Every problem is collected, not only the first, and each names its file, line (or XML element),
field, value and what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import polars as pl

from oversight.core.returns._archive import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    ArchiveRefusedError,
    read_zip,
)
from oversight.core.returns._csv_text import read_csv_bytes
from oversight.core.returns._errors import ReturnReadError, ReturnUnreadableError
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    concat_problems,
    one_problem,
    raise_if_any,
    to_problems,
)
from oversight.core.returns.ssda903._return import Ssda903Return
from oversight.core.returns.ssda903._typed import to_typed
from oversight.core.returns.ssda903._xml_layout import FROM_HEADER
from oversight.core.returns.ssda903._xml_read import read_xml_text
from oversight.core.returns.ssda903.schema import Schema, Table, collection_years, schema_for

COMMON_COLUMNS = frozenset({"CHILD", "SEX", "DOB"})
"""Columns many tables share, which say little about which table a file is."""


@dataclass(frozen=True)
class Found:
    """A table's text as found in one file: columns named as the file names them."""

    file: str
    """The file's display name, for problems."""
    header: list[str]
    """The column names the file has, in its order."""
    frame: pl.DataFrame
    """Text columns plus ``_row``, ``_line`` and ``_element``."""


def read_ssda903(
    path: Path | str,
    *,
    year: int,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> Ssda903Return:
    r"""Read the SSDA903 return of collection year ``year`` at ``path``.

    ``path`` is a folder of CSV files, a zip archive of them, one CSV file, or an XML file in the
    DfE's ``EXPSSDA903`` layout. CSV files are recognised by their column sets, not their names;
    files that are not CSV are ignored. Raises ``ReturnReadError`` listing every problem found,
    and ``ReturnUnreadableError`` when nothing at ``path`` can be read as a return.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "any name.csv").write_text("CHILD,SEX,DOB,DUC\nC1,2,04/03/2008,\n")
    >>> read_ssda903(folder, year=2024).tables["uasc"].row(0)
    ('C1', datetime.date(2008, 3, 4), '2', None)
    >>> try:
    ...     read_ssda903(folder, year=2025)
    ... except ReturnReadError as error:
    ...     print(error.problems[0])
    any name.csv, line 2, child C1, SEX: found '2'; expected one of the 2024–25 codes M, F, U
    """
    path = Path(path)
    schema = schema_for(year)
    if not path.exists():
        _unreadable(path, "an existing folder, zip archive, CSV or XML file")
    suffix = path.suffix.lower()
    if path.is_file() and suffix == ".xml":
        texts, problems = read_xml_text(path, schema)
        keyed = {key: Found(path.name, frame.columns[:-3], frame) for key, frame in texts.items()}
        return _typed_return(path, schema, keyed, problems, max_problems, repeated=FROM_HEADER)
    files, problems = _csv_files(path, limits)
    found_tables = []
    for name, data in files.items():
        text = read_csv_bytes(data, file=name)
        problems = concat_problems([problems, text.problems])
        if text.frame is not None:
            found_tables.append(Found(name, text.header, text.frame))
    keyed, recognition = _recognise(found_tables, schema)
    problems = concat_problems([problems, recognition])
    return _typed_return(path, schema, keyed, problems, max_problems)


def _typed_return(
    path: Path,
    schema: Schema,
    keyed: Mapping[str, Found],
    problems: pl.DataFrame,
    max_problems: int,
    *,
    repeated: Mapping[str, tuple[str, ...]] | None = None,
) -> Ssda903Return:
    if not keyed:
        if problems.is_empty():
            problems = one_problem(
                ProblemKind.UNRECOGNISED_FILE,
                path.name,
                f"at least one file holding an SSDA903 table of {schema.label}",
            )
        raise_if_any(
            ReturnUnreadableError,
            f"{path}: no SSDA903 table could be read",
            problems,
            max_problems=max_problems,
        )
    tables: dict[str, pl.DataFrame] = {}
    locations: dict[str, pl.DataFrame] = {}
    found_problems = [problems]
    for key, found in keyed.items():
        unchecked = (repeated or {}).get(key, ())
        typed, conversion = to_typed(
            found.frame, schema.table(key), schema, file=found.file, unchecked=unchecked
        )
        found_problems.append(conversion)
        tables[key] = typed.drop("_row", "_line", "_element")
        locations[key] = typed.select(
            pl.lit(found.file).alias("file"),
            pl.col("_line").alias("line"),
            pl.col("_element").alias("element"),
        )
    every = concat_problems(found_problems)
    every = every.sort(["file", "line", "element"], nulls_last=False, maintain_order=True)
    raise_if_any(
        ReturnReadError, f"{path}: {{count}} problems found", every, max_problems=max_problems
    )
    ordered = [key for key in schema.tables if key in tables]
    return Ssda903Return(
        year=schema.year,
        tables={key: tables[key] for key in ordered},
        locations={key: locations[key] for key in ordered},
    )


def _csv_files(path: Path, limits: ArchiveLimits) -> tuple[dict[str, bytes], pl.DataFrame]:
    """The CSV files at ``path`` by display name, and problems reading them."""
    if path.is_dir():
        files = {}
        for child in sorted(p for p in path.iterdir() if p.is_file()):
            if child.suffix.lower() == ".csv":
                files[child.name] = child.read_bytes()
        return files, concat_problems([])
    if path.suffix.lower() == ".csv":
        return {path.name: path.read_bytes()}, concat_problems([])
    if path.suffix.lower() == ".zip":
        try:
            members, _ = read_zip(path, suffixes=(".csv",), limits=limits)
        except ArchiveRefusedError as refused:
            kind = ProblemKind.UNSAFE_INPUT if refused.unsafe else ProblemKind.UNREADABLE_FILE
            file = path.name if refused.member is None else f"{path.name}:{refused.member}"
            _unreadable(path, refused.reason, kind=kind, file=file)
        return {f"{path.name}:{name}": data for name, data in members.items()}, concat_problems([])
    _unreadable(path, "a folder, zip archive, CSV file or XML file")


def _recognise(found: list[Found], schema: Schema) -> tuple[dict[str, Found], pl.DataFrame]:
    """Each file's table, by column set; problems for unrecognised, partial and repeated files."""
    keyed: dict[str, Found] = {}
    problems: list[pl.DataFrame] = []
    for table_text in found:
        columns = set(table_text.header)
        exact = [t for t in schema.tables.values() if set(t.column_names) == columns]
        other_year = None if exact else _of_another_year(table_text, schema)
        table = exact[0] if exact else None if other_year is not None else _closest(columns, schema)
        if table is None:
            problems.append(
                other_year if other_year is not None else _unrecognised(table_text, schema)
            )
            continue
        if table.key in keyed:
            problems.append(
                one_problem(
                    ProblemKind.DUPLICATE_TABLE,
                    table_text.file,
                    f"one file holding {table.name}, but {keyed[table.key].file} holds it too",
                    line=1,
                )
            )
            continue
        keyed[table.key] = table_text
        problems.append(_column_problems(table_text, table))
    return keyed, concat_problems(problems)


def _closest(columns: set[str], schema: Schema) -> Table | None:
    """The table sharing most columns with the file, if it shares at least half of its own
    distinctive columns (those besides the child's id, sex and date of birth)."""
    best, best_score = None, 0.0
    for table in schema.tables.values():
        names = set(table.column_names)
        distinctive = names - COMMON_COLUMNS
        if len(distinctive & columns) * 2 < len(distinctive):
            continue
        score = len(names & columns) / len(names | columns)
        if score > best_score:
            best, best_score = table, score
    return best


def _column_problems(found: Found, table: Table) -> pl.DataFrame:
    line = 1 if found.frame["_element"].is_null().all() else None
    problems = [
        one_problem(
            ProblemKind.MISSING_COLUMN,
            found.file,
            f"this column of {table.name}",
            line=line,
            field=column,
        )
        for column in table.column_names
        if column not in found.header
    ]
    seen: set[str] = set()
    for column in found.header:
        if column in seen or column not in table.column_names:
            expected = (
                "each column once"
                if column in seen
                else f"only the columns of {table.name}: " + ", ".join(table.column_names)
            )
            problems.append(
                one_problem(
                    ProblemKind.EXTRA_COLUMN,
                    found.file,
                    expected,
                    line=line,
                    field=column,
                    value=column,
                )
            )
        seen.add(column)
    return concat_problems(problems)


def _of_another_year(found: Found, schema: Schema) -> pl.DataFrame | None:
    """A problem when the file is a table the return has only in other years."""
    columns = set(found.header)
    for year in collection_years():
        for table in schema_for(year).tables.values():
            if set(table.column_names) == columns and table.key not in schema.tables:
                years = [y for y in collection_years() if table.key in schema_for(y).tables]
                return one_problem(
                    ProblemKind.UNRECOGNISED_FILE,
                    found.file,
                    f"a table of the {schema.label} return: these are the columns of "
                    f"{table.name}, part of the return from {schema_for(years[0]).label}",
                    line=1,
                )
    return None


def _unrecognised(found: Found, schema: Schema) -> pl.DataFrame:
    names = ", ".join(table.name for table in schema.tables.values())
    return one_problem(
        ProblemKind.UNRECOGNISED_FILE,
        found.file,
        f"the columns of an SSDA903 table of {schema.label} ({names})",
        line=1,
        value=", ".join(found.header)[:200],
    )


def _unreadable(
    path: Path,
    expected: str,
    *,
    kind: ProblemKind = ProblemKind.UNREADABLE_FILE,
    file: str | None = None,
) -> NoReturn:
    problem = one_problem(kind, file or path.name, expected)
    raise ReturnUnreadableError(f"{path}: cannot be read", to_problems(problem), 1)
