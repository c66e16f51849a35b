"""``oversight export KIND`` and ``oversight convert KIND``: statutory returns to and from the SSD.

::

    oversight export ssda903 --ssd DIR --year YYYY --out PATH [--format csv|xml]
    oversight convert ssda903 INPUT [--previous INPUT] --year YYYY --out DIR
    oversight export cin --ssd DIR --year YYYY --out FILE.xml
    oversight convert cin INPUT.xml --year YYYY --out DIR
    oversight export annex-a --ssd DIR --as-of DATE --out FILE.xlsx
    oversight convert annex-a INPUT.xlsx --out DIR

Each verb is a Typer app with one command per kind of return; CIN and Annex A are added as
further commands on the same two apps. Exit status: 0 written; 1 the input was read but has
problems (each listed on standard error, nothing written); 2 the input cannot be read at all, or
the command was misused. Notes on what a return or the SSD cannot carry go to standard error;
the summary of what was written goes to standard output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from oversight.core.returns import (
    DEFAULT_MAX_PROBLEMS,
    ReturnError,
    ReturnProblemsError,
    ReturnUnreadableError,
    UnsupportedYearError,
)
from oversight.core.returns.annex_a import (
    export_annex_a,
    load_annex_a,
    read_annex_a,
    write_annex_a,
)
from oversight.core.returns.cin import (
    FIRST_YEAR as CIN_FIRST_YEAR,
)
from oversight.core.returns.cin import (
    LAST_YEAR as CIN_LAST_YEAR,
)
from oversight.core.returns.cin import (
    export_cin,
    load_cin,
    read_cin,
    write_cin,
)
from oversight.core.returns.ssda903 import (
    export_ssda903,
    load_ssda903,
    read_ssda903,
    write_ssda903_csv,
    write_ssda903_xml,
)
from oversight.core.returns.ssda903.schema import FIRST_YEAR, LAST_YEAR
from oversight.core.ssd import (
    TABLES,
    SsdProblemsError,
    SsdUnreadableError,
    read_ssd,
    write_ssd,
)

export_app = typer.Typer(
    help="Write a statutory return from a folder of SSD tables.", no_args_is_help=True
)
convert_app = typer.Typer(
    help="Convert a statutory return into a folder of SSD tables.", no_args_is_help=True
)


class OutputFormat(StrEnum):
    """The file format of an exported return."""

    CSV = "csv"
    """A folder of CSV files, one per table."""
    XML = "xml"
    """One XML file in the DfE's layout."""


Year903 = Annotated[
    int,
    typer.Option(
        min=FIRST_YEAR,
        max=LAST_YEAR,
        help="Collection year, named by the year it ends: 2025 is 1 April 2024 to 31 March 2025.",
    ),
]
MaxProblems = Annotated[
    int, typer.Option(min=1, help="Report at most this many problems (all are counted).")
]


@export_app.command("ssda903")
def export_ssda903_command(
    ssd: Annotated[Path, typer.Option(help="A folder of SSD tables (CSV or Parquet).")],
    year: Year903,
    out: Annotated[
        Path, typer.Option(help="The folder to write CSV files to, or the XML file to write.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="CSV files or the DfE's XML.")
    ] = OutputFormat.CSV,
    max_problems: MaxProblems = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Write the SSDA903 return (children looked after) of a collection year."""
    with _reported():
        frames = read_ssd(ssd, max_problems=max_problems)
        exported = export_ssda903(frames, year=year, max_problems=max_problems)
        if output_format is OutputFormat.XML:
            path = out / f"ssda903_{year}.xml" if out.is_dir() else out
            left_out = write_ssda903_xml(exported.ret, path)
            notes = [*exported.notes, *(f"{name}: not written: XML has no place for it"
                                        for name in left_out)]  # fmt: skip
            written = [path]
        else:
            written = write_ssda903_csv(exported.ret, out)
            notes = list(exported.notes)
    _notes(notes)
    rows = sum(frame.height for frame in exported.ret.tables.values())
    Console(highlight=False).print(
        f"Wrote the {year - 1}–{year % 100:02d} SSDA903 return ({rows:,} rows in "
        f"{len(exported.ret.tables)} tables) to {_names(written)}."
    )


@convert_app.command("ssda903")
def convert_ssda903_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="A folder or zip of 903 CSV files, one CSV file, or 903 XML."
        ),
    ],
    year: Year903,
    out: Annotated[Path, typer.Option(help="The folder to write SSD tables to.")],
    previous: Annotated[
        Path | None,
        typer.Option(help="Last year's return, read with last year's specification."),
    ] = None,
    max_problems: MaxProblems = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Convert an SSDA903 return (children looked after) into SSD tables."""
    with _reported():
        if previous is not None and year - 1 < FIRST_YEAR:
            raise UnsupportedYearError(
                f"--previous needs the {year - 2}–{(year - 1) % 100:02d} specification, "
                f"and the first supported year is {FIRST_YEAR}"
            )
        current = read_ssda903(source, year=year, max_problems=max_problems)
        earlier = None
        if previous is not None:
            earlier = read_ssda903(previous, year=year - 1, max_problems=max_problems)
        loaded = load_ssda903(current, previous=earlier, max_problems=max_problems)
        written = write_ssd(loaded.frames, out)
    _notes([*loaded.notes, *_left_as_they_were(out, written)])
    rows = sum(frame.height for frame in loaded.frames.values())
    Console(highlight=False).print(f"Wrote {rows:,} rows in {len(written)} SSD tables to {out}.")


YearCin = Annotated[
    int,
    typer.Option(
        min=CIN_FIRST_YEAR,
        max=CIN_LAST_YEAR,
        help="Census year, named by the year it ends: 2025 is 1 April 2024 to 31 March 2025.",
    ),
]


@export_app.command("cin")
def export_cin_command(
    ssd: Annotated[Path, typer.Option(help="A folder of SSD tables (CSV or Parquet).")],
    year: YearCin,
    out: Annotated[Path, typer.Option(help="The XML file to write.")],
    lea: Annotated[str, typer.Option(help="The local authority's three-digit code.")] = "000",
    synthetic: Annotated[
        bool, typer.Option(help="Mark the file as synthetic data in its header.")
    ] = False,
    max_problems: MaxProblems = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Write the children in need census of a year, valid against that year's DfE schema."""
    with _reported():
        frames = read_ssd(ssd, max_problems=max_problems)
        census = export_cin(frames, year=year, lea=lea, max_problems=max_problems)
        path = write_cin(census, out / f"cin_{year}.xml" if out.is_dir() else out,
                         synthetic=synthetic)  # fmt: skip
    Console(highlight=False).print(
        f"Wrote the {year - 1}–{year % 100:02d} CIN census ({census['children'].height:,} "
        f"children, {census['cin_details'].height:,} episodes) to {path}."
    )


@convert_app.command("cin")
def convert_cin_command(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="A CIN census XML file.")],
    year: YearCin,
    out: Annotated[Path, typer.Option(help="The folder to write SSD tables to.")],
    max_problems: MaxProblems = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Convert a children in need census into SSD tables."""
    with _reported():
        census = read_cin(source, year=year, max_problems=max_problems)
        loaded = load_cin(census)
        written = write_ssd(loaded, out)
    _notes([
        "UPN, FormerUPN, AssessmentInternalReviewDate and NumberOfPreviousCPP are not "
        "carried: the SSD has no field for them",
        *_left_as_they_were(out, written),
    ])  # fmt: skip
    rows = sum(frame.height for frame in loaded.values())
    Console(highlight=False).print(f"Wrote {rows:,} rows in {len(written)} SSD tables to {out}.")


@export_app.command("annex-a")
def export_annex_a_command(
    ssd: Annotated[Path, typer.Option(help="A folder of SSD tables (CSV or Parquet).")],
    as_of: Annotated[
        datetime,
        typer.Option(formats=["%Y-%m-%d"], help="The inspection date (YYYY-MM-DD)."),
    ],
    out: Annotated[Path, typer.Option(help="The xlsx file to write.")],
    max_problems: MaxProblems = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Write Ofsted's Annex A lists for an inspection date, each with its look-back window."""
    inspection: date = as_of.date()
    with _reported():
        frames = read_ssd(ssd, max_problems=max_problems)
        exported = export_annex_a(frames, as_of=inspection)
        path = out / f"annex_a_{inspection.isoformat()}.xlsx" if out.is_dir() else out
        write_annex_a(exported.annex, path)
    _notes(exported.notes)
    rows = sum(frame.height for frame in exported.annex.lists.values())
    Console(highlight=False).print(
        f"Wrote Annex A for an inspection on {inspection.isoformat()} ({rows:,} rows in "
        f"{len(exported.annex.lists)} filled lists) to {path}."
    )


@convert_app.command("annex-a")
def convert_annex_a_command(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="An Annex A workbook (xlsx).")],
    out: Annotated[Path, typer.Option(help="The folder to write SSD tables to.")],
    max_problems: MaxProblems = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Convert an Annex A workbook (Ofsted lists 1–11) into SSD tables."""
    with _reported():
        annex = read_annex_a(source, max_problems=max_problems)
        loaded = load_annex_a(annex)
        written = write_ssd(loaded.frames, out)
    _notes([*loaded.notes, *_left_as_they_were(out, written)])
    rows = sum(frame.height for frame in loaded.frames.values())
    Console(highlight=False).print(f"Wrote {rows:,} rows in {len(written)} SSD tables to {out}.")


@contextmanager
def _reported() -> Iterator[None]:
    """Turn the errors of reading, converting and writing into a report and an exit status."""
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        yield
    except (ReturnProblemsError, SsdProblemsError) as error:
        unreadable = isinstance(error, ReturnUnreadableError)
        heading = "Cannot read" if unreadable else "Problems found"
        errors.print(f"[bold red]{heading}:[/] {str(error).splitlines()[0]}")
        for problem in error.problems:
            errors.print(f"  {problem}", markup=False)
        shown = len(error.problems)
        more = "" if shown == error.problem_count else f" (showing the first {shown})"
        errors.print(f"{error.problem_count} problems{more}; nothing was written.")
        raise typer.Exit(2 if unreadable else 1) from None
    except (SsdUnreadableError, UnsupportedYearError) as error:
        errors.print(f"[bold red]Cannot read:[/] {error}")
        raise typer.Exit(2) from None
    except ReturnError as error:
        errors.print(f"[bold red]Error:[/] {error}")
        raise typer.Exit(2) from None
    except OSError as error:
        errors.print(f"[bold red]Cannot write:[/] {error}")
        raise typer.Exit(2) from None


def _notes(notes: Sequence[str]) -> None:
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    for note in notes:
        errors.print(f"[yellow]Note:[/] {note}")


def _left_as_they_were(folder: Path, written: Sequence[Path]) -> list[str]:
    """A note naming SSD tables already in ``folder`` that this conversion did not write."""
    tables = {path.stem for path in written}
    stale = sorted(
        path.name
        for path in folder.iterdir()
        if path.suffix in (".csv", ".parquet") and path.stem in TABLES and path.stem not in tables
    )
    if not stale:
        return []
    return [f"{folder}: left as they were (not from this return): {', '.join(stale)}"]


def _names(paths: Sequence[Path]) -> str:
    if len(paths) == 1:
        return str(paths[0])
    return f"{paths[0].parent} ({', '.join(path.name for path in paths)})"
