"""Read a folder of SSD tables, checking everything and collecting every problem (up to a cap).

::

    folder ─► one file per table (ssd_<table>.csv or .parquet)
               │  CSV: text columns (_csv)      Parquet: columns as stored
               ▼
             header: missing / extra columns
             required fields empty            (on values as found)
             conversion to declared dtypes    (_convert)
             duplicate primary keys           (_checks)
               ▼
             foreign keys across the tables present (_checks)
               ▼
             SsdReport: typed frames + problems

A table without a file is *absent*, not empty: its data stays absent, and references into it are
not checked. Files that are not declared tables are listed as ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from oversight.core.ssd._checks import dangling_references, duplicate_keys, missing_values
from oversight.core.ssd._convert import to_declared_types
from oversight.core.ssd._csv import read_csv_text
from oversight.core.ssd._errors import SsdReadError, SsdUnreadableError
from oversight.core.ssd._model import Table
from oversight.core.ssd._problems import (
    PROBLEM_SCHEMA,
    Problem,
    ProblemKind,
    concat_problems,
    file_problem,
    to_problems,
)
from oversight.core.ssd.tables import TABLES

DEFAULT_MAX_PROBLEMS = 1000
"""How many problems a report keeps by default; the total found is always counted."""

SUFFIXES = (".csv", ".parquet")
"""The file formats of a table, by suffix."""


@dataclass(frozen=True)
class SsdReport:
    """What reading a folder found: the typed frames, the problems and what was not read."""

    folder: Path
    """The folder read."""
    frames: dict[str, pl.DataFrame]
    """Each table present, in its declared columns and dtypes, by table name."""
    files: dict[str, str]
    """The file each table was read from, by table name."""
    problems: list[Problem]
    """Problems found, in file and line order, at most the cap."""
    problem_count: int
    """How many problems were found in all."""
    absent: tuple[str, ...]
    """Declared tables with no file in the folder."""
    ignored: tuple[str, ...]
    """Files in the folder that are not declared tables (ignored)."""

    @property
    def is_clean(self) -> bool:
        """Whether no problem was found."""
        return self.problem_count == 0


def check_ssd(folder: Path | str, *, max_problems: int = DEFAULT_MAX_PROBLEMS) -> SsdReport:
    """Read and check every SSD table in ``folder``, collecting problems instead of raising.

    Raises ``SsdUnreadableError`` when the folder does not exist, is not a folder or holds no
    declared table, since then there is nothing to report on.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise SsdUnreadableError(f"{folder}: no such folder")
    files, problems, ignored = _discover(folder)
    if not files and problems.is_empty():
        raise SsdUnreadableError(
            f"{folder}: no SSD table files (expected files such as ssd_person.csv or "
            "ssd_person.parquet)"
        )
    found_problems = [problems]
    frames: dict[str, pl.DataFrame] = {}
    for name, path in files.items():
        frame, table_problems = _read_table(path, TABLES[name])
        found_problems.append(table_problems)
        if frame is not None:
            frames[name] = frame
    file_names = {name: path.name for name, path in files.items()}
    found_problems.append(dangling_references(frames, file_names))
    every = pl.concat(found_problems).sort(["file", "line", "row"], nulls_last=False)
    return SsdReport(
        folder=folder,
        frames={name: frame.drop("_row", "_line") for name, frame in frames.items()},
        files=file_names,
        problems=to_problems(every.head(max_problems)),
        problem_count=every.height,
        absent=tuple(name for name in TABLES if name not in files),
        ignored=tuple(ignored),
    )


def read_ssd(
    folder: Path | str, *, max_problems: int = DEFAULT_MAX_PROBLEMS
) -> dict[str, pl.DataFrame]:
    r"""The typed frames of every SSD table in ``folder``, by table name.

    Raises ``SsdReadError`` listing the problems when any is found, and ``SsdUnreadableError``
    when the folder cannot be read at all.

    Examples
    --------
    >>> import tempfile
    >>> from oversight.core.ssd import write_ssd
    >>> folder = Path(tempfile.mkdtemp())
    >>> teams = pl.DataFrame({"dept_team_id": ["T1", "T2"], "dept_team_parent_id": ["T2", None]})
    >>> _ = write_ssd({"ssd_department": TABLES["ssd_department"].complete(teams)}, folder)
    >>> read_ssd(folder)["ssd_department"].height
    2
    >>> _ = (folder / "ssd_department.csv").write_text("dept_team_id,dept_team_name\nT1,North\n")
    >>> read_ssd(folder)
    Traceback (most recent call last):
    ...
    oversight.core.ssd._errors.SsdReadError: ...: 2 problems found
      ssd_department.csv, line 1, dept_team_parent_id: expected this column in the header
      ssd_department.csv, line 1, dept_team_parent_name: expected this column in the header
    """
    report = check_ssd(folder, max_problems=max_problems)
    if not report.is_clean:
        raise SsdReadError(
            f"{report.folder}: {report.problem_count} problems found",
            report.problems,
            report.problem_count,
        )
    return report.frames


def _discover(folder: Path) -> tuple[dict[str, Path], pl.DataFrame, list[str]]:
    """The file of each declared table present, problems with ambiguity, and ignored files."""
    files: dict[str, Path] = {}
    problems: list[pl.DataFrame] = []
    ignored: list[str] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        name, suffix = path.stem, path.suffix.lower()
        if name not in TABLES or suffix not in SUFFIXES:
            ignored.append(path.name)
            continue
        if name in files:
            problems.append(
                file_problem(
                    ProblemKind.AMBIGUOUS_FILE,
                    path.name,
                    f"one file for {name}, but {files[name].name} is present too",
                )
            )
            continue
        files[name] = path
    found = concat_problems(problems)
    return files, found, ignored


def _read_table(path: Path, table: Table) -> tuple[pl.DataFrame | None, pl.DataFrame]:
    """One table's typed frame (``None`` if unreadable) and its problems."""
    file = path.name
    if path.suffix.lower() == ".csv":
        text = read_csv_text(path)
        header, found, problems = text.header, text.frame, [text.problems]
    else:
        found, problems = _read_parquet(path)
        header = [] if found is None else [c for c in found.columns if c not in ("_row", "_line")]
    if found is None:
        return None, pl.concat(problems)
    problems.append(_header_problems(header, table, file))
    problems.append(missing_values(found, table, file))
    typed, conversion_problems = to_declared_types(found, table, file)
    problems.append(conversion_problems)
    problems.append(duplicate_keys(typed, table, file))
    return typed, pl.concat(problems)


def _read_parquet(path: Path) -> tuple[pl.DataFrame | None, list[pl.DataFrame]]:
    try:
        frame = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        problem = file_problem(
            ProblemKind.UNREADABLE_FILE, path.name, f"a readable Parquet file ({first_line})"
        )
        return None, [problem]
    frame = frame.select(c for c in frame.columns if c not in ("_row", "_line")).with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
        pl.lit(None, dtype=pl.Int64).alias("_line"),
    )
    return frame, [pl.DataFrame(schema=PROBLEM_SCHEMA)]


def _header_problems(header: list[str], table: Table, file: str) -> pl.DataFrame:
    """Declared columns missing from the header, and columns it has that are not declared."""
    line = 1 if file.endswith(".csv") else None
    declared = set(table.column_names)
    problems = [
        file_problem(
            ProblemKind.MISSING_COLUMN,
            file,
            "this column in the header",
            line=line,
            column=column,
        )
        for column in table.column_names
        if column not in header
    ]
    seen: set[str] = set()
    for column in header:
        if column in seen:
            expected = "each column once in the header"
        elif column not in declared:
            expected = f"only the columns of {table.name}"
        else:
            seen.add(column)
            continue
        seen.add(column)
        problems.append(
            file_problem(
                ProblemKind.EXTRA_COLUMN, file, expected, line=line, column=column, value=column
            )
        )
    return concat_problems(problems)
