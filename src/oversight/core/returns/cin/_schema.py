"""The DfE's CIN census schema of each collection year, and the code lists it enumerates.

The schemas ship in ``schemas/`` unchanged (provenance in ``schemas/README.md``). Code lists are
read from each schema's ``xs:enumeration`` values, so a year's code set is exactly what its
schema allows. Years are named by the year the collection ends: ``2025`` is the census of
1 April 2024 to 31 March 2025.

Examples
--------
>>> codes = codes_for(2025)
>>> codes.sex
('M', 'F', 'U')
>>> codes_for(2024).sex
('1', '2', '0', '9')
>>> "RC9" in codes_for(2022).reason_for_closure, "RC9" in codes_for(2023).reason_for_closure
(False, True)
>>> has_cin_plan_dates(2021), has_cin_plan_dates(2022)
(False, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from lxml import etree

from oversight.core.returns._errors import SpecError, UnsupportedYearError

FIRST_YEAR = 2017
"""The first census year whose schema ships: 2016–17."""
LAST_YEAR = 2026
"""The last census year whose schema ships: 2025–26."""
SEX_FROM = 2025
"""From this census ``Sex`` (M, F, U) replaces ``GenderCurrent`` (1, 2, 0, 9)."""
CIN_PLAN_DATES_FROM = 2022
"""From this census each CIN episode carries its ``CINPlanDates``."""

_XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass(frozen=True)
class CinCodes:
    """The code lists of one census year, as its schema enumerates them."""

    year: int
    """The census year (ending 31 March)."""
    sex: tuple[str, ...]
    """``Sex`` from 2025, else ``GenderCurrent``."""
    ethnicity: tuple[str, ...]
    """``Ethnicity``."""
    disability: tuple[str, ...]
    """``Disability``."""
    upn_unknown: tuple[str, ...]
    """``UPNunknown``."""
    referral_source: tuple[str, ...]
    """``ReferralSource``."""
    primary_need: tuple[str, ...]
    """``PrimaryNeedCode``."""
    reason_for_closure: tuple[str, ...]
    """``ReasonForClosure``."""
    category_of_abuse: tuple[str, ...]
    """``InitialCategoryOfAbuse`` and ``LatestCategoryOfAbuse``."""
    assessment_factors: tuple[str, ...]
    """``AssessmentFactors``."""


def census_period(year: int) -> tuple[date, date]:
    """The first and last day of census ``year``: 1 April of the year before to 31 March.

    >>> census_period(2025)
    (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    """
    return date(year - 1, 4, 1), date(year, 3, 31)


def has_cin_plan_dates(year: int) -> bool:
    """Whether census ``year`` carries ``CINPlanDates``."""
    return year >= CIN_PLAN_DATES_FROM


def sex_element(year: int) -> str:
    """The element holding the child's sex in census ``year``."""
    return "Sex" if year >= SEX_FROM else "GenderCurrent"


def check_year(year: int) -> None:
    """Raise ``UnsupportedYearError`` unless a schema ships for census ``year``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UnsupportedYearError(
            f"no CIN census schema for {year}: years {FIRST_YEAR} to {LAST_YEAR} are supported"
        )


def _schema_bytes(year: int) -> bytes:
    check_year(year)
    path = resources.files("oversight.core.returns.cin") / "schemas" / f"CIN_schema_{year}.xsd"
    try:
        return path.read_bytes()
    except OSError as error:
        raise SpecError(f"the CIN census schema for {year} is missing ({error})") from None


def _document(year: int) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(_schema_bytes(year), parser)
    except etree.XMLSyntaxError as error:
        raise SpecError(f"the CIN census schema for {year} is malformed ({error})") from None


@cache
def xml_schema(year: int) -> etree.XMLSchema:
    """The compiled schema of census ``year``, for validating a file."""
    try:
        return etree.XMLSchema(_document(year))
    except etree.XMLSchemaParseError as error:
        raise SpecError(f"the CIN census schema for {year} does not compile ({error})") from None


@cache
def codes_for(year: int) -> CinCodes:
    """The code lists of census ``year``, read from its schema."""
    root = _document(year)
    enumerated: dict[str, tuple[str, ...]] = {}
    for simple in root.iter(f"{_XS}simpleType"):
        name = simple.get("name")
        if name:
            values = simple.iterfind(f"{_XS}restriction/{_XS}enumeration")
            enumerated[name] = tuple(str(value.get("value")) for value in values)

    def of(name: str) -> tuple[str, ...]:
        if not enumerated.get(name):
            raise SpecError(f"the CIN census schema for {year} enumerates no {name}")
        return enumerated[name]

    return CinCodes(
        year=year,
        sex=of("sextype" if year >= SEX_FROM else "gendertype"),
        ethnicity=of("ethnicitytype"),
        disability=of("disabilitytype"),
        upn_unknown=of("unknownupntype"),
        referral_source=of("referralsourcetype"),
        primary_need=of("primaryneedcodetype"),
        reason_for_closure=of("reasonforclosuretype"),
        category_of_abuse=of("categoryofabusetype"),
        assessment_factors=of("assessmentfactorstype"),
    )
