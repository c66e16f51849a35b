"""``oversight export annex-a`` and ``oversight convert annex-a``: a workbook or folder written,
or a report on standard error and exit status 1 or 2, never a traceback and nothing half-written."""

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oversight.cli.returns import convert_app, export_app
from oversight.core.ssd import read_ssd, write_ssd
from oversight.core.synth import ProfileName

SAMPLE = Path(__file__).parents[1] / "data" / "annex_a" / "annex_a_2024_jan_sample.xlsx"


@pytest.fixture(scope="module")
def ssd_folder(council_of, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ssd")
    write_ssd(council_of(ProfileName.TYPICAL, size=600), folder)
    return folder


def test_export_then_convert_writes_the_workbook_and_the_ssd(ssd_folder, tmp_path):
    out = tmp_path / "annex.xlsx"
    result = CliRunner().invoke(export_app, ["annex-a", "--ssd", str(ssd_folder),
                                             "--as-of", "2026-01-15", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(out)
    assert "List 11" in result.stderr and "Wrote Annex A" in result.stdout
    folder = tmp_path / "ssd"
    result = CliRunner().invoke(convert_app, ["annex-a", str(out), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    frames = read_ssd(folder)
    assert frames["ssd_contacts"].height > 0 and frames["ssd_cin_episodes"].height > 0


def test_export_to_a_folder_names_the_file_by_date(ssd_folder, tmp_path):
    result = CliRunner().invoke(export_app, ["annex-a", "--ssd", str(ssd_folder),
                                             "--as-of", "2026-01-15", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "annex_a_2026-01-15.xlsx").is_file()


def test_a_bad_date_is_a_usage_error(ssd_folder, tmp_path):
    result = CliRunner().invoke(export_app, ["annex-a", "--ssd", str(ssd_folder),
                                             "--as-of", "15/01/2026", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 2


def test_convert_the_public_sample_exits_1_with_the_report(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(convert_app, ["annex-a", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 1
    assert "List 4, line 2" in result.stderr and "CS Assessment Updated" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_convert_a_corrupt_workbook_exits_2(tmp_path):
    source = tmp_path / "corrupt.xlsx"
    source.write_bytes(b"not a zip")
    out = tmp_path / "out"
    result = CliRunner().invoke(convert_app, ["annex-a", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert "corrupt.xlsx" in result.stderr and "Traceback" not in result.output
    assert not out.exists()
