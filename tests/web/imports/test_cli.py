"""``oversight import PATH``: the same load as the upload page, run now (``cli/imports.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from oversight.cli import app
from oversight.web.imports.models import Snapshot, SnapshotStatus


@pytest.mark.django_db(transaction=True)
def test_import_loads_a_folder_and_exits_0(data_dir: Path, small_council_dir: Path) -> None:
    result = CliRunner().invoke(app, ["import", str(small_council_dir)])
    assert result.exit_code == 0, result.output
    assert "Loaded SSD extract of Testfield Council (synthetic) as of 2026-03-31" in result.output
    assert Snapshot.objects.get().status == SnapshotStatus.COMPLETE


@pytest.mark.django_db(transaction=True)
def test_import_of_an_unreadable_input_exits_2(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "notes.txt")])
    assert result.exit_code == 2
    assert "Nothing was loaded" in result.output
    assert CliRunner().invoke(app, ["import", str(tmp_path / "absent")]).exit_code == 2
