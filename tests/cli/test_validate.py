"""``oversight validate ssd``: a report on standard output and the exit status of the brief."""

from typer.testing import CliRunner

from oversight.cli import app
from oversight.core.ssd import TABLES, write_ssd

runner = CliRunner()


def _department(tmp_path, team_ids):
    import polars as pl

    frame = TABLES["ssd_department"].complete(pl.DataFrame({"dept_team_id": team_ids}))
    write_ssd({"ssd_department": frame}, tmp_path)


def test_a_clean_folder_exits_0(tmp_path):
    _department(tmp_path, ["T1", "T2"])
    result = runner.invoke(app, ["validate", "ssd", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output
    assert "ssd_department" in result.output


def test_problems_exit_1_and_are_listed_with_file_line_and_column(tmp_path):
    _department(tmp_path, ["T1", "T1"])
    result = runner.invoke(app, ["validate", "ssd", str(tmp_path)], terminal_width=200)
    assert result.exit_code == 1, result.output
    assert "ssd_department.csv │ 3    │ dept_team_id" in result.output
    assert "1 problems found" in result.output


def test_an_unreadable_folder_exits_2_with_a_message_on_standard_error(tmp_path):
    result = runner.invoke(app, ["validate", "ssd", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_usage_error_exits_2(tmp_path):
    result = runner.invoke(app, ["validate", "ssd"])
    assert result.exit_code == 2
