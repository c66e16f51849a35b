"""Where each element of a CIN census goes: the layout the reader walks, as lookup tables.

The census nests modules (``Child``, ``CINdetails``, ``Assessments``, …), each opening a row
of a CIN frame, inside containers that only group them; leaves are fields of the row of the
module they are in, or rows of their own (``Disability``, ``CPPreviewDate``). ``layout`` turns
that into one table per parent tag, so the reader decides an element's fate with one lookup.

Every module, container and list leaf has one parent, as in the DfE's schemas for 2017 to 2026
(``PARENTS``, pinned by a test against them): anywhere else it is out of place, and what it
holds is not read.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from oversight.core.returns.cin._tables import SCHEMAS

MODULES = {
    "Child": "children",
    "CINdetails": "cin_details",
    "Assessments": "assessments",
    "CINPlanDates": "cin_plan_dates",
    "Section47": "section47",
    "ChildProtectionPlans": "cp_plans",
}
"""Elements that open a row of a CIN frame."""
HEADER_PARENTS = ("CollectionDetails", "Source")
"""Elements whose leaves are header fields."""
LISTS = {"Disability": "disabilities", "CPPreviewDate": "cp_reviews"}
"""Repeated leaves that are rows of their own frame."""
LIST_OWNERS = {"Disability": "Child", "CPPreviewDate": "ChildProtectionPlans"}
"""The module whose row a list leaf belongs to."""
ORDINAL = {"assessments": "AssessmentID", "cin_plan_dates": "CINPlanID", "section47": "S47ID",
           "cp_plans": "CPPID"}  # fmt: skip
"""The column numbering each repeated module within its episode."""
PARENTS = {
    "Message": "", "Header": "Message", "Children": "Message",
    "CollectionDetails": "Header", "Source": "Header",
    "Child": "Children", "ChildIdentifiers": "Child", "ChildCharacteristics": "Child",
    "Disabilities": "ChildCharacteristics", "Disability": "Disabilities", "CINdetails": "Child",
    "Assessments": "CINdetails", "CINPlanDates": "CINdetails", "Section47": "CINdetails",
    "ChildProtectionPlans": "CINdetails", "FactorsIdentifiedAtAssessment": "Assessments",
    "AssessmentFactors": "FactorsIdentifiedAtAssessment", "Reviews": "ChildProtectionPlans",
    "CPPreviewDate": "Reviews",
}  # fmt: skip
"""The one element each module, container and list leaf is directly inside ("": the root)."""
CONTAINERS = set(PARENTS) - set(MODULES) - set(LISTS) - {"AssessmentFactors"}
"""Elements that only group others."""
FIELD_PARENTS = ("ChildIdentifiers", "ChildCharacteristics", *MODULES)
"""Elements whose leaves are fields of a row: of their own module's, or of the child's."""
ELSEWHERE = "*"
"""The key of ``layout`` for elements inside an element the census does not have."""


class Kind(Enum):
    """What reading an element, once it ends, does with it."""

    MODULE = "closes its module's row"
    CONTAINER = "nothing: its children were read"
    HEADER = "sets a header field (a leaf)"
    LIST = "adds a row to a list frame (a leaf)"
    FACTOR = "adds an assessment factor (a leaf)"
    FIELD = "sets a field of an open row (a leaf)"
    UNEXPECTED = "reports an unexpected element"
    MISPLACED = "reports an element out of place, and where it belongs (``owner``)"


@dataclass(frozen=True, slots=True)
class Action:
    """An element's fate: its ``kind``; for a field, the open row (``owner``) and ``column``."""

    kind: Kind
    owner: str = ""
    column: str = ""


UNEXPECTED = Action(Kind.UNEXPECTED)


@functools.cache
def layout(sex: str) -> Mapping[str, tuple[Mapping[str, Action], Action]]:
    """For each parent tag, the action of each child tag and of any other child tag.

    Under its parent (``PARENTS``) a module opens a row, a container is read through, a list
    leaf adds a row and an assessment factor is added; anywhere else each is out of place.
    Under ``CollectionDetails`` or ``Source`` any other leaf is a header field; under a module,
    ``ChildIdentifiers`` or ``ChildCharacteristics``, the year's fields of its row are fields;
    anything else is unexpected. Parents the census does not have use
    ``layout(sex)[ELSEWHERE]``. ``sex`` is the year's sex element, read into the ``Sex`` column.
    """
    misplaced = {tag: Action(Kind.MISPLACED, parent) for tag, parent in PARENTS.items()}
    placed: dict[str, dict[str, Action]] = {}
    for tag, parent in PARENTS.items():
        placed.setdefault(parent, {})[tag] = _placed_action(tag)
    tables: dict[str, tuple[Mapping[str, Action], Action]] = {ELSEWHERE: (misplaced, UNEXPECTED)}
    for parent in {*placed, *HEADER_PARENTS, *FIELD_PARENTS}:
        owner = parent if parent in MODULES else "Child"
        fields = {
            tag: Action(Kind.FIELD, owner, "Sex" if tag == sex else tag)
            for tag in (_field_names(parent, sex) if parent in FIELD_PARENTS else ())
            if tag not in PARENTS  # AssessmentFactors: a column of its own, not a field here
        }
        other = Action(Kind.HEADER) if parent in HEADER_PARENTS else UNEXPECTED
        tables[parent] = (misplaced | placed.get(parent, {}) | fields, other)
    return tables


def _placed_action(tag: str) -> Action:
    """What an element in its place does."""
    if tag in MODULES:
        return Action(Kind.MODULE)
    if tag in LISTS:
        return Action(Kind.LIST, LIST_OWNERS[tag], tag)
    if tag == "AssessmentFactors":
        return Action(Kind.FACTOR, "Assessments", tag)
    return Action(Kind.CONTAINER)


Plan = tuple[Mapping[str, Action], Action, str, Mapping[str, str]]
"""How the walk reads the elements inside a parent: each tag's action, any other tag's, and
for fields, the module whose row they fill and each one's column by tag."""


@functools.cache
def walk_plans(sex: str) -> Mapping[str, Plan]:
    """The ``Plan`` of each parent tag in ``layout(sex)``; other parents use ``[ELSEWHERE]``."""
    plans: dict[str, Plan] = {}
    for parent, (actions, other) in layout(sex).items():
        fields = {tag: a for tag, a in actions.items() if a.kind is Kind.FIELD}
        owner = next(iter(fields.values())).owner if fields else ""
        plans[parent] = (actions, other, owner, {tag: a.column for tag, a in fields.items()})
    return plans


def _field_names(parent: str, sex: str) -> set[str]:
    """The field elements of ``parent``: its frame's columns less the keys, which are derived."""
    if parent == "ChildIdentifiers":
        return {"LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
                "ExpectedPersonBirthDate", sex, "PersonDeathDate"}  # fmt: skip
    if parent == "ChildCharacteristics":
        return {"Ethnicity"}
    return set(SCHEMAS[MODULES[parent]]) - {"LAchildID", "CINdetailsID", *ORDINAL.values()}
