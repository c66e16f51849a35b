"""``oversight measures``: indicators and flags written safely, and the exit status of the brief."""

import json
import zipfile
from datetime import date

import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from oversight.cli.measures import FLAG_FILE_ORDER, measures, neutralise_text
from oversight.core.measures import FLAG_SCHEMA, INDICATORS
from oversight.core.ssd import TABLES, write_ssd

runner = CliRunner()
app = typer.Typer()
app.command("measures")(measures)


@app.callback()
def _root() -> None:
    """Stand-in for the oversight app, so that ``measures`` is a subcommand as it is there."""


def _frame(table, **columns):
    return TABLES[table].complete(pl.DataFrame(columns, strict=False))


@pytest.fixture
def council(tmp_path):
    """A folder with a child on a CP plan (id that looks like a formula) and a council.json."""
    folder = tmp_path / "ssd"
    write_ssd(
        {
            "ssd_person": _frame(
                "ssd_person",
                pers_person_id=["=HYPERLINK(1)", "C2"],
                pers_dob=[date(2015, 1, 1)] * 2,
            ),
            "ssd_cin_episodes": _frame(
                "ssd_cin_episodes",
                cine_referral_id=["R1", "R2"],
                cine_person_id=["=HYPERLINK(1)", "C2"],
                cine_referral_date=[date(2024, 6, 1), date(2025, 1, 6)],
            ),
            "ssd_cp_plans": _frame(
                "ssd_cp_plans",
                cppl_cp_plan_id=["P1"],
                cppl_person_id=["=HYPERLINK(1)"],
                cppl_cp_plan_start_date=[date(2024, 7, 1)],
            ),
        },
        folder,
    )
    (folder / "council.json").write_text(
        json.dumps(
            {
                "code": "Z99",
                "name": "Fictional Vale",
                "synthetic": True,
                "population_0_17": {"2025": 20000},
            }
        ),
        encoding="utf-8",
    )
    return folder


def _run(*arguments):
    return runner.invoke(app, ["measures", *map(str, arguments)], terminal_width=200)


def test_json_holds_the_indicators_and_the_flags_summary(council, tmp_path):
    out = tmp_path / "measures.json"
    result = _run("--ssd", council, "--as-of", "2025-03-31", "--out", out)
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text("utf-8"))
    assert document["synthetic"] is True and document["council"] == {
        "code": "Z99",
        "name": "Fictional Vale",
    }
    assert document["period"] == {"kind": "year", "start": "2024-04-01", "end": "2025-03-31"}
    assert [row["code"] for row in document["indicators"]] == [i.code for i in INDICATORS]
    rate = next(
        row for row in document["indicators"] if row["code"] == "children_in_need_rate_per_10000"
    )
    assert (rate["value"], rate["period_end"]) == (1.0, "2025-03-31")
    reviews = [r for r in document["flags_summary"] if r["measure"] == "child_protection_review"]
    assert {r["status"]: r["count"] for r in reviews} == {
        "met": 0,
        "due_soon": 0,
        "overdue": 0,
        "missing_data": 1,
    }
    assert "SYNTHETIC DATA" in result.output and "Per-child flags on 2025-03-31" in result.output


def test_csv_flags_neutralise_text_that_looks_like_a_formula(council, tmp_path):
    flags = tmp_path / "flags.csv"
    result = _run(
        "--ssd", council, "--as-of", "2025-03-31", "--out", tmp_path / "i.csv", "--flags-out", flags
    )
    assert result.exit_code == 0, result.output
    ids = pl.read_csv(flags, infer_schema=False)["person_id"].to_list()
    assert "'=HYPERLINK(1)" in ids and "=HYPERLINK(1)" not in ids
    indicators = pl.read_csv(tmp_path / "i.csv")
    assert indicators.schema["value"] == pl.Float64  # numbers stay numbers


def test_parquet_flags_keep_their_types(council, tmp_path):
    flags = tmp_path / "flags.parquet"
    assert (
        _run(
            "--ssd",
            council,
            "--as-of",
            "2025-03-31",
            "--out",
            tmp_path / "i.json",
            "--flags-out",
            flags,
        ).exit_code
        == 0
    )
    written = pl.read_parquet(flags)
    assert written.schema == FLAG_SCHEMA
    # child by child, whatever order the flags were computed in
    assert written["person_id"].n_unique() > 1 and written["measure"].n_unique() > 1
    assert written.equals(written.sort(FLAG_FILE_ORDER, nulls_last=True))


def test_xlsx_writes_text_as_text_and_numbers_and_dates_as_such(council, tmp_path):
    out = tmp_path / "measures.xlsx"
    result = _run("--ssd", council, "--as-of", "2025-03-31", "--period", "quarter", "--out", out)
    assert result.exit_code == 0, result.output
    indicators = pl.read_excel(out, sheet_name="indicators")
    assert indicators.schema["value"] == pl.Float64 and indicators.schema["period_end"] in (
        pl.Date,
        pl.Datetime("ms"),
    )
    about = dict(pl.read_excel(out, sheet_name="about").iter_rows())
    assert (about["synthetic"], about["period"], about["period_start"]) == (
        "SYNTHETIC",
        "quarter",
        "2025-01-01",
    )
    with zipfile.ZipFile(out) as book:
        sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/")]
        assert not any("<f>" in book.read(name).decode() for name in sheets)  # no formulas at all


def test_rates_without_a_council_json_have_no_value_and_say_why(council, tmp_path):
    (council / "council.json").unlink()
    out = tmp_path / "m.json"
    assert _run("--ssd", council, "--as-of", "2025-03-31", "--out", out).exit_code == 0
    rate = next(
        r
        for r in json.loads(out.read_text())["indicators"]
        if r["code"] == "children_in_need_rate_per_10000"
    )
    assert rate["value"] is None and "no child population" in rate["note"]


def test_an_unreadable_folder_exits_2(tmp_path):
    result = _run(
        "--ssd", tmp_path / "missing", "--as-of", "2025-03-31", "--out", tmp_path / "m.json"
    )
    assert result.exit_code == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.output + result.stderr


def test_a_bad_council_json_exits_2(council, tmp_path):
    (council / "council.json").write_text('{"population_0_17": {"2025": -5}}', encoding="utf-8")
    result = _run("--ssd", council, "--as-of", "2025-03-31", "--out", tmp_path / "m.json")
    assert result.exit_code == 2 and "not a positive whole number" in result.stderr
    result = _run(
        "--ssd",
        council,
        "--as-of",
        "2025-03-31",
        "--out",
        tmp_path / "m.json",
        "--council-json",
        tmp_path / "none.json",
    )
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_ssd_tables_with_problems_exit_1(council, tmp_path):
    (council / "ssd_cp_plans.csv").write_text("cppl_cp_plan_id\nP1\n", encoding="utf-8")
    result = _run("--ssd", council, "--as-of", "2025-03-31", "--out", tmp_path / "m.json")
    assert result.exit_code == 1 and "oversight validate ssd" in result.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ("--as-of", "2025-03-31", "--out", "m.json"),  # no --ssd
        ("--ssd", ".", "--as-of", "31/03/2025", "--out", "m.json"),  # not an ISO date
        ("--ssd", ".", "--as-of", "2025-03-31", "--out", "m.json", "--flags-out", "flags.txt"),
        ("--ssd", ".", "--as-of", "2025-03-31", "--out", "m.json", "--period", "week"),
    ],
)
def test_usage_errors_exit_2(arguments):
    assert _run(*arguments).exit_code == 2


def test_neutralise_text_leaves_numbers_and_dates_alone():
    frame = pl.DataFrame(
        {
            "text": ["+44 20", "@home", "\tx", "plain"],
            "number": [-1.0, 2.0, 3.0, 4.0],
            "day": [date(2025, 1, 1)] * 4,
        }
    )
    neutral = neutralise_text(frame)
    assert neutral["text"].to_list() == ["'+44 20", "'@home", "'\tx", "plain"]
    assert neutral["number"].to_list() == [-1.0, 2.0, 3.0, 4.0] and neutral.schema["day"] == pl.Date
