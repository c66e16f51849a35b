"""Write SSD frames as a folder of files, one per table, named and laid out as the SSD names them.

CSV files are UTF-8 with a header row, ISO 8601 dates and empty fields for nulls, so that
``read_ssd`` gives back exactly the frames written. Text is written as it is: SSD files are an
interchange format read by programs, and altering values (as spreadsheet exports do against
formula injection) would corrupt them for other SSD tools (docs/decisions/0003).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import polars as pl

from oversight.core.ssd._errors import SsdSchemaError
from oversight.core.ssd._problems import Problem, ProblemKind
from oversight.core.ssd.tables import TABLES

FileFormat = Literal["csv", "parquet"]


def write_ssd(
    frames: Mapping[str, pl.DataFrame], folder: Path | str, *, file_format: FileFormat = "csv"
) -> list[Path]:
    """Write each frame to ``folder/<table>.<csv|parquet>`` and return the paths written.

    Every frame must have exactly its table's declared columns and dtypes (all-null columns of
    dtype ``Null`` are accepted); otherwise ``SsdSchemaError`` is raised and nothing is written.
    Each file is written beside its final name and then moved into place, and a file of the same
    table in the other format is removed, so the folder never holds two versions of a table.
    """
    conformed = {name: _conform(name, frame) for name, frame in frames.items()}
    problems = [problem for _, found in conformed.values() for problem in found]
    if problems:
        raise SsdSchemaError(
            f"{len(problems)} problems with the frames to write", problems, len(problems)
        )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (frame, _) in conformed.items():
        path = folder / f"{name}.{file_format}"
        partial = folder / f".{path.name}.partial"
        if file_format == "csv":
            frame.write_csv(partial, date_format="%Y-%m-%d", null_value="")
        else:
            frame.write_parquet(partial)
        partial.replace(path)
        other = path.with_suffix(".parquet" if file_format == "csv" else ".csv")
        other.unlink(missing_ok=True)
        written.append(path)
    return written


def _conform(name: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """``frame`` in declared column order, or the problems that stop it from being written."""
    file = f"{name}.csv"
    table = TABLES.get(name)
    if table is None:
        expected = "a declared SSD table name, such as ssd_person"
        return frame, [Problem(ProblemKind.UNREADABLE_FILE, file, None, None, None, name, expected)]
    problems = [
        Problem(ProblemKind.MISSING_COLUMN, file, None, None, column, None, "this column")
        for column in table.column_names
        if column not in frame.columns
    ]
    problems += [
        Problem(
            ProblemKind.EXTRA_COLUMN, file, None, None, column, None, f"only the columns of {name}"
        )
        for column in frame.columns
        if column not in table.column_names
    ]
    for column in table.columns:
        dtype = frame.schema.get(column.name)
        if dtype is not None and dtype != column.dtype and dtype != pl.Null:
            problems.append(
                Problem(
                    ProblemKind.BAD_VALUE,
                    file,
                    None,
                    None,
                    column.name,
                    str(dtype),
                    f"a column of dtype {column.dtype}",
                )
            )
    if problems:
        return frame, problems
    return frame.select(pl.col(c.name).cast(c.dtype) for c in table.columns), []
