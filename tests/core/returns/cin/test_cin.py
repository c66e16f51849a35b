"""CIN census: export validates against each year's XSD, reading refuses bad XML, round trips hold."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from lxml import etree
from polars.testing import assert_frame_equal

import oversight.core.returns.cin as cin
from oversight.core.returns import (
    ProblemKind,
    ReturnExportError,
    ReturnReadError,
    ReturnUnreadableError,
)
from oversight.core.returns.cin import census_view, export_cin, load_cin, read_cin, write_cin
from oversight.core.returns.cin._schema import codes_for, xml_schema
from oversight.core.synth import ProfileName

PROFILES = list(ProfileName)
YEARS = (2023, 2024, 2025, 2026)


@pytest.fixture(scope="module")
def councils(council_of):
    return {profile: council_of(profile, size=600) for profile in PROFILES}


def test_public_names_are_sorted_and_exported():
    isort_style = sorted(cin.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    assert cin.__all__ == isort_style
    assert all(hasattr(cin, name) for name in cin.__all__)


def test_each_year_schema_pins_its_code_changes():
    assert "24A" not in codes_for(2021).assessment_factors
    assert "24A" in codes_for(2022).assessment_factors
    assert "5D" not in codes_for(2022).referral_source and "5D" in codes_for(2023).referral_source
    assert codes_for(2024).sex == ("1", "2", "0", "9") and codes_for(2025).sex == ("M", "F", "U")
    assert all(xml_schema(year) is not None for year in range(2017, 2027))


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("year", YEARS)
def test_export_validates_against_the_year_schema(councils, profile, year, tmp_path):
    census = export_cin(councils[profile], year=year)
    path = write_cin(census, tmp_path / "cin.xml", synthetic=True)
    document = etree.parse(str(path))
    assert xml_schema(year).validate(document), xml_schema(year).error_log
    assert len(document.findall("Children/Child")) == census["children"].height > 0


def test_export_before_2023_refuses_5d_naming_each_row(councils):
    with pytest.raises(ReturnExportError) as raised:
        export_cin(councils[ProfileName.TYPICAL], year=2021)
    problems = raised.value.problems
    assert problems and all(p.kind is ProblemKind.NO_EQUIVALENT_CODE for p in problems)
    assert any(p.field == "cine_referral_source_code" and p.value == "5D" for p in problems)
    assert all(p.child is not None for p in problems)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("year", (2024, 2025))
def test_return_to_ssd_to_return_is_identical(councils, profile, year, tmp_path):
    census = export_cin(councils[profile], year=year)
    read = read_cin(write_cin(census, tmp_path / "cin.xml"), year=year)
    for name, frame in census.frames.items():
        assert_frame_equal(read[name], frame)
    again = export_cin(load_cin(read), year=year)
    for name, frame in census.frames.items():
        if name == "cp_plans":  # the SSD cannot carry NumberOfPreviousCPP
            frame, other = (
                frame.drop("NumberOfPreviousCPP"),
                again[name].drop("NumberOfPreviousCPP"),
            )
        else:
            other = again[name]
        assert_frame_equal(other, frame)


def _content(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame without minted ids (every ``*_id`` but the person's), sorted."""
    keep = [c for c in frame.columns if not c.endswith("_id") or c.endswith("person_id")]
    return frame.select(keep).sort(keep, nulls_last=True)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("year", (2024, 2025))
def test_ssd_to_return_to_ssd_is_the_census_view(councils, profile, year, tmp_path):
    view = census_view(councils[profile], year=year)
    census = read_cin(
        write_cin(export_cin(councils[profile], year=year), tmp_path / "c.xml"), year=year
    )
    loaded = load_cin(census)
    for name, frame in view.items():
        assert_frame_equal(_content(loaded[name].select(frame.columns)), _content(frame))


def _xml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.xml"
    path.write_text(text)
    return path


CHILD = (
    "<Message><Children><Child><ChildIdentifiers><LAchildID>C1</LAchildID>"
    "<Sex>M</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
    "</ChildCharacteristics><CINdetails><CINreferralDate>{date}</CINreferralDate>"
    "<ReferralSource>{source}</ReferralSource><ReferralNFA>0</ReferralNFA></CINdetails>"
    "</Child></Children></Message>"
)


def test_read_reports_bad_dates_and_codes_with_element_paths(tmp_path):
    path = _xml(tmp_path, CHILD.format(date="2024-13-01", source="ZZ"))
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    found = {(p.kind, p.element, p.value) for p in raised.value.problems}
    base = "Message/Children[1]/Child[1]/CINdetails[1]"
    assert (ProblemKind.BAD_VALUE, f"{base}/CINreferralDate", "2024-13-01") in found
    assert (ProblemKind.UNKNOWN_CODE, f"{base}/ReferralSource", "ZZ") in found


def test_read_refuses_a_doctype(tmp_path):
    path = _xml(
        tmp_path, '<!DOCTYPE m [<!ENTITY e "x">]>' + CHILD.format(date="2024-01-01", source="1A")
    )
    with pytest.raises(ReturnUnreadableError) as raised:
        read_cin(path, year=2025)
    assert raised.value.problems[0].kind is ProblemKind.UNSAFE_INPUT


def test_read_refuses_truncated_xml_naming_where_it_stopped(tmp_path):
    text = CHILD.format(date="2024-01-01", source="1A")
    path = _xml(tmp_path, text[: text.index("<ReferralNFA>")])
    with pytest.raises(ReturnUnreadableError) as raised:
        read_cin(path, year=2025)
    problem = raised.value.problems[0]
    assert problem.kind is ProblemKind.UNREADABLE_FILE
    assert problem.element == "Message/Children[1]/Child[1]/CINdetails[1]"


def test_read_reports_an_unexpected_element(tmp_path):
    path = _xml(
        tmp_path,
        CHILD.format(date="2024-01-01", source="1A").replace(
            "<Sex>M</Sex>", "<GenderCurrent>1</GenderCurrent>"
        ),
    )
    with pytest.raises(ReturnReadError) as raised:
        read_cin(path, year=2025)
    assert raised.value.problems[0].field == "GenderCurrent"


def test_write_leaves_nothing_when_invalid(tmp_path):
    census = export_cin({}, year=2025)  # no children: the schema requires one
    with pytest.raises(ReturnExportError):
        write_cin(census, tmp_path / "out.xml")
    assert list(tmp_path.iterdir()) == []
