"""Write a ``CinReturn`` as the DfE's CIN census XML, checked against the year's schema.

The file is written element by element (``lxml.etree.xmlfile``) to a temporary file beside the
target, validated against the year's XSD, and only then moved into place, so a failed write
leaves nothing behind. The header marks the file as Oversight's; ``SoftwareCode`` says
``SYNTHETIC`` when asked to.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from lxml import etree

from oversight.core.returns._errors import ReturnExportError
from oversight.core.returns._problems import ProblemKind, one_problem, to_problems
from oversight.core.returns.cin._schema import census_period, sex_element, xml_schema
from oversight.core.returns.cin._tables import CinReturn

Row = dict[str, Any]

_DETAILS = ("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
            "ReasonForClosure", "DateOfInitialCPC")  # fmt: skip


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _leaves(
    xf: Any, row: Row, names: Iterable[str], *, rename: dict[str, str] | None = None
) -> None:
    for name in names:
        value = row.get(name)
        if value is not None:
            with xf.element((rename or {}).get(name, name)):
                xf.write(_text(value))


def _by(frame: pl.DataFrame, *keys: str) -> dict[tuple[Any, ...], list[Row]]:
    grouped: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in frame.iter_rows(named=True):
        grouped[tuple(row[key] for key in keys)].append(row)
    return grouped


def write_cin(census: CinReturn, path: Path, *, synthetic: bool = False) -> Path:
    """Write ``census`` to ``path`` as CIN census XML valid against its year's schema.

    Raises ``ReturnExportError`` when the file written does not validate (a bug or an SSD value
    the schema refuses, such as an empty string); nothing is left at ``path`` then.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".cin-", suffix=".xml.part", dir=path.parent)
    os.close(handle)
    try:
        with Path(temporary).open("wb") as out:
            _write(census, out, synthetic=synthetic)
        _validate(census.year, Path(temporary), path.name)
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def _write(census: CinReturn, out: Any, *, synthetic: bool) -> None:
    year = census.year
    disabilities = _by(census["disabilities"], "LAchildID")
    episodes = _by(census["cin_details"], "LAchildID")
    episode_key = ("LAchildID", "CINdetailsID")
    modules = {
        name: _by(census[name], *episode_key)
        for name in ("assessments", "cin_plan_dates", "section47", "cp_plans")
    }
    reviews = _by(census["cp_reviews"], *episode_key, "CPPID")
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            _header(xf, census, synthetic=synthetic)
            with xf.element("Children"):
                for child in census["children"].iter_rows(named=True):
                    child_id = child["LAchildID"]
                    with xf.element("Child"):
                        with xf.element("ChildIdentifiers"):
                            _leaves(
                                xf,
                                child,
                                (
                                    "LAchildID",
                                    "UPN",
                                    "FormerUPN",
                                    "UPNunknown",
                                    "PersonBirthDate",
                                    "ExpectedPersonBirthDate",
                                ),
                            )
                            _leaves(xf, child, ("Sex",), rename={"Sex": sex_element(year)})
                            _leaves(xf, child, ("PersonDeathDate",))
                        with xf.element("ChildCharacteristics"):
                            _leaves(xf, child, ("Ethnicity",))
                            if codes := disabilities.get((child_id,)):
                                with xf.element("Disabilities"):
                                    _leaves_many(xf, "Disability", (r["Disability"] for r in codes))
                        for episode in episodes.get((child_id,), []):
                            key = (child_id, episode["CINdetailsID"])
                            _episode(
                                xf,
                                episode,
                                {n: m.get(key, []) for n, m in modules.items()},
                                reviews,
                            )
                    xf.flush()


def _leaves_many(xf: Any, name: str, values: Iterable[object]) -> None:
    for value in values:
        with xf.element(name):
            xf.write(_text(value))


def _header(xf: Any, census: CinReturn, *, synthetic: bool) -> None:
    with xf.element("Header"):
        with xf.element("CollectionDetails"):
            _leaves(xf, {"Collection": "CIN", "Year": str(census.year),
                         "ReferenceDate": census_period(census.year)[1]},
                    ("Collection", "Year", "ReferenceDate"))  # fmt: skip
        with xf.element("Source"):
            software = "Oversight (SYNTHETIC DATA)" if synthetic else "Oversight"
            stamp = datetime.now().replace(microsecond=0).isoformat()
            _leaves(xf, {"SourceLevel": "L", "LEA": census.lea, "SoftwareCode": software,
                         "Release": "1", "SerialNo": "001", "DateTime": stamp},
                    ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"))  # fmt: skip


def _episode(
    xf: Any, episode: Row, modules: dict[str, list[Row]],
    reviews: dict[tuple[Any, ...], list[Row]],
) -> None:  # fmt: skip
    with xf.element("CINdetails"):
        _leaves(xf, episode, _DETAILS)
        for row in modules["assessments"]:
            with xf.element("Assessments"):
                _leaves(xf, row, ("AssessmentActualStartDate", "AssessmentInternalReviewDate",
                                  "AssessmentAuthorisationDate"))  # fmt: skip
                if row["AssessmentFactors"]:
                    with xf.element("FactorsIdentifiedAtAssessment"):
                        _leaves_many(xf, "AssessmentFactors", row["AssessmentFactors"])
        for row in modules["cin_plan_dates"]:
            with xf.element("CINPlanDates"):
                _leaves(xf, row, ("CINPlanStartDate", "CINPlanEndDate"))
        for row in modules["section47"]:
            with xf.element("Section47"):
                _leaves(xf, row, ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC",
                                  "ICPCnotRequired"))  # fmt: skip
        _leaves(xf, episode, ("ReferralNFA",))
        for row in modules["cp_plans"]:
            with xf.element("ChildProtectionPlans"):
                _leaves(xf, row, ("CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
                                  "LatestCategoryOfAbuse", "NumberOfPreviousCPP"))  # fmt: skip
                key = (row["LAchildID"], row["CINdetailsID"], row["CPPID"])
                if dates := reviews.get(key):
                    with xf.element("Reviews"):
                        _leaves_many(xf, "CPPreviewDate", (r["CPPreviewDate"] for r in dates))


def _validate(year: int, temporary: Path, name: str) -> None:
    """Raise ``ReturnExportError`` listing the schema's complaints about the written file."""
    schema = xml_schema(year)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    document = etree.parse(str(temporary), parser)
    if schema.validate(document):
        return
    errors = list(schema.error_log)
    problems = [
        one_problem(
            ProblemKind.BAD_VALUE,
            name,
            f"XML valid against the {year} CIN schema",
            line=error.line,
            element=error.path,
            value=error.message,
        )
        for error in errors[:1000]
    ]
    raise ReturnExportError(
        f"{len(errors)} parts of the written CIN census are invalid against its {year} schema",
        [p for frame in problems for p in to_problems(frame)],
        len(errors),
    )
