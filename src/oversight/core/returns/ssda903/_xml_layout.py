"""The DfE's XML layout of the SSDA903 return (``EXPSSDA903``), as data.

::

    EXPSSDA903
     └── CHILD*
          ├── HEADER        CHILDID UPN SEX DOB ETHNIC UASC DUC MOTHER MC_DOB,
          │                 OC3 leaves (IN_TOUCH ACTIV ACCOM), AD1 leaves (DATE_INT …)
          │   ├── AREVIEW*      REVIEW REVIEW_CODE                       → Reviews
          │   ├── AMISSING*     MISSING MIS_START MIS_END                → Missing
          │   ├── PERMANENCE    PREV_PERM LA_PERM DATE_PERM              → PrevPerm
          │   ├── OC2           SDQ_SCORE … INTERVENTION_OFFERED         → OC2
          │   └── AD_PLACED*    DATE_PLACED DATE_PLACED_CEASED REASON…   → PlacedAdoption
          └── EPISODE*      DECOM RNE LS CIN PL PL_POST HOME_POST URN PLACE_PROVIDER DEC REC
                            REASON_PLACE_CHANGE                         → Episodes

Sources: validators.md §1.1 (csc-validator-be-903 ``ingress.py``) and the validator's sample
``tests/fake_data/fake_903.xml``, whose element order the writer follows. ``CHILDID`` holds the
child's id (``CHILD`` in CSV) and ``PL`` the placement type (``PLACE``). The header's ``UASC``
is 1 for an unaccompanied asylum-seeking child, whose UASC row is built from the header. No
source shows SWEpisodes or DoLo in XML, so they are not read or written as XML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ROOT = "EXPSSDA903"
CHILD = "CHILD"
HEADER = "HEADER"
UASC_FLAG = "UASC"

RENAMED: Mapping[str, str] = {"CHILDID": "CHILD", "PL": "PLACE"}
"""XML element name → CSV column name, where they differ."""
ELEMENT_OF: Mapping[str, str] = {column: element for element, column in RENAMED.items()}
"""CSV column name → XML element name, where they differ."""


@dataclass(frozen=True)
class Block:
    """A repeating (or single) element whose leaves make one row of a table."""

    element: str
    """The element's name, e.g. ``AREVIEW``."""
    table: str
    """The table key its rows belong to."""
    fields: tuple[str, ...]
    """Leaf element names, in the order written."""
    repeats: bool
    """Whether a parent may hold several."""


HEADER_LEAVES: Mapping[str, tuple[str, ...]] = {
    "header": ("CHILDID", "UPN", "SEX", "DOB", "ETHNIC"),
    "uasc": ("DUC",),
    "header_mother": ("MOTHER", "MC_DOB"),
    "oc3": ("IN_TOUCH", "ACTIV", "ACCOM"),
    "ad1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
}
"""The header's own leaves by the table they feed (``header_mother`` feeds the header too)."""

HEADER_BLOCKS: tuple[Block, ...] = (
    Block("AREVIEW", "reviews", ("REVIEW", "REVIEW_CODE"), repeats=True),
    Block("AMISSING", "missing", ("MISSING", "MIS_START", "MIS_END"), repeats=True),
    Block("PERMANENCE", "prev_perm", ("PREV_PERM", "LA_PERM", "DATE_PERM"), repeats=False),
    Block(
        "OC2",
        "oc2",
        (
            "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        ),
        repeats=False,
    ),
    Block(
        "AD_PLACED",
        "placed_adoption",
        ("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
        repeats=True,
    ),
)  # fmt: skip

EPISODE = Block(
    "EPISODE",
    "episodes",
    (
        "DECOM", "RNE", "LS", "CIN", "PL", "PL_POST", "HOME_POST", "URN", "PLACE_PROVIDER",
        "DEC", "REC", "REASON_PLACE_CHANGE",
    ),
    repeats=True,
)  # fmt: skip

XML_TABLES = (
    "header",
    "episodes",
    "reviews",
    "uasc",
    "oc2",
    "oc3",
    "ad1",
    "placed_adoption",
    "prev_perm",
    "missing",
)
"""The tables the XML layout carries."""

FROM_HEADER: Mapping[str, tuple[str, ...]] = {
    "reviews": ("DOB",),
    "missing": ("DOB",),
    "prev_perm": ("DOB",),
    "oc2": ("DOB",),
    "placed_adoption": ("DOB",),
    "oc3": ("DOB",),
    "ad1": ("DOB",),
    "uasc": ("SEX", "DOB"),
}
"""Columns of other tables that XML does not repeat: they are the child's header values."""


def column_name(element: str) -> str:
    """The CSV column an XML leaf holds."""
    return RENAMED.get(element, element)


def element_name(column: str) -> str:
    """The XML leaf that holds a CSV column."""
    return ELEMENT_OF.get(column, column)
