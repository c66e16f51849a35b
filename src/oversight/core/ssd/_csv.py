"""Read one SSD CSV file into text columns with ``_row`` and ``_line``, through the core's one
CSV reader (``oversight.core.csv_text``), reporting what is wrong as SSD problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from oversight.core.csv_text import read_csv_text as read_csv
from oversight.core.ssd._problems import ProblemKind, concat_problems, file_problem


@dataclass(frozen=True)
class TextTable:
    """A CSV file read as text: its header and its records with ``_row`` and ``_line`` columns."""

    header: list[str]
    """Column names as the header row gives them, duplicates included."""
    frame: pl.DataFrame | None
    """One String column per distinct header name, plus ``_row`` (0-based) and ``_line``;
    ``None`` when the file could not be read at all."""
    problems: pl.DataFrame
    """Problems with the file as a whole or with its records."""


def read_csv_text(path: Path) -> TextTable:
    """Read ``path`` as UTF-8 comma-separated text with a header row."""
    text = read_csv(path.read_bytes())
    problems = [
        file_problem(
            ProblemKind(issue.kind.value),
            path.name,
            issue.expected,
            line=issue.line,
            value=issue.value,
        )
        for issue in text.issues
    ]
    found = concat_problems(problems)
    return TextTable(text.header, text.frame, found)
