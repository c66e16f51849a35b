"""Loads: folder or zip → one immutable snapshot, all or nothing (``imports/services.py``)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse

from oversight.core.measures import compute_measures, population_from_council
from oversight.core.ssd import read_ssd
from oversight.web.accounts.models import Role
from oversight.web.imports.models import (
    Child,
    ChildFlag,
    Event,
    ImmutableSnapshotError,
    IndicatorValue,
    LoadProblem,
    Snapshot,
    SnapshotStatus,
)
from oversight.web.imports.queries import latest_snapshot
from oversight.web.imports.services import LoadRequest, load_now
from oversight.web.imports.sources import LoadInputError, unpack_zip


def zip_folder(folder: Path, target: Path, *, inner: str = "extract") -> Path:
    """``folder``'s files in a zip, under one inner folder as people usually zip them."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{inner}/{path.name}")
    return target


def test_a_load_persists_what_the_measures_compute(
    loaded: Snapshot, small_council_dir: Path
) -> None:
    frames = read_ssd(small_council_dir)
    council = json.loads((small_council_dir / "council.json").read_text())
    measures = compute_measures(
        frames, as_of=loaded.as_of, population=population_from_council(council)
    )
    assert (loaded.council_code, loaded.is_synthetic, str(loaded.as_of)) == (
        "S999",
        True,
        "2026-03-31",
    )
    assert ChildFlag.objects.filter(snapshot=loaded).count() == measures.flags.height
    assert IndicatorValue.objects.filter(snapshot=loaded).count() == measures.indicators.height
    assert Child.objects.filter(snapshot=loaded).count() == frames["ssd_person"].height
    overdue = measures.flags.filter(pl.col("status") == "overdue").height
    assert ChildFlag.objects.filter(snapshot=loaded, status="overdue").count() == overdue
    assert Event.objects.filter(snapshot=loaded, kind="Contact").count() == (
        frames["ssd_contacts"].filter(pl.col("cont_contact_date") <= loaded.as_of).height
    )
    event = Event.objects.filter(snapshot=loaded, kind="Child in need visit").first()
    assert event is not None and "cinv_cin_visit_seen" in event.attributes
    stored = {path.name for path in parquet_dir(loaded).iterdir()}
    assert stored == {f"{name}.parquet" for name in frames}
    assert loaded.table_rows["ssd_person"] == frames["ssd_person"].height


def parquet_dir(snapshot: Snapshot) -> Path:
    from oversight.web.imports.services import snapshots_dir

    return snapshots_dir() / str(snapshot.pk)


def test_a_complete_snapshot_cannot_change(loaded: Snapshot) -> None:
    loaded.council_name = "Changed"
    with pytest.raises(ImmutableSnapshotError):
        loaded.save()


def test_a_failed_load_changes_nothing_and_says_why(
    loaded: Snapshot, small_council_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(small_council_dir, broken)
    people = pl.read_parquet(broken / "ssd_person.parquet")
    (broken / "ssd_person.parquet").unlink()
    people.with_columns(pl.col("pers_dob").cast(pl.String)).with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("not a date"))
        .otherwise("pers_dob")
        .alias("pers_dob")
    ).write_csv(broken / "ssd_person.csv")
    rows_before = (Child.objects.count(), Event.objects.count(), ChildFlag.objects.count())

    failed = load_now(LoadRequest(path=broken, source_name="broken"))

    assert failed.status == SnapshotStatus.FAILED
    assert failed.message.startswith("1 problem found in the SSD tables: nothing was loaded.")
    problem = LoadProblem.objects.get(snapshot=failed)
    assert (problem.file, problem.line, problem.column) == ("ssd_person.csv", 4, "pers_dob")
    assert latest_snapshot() == loaded
    assert (Child.objects.count(), Event.objects.count(), ChildFlag.objects.count()) == rows_before
    assert not parquet_dir(failed).exists()
    assert parquet_dir(loaded).is_dir()


def test_an_unreadable_input_fails_with_a_reason(db: None, data_dir: Path, tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello")
    snapshot = load_now(LoadRequest(path=not_zip, source_name="notes.txt"))
    assert snapshot.status == SnapshotStatus.FAILED
    assert "not a folder or a zip" in snapshot.message
    assert latest_snapshot() is None


def test_a_zip_with_an_escaping_name_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../outside.csv", "x")
    with pytest.raises(LoadInputError, match="unsafe file name"):
        unpack_zip(evil, tmp_path / "out")
    assert not (tmp_path / "outside.csv").exists()


def test_an_analyst_uploads_a_zip_and_sees_the_outcome(
    data_dir: Path,
    small_council_dir: Path,
    tmp_path: Path,
    user_factory: Any,
    sign_in: Any,
) -> None:
    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    archive = zip_folder(small_council_dir, tmp_path / "extract.zip")
    with archive.open("rb") as upload:
        response = client.post(reverse("imports:load-list"), {"file": upload})
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert response["Location"] == reverse("imports:load-detail", kwargs={"pk": snapshot.pk})
    # The test profile runs tasks immediately, so the load has finished.
    page = client.get(response["Location"])
    assert snapshot.status == SnapshotStatus.COMPLETE
    assert snapshot.created_by is not None and snapshot.source_name == "extract.zip"
    assert b"Loaded" in page.content and b"ssd_person" in page.content
    assert not (data_dir / "uploads" / f"{snapshot.pk}.zip").exists()


def test_the_upload_form_refuses_a_file_that_is_not_a_zip(
    data_dir: Path, user_factory: Any, sign_in: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    response = client.post(
        reverse("imports:load-list"), {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n")}
    )
    assert response.status_code == 200
    assert b"must be a zip file" in response.content
    assert not Snapshot.objects.exists()


def test_a_failed_upload_shows_its_report(
    data_dir: Path, small_council_dir: Path, tmp_path: Path, user_factory: Any, sign_in: Any
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(small_council_dir, broken)
    (broken / "ssd_cin_plans.csv").write_text("cinp_cin_plan_id\nP1\n")
    client: Client = sign_in(user_factory(role=Role.ADMINISTRATOR))
    with zip_folder(broken, tmp_path / "broken.zip").open("rb") as upload:
        response = client.post(reverse("imports:load-list"), {"file": upload}, follow=True)
    assert b"The load failed: nothing was changed" in response.content
    assert b"ssd_cin_plans.csv" in response.content
