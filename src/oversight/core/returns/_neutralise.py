"""Neutralise text that a spreadsheet would run as a formula, in files people open.

A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be taken
for a formula when a CSV or xlsx file is opened in a spreadsheet program. Exports that people open
prefix such text with an apostrophe, which spreadsheets show as text. Only text columns are
touched: numbers and dates keep their values (an unborn child's age of −1 stays −1).
"""

from __future__ import annotations

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"
"""Text matching this can be run as a formula by a spreadsheet."""

PREFIX = "'"
"""What neutralised text is prefixed with."""


def neutralise_text(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text cell that could run as a formula prefixed with an apostrophe.

    Examples
    --------
    >>> frame = pl.DataFrame({"name": ["=1+1", "-x", "Ann"], "age": [-1, 3, 4]})
    >>> neutralise_text(frame).rows()
    [("'=1+1", -1), ("'-x", 3), ('Ann', 4)]
    """
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START))
        .then(pl.lit(PREFIX) + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )
