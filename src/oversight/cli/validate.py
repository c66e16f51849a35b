"""``oversight validate KIND PATH``: check data and report every problem found.

Exit status: 0 clean, 1 problems found, 2 the input cannot be read at all.
"""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from oversight.core.ssd import DEFAULT_MAX_PROBLEMS, SsdReport, SsdUnreadableError, check_ssd

validate_app = typer.Typer(help="Check data and report every problem found.", no_args_is_help=True)


@validate_app.command("ssd")
def validate_ssd(
    folder: Annotated[Path, typer.Argument(help="A folder of SSD tables (CSV or Parquet).")],
    max_problems: Annotated[
        int, typer.Option(min=1, help="Report at most this many problems (all are counted).")
    ] = DEFAULT_MAX_PROBLEMS,
) -> None:
    """Check a folder of Standard Safeguarding Dataset tables: columns, types, keys, references."""
    try:
        report = check_ssd(folder, max_problems=max_problems)
    except SsdUnreadableError as error:
        Console(stderr=True, soft_wrap=True).print(
            f"[bold red]Cannot read:[/] {error}", highlight=False
        )
        raise typer.Exit(2) from None
    console = Console()
    console.print(_tables_summary(report))
    if report.problems:
        console.print(_problems_table(report))
    if report.absent:
        console.print(
            f"{len(report.absent)} declared tables have no file (absent, not checked): "
            + ", ".join(report.absent),
            highlight=False,
        )
    if report.ignored:
        console.print(
            f"Ignored files (not SSD tables): {', '.join(report.ignored)}", highlight=False
        )
    if report.is_clean:
        console.print(f"[green]No problems found[/] in {len(report.frames)} tables.")
        return
    shown = len(report.problems)
    more = "" if shown == report.problem_count else f" (showing the first {shown})"
    console.print(f"[bold red]{report.problem_count} problems found[/]{more}.", highlight=False)
    raise typer.Exit(1)


def _tables_summary(report: SsdReport) -> Table:
    counts: dict[str, int] = {}
    for problem in report.problems:
        counts[problem.file] = counts.get(problem.file, 0) + 1
    summary = Table(title=f"SSD tables in {report.folder}", title_justify="left")
    summary.add_column("Table")
    summary.add_column("File")
    summary.add_column("Rows", justify="right")
    summary.add_column("Problems shown", justify="right")
    for name, file in report.files.items():
        frame = report.frames.get(name)
        rows = "unreadable" if frame is None else f"{frame.height:,}"
        summary.add_row(name, file, rows, str(counts.get(file, 0)))
    return summary


def _problems_table(report: SsdReport) -> Table:
    problems = Table(title="Problems", title_justify="left")
    for heading in ("File", "Line", "Column", "Value", "Expected"):
        problems.add_column(heading, overflow="fold")
    for problem in report.problems:
        line = (
            str(problem.line)
            if problem.line is not None
            else ("" if problem.row is None else f"row {problem.row + 1}")
        )
        problems.add_row(
            problem.file, line, problem.column or "", problem.value or "", problem.expected
        )
    return problems
