"""Statutory returns as load inputs: an SSDA903 return or a CIN census becomes a snapshot
through the same path as an SSD extract (``imports/returns.py``, ``imports/sources.py``)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from oversight.cli import app
from oversight.core.returns.cin import export_cin, write_cin
from oversight.core.returns.ssda903 import export_ssda903, write_ssda903_csv, write_ssda903_xml
from oversight.core.synth import ProfileName
from oversight.web.accounts.models import Role
from oversight.web.imports.models import (
    Child,
    ChildFlag,
    Event,
    LoadProblem,
    Snapshot,
    SnapshotStatus,
    SourceKind,
)
from oversight.web.imports.queries import latest_snapshot
from oversight.web.imports.returns import cin_year, is_903_csv, xml_root
from oversight.web.imports.services import LoadRequest, load_now
from oversight.web.imports.sources import open_input

YEAR = 2026


@dataclass(frozen=True)
class Returns:
    """A small synthetic council's 903 return (CSV folder, zip, XML) and CIN census."""

    csv_folder: Path
    csv_zip: Path
    xml_903: Path
    cin: Path
    children_903: int
    children_cin: int


@pytest.fixture(scope="session")
def returns(council_of: Callable[..., dict[str, pl.DataFrame]], tmp_path_factory: Any) -> Returns:
    """Made once: the returns of a ``typical`` council of about 60 children in need."""
    root: Path = tmp_path_factory.mktemp("returns")
    frames = council_of(ProfileName.TYPICAL, size=60, seed=2)
    exported = export_ssda903(frames, year=YEAR)
    write_ssda903_csv(exported.ret, root / "903")
    with zipfile.ZipFile(root / "903.zip", "w") as archive:
        for path in sorted((root / "903").iterdir()):
            archive.write(path, f"ssda903/{path.name}")
    write_ssda903_xml(exported.ret, root / "ssda903.xml")
    census = export_cin(frames, year=YEAR, lea="999")
    write_cin(census, root / "cin.xml", synthetic=True)
    return Returns(
        csv_folder=root / "903",
        csv_zip=root / "903.zip",
        xml_903=root / "ssda903.xml",
        cin=root / "cin.xml",
        children_903=exported.ret.tables["header"].height,
        children_cin=census["children"].height,
    )


def rows() -> tuple[int, int, int]:
    return Child.objects.count(), Event.objects.count(), ChildFlag.objects.count()


def test_inputs_are_recognised_by_their_columns_and_roots(returns: Returns, tmp_path: Path) -> None:
    renamed = tmp_path / "anything.csv"
    shutil.copy(returns.csv_folder / "episodes.csv", renamed)
    assert is_903_csv(renamed)
    assert (xml_root(returns.xml_903), xml_root(returns.cin)) == ("EXPSSDA903", "Message")
    assert cin_year(returns.cin) == YEAR
    kinds = {
        path.name: open_input(path, workdir=tmp_path / path.name).kind
        for path in (returns.csv_folder, returns.csv_zip, returns.xml_903, returns.cin)
    }
    assert kinds == {
        "903": SourceKind.SSDA903,
        "903.zip": SourceKind.SSDA903,
        "ssda903.xml": SourceKind.SSDA903,
        "cin.xml": SourceKind.CIN,
    }


@pytest.mark.parametrize("which", ["csv_folder", "csv_zip", "xml_903"])
def test_a_903_return_loads_into_a_snapshot(
    which: str, returns: Returns, db: None, data_dir: Path
) -> None:
    path: Path = getattr(returns, which)
    snapshot = load_now(LoadRequest(path=path, source_name=path.name, year=YEAR))
    assert snapshot.status == SnapshotStatus.COMPLETE, snapshot.message
    assert (snapshot.source_kind, snapshot.collection_year) == (SourceKind.SSDA903, YEAR)
    assert snapshot.as_of == date(YEAR, 3, 31)
    assert Child.objects.filter(snapshot=snapshot).count() == returns.children_903
    assert snapshot.table_rows["ssd_cla_episodes"] > 0
    assert ChildFlag.objects.filter(snapshot=snapshot).exists()
    assert latest_snapshot() == snapshot


def test_a_903_return_without_its_year_fails_and_says_so(
    returns: Returns, db: None, data_dir: Path
) -> None:
    snapshot = load_now(LoadRequest(path=returns.csv_folder, source_name="903"))
    assert snapshot.status == SnapshotStatus.FAILED
    assert snapshot.source_kind == SourceKind.SSDA903
    assert "The collection year is missing" in snapshot.message
    assert "--year" in snapshot.message
    assert rows() == (0, 0, 0)


def test_a_cin_census_loads_with_the_year_its_header_states(
    returns: Returns, db: None, data_dir: Path
) -> None:
    snapshot = load_now(LoadRequest(path=returns.cin, source_name="cin.xml"))
    assert snapshot.status == SnapshotStatus.COMPLETE, snapshot.message
    assert (snapshot.source_kind, snapshot.collection_year) == (SourceKind.CIN, YEAR)
    assert snapshot.council_code == "999"
    assert Child.objects.filter(snapshot=snapshot).count() == returns.children_cin
    assert Event.objects.filter(snapshot=snapshot).exists()


def test_a_cin_census_with_another_year_given_is_refused(
    returns: Returns, db: None, data_dir: Path
) -> None:
    snapshot = load_now(LoadRequest(path=returns.cin, source_name="cin.xml", year=YEAR - 1))
    assert snapshot.status == SnapshotStatus.FAILED
    assert f"says it is the {YEAR} census, but {YEAR - 1} was given" in snapshot.message


def test_a_corrupt_903_return_fails_with_located_problems_and_changes_nothing(
    returns: Returns, db: None, data_dir: Path, tmp_path: Path
) -> None:
    good = load_now(LoadRequest(path=returns.cin, source_name="cin.xml"))
    before = rows()
    broken = tmp_path / "broken"
    shutil.copytree(returns.csv_folder, broken)
    header = (broken / "header.csv").read_text().splitlines()
    fields = header[2].split(",")
    fields[2] = "31/02/2011"
    header[2] = ",".join(fields)
    (broken / "header.csv").write_text("\n".join(header) + "\n")

    failed = load_now(LoadRequest(path=broken, source_name="broken", year=YEAR))

    assert failed.status == SnapshotStatus.FAILED
    assert failed.source_kind == SourceKind.SSDA903
    assert failed.message.startswith(f"1 problem found in the {YEAR} SSDA903 return")
    problem = LoadProblem.objects.get(snapshot=failed)
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "header.csv",
        3,
        "DOB",
        "31/02/2011",
    )
    assert problem.child == fields[0]
    assert latest_snapshot() == good
    assert rows() == before


def test_a_corrupt_cin_census_fails_naming_the_element(
    returns: Returns, db: None, data_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "cin.xml"
    text = returns.cin.read_text("utf-8")
    start = text.index("<ReferralSource>") + len("<ReferralSource>")
    broken.write_text(text[:start] + "ZZ" + text[text.index("<", start) :], "utf-8")

    failed = load_now(LoadRequest(path=broken, source_name="cin.xml"))

    assert failed.status == SnapshotStatus.FAILED
    problem = LoadProblem.objects.get(snapshot=failed)
    assert problem.value == "ZZ"
    assert problem.element.startswith("Message/Children[1]/Child[1]/CINdetails[1]")
    assert problem.element.endswith("ReferralSource")
    assert rows() == (0, 0, 0)


def test_an_analyst_uploads_903_csvs_with_the_year_and_a_cin_census(
    returns: Returns, data_dir: Path, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    url = reverse("imports:load-list")
    with returns.csv_zip.open("rb") as upload:
        response = client.post(url, {"file": upload, "year": YEAR}, follow=True)
    assert b"SSDA903 return" in response.content
    assert b"Collection year" in response.content
    cin = SimpleUploadedFile("cin.xml", returns.cin.read_bytes(), "application/xml")
    response = client.post(url, {"file": cin}, follow=True)
    assert b"CIN census" in response.content
    assert [s.status for s in Snapshot.objects.order_by("pk")] == ["complete", "complete"]
    assert not list((data_dir / "uploads").iterdir())


def test_the_upload_form_refuses_xml_that_is_no_return(
    data_dir: Path, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    other = SimpleUploadedFile("x.xml", b"<?xml version='1.0'?><Other/>")
    response = client.post(reverse("imports:load-list"), {"file": other})
    assert b"must be a zip file" in response.content
    assert not Snapshot.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_oversight_import_takes_the_year(returns: Returns, data_dir: Path) -> None:
    missing = CliRunner().invoke(app, ["import", str(returns.csv_folder)])
    assert missing.exit_code == 2
    assert "collection year is missing" in missing.output
    result = CliRunner().invoke(app, ["import", str(returns.csv_folder), "--year", str(YEAR)])
    assert result.exit_code == 0, result.output
    assert "Loaded SSDA903 return 2025–26" in result.output
