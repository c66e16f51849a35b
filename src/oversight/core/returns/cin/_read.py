"""Read CIN census XML, streaming, into a ``CinReturn``.

The file is parsed element by element (``_safe_xml.iterparse``: no DOCTYPE, no entities, no
network); each module's leaf texts go into column buffers, and each element is cleared once
read, so a council's file is never held whole. Buffers become frames of text, which are then
typed (dates ``YYYY-MM-DD``, flags ``0``/``1``/``false``/``true``, whole numbers) and whose codes
are checked against the year's schema; every problem names the element path, e.g.
``Message/Children/Child[3]/CINdetails[1]/ReferralSource``, and its line.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl

from oversight.core.returns._errors import ReturnReadError, ReturnUnreadableError
from oversight.core.returns._problems import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    concat_problems,
    one_problem,
    problems_in_rows,
    raise_if_any,
)
from oversight.core.returns._safe_xml import XmlRefusedError, iterparse
from oversight.core.returns.cin._schema import check_year, codes_for, sex_element
from oversight.core.returns.cin._tables import SCHEMAS, CinReturn, conform

MODULES = {
    "Child": "children",
    "CINdetails": "cin_details",
    "Assessments": "assessments",
    "CINPlanDates": "cin_plan_dates",
    "Section47": "section47",
    "ChildProtectionPlans": "cp_plans",
}
"""Elements that open a row of a CIN frame."""
CONTAINERS = {"Message", "Header", "CollectionDetails", "Source", "Children", "ChildIdentifiers",
              "ChildCharacteristics", "Disabilities", "FactorsIdentifiedAtAssessment", "Reviews"}  # fmt: skip
LISTS = {"Disability": "disabilities", "CPPreviewDate": "cp_reviews"}
"""Repeated leaves that are rows of their own frame."""
ORDINAL = {"assessments": "AssessmentID", "cin_plan_dates": "CINPlanID", "section47": "S47ID",
           "cp_plans": "CPPID"}  # fmt: skip

CODES = {
    "Sex": "sex", "Ethnicity": "ethnicity", "UPNunknown": "upn_unknown",
    "Disability": "disability", "ReferralSource": "referral_source",
    "PrimaryNeedCode": "primary_need", "ReasonForClosure": "reason_for_closure",
    "InitialCategoryOfAbuse": "category_of_abuse", "LatestCategoryOfAbuse": "category_of_abuse",
    "AssessmentFactors": "assessment_factors",
}  # fmt: skip
"""Coded elements and the ``CinCodes`` list each is checked against."""


class _Buffers:
    """Column buffers of text, one set per CIN frame, filled a record at a time."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.header: dict[str, str] = {}


def read_cin(path: Path, *, year: int, max_problems: int = DEFAULT_MAX_PROBLEMS) -> CinReturn:
    """Read the CIN census XML at ``path`` as the census of ``year``.

    Raises ``ReturnUnreadableError`` for a file that is missing, malformed, truncated or refused
    for safety (a DOCTYPE), naming the element path where reading stopped, and
    ``ReturnReadError`` listing every value that is not the element's type or not in the year's
    code list, and every element the census does not have.
    """
    check_year(year)
    path = Path(path)
    name = path.name
    buffers = _Buffers()
    found: list[pl.DataFrame] = []
    stack: list[str] = []
    counts: list[dict[str, int]] = [defaultdict(int)]
    open_rows: dict[str, dict[str, Any]] = {}
    sex = sex_element(year)
    try:
        with path.open("rb") as source:
            for event, element in iterparse(source):
                tag = element.tag if isinstance(element.tag, str) else ""
                if event == "start":
                    counts[-1][tag] += 1
                    stack.append(f"{tag}[{counts[-1][tag]}]" if stack else tag)
                    counts.append(defaultdict(int))
                    if tag in MODULES:
                        open_rows[tag] = _open(tag, open_rows, "/".join(stack), element.sourceline)
                    continue
                parent = stack[-2].split("[")[0] if len(stack) > 1 else ""
                if tag in MODULES:
                    row = open_rows.pop(tag)
                    buffers.rows[MODULES[tag]].append(row)
                elif tag in CONTAINERS:
                    pass
                elif len(element) == 0 and parent in ("CollectionDetails", "Source"):
                    buffers.header[tag] = (element.text or "").strip()
                elif len(element) == 0 and tag in LISTS:
                    owner = open_rows["ChildProtectionPlans" if tag == "CPPreviewDate" else "Child"]
                    buffers.rows[LISTS[tag]].append(
                        {
                            **_keys(owner),
                            tag: element.text,
                            "_element": "/".join(stack),
                            "_line": element.sourceline,
                        }
                    )
                elif len(element) == 0 and tag == "AssessmentFactors":
                    open_rows["Assessments"].setdefault("AssessmentFactors", []).append(
                        element.text
                    )
                elif (
                    len(element) == 0
                    and parent in ("ChildIdentifiers", "ChildCharacteristics") | MODULES.keys()
                    and tag in _fields(parent, sex)
                ):
                    owner = open_rows[
                        "Child" if parent.startswith("Child") and parent not in MODULES else parent
                    ]
                    owner["Sex" if tag == sex else tag] = (element.text or "").strip()
                else:
                    found.append(one_problem(
                        ProblemKind.UNEXPECTED_ELEMENT, name, f"an element of the {year} CIN census",
                        line=element.sourceline, element="/".join(stack), field=tag))  # fmt: skip
                stack.pop()
                counts.pop()
                element.clear(keep_tail=False)
    except XmlRefusedError as refused:
        kind = ProblemKind.UNSAFE_INPUT if refused.unsafe else ProblemKind.UNREADABLE_FILE
        raise ReturnUnreadableError(
            f"{name}: cannot be read as CIN census XML",
            list(_problem_list(one_problem(
                kind, name, refused.reason, line=refused.line, element="/".join(stack) or None))),
            1,
        ) from None  # fmt: skip
    except OSError as error:
        raise ReturnUnreadableError(
            f"{name}: cannot be read", _problem_list(one_problem(
                ProblemKind.UNREADABLE_FILE, name, f"a readable file ({error.strerror})")), 1,
        ) from None  # fmt: skip
    frames, typed = _typed(buffers, name, year)
    raise_if_any(
        ReturnReadError,
        f"{name}: {{count}} problems in the {year} CIN census",
        concat_problems([*found, *typed]),
        max_problems=max_problems,
    )
    return CinReturn(year, buffers.header.get("LEA", "000"), frames)


def _problem_list(frame: pl.DataFrame) -> list[Any]:
    from oversight.core.returns._problems import to_problems

    return to_problems(frame)


@functools.cache
def _fields(parent: str, sex: str) -> frozenset[str]:
    """The field elements of ``parent`` (asked once per element, so computed once per parent)."""
    return frozenset(_field_names(parent, sex))


def _field_names(parent: str, sex: str) -> set[str]:
    if parent == "ChildIdentifiers":
        return {"LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
                "ExpectedPersonBirthDate", sex, "PersonDeathDate"}  # fmt: skip
    if parent == "ChildCharacteristics":
        return {"Ethnicity"}
    return set(SCHEMAS[MODULES[parent]]) - {"LAchildID", "CINdetailsID", *ORDINAL.values()}


def _keys(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in ("_child", "CINdetailsID", "CPPID") if key in row}


def _open(
    tag: str, open_rows: dict[str, dict[str, Any]], where: str, line: int | None
) -> dict[str, Any]:
    """A new row for module ``tag``, keyed by its parents' rows and numbered within them."""
    row: dict[str, Any] = {"_element": where, "_line": line}
    if tag == "Child":
        row["_child"] = row
        row["_episodes"] = 0
        return row
    child = open_rows["Child"]
    row["_child"] = child
    if tag == "CINdetails":
        child["_episodes"] += 1
        row["CINdetailsID"] = child["_episodes"]
        return row
    episode = open_rows["CINdetails"]
    ordinal = ORDINAL[MODULES[tag]]
    episode[f"_{ordinal}"] = episode.get(f"_{ordinal}", 0) + 1
    row["CINdetailsID"] = episode["CINdetailsID"]
    row[ordinal] = episode[f"_{ordinal}"]
    return row


def _typed(
    buffers: _Buffers, name: str, year: int
) -> tuple[dict[str, pl.DataFrame], list[pl.DataFrame]]:
    """Typed CIN frames from the buffers, and the problems typing found."""
    codes = codes_for(year)
    frames: dict[str, pl.DataFrame] = {}
    problems: list[pl.DataFrame] = []
    for table, schema in SCHEMAS.items():
        records = [
            {**{k: v for k, v in row.items() if not k.startswith("_")},
             "LAchildID": row["_child"].get("LAchildID"), "_element": row["_element"],
             "_line": row["_line"]}
            for row in buffers.rows[table]
        ]  # fmt: skip
        text_schema = {c: (pl.List(pl.String) if d == pl.List(pl.String) else pl.Int64
                           if c in ("CINdetailsID", *ORDINAL.values()) else pl.String)
                       for c, d in schema.items()}  # fmt: skip
        raw = pl.DataFrame(
            records, schema={**text_schema, "_element": pl.String, "_line": pl.Int64}
        )
        raw = raw.with_row_index("_row")
        typed = []
        for column, dtype in schema.items():
            value = pl.col(column)
            if dtype == pl.Date:
                cast = value.str.to_date("%Y-%m-%d", strict=False)
                expected = "a date as YYYY-MM-DD"
            elif dtype == pl.Boolean:
                cast = value.str.to_lowercase().replace_strict(
                    {"1": True, "true": True, "0": False, "false": False}, default=None,
                    return_dtype=pl.Boolean)  # fmt: skip
                expected = "0 or 1 (or false or true)"
            elif dtype == pl.Int64 and text_schema[column] == pl.String:
                cast = value.str.strip_chars().cast(pl.Int64, strict=False)
                expected = "a whole number, 0 or more"
                cast = pl.when(cast >= 0).then(cast)
            else:
                typed.append(value)
                if column in CODES:
                    allowed = getattr(codes, CODES[column])
                    test = (
                        value.list.eval(pl.element().is_in(allowed)).list.all()
                        if dtype == pl.List(pl.String)
                        else value.is_in(allowed)
                    )
                    failing = raw.filter(value.is_not_null() & ~test)
                    problems.append(problems_in_rows(
                        ProblemKind.UNKNOWN_CODE, name, failing, field=column,
                        element_field=column if column != "Sex" else sex_element(year),
                        value=value.cast(pl.String) if dtype != pl.List(pl.String) else value.list.join(" "),
                        child=pl.col("LAchildID"),
                        expected=f"a {year} CIN census code ({', '.join(allowed)})"))  # fmt: skip
                continue
            typed.append(cast.alias(column))
            failing = raw.filter(value.is_not_null() & cast.is_null())
            problems.append(problems_in_rows(
                ProblemKind.BAD_VALUE, name, failing, field=column, value=value,
                child=pl.col("LAchildID"), expected=expected))  # fmt: skip
        frames[table] = conform(table, raw.select(typed))
    return frames, problems
