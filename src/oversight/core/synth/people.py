"""The children's characteristics: sex, ethnicity, names, disability, immigration status.

Names are obviously fictional (a first name and a surname built from "Synth-" and a tree), so no
output can be mistaken for a real child's record.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from oversight.core.synth._random import Streams, choose

ETHNICITIES = ("WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
               "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT")  # fmt: skip
ETHNICITY_WEIGHTS = (
    68,
    0.4,
    5.5,
    0.3,
    0.8,
    2.0,
    1.0,
    1.2,
    2.5,
    1.0,
    2.8,
    1.2,
    1.2,
    1.3,
    3.6,
    1.0,
    0.3,
    2.0,
    0.4,
    2.5,
)
"""Ethnicity of children in need, roughly as England's (DfE CIN census, table B2)."""
FIRST_NAMES = (
    "Alex",
    "Sam",
    "Charlie",
    "Jordan",
    "Riley",
    "Casey",
    "Morgan",
    "Taylor",
    "Jamie",
    "Robin",
    "Ash",
    "Kit",
)
TREES = (
    "Oak",
    "Ash",
    "Birch",
    "Rowan",
    "Hazel",
    "Alder",
    "Elm",
    "Holly",
    "Willow",
    "Yew",
    "Larch",
    "Lime",
)
DISABILITIES = ("LD", "AUT", "BEH", "COMM", "MOB", "HAND", "PC", "HEAR", "VIS", "CON", "INC", "DDA")
DISABILITY_WEIGHTS = (25, 28, 14, 12, 6, 3, 4, 2, 2, 3, 1, 2)


def people(streams: Streams, children: pl.DataFrame, window_end: int) -> pl.DataFrame:
    """One row per child: child, dob, sex, ethnicity, forename, surname, unborn flags."""
    rng = streams("people")
    n = children.height
    uasc = children["is_uasc"].to_numpy()
    sex = np.where(
        uasc, np.where(rng.random(n) < 0.92, "M", "F"), choose(rng, ("M", "F", "U"), (51, 48, 1), n)
    )
    ethnicity = choose(rng, ETHNICITIES, ETHNICITY_WEIGHTS, n)
    ethnicity = np.where(
        uasc,
        choose(rng, ("OOTH", "AOTH", "BAFR", "BOTH", "MOTH"), (40, 25, 20, 10, 5), n),
        ethnicity,
    )
    forename = choose(rng, FIRST_NAMES, (1,) * len(FIRST_NAMES), n)
    surname = np.char.add("Synth-", choose(rng, TREES, (1,) * len(TREES), n).astype(str))
    dob = children["dob"].to_numpy()
    unborn = dob > window_end
    return children.select("child", "dob", "is_uasc").with_columns(
        pl.Series("sex", sex.astype(str)),
        pl.Series("ethnicity", ethnicity.astype(str)),
        pl.Series("forename", forename.astype(str)),
        pl.Series("surname", surname),
        pl.Series("unborn", unborn),
    )


def disabilities(streams: Streams, children: pl.DataFrame) -> pl.DataFrame:
    """About one child in eight has a recorded disability; a few have two."""
    rng = streams("disability")
    has = rng.random(children.height) < 0.12
    chosen = children.filter(pl.Series(has))
    count = np.where(rng.random(chosen.height) < 0.2, 2, 1)
    rows = (
        chosen.select("child")
        .with_columns(pl.Series("count", count))
        .with_columns(pl.int_ranges(0, pl.col("count")).alias("n"))
        .explode("n")
    )
    codes = choose(rng, DISABILITIES, DISABILITY_WEIGHTS, rows.height)
    return rows.select("child", pl.Series("code", codes.astype(str))).unique(
        ["child", "code"], maintain_order=True
    )
