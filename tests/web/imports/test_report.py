"""The load report downloads as CSV and xlsx, neutralised against formula injection."""

from __future__ import annotations

import csv
import io
from typing import Any

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse

from oversight.web.accounts.models import AccessEvent, Role
from oversight.web.imports.models import LoadProblem, Snapshot, SnapshotStatus

EVIL = '=HYPERLINK("http://example.invalid","x")'


@pytest.fixture
def failed(db: None) -> Snapshot:
    """A failed load whose report quotes a value a spreadsheet would run as a formula."""
    snapshot = Snapshot.objects.create(source_name="broken.zip")
    for line, value in ((3, EVIL), (4, "1/2/3")):
        LoadProblem.objects.create(snapshot=snapshot, kind="bad_value", file="header.csv",
                                   line=line, column="DOB", child="C1", value=value,
                                   expected="a date as DD/MM/YYYY")  # fmt: skip
    Snapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.FAILED, problem_count=2)
    return snapshot


def test_the_report_downloads_as_neutralised_csv(
    failed: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    response = client.get(reverse("imports:load-report-csv", kwargs={"pk": failed.pk}))
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="load-{failed.pk}-report.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["value"] for row in rows] == ["'" + EVIL, "1/2/3"]
    assert (rows[0]["file"], rows[0]["line"], rows[0]["child"]) == ("header.csv", "3", "C1")
    event = AccessEvent.objects.get()
    assert (event.action, event.what, event.snapshot_id) == (
        "export",
        "imports:load-report-csv",
        failed.pk,
    )


def test_the_report_downloads_as_xlsx_with_text_not_formulas(
    failed: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.ADMINISTRATOR))
    url = reverse("imports:load-report-xlsx", kwargs={"pk": failed.pk})
    response = client.get(url, {"file": "header.csv"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = pl.read_excel(io.BytesIO(response.content))
    assert sheet["value"].to_list() == ["'" + EVIL, "1/2/3"]
    assert b"<f>" not in _sheet_xml(response.content)
    assert client.get(url, {"file": "other.csv"}).status_code == 200


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.DIRECTOR, Role.ELECTED_MEMBER])
def test_only_those_who_load_may_download_it(
    role: Role, failed: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=role))
    url = reverse("imports:load-report-csv", kwargs={"pk": failed.pk})
    assert client.get(url).status_code == 403


def test_the_report_page_links_the_downloads(
    failed: Snapshot, user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.PERFORMANCE_ANALYST))
    page = client.get(reverse("imports:load-detail", kwargs={"pk": failed.pk}))
    assert reverse("imports:load-report-xlsx", kwargs={"pk": failed.pk}).encode() in page.content
