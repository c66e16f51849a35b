"""``oversight export ssda903`` and ``oversight convert ssda903``: files written, or a report and
the exit status of the brief, never a traceback and never a half-written output."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from oversight.cli.returns import convert_app, export_app
from oversight.core.returns.ssda903 import (
    Ssda903Return,
    load_ssda903,
    read_ssda903,
    write_ssda903_csv,
    write_ssda903_xml,
)
from oversight.core.returns.ssda903.schema import schema_for
from oversight.core.ssd import read_ssd, write_ssd


def small_return(year: int) -> Ssda903Return:
    """Two children: C1 in care with a move, C2 an unaccompanied mother; codes of ``year``."""
    schema = schema_for(year)
    dob = [date(2010, 1, 2), date(2008, 3, 4)]

    def typed(key, **columns):
        return schema.table(key).complete(pl.DataFrame(columns, strict=False))

    return Ssda903Return(year, {
        "header": typed("header", CHILD=["C1", "C2"], SEX=["M", "F"] if year >= 2025 else ["1", "2"],
                        DOB=dob, MOTHER=[None, "1"], MC_DOB=[None, date(2024, 5, 5)]),
        "episodes": typed("episodes", CHILD=["C1", "C1", "C2"],
                          DECOM=[date(year - 1, 4, 1), date(year - 1, 6, 1), date(year - 1, 7, 1)],
                          RNE=["S", "P", "S"], LS=["C2", "C2", "V2"], PLACE=["U1", "U3", "K2"],
                          DEC=[date(year - 1, 6, 1), None, None], REC=["X1", None, None]),
        "uasc": typed("uasc", CHILD=["C2"], SEX=["F"] if year >= 2025 else ["2"], DOB=[dob[1]]),
    })  # fmt: skip


SAMPLES = Path(__file__).parents[1] / "data" / "ssda903"

app = typer.Typer()
app.add_typer(export_app, name="export")
app.add_typer(convert_app, name="convert")
"""The two verbs as ``oversight.cli`` registers them."""

runner = CliRunner()


def _run(*args: str):
    result = runner.invoke(app, [str(arg) for arg in args], terminal_width=200)
    assert "Traceback" not in result.output + result.stderr
    return result


def test_convert_writes_the_ssd_tables_of_a_return(tmp_path):
    write_ssda903_csv(small_return(2025), tmp_path / "in")
    result = _run(
        "convert", "ssda903", tmp_path / "in", "--year", "2025", "--out", tmp_path / "ssd"
    )
    assert result.exit_code == 0, result.stderr
    frames = read_ssd(tmp_path / "ssd")
    assert frames["ssd_person"]["pers_person_id"].to_list()[:2] == ["C1", "C2"]
    assert "Wrote" in result.stdout


def test_convert_names_ssd_tables_already_in_the_folder_that_it_did_not_write(tmp_path):
    write_ssda903_csv(small_return(2025), tmp_path / "in")
    (tmp_path / "ssd").mkdir()
    (tmp_path / "ssd" / "ssd_missing.csv").write_text("miss_table_id\n")
    result = _run(
        "convert", "ssda903", tmp_path / "in", "--year", "2025", "--out", tmp_path / "ssd"
    )
    assert result.exit_code == 0, result.stderr
    assert "left as they were (not from this return): ssd_missing.csv" in result.stderr


def test_convert_reads_last_years_return_alongside(tmp_path):
    write_ssda903_csv(small_return(2025), tmp_path / "now")
    write_ssda903_xml(small_return(2024), tmp_path / "then.xml")
    result = _run("convert", "ssda903", tmp_path / "now", "--previous", tmp_path / "then.xml",
                  "--year", "2025", "--out", tmp_path / "ssd")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    episodes = read_ssd(tmp_path / "ssd")["ssd_cla_episodes"]
    assert episodes.height == 6  # three this year, three last year


def test_a_return_with_problems_exits_1_lists_them_and_writes_nothing(tmp_path):
    result = _run("convert", "ssda903", SAMPLES, "--year", "2020", "--out", tmp_path / "ssd")
    assert result.exit_code == 1
    assert "ssda903_2020_header_sample.csv" in result.stderr
    assert "UNKN" in result.stderr and "*DUMMY*" in result.stderr
    assert "3 problems; nothing was written." in result.stderr
    assert not (tmp_path / "ssd").exists()


def test_rows_the_ssd_cannot_hold_exit_1(tmp_path):
    episodes = pl.read_csv(SAMPLES / "ssda903_2020_episodes_sample.csv", infer_schema=False)
    episodes.drop("TEST_COLUMN").with_columns(pl.col("RNE").replace("*DUMMY*", "P")).write_csv(
        tmp_path / "episodes.csv"
    )
    header = (SAMPLES / "ssda903_2020_header_sample.csv").read_text().replace("UNKN", "NOBT")
    (tmp_path / "header.csv").write_text(header)
    result = _run("convert", "ssda903", tmp_path, "--year", "2020", "--out", tmp_path / "ssd")
    assert result.exit_code == 1
    assert "each child once in the Header" in result.stderr
    assert not (tmp_path / "ssd").exists()


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><EXPSSDA903>&e;</EXPSSDA903>',
        "<EXPSSDA903><CHILD><HEADER>",
    ],
)
def test_hostile_or_truncated_xml_exits_2(tmp_path, text):
    (tmp_path / "in.xml").write_text(text)
    result = _run(
        "convert", "ssda903", tmp_path / "in.xml", "--year", "2025", "--out", tmp_path / "ssd"
    )
    assert result.exit_code == 2
    assert "Cannot read" in result.stderr
    assert not (tmp_path / "ssd").exists()


def test_a_missing_input_or_a_year_without_a_specification_exits_2(tmp_path):
    result = _run("convert", "ssda903", tmp_path / "nowhere", "--year", "2025", "--out", tmp_path)
    assert result.exit_code == 2
    assert "Cannot read" in result.stderr
    assert _run("convert", "ssda903", tmp_path, "--year", "2016", "--out", tmp_path).exit_code == 2
    result = _run(
        "convert", "ssda903", tmp_path, "--previous", tmp_path, "--year", "2018", "--out", tmp_path
    )
    assert result.exit_code == 2
    assert "first supported year is 2018" in result.stderr


def _ssd(tmp_path: Path, year: int = 2025) -> Path:
    write_ssd(load_ssda903(small_return(year)).frames, tmp_path / "ssd")
    return tmp_path / "ssd"


def test_export_writes_exactly_the_years_csv_columns(tmp_path):
    ssd = _ssd(tmp_path)
    result = _run("export", "ssda903", "--ssd", ssd, "--year", "2025", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    schema = schema_for(2025)
    for path in sorted((tmp_path / "out").iterdir()):
        header = path.read_text().splitlines()[0].split(",")
        assert header == schema.table(path.stem).column_names
    assert read_ssda903(tmp_path / "out", year=2025).tables["episodes"].height == 3


def test_export_writes_xml_and_notes_what_it_cannot_carry(tmp_path):
    ssd = _ssd(tmp_path, 2027)
    result = _run(
        "export", "ssda903", "--ssd", ssd, "--year", "2027", "--out", tmp_path, "--format", "xml"
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "ssda903_2027.xml").exists()
    assert "DoLo: not written" in result.stderr
    assert read_ssda903(tmp_path / "ssda903_2027.xml", year=2027).tables["header"].height == 2


def test_a_code_with_no_equivalent_exits_1_and_writes_nothing(tmp_path):
    ssd = _ssd(tmp_path)
    person = read_ssd(ssd)["ssd_person"].with_columns(pl.lit("U").alias("pers_sex"))
    write_ssd({"ssd_person": person}, ssd)
    result = _run("export", "ssda903", "--ssd", ssd, "--year", "2024", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "expected one of the 2023–24 codes 1, 2" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_ssd_folder_with_problems_exits_1_and_a_missing_one_2(tmp_path):
    folder = tmp_path / "ssd"
    folder.mkdir()
    (folder / "ssd_person.csv").write_text("pers_person_id\nC1\n")
    result = _run("export", "ssda903", "--ssd", folder, "--year", "2025", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "ssd_person.csv" in result.stderr
    result = _run(
        "export", "ssda903", "--ssd", tmp_path / "none", "--year", "2025", "--out", tmp_path / "out"
    )
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_a_usage_error_exits_2():
    assert _run("export", "ssda903", "--year", "2025").exit_code == 2
    assert (
        _run(
            "export", "ssda903", "--ssd", ".", "--year", "2025", "--out", ".", "--format", "pdf"
        ).exit_code
        == 2
    )


def test_a_zip_bomb_exits_2_and_writes_nothing(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("header.csv", b"CHILD" + b"," * 2_000_000)
    result = _run(
        "convert", "ssda903", tmp_path / "bomb.zip", "--year", "2025", "--out", tmp_path / "ssd"
    )
    assert result.exit_code == 2
    assert "bomb.zip:header.csv" in result.stderr and "compression ratio" in result.stderr
    assert not (tmp_path / "ssd").exists()
