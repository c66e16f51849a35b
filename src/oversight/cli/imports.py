"""``oversight import PATH [--year YYYY]``: load an SSD extract or a statutory return (SSDA903,
CIN census) into a snapshot, now, in this process.

The same service as the upload page (``oversight.web.imports.services``), run synchronously.
Exit status: 0 loaded, 1 the input was read but has problems (nothing was loaded), 2 the input
cannot be read or the command is misused.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

DEV_SETTINGS = "oversight.web.settings.dev"


def import_(
    path: Annotated[
        Path,
        typer.Argument(
            help="A folder or zip of SSD tables (CSV or Parquet), of SSDA903 CSV files, or an "
            "SSDA903 or CIN census XML file."
        ),
    ],
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="The date the data describe (default: council.json's extract date, else the "
            "latest contact or referral).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="A statutory return's collection year, named by the year it ends (2026 is "
            "April 2025 to March 2026). An SSDA903 return needs it; a CIN census states it.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Load an SSD extract or a statutory return into a new snapshot (all or nothing)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)
    import django

    django.setup()
    from django.core.management import call_command

    from oversight.web.imports.models import SnapshotStatus
    from oversight.web.imports.services import LoadRequest, load_now

    err = Console(stderr=True, soft_wrap=True)
    if not path.exists():
        err.print(f"{path}: no such file or folder", highlight=False, markup=False)
        raise typer.Exit(2)
    call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    with Console(stderr=True).status(f"Loading {path.name}…"):
        snapshot = load_now(
            LoadRequest(
                path=path,
                source_name=path.name,
                as_of=as_of.date() if as_of else None,
                year=year,
            )
        )
    seconds = time.monotonic() - started
    if snapshot.status == SnapshotStatus.COMPLETE:
        kind = snapshot.get_source_kind_display()
        if snapshot.collection_year:
            kind += f" {snapshot.collection_year - 1}–{snapshot.collection_year % 100:02d}"
        Console(highlight=False).print(
            f"Loaded {kind} of {snapshot.council_name or 'the council'} as of {snapshot.as_of} "
            f"into snapshot {snapshot.pk} in {seconds:.1f} s."
        )
        return
    err.print(f"Nothing was loaded: {snapshot.message}", highlight=False, markup=False)
    for problem in snapshot.problems.all()[:20]:
        parts = (problem.file, problem.element, problem.line, problem.child, problem.column)
        where = ", ".join(str(p) for p in parts if p)
        found = f"found {problem.value!r}; " if problem.value else ""
        err.print(f"  {where}: {found}expected {problem.expected}", highlight=False, markup=False)
    raise typer.Exit(1 if snapshot.problem_count else 2)
