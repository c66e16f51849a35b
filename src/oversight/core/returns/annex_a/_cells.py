"""Reading a list's cells back into SSD values: the codes a coded cell names."""

from __future__ import annotations

import polars as pl

from oversight.core.returns.annex_a._codes import YES_NO_BY_CODE, detailed_code, source_code
from oversight.core.returns.annex_a._spec import annex_a_spec

CHILD = "Child Unique ID"


def coded(number: int, column: str) -> pl.Expr:
    """The specification's code for each cell of a coded column."""
    spec = next(c for c in annex_a_spec()[number].columns if c.name == column)
    return pl.col(column).map_elements(spec.code_for, return_dtype=pl.String)


def by_code(number: int, column: str, mapping: dict[str, str]) -> pl.Expr:
    """The SSD value the specification's code of each cell stands for (others are null)."""
    return coded(number, column).replace_strict(mapping, default=None, return_dtype=pl.String)


def yes_no(number: int, column: str) -> pl.Expr:
    """Y or N, from a yes or no cell (Unknown is null)."""
    return by_code(number, column, YES_NO_BY_CODE)


def source(number: int, column: str) -> pl.Expr:
    """The CIN source code of each cell (``b) 1B: Individual`` → ``1B``)."""
    return pl.struct(pl.col(column), coded(number, column).alias("_group")).map_elements(
        lambda cell: source_code(cell[column], cell["_group"]), return_dtype=pl.String
    )


def detailed(number: int, column: str, spelled: dict[str, str]) -> pl.Expr:
    """The SSD code each cell names (``a) E11: Adopted …`` → ``E11``), or the one its
    specification code stands for alone (``a) Abuse or neglect`` → ``N1``)."""
    return pl.struct(pl.col(column), coded(number, column).alias("_group")).map_elements(
        lambda cell: detailed_code(cell[column], cell["_group"], number=number, column=column,
                                   spelled=spelled),
        return_dtype=pl.String,
    )  # fmt: skip
