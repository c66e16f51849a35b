"""How SSD codes are written in Annex A, and read back.

Coded values are written in the template's spelling, which keeps the detailed code
(``b) 1B: Individual``); every spelling written is one the specification recognises (a test
checks it). Reading back, the detailed code is taken from the text where it names one, and
otherwise from the specification's code when that stands for exactly one SSD code.
"""

from __future__ import annotations

import re

import polars as pl

SOURCES: dict[str, str] = {
    "1A": "a) 1A: Individual", "1B": "b) 1B: Individual", "1C": "c) 1C: Individual",
    "1D": "d) 1D: Individual", "2A": "e) 2A: Schools", "2B": "f) 2B: Education services",
    "3A": "g) 3A: Health services", "3B": "h) 3B: Health services",
    "3C": "i) 3C: Health services", "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services", "3F": "l) 3F: Health services", "4": "m) 4: Housing",
    "5A": "n) 5A: LA services", "5B": "o) 5B: LA services", "5C": "p) 5C: LA services",
    "5D": "p1) 5D: LA services", "6": "q) 6: Police", "7": "r) 7: Other legal agency",
    "8": "s) 8: Other", "9": "t) 9: Anonymous", "10": "u) 10: Unknown",
}  # fmt: skip
"""Referral and contact source (CIN codes) → the template's spelling."""

SOURCE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(10|[1-9][A-Fa-f]?)(?=[:\]\s)\-]|$)")
"""A source code named in a cell: ``b) 1B: Individual``, ``1B - Acquaintance``, ``Self [1C]``."""

SOURCE_BY_GROUP = {"e) Housing": "4", "g) Police": "6", "h) Other legal agency": "7",
                   "i) Other": "8", "j) Anonymous": "9", "k) Unknown": "10"}  # fmt: skip
"""Specification codes that stand for exactly one source code."""

SEX = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
SEX_BY_CODE = {"a) Male": "M", "b) Female": "F", "c) Not stated/recorded": "U", "d) Neither": "U"}

YES_NO = {"Y": "Yes", "N": "No"}
YES_NO_BY_CODE = {"Yes": "Y", "No": "N"}

CATEGORY_OF_ABUSE = {"NEG": "a) Neglect", "PHY": "b) Physical Abuse", "SAB": "c) Sexual Abuse",
                     "EMO": "d) Emotional Abuse", "MUL": "e) Multiple"}  # fmt: skip
CATEGORY_OF_ABUSE_BY_CODE = {label: code for code, label in CATEGORY_OF_ABUSE.items()}

ELIGIBILITY = {"Relevant": "a) Relevant", "Former Relevant": "b) Former relevant",
               "Qualifying": "c) Qualifying", "Eligible": "d) Eligible",
               "No Current Eligibility": "e) Other"}  # fmt: skip
ELIGIBILITY_BY_CODE = {label: code for code, label in ELIGIBILITY.items()}

SUITABLE = {"1": "a) Suitable", "2": "b) Not suitable"}
SUITABLE_BY_CODE = {label: code for code, label in SUITABLE.items()}

CARE_LEAVER_CODE = r"^\s*([A-Z][0-9]?|YES|NO|DIED|REFU|NREQ|RHOM)\s*(?::|$)"
"""An SSD care leaver code at the start of a cell: ``F1: Full time …``, ``Y``, ``REFU``."""

ETHNICITY_IN_TEXT = r"\b([A-Z]{4})\b"
"""A CBDS ethnicity code named in a cell: ``WBRI``, ``a) WBRI``, ``WBRI - White British``."""


def replace(column: str, mapping: dict[str, str]) -> pl.Expr:
    """``column`` with each value replaced by its mapping (others become null)."""
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String)


def source_code(text: str | None, group: str | None) -> str | None:
    """The CIN source code a cell names, or the one its specification code stands for."""
    if text is None:
        return None
    match = SOURCE_IN_TEXT.search(text)
    if match is not None and match.group(1).upper() in SOURCES:
        return match.group(1).upper()
    return SOURCE_BY_GROUP.get(group or "")
