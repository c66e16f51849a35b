"""``oversight measures``: the national indicators for a period, and every child's flags on its last day.

Reads a folder of SSD tables and the council's ``council.json`` (the child population for rates
per 10,000; by default the one in the SSD folder), computes every indicator and flag with
``oversight.core.measures``, writes the indicators (JSON, CSV or xlsx) and, if asked, the per-child
flags (Parquet or CSV), and shows both as Rich tables.

Exit status: 0 computed, 1 the SSD folder was read but has problems, 2 the input cannot be read
or the command is misused. Messages go to standard error, never as a traceback.

Spreadsheet safety: in CSV and xlsx output every text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with ``'`` so that no spreadsheet runs it as a
formula; numbers and dates are written as numbers and dates. The xlsx writer never turns strings
into formulas, numbers or links.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import polars as pl
import typer
import xlsxwriter
from rich.console import Console
from rich.table import Table

from oversight.core.measures import (
    Measures,
    MeasuresError,
    Period,
    PeriodKind,
    compute_measures,
    population_from_council,
)
from oversight.core.measures.flags import FlagStatus
from oversight.core.ssd import SsdReadError, SsdUnreadableError, read_ssd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Text cells starting with one of these are neutralised in spreadsheet and CSV output."""


class OutputFormat(StrEnum):
    """The file format of the indicators."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def measures(
    ssd: Annotated[
        Path,
        typer.Option("--ssd", help="A folder of SSD tables (CSV or Parquet).", show_default=False),
    ],
    as_of: Annotated[
        datetime,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="The date measured on (YYYY-MM-DD).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Write the indicators here.", show_default=False)
    ],
    period: Annotated[
        PeriodKind,
        typer.Option(help="The period ending on the as-of date the indicators count over."),
    ] = PeriodKind.YEAR,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format", help="json, csv or xlsx (default: from the suffix of --out, else json)."
        ),
    ] = None,
    flags_out: Annotated[
        Path | None,
        typer.Option("--flags-out", help="Write the per-child flags here (.parquet or .csv)."),
    ] = None,
    council_json: Annotated[
        Path | None,
        typer.Option(
            "--council-json",
            help="The council's council.json (default: council.json in the --ssd folder).",
        ),
    ] = None,
) -> None:
    """Compute the national indicators for a period and the per-child flags on its last day."""
    chosen_format = output_format or _format_from_suffix(out)
    if flags_out is not None and flags_out.suffix.lower() not in (".parquet", ".csv"):
        _fail(2, f"--flags-out {flags_out}: expected a .parquet or .csv file")
    council = _read_council(council_json, default=ssd / "council.json")
    try:
        population = population_from_council(council) if council else None
        frames = read_ssd(ssd)
        computed = compute_measures(
            frames, as_of=as_of.date(), period=period, population=population
        )
    except SsdUnreadableError as error:
        _fail(2, f"Cannot read: {error}")
    except SsdReadError as error:
        _fail(1, f"The SSD tables have problems (run `oversight validate ssd {ssd}`):\n{error}")
    except MeasuresError as error:
        _fail(2, str(error))
    metadata = _metadata(council, as_of.date(), period)
    try:
        _write_indicators(computed, metadata, out, chosen_format)
        if flags_out is not None:
            _write_flags(computed.flags, flags_out)
    except OSError as error:
        _fail(2, f"Cannot write: {error}")
    _show(computed, metadata)


def _fail(code: int, message: str) -> NoReturn:
    Console(stderr=True, soft_wrap=True).print(message, highlight=False, markup=False)
    raise typer.Exit(code)


def _format_from_suffix(out: Path) -> OutputFormat:
    suffix = out.suffix.lower().lstrip(".")
    return (
        OutputFormat(suffix) if suffix in OutputFormat.__members__.values() else OutputFormat.JSON
    )


def _read_council(path: Path | None, *, default: Path) -> dict[str, Any]:
    """The parsed council.json; empty when the default file is absent (rates then have no value)."""
    target = path or default
    if path is None and not default.exists():
        return {}
    try:
        council = json.loads(target.read_text("utf-8"))
    except FileNotFoundError:
        _fail(2, f"{target}: no such file")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        _fail(2, f"{target}: not readable JSON ({error})")
    if not isinstance(council, dict):
        _fail(2, f"{target}: expected a JSON object")
    return council


def _metadata(council: dict[str, Any], as_of: date, period: PeriodKind) -> dict[str, Any]:
    span = Period.ending(as_of, period)
    return {
        "council": {key: council[key] for key in ("code", "name") if key in council},
        "synthetic": council.get("synthetic") is True,
        "as_of": as_of.isoformat(),
        "period": {
            "kind": span.kind.value,
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
        },
    }


def neutralise_text(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text cell that a spreadsheet could run as a formula prefixed with ``'``.

    Examples
    --------
    >>> neutralise_text(pl.DataFrame({"a": ["=1+1", "ok", "-2", None], "n": [1, 2, 3, 4]})).rows()
    [("'=1+1", 1), ('ok', 2), ("'-2", 3), (None, 4)]
    """
    pattern = r"^[=+\-@\t\r]"  # FORMULA_PREFIXES as a character class
    text = [
        name
        for name, dtype in frame.schema.items()
        if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum)
    ]
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(pattern))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text
    )


def _write_indicators(
    computed: Measures, metadata: dict[str, Any], out: Path, kind: OutputFormat
) -> None:
    indicators, summary = computed.indicators, computed.flags_summary
    if kind is OutputFormat.JSON:
        document = {
            **metadata,
            "indicators": [_jsonable(row) for row in indicators.iter_rows(named=True)],
            "flags_summary": [_jsonable(row) for row in summary.iter_rows(named=True)],
        }
        out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    elif kind is OutputFormat.CSV:
        neutralise_text(indicators).write_csv(out)
    else:
        about = pl.DataFrame(
            {
                "key": ["council", "synthetic", "as_of", "period", "period_start", "period_end"],
                "value": [
                    metadata["council"].get("name", ""),
                    "SYNTHETIC" if metadata["synthetic"] else "no",
                    metadata["as_of"],
                    metadata["period"]["kind"],
                    metadata["period"]["start"],
                    metadata["period"]["end"],
                ],
            }
        )
        _write_xlsx(out, {"indicators": indicators, "flags_summary": summary, "about": about})


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date) else value for key, value in row.items()
    }


def _write_xlsx(path: Path, sheets: dict[str, pl.DataFrame]) -> None:
    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    bold, day = (
        workbook.add_format({"bold": True}),
        workbook.add_format({"num_format": "yyyy-mm-dd"}),
    )
    for name, frame in sheets.items():
        sheet = workbook.add_worksheet(name)
        for column, heading in enumerate(frame.columns):
            sheet.write_string(0, column, heading, bold)
        for row_number, row in enumerate(neutralise_text(frame).iter_rows(), start=1):
            for column, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(
                        row_number, column, datetime(value.year, value.month, value.day), day
                    )
                elif isinstance(value, bool):
                    sheet.write_boolean(row_number, column, value)
                elif isinstance(value, int | float):
                    sheet.write_number(row_number, column, value)
                else:
                    sheet.write_string(row_number, column, str(value))
    workbook.close()


FLAG_FILE_ORDER = ("person_id", "measure", "episode_id", "due_date")
"""How the flags file is sorted: child by child, for reading (the computed frame comes flag by
flag, in ``ROW_ORDER`` within each)."""


def _write_flags(flags: pl.DataFrame, path: Path) -> None:
    flags = flags.sort(FLAG_FILE_ORDER, nulls_last=True, maintain_order=True)
    if path.suffix.lower() == ".parquet":
        flags.write_parquet(path)
    else:
        neutralise_text(flags).write_csv(path)


def _show(computed: Measures, metadata: dict[str, Any]) -> None:
    console = Console()
    period = metadata["period"]
    title = f"Indicators, {period['kind']} {period['start']} to {period['end']}"
    if metadata["synthetic"]:
        title += " (SYNTHETIC DATA)"
    table = Table(title=title, title_justify="left")
    for heading, justify in (
        ("Indicator", "left"),
        ("Value", "right"),
        ("Unit", "left"),
        ("England", "right"),
        ("Numerator / denominator", "right"),
        ("Status", "left"),
    ):
        table.add_column(heading, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in computed.indicators.iter_rows(named=True):
        england = (
            ""
            if row["england_value"] is None
            else f"{row['england_value']:g} ({row['england_year']})"
        )
        counts = " / ".join(
            _number(row[key]) for key in ("numerator", "denominator") if row[key] is not None
        )
        status = row["status"] if not row["note"] else f"{row['status']}: {row['note']}"
        table.add_row(row["name"], _number(row["value"]), row["unit"], england, counts, status)
    console.print(table)
    summary = computed.flags_summary.pivot(on="status", index="measure", values="count")
    flags = Table(title=f"Per-child flags on {metadata['as_of']}", title_justify="left")
    flags.add_column("Flag")
    statuses = [status.value for status in FlagStatus]
    for status in statuses:
        flags.add_column(status, justify="right")
    for row in summary.iter_rows(named=True):
        flags.add_row(row["measure"], *(f"{row.get(status, 0) or 0:,}" for status in statuses))
    console.print(flags)


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
