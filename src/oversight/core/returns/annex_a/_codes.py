"""How SSD codes are written in Annex A, and read back.

Coded values are written in the template's spelling, which keeps the detailed code
(``b) 1B: Individual``); every spelling written is one the specification recognises (a test
checks it). Reading back, the detailed code is taken from the text where it names one, and
otherwise from the specification's code when that stands for exactly one SSD code.
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from oversight.core.returns.annex_a._spec import annex_a_spec

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


# ------------------------------------------------- codes the template spells in many ways

YES_NO_SUPPORT = {"N": "Yes", "Y": "No"}
"""Whether an assessment found a need for support: the SSD records the opposite (outcome NFA)."""
SUPPORT_BY_CODE = {label: code for code, label in YES_NO_SUPPORT.items()}

OUT_OF_AREA = {"N": "a) In", "Y": "b) Out"}
"""``ovpl_is_out_of_area`` → Placement Location."""
OUT_OF_AREA_BY_CODE = {label: code for code, label in OUT_OF_AREA.items()}

CODE_IN_TEXT = re.compile(r"^\s*(?:[a-z]{1,2}\)\s*)?([A-Z]{1,2}[0-9]{1,2}[AB]?)(?=\s*(?::|-|\s|$))")
"""A DfE code at the start of a cell: ``N1 - Abuse or neglect``, ``a) E11: Adopted …``, ``C2``."""


PRIMARY_NEED = {
    "N1": "N1 - Abuse or neglect", "N2": "N2 - Child’s disability",
    "N3": "N3 - Parental disability or illness", "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction", "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income", "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need", "N0": "N0 - Not stated",
}  # fmt: skip
"""CIN and 903 category of need → the template's spelling (lists 6 and 8)."""

CLOSE_REASON = {
    "RC1": "RC1 - Adopted", "RC2": "RC2 - Died", "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to services of another local authority",
    "RC6": "RC6 - Transferred to adult social care services",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}  # fmt: skip
"""CIN reason for closure → the template's spelling (list 6)."""

LEGAL_STATUS = {
    "C1": "C1: ICO", "C2": "C2: FCO", "D1": "D1: Freeing order", "E1": "E1: Placement order",
    "V2": "V2: Single period under S20", "V3": "V3: Short term breaks, episodes recorded",
    "V4": "V4: Short term breaks, agreements recorded",
    "L1": "L1: Police protection LA accommodation", "L2": "L2: EPO",
    "L3": "L3: Child assessment order LA accommodation",
    "J1": "J1: Remanded to LA or youth detention", "J2": "J2: LA accommodation under PACE",
    "J3": "J3: Youth rehabilitation order",
}  # fmt: skip
"""903 legal status → the template's spelling (list 8)."""

REASON_CEASED = {
    "E11": "a) E11: Adopted - application unopposed", "E12": "b) E12: Adopted - consent dispensed",
    "E2": "c) E2: Died", "E3": "d) E3: Care taken by another LA",
    "E4A": "e) E4A: Returned home to live with parents or relatives - part of planning",
    "E4B": "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "E13": "g) E13: Parents, relatives or other with no parental responsibility",
    "E41": "h) E41: Residence order granted",
    "E45": "i) E45: Special Guardianship Orders - former carer relative/friend",
    "E46": "j) E46: Special Guardianship Orders - former carer other",
    "E47": "k) E47: Special Guardianship Orders - relative/friend",
    "E48": "l) E48: Special Guardianship Orders - other",
    "E5": "m) E5: Moved into independent living - supported",
    "E6": "n) E6: Moved into independent living - no support",
    "E7": "o) E7: Transferred to residential care funded by adult social services",
    "E9": "p) E9: Sentenced to custody", "E14": "q) E14: Accommodation on remand ended",
    "E15": "r) E15: Age assessment determined child was 18 or over",
    "E16": "s) E16: Child moved abroad", "E17": "v) E17: Aged 18+ and remained with current carers",
    "E8": "t) E8: Care ceased for any other reason",
}  # fmt: skip
"""903 reason episode ceased → the template's spelling (list 8); X1 (a new episode follows) is
not a child ceasing to be looked after, so it is never written."""

PLACEMENT_TYPE = {
    "U1": "a) U1: Foster placement - relatives - long term",
    "U2": "b) U2: Foster placement - relative - FFA",
    "U3": "c) U3: Foster placement - relative - not FFA",
    "U4": "d) U4: Foster placement - long term", "U5": "e) U5: Foster placement - FFA",
    "U6": "f) U6: Foster placement - not FFA",
    "A3": "g) A3: Placed for adoption - consent - current foster",
    "A4": "h) A4: Placed for adoption - consent - not foster",
    "A5": "i) A5: Placed for adoption - order - foster",
    "A6": "j) A6: Placed for adoption - order - not foster",
    "P1": "k) P1: Placed with parents", "P2": "l) P2: Independent living",
    "P3": "m) P3: Residential employment", "H5": "n) H5: Residential accommodation",
    "K1": "o) K1: Secure Children’s Homes", "K2": "p) K2: Children’s Homes",
    "R1": "q) R1: Residential Care Home", "R2": "r) R2: NHS/Health Trust",
    "R3": "s) R3: Family Centre or Mother and Baby Unit", "R5": "t) R5: Young Offender Institution",
    "S1": "u) S1: Residential school", "Z1": "v) Z1: Other placements",
    "T0": "w) T0: Temporary placement", "T1": "x) T1: Temporary placement - hospital",
    "T2": "y) T2: Temporary placement - holiday", "T3": "z) T3: Temporary placement - carer holiday",
    "T4": "zz) T4: Temporary placement - seven days or less",
}  # fmt: skip
"""903 placement type → the template's spelling (list 8); the template has none for K3 and
Z11–Z14 (from 2026), which are left blank."""

PLACEMENT_PROVIDER = {
    "PR0": "a) PR0: Parents/Parental responsibility", "PR1": "b) PR1: Own provision",
    "PR2": "c) PR2: Other LA provision", "PR3": "d) PR3: Other public provision",
    "PR4": "e) PR4: Private provision", "PR5": "f) PR5: Voluntary/third sector",
}  # fmt: skip

REVERSED_REASON = {
    "RD1": "RD1 - The child’s needs changed subsequent to the decision",
    "RD2": "RD2 - The Court did not make a placement order",
    "RD3": "RD3 - Prospective adopters could not be found", "RD4": "RD4 - Any other reason",
}  # fmt: skip
"""903 reason a child is no longer placed for adoption → the template's spelling (list 10)."""


@cache
def _by_group(number: int, column: str, spelled: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Specification code → SSD code, where the specification code stands for exactly one."""
    spec = next(c for c in annex_a_spec()[number].columns if c.name == column)
    groups: dict[str, set[str]] = {}
    for code, spelling in spelled:
        groups.setdefault(spec.code_for(spelling) or "", set()).add(code)
    return {group: next(iter(found)) for group, found in groups.items() if len(found) == 1}


def detailed_code(
    text: str | None, group: str | None, *, number: int, column: str, spelled: dict[str, str]
) -> str | None:
    """The SSD code a cell names (``a) E11: Adopted …`` → ``E11``), or the one its
    specification code stands for (``a) Abuse or neglect`` → ``N1``)."""
    if text is None:
        return None
    match = CODE_IN_TEXT.match(text)
    if match is not None and match.group(1) in spelled:
        return match.group(1)
    return _by_group(number, column, tuple(spelled.items())).get(group or "")
