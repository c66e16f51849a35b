"""An Ofsted Annex A workbook as a load input: recognised as a workbook (not unpacked as the zip
it is), read and loaded through the returns module, then the same snapshot path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from oversight.core.returns.annex_a import export_annex_a, write_annex_a
from oversight.core.synth import ProfileName
from oversight.web.accounts.models import Role
from oversight.web.imports.models import Child, LoadProblem, Snapshot, SnapshotStatus, SourceKind
from oversight.web.imports.services import LoadRequest, load_now
from oversight.web.imports.sources import open_input

INSPECTION = date(2026, 3, 31)


@pytest.fixture(scope="session")
def workbook(council_of: Callable[..., dict[str, pl.DataFrame]], tmp_path_factory: Any) -> Path:
    """The Annex A of a small ``typical`` council for an inspection on 31 March 2026."""
    frames = council_of(ProfileName.TYPICAL, size=60, seed=2)
    path: Path = tmp_path_factory.mktemp("annex") / "annex_a.xlsx"
    return write_annex_a(export_annex_a(frames, as_of=INSPECTION).annex, path)


def test_a_workbook_is_recognised_as_annex_a_not_unpacked(workbook: Path, tmp_path: Path) -> None:
    found = open_input(workbook, workdir=tmp_path)
    assert found.kind == SourceKind.ANNEX_A
    assert list(tmp_path.iterdir()) == []


def test_an_annex_a_workbook_loads_into_a_snapshot(
    workbook: Path, db: None, data_dir: Path
) -> None:
    snapshot = load_now(LoadRequest(path=workbook, source_name="annex_a.xlsx", as_of=INSPECTION))
    assert snapshot.status == SnapshotStatus.COMPLETE, snapshot.message
    assert snapshot.source_kind == SourceKind.ANNEX_A
    assert snapshot.as_of == INSPECTION
    assert Child.objects.filter(snapshot=snapshot).count() > 10


def test_a_workbook_with_unmatched_values_fails_with_located_problems(
    workbook: Path, db: None, data_dir: Path, tmp_path: Path
) -> None:
    from oversight.core.returns.annex_a import read_annex_a, write_annex_a

    annex = read_annex_a(workbook)
    broken_lists = dict(annex.lists)
    broken_lists[1] = annex.lists[1].with_columns(pl.lit("Dragon").alias("Gender"))
    broken = tmp_path / "broken.xlsx"
    write_annex_a(type(annex)(broken_lists), broken)
    snapshot = load_now(LoadRequest(path=broken, source_name="broken.xlsx", as_of=INSPECTION))
    assert snapshot.status == SnapshotStatus.FAILED
    assert "problem" in snapshot.message and "Annex A" in snapshot.message
    problem = LoadProblem.objects.filter(snapshot=snapshot).first()
    assert problem is not None and problem.value == "Dragon"
    assert not Child.objects.exists()


def test_the_upload_form_takes_a_workbook(
    workbook: Path, data_dir: Path, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    upload = SimpleUploadedFile("annex_a.xlsx", workbook.read_bytes())
    response = client.post(reverse("imports:load-list"), {"file": upload})
    assert response.status_code == 302, response.content[:500]
    snapshot = Snapshot.objects.get()
    assert snapshot.source_kind == SourceKind.ANNEX_A, snapshot.message
