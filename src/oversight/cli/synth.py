"""``oversight synth``: write synthetic councils as SSD folders (never real children's data)."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from oversight.core.ssd import FileFormat
from oversight.core.synth import (
    CouncilSummary,
    Practice,
    ProfileName,
    SynthRequest,
    council_specs,
    default_end,
    synthesise,
)

SUMMARY_TABLES = (
    ("ssd_person", "People"),
    ("ssd_cin_episodes", "Referrals"),
    ("ssd_cp_plans", "CP plans"),
    ("ssd_cla_episodes", "CLA episodes"),
    ("ssd_professionals", "Professionals"),
)


def synth(
    out: Annotated[
        Path, typer.Option(help="Folder to write (one sub-folder per council when several).")
    ],
    councils: Annotated[int, typer.Option(min=1, help="How many councils.")] = 1,
    children_in_need: Annotated[
        int, typer.Option(min=50, help="Each council's children in need at 31 March, roughly.")
    ] = 3000,
    end: Annotated[
        str | None,
        typer.Option(help="Last day simulated (default: 31 March of the latest complete year)."),
    ] = None,
    years: Annotated[int, typer.Option(min=1, max=20, help="Years of history reported.")] = 6,
    profile: Annotated[
        ProfileName, typer.Option(help="How well the council practises.")
    ] = ProfileName.TYPICAL,
    improve_from: Annotated[
        str | None, typer.Option(help="For an improving council: the day improvement starts.")
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same arguments give the same output.")
    ] = 1,
    file_format: Annotated[FileFormat, typer.Option("--format", help="csv or parquet.")] = "csv",
    inject_errors: Annotated[
        float,
        typer.Option(min=0.0, max=0.5, help="Share of rows given a realistic recording mistake."),
    ] = 0.0,
    workers: Annotated[int, typer.Option(min=1, help="Processes to use for several councils.")] = 1,
) -> None:
    """Simulate children's journeys in fictional councils and write them as SSD tables."""
    errors = Console(stderr=True, soft_wrap=True)
    try:
        end_day = date.fromisoformat(end) if end else default_end()
        start = date.fromisoformat(improve_from) if improve_from else None
        if profile == ProfileName.IMPROVING and start is None:
            start = date(end_day.year - 2, 4, 1)
        practice = Practice(profile, start if profile == ProfileName.IMPROVING else None)
    except ValueError as error:
        errors.print(f"[bold red]Invalid option:[/] {error}", highlight=False)
        raise typer.Exit(2) from None
    request = SynthRequest(
        out=out,
        councils=councils,
        children_in_need=children_in_need,
        end=end_day,
        years=years,
        practice=practice,
        seed=seed,
        file_format=file_format,
        inject_errors=inject_errors,
        workers=workers,
    )
    console = Console()
    total = len(council_specs(request))
    with Progress(
        TextColumn("Simulating councils"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=total < 2,
    ) as progress:
        task = progress.add_task("councils", total=total)
        summaries = synthesise(request, progress=lambda _: progress.advance(task))
    console.print(_summary(summaries, request))


def _summary(summaries: list[CouncilSummary], request: SynthRequest) -> Table:
    profile = request.practice.name.value
    if request.practice.improve_from:
        profile += f" from {request.practice.improve_from.isoformat()}"
    table = Table(
        title=f"Synthetic councils ({profile}, to {request.end}) — not real children",
        title_justify="left",
    )
    table.add_column("Code")
    table.add_column("Council")
    for _, heading in SUMMARY_TABLES:
        table.add_column(heading, justify="right")
    table.add_column("Folder")
    shown = summaries if len(summaries) <= 20 else [*summaries[:10], *summaries[-5:]]
    for summary in shown:
        table.add_row(
            summary.code,
            summary.name,
            *(f"{summary.rows.get(name, 0):,}" for name, _ in SUMMARY_TABLES),
            str(summary.folder),
        )
    if len(summaries) > len(shown):
        table.caption = f"{len(summaries)} councils in all; first 10 and last 5 shown."
    return table
