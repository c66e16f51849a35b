"""``oversight export cin`` and ``oversight convert cin``: a file or folder written, or a report
on standard error and exit status 1 or 2, never a traceback and nothing half-written."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from oversight.cli.returns import convert_app, export_app
from oversight.core.ssd import read_ssd, write_ssd
from oversight.core.synth import ProfileName


@pytest.fixture(scope="module")
def ssd_folder(council_of, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ssd")
    write_ssd(council_of(ProfileName.TYPICAL, size=600), folder)
    return folder


def test_export_then_convert_writes_the_census_and_the_ssd(ssd_folder, tmp_path):
    out = tmp_path / "cin.xml"
    result = CliRunner().invoke(export_app, ["cin", "--ssd", str(ssd_folder), "--year", "2025",
                                             "--out", str(out), "--synthetic"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC" in out.read_text()
    folder = tmp_path / "ssd"
    folder.mkdir()
    result = CliRunner().invoke(
        convert_app, ["cin", str(out), "--year", "2025", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert read_ssd(folder)["ssd_cin_episodes"].height > 0


def test_export_with_codes_the_year_lacks_exits_1_and_writes_nothing(ssd_folder, tmp_path):
    out = tmp_path / "cin.xml"
    result = CliRunner().invoke(export_app, ["cin", "--ssd", str(ssd_folder), "--year", "2021",
                                             "--out", str(out)])  # fmt: skip
    assert result.exit_code == 1
    assert "5D" in result.stderr and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_convert_truncated_xml_exits_2_naming_the_element(tmp_path):
    source = tmp_path / "in.xml"
    source.write_text("<Message><Children><Child><ChildIdentifiers>")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        convert_app, ["cin", str(source), "--year", "2025", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "Message/Children[1]/Child[1]" in result.stderr
    assert not out.exists()


def test_convert_a_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(convert_app, ["cin", str(tmp_path / "nope.xml"), "--year", "2025",
                                              "--out", str(tmp_path / "o")])  # fmt: skip
    assert result.exit_code == 2 and "Traceback" not in result.output
