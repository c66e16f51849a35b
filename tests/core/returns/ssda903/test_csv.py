"""Reading and writing SSDA903 CSV files: recognised by columns, typed by year, every problem named."""

import zipfile
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from oversight.core.returns._archive import ArchiveLimits
from oversight.core.returns._errors import (
    ReturnExportError,
    ReturnReadError,
    ReturnUnreadableError,
)
from oversight.core.returns.ssda903 import Ssda903Return, read_ssda903, write_ssda903_csv
from oversight.core.returns.ssda903.schema import collection_years, schema_for

from .conftest import typed

SAMPLES = Path(__file__).parents[3] / "data" / "ssda903"


def _problems(error):
    return [(p.kind.value, p.file, p.line, p.child, p.field, p.value) for p in error.problems]


def test_written_files_read_back_as_the_same_frames(tmp_path, ssda903_return):
    written = write_ssda903_csv(ssda903_return, tmp_path)
    assert [path.name for path in written] == [f"{key}.csv" for key in ssda903_return.tables]
    read = read_ssda903(tmp_path, year=2025)
    assert list(read.tables) == list(ssda903_return.tables)
    for key, frame in ssda903_return.tables.items():
        assert_frame_equal(read.tables[key], frame)


@pytest.mark.parametrize("year", collection_years())
def test_each_year_is_written_with_exactly_that_years_columns(tmp_path, year):
    schema = schema_for(year)
    ret = Ssda903Return(year, {key: table.empty() for key, table in schema.tables.items()})
    write_ssda903_csv(ret, tmp_path)
    for key, table in schema.tables.items():
        header = (tmp_path / f"{key}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == table.column_names


def test_tables_are_recognised_by_their_columns_not_file_names_or_column_order(tmp_path):
    (tmp_path / "anything.csv").write_bytes(
        "\ufeffDOB , child,sex,DUC\r\n02/01/2010, C1 ,m,\r\n".encode()
    )
    (tmp_path / "notes.txt").write_text("not a return")
    read = read_ssda903(tmp_path, year=2025)
    assert list(read.tables) == ["uasc"]
    assert read.tables["uasc"].row(0) == ("C1", date(2010, 1, 2), "M", None)
    assert read.locations["uasc"].row(0) == ("anything.csv", 2, None)


def test_a_zip_archive_and_a_single_file_are_read(tmp_path, ssda903_return):
    write_ssda903_csv(ssda903_return, tmp_path / "csv")
    archive = tmp_path / "return.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted((tmp_path / "csv").iterdir()):
            zipped.write(path, f"2025/{path.name}")
        zipped.writestr("__MACOSX/._header.csv", b"\x00\x01")
    read = read_ssda903(archive, year=2025)
    assert list(read.tables) == list(ssda903_return.tables)
    assert read.locations["header"]["file"][0] == "return.zip:2025/header.csv"
    single = read_ssda903(tmp_path / "csv" / "missing.csv", year=2025)
    assert list(single.tables) == ["missing"]


def test_the_public_samples_fail_with_precise_reports():
    with pytest.raises(ReturnReadError) as raised:
        read_ssda903(SAMPLES, year=2020)
    episodes, header = "ssda903_2020_episodes_sample.csv", "ssda903_2020_header_sample.csv"
    assert _problems(raised.value) == [
        ("extra_column", episodes, 1, None, "TEST_COLUMN", "TEST_COLUMN"),
        ("unknown_code", episodes, 6, "249901", "RNE", "*DUMMY*"),
        ("unknown_code", header, 6, "249901", "ETHNIC", "UNKN"),
    ]
    assert "expected one of the 2019–20 codes S, L, P, T, B, U" in str(raised.value)


def test_the_public_samples_load_once_their_reported_problems_are_fixed(tmp_path):
    episodes = pl.read_csv(SAMPLES / "ssda903_2020_episodes_sample.csv", infer_schema=False)
    episodes = episodes.drop("TEST_COLUMN").with_columns(pl.col("RNE").replace("*DUMMY*", "P"))
    episodes.write_csv(tmp_path / "episodes.csv")
    header = (SAMPLES / "ssda903_2020_header_sample.csv").read_text().replace("UNKN", "NOBT")
    (tmp_path / "header.csv").write_text(header)
    read = read_ssda903(tmp_path, year=2020)
    assert read.tables["episodes"].height == 5
    assert read.tables["header"]["SEX"].to_list() == ["1", "1", "2", "2", "1"]


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


GOOD_MISSING = b"CHILD,DOB,MISSING,MIS_START,MIS_END\nC1,02/01/2010,M,01/08/2024,\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"CHILD;DOB;MISSING;MIS_START;MIS_END\nC1;02/01/2010;M;01/08/2024;\n",
         ("unreadable_file", 1, None, "CHILD;DOB;MISSING;MIS_START;MIS_END", "comma-separated values (the header looks separated by ';')")),
        ("CHILD,DOB,MISSING,MIS_START,MIS_END\n".encode("utf-16"),
         ("unreadable_file", 1, None, None, "UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')")),
        (b"CHILD,DOB,MISSING,MIS_START,MIS_END\nZo\xeb,02/01/2010,M,01/08/2024,\n",
         ("unreadable_file", 2, None, "\xeb,02", "UTF-8 text (save the file as 'CSV UTF-8')")),
        (b"", ("unreadable_file", 1, None, None, "a header row naming the columns")),
        (b"NAME,AGE\nAnn,3\n", ("unrecognised_file", 1, None, "NAME, AGE", None)),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_reported_and_alone_makes_the_input_unreadable(
    tmp_path, data, expected
):
    with pytest.raises(ReturnUnreadableError) as raised:
        read_ssda903(_write(tmp_path / "in", "bad.csv", data), year=2025)
    [problem] = raised.value.problems
    kind, line, field, value, text = expected
    assert (problem.kind.value, problem.file, problem.line, problem.field, problem.value) == (
        kind,
        "bad.csv",
        line,
        field,
        value,
    )
    if text:
        assert problem.expected == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"CHILD,DOB,MISSING,MIS_START\nC1,02/01/2010,M,01/08/2024\n",
         [("missing_column", 1, None, "MIS_END", None)]),
        (b"CHILD,DOB,MISSING,MIS_START,MIS_END,NOTE,NOTE\nC1,02/01/2010,M,01/08/2024,,a,b\n",
         [("extra_column", 1, None, "NOTE", "NOTE"), ("extra_column", 1, None, "NOTE", "NOTE")]),
        (b"CHILD,DOB,MISSING,MIS_START,MIS_END\nC1,2010-01-02,M,31/02/2024,\nC2,02/01/2010,X,01/08/2024,\n",
         [("bad_value", 2, "C1", "DOB", "2010-01-02"), ("bad_value", 2, "C1", "MIS_START", "31/02/2024"),
          ("unknown_code", 3, "C2", "MISSING", "X")]),
        (b"CHILD,DOB,MISSING,MIS_START,MIS_END\nC1,02/01/2010,M\nC2,02/01/2010,M,01/08/2024,\n",
         [("wrong_field_count", 2, None, None, "3 fields")]),
        (b'CHILD,DOB,MISSING,MIS_START,MIS_END\n"C1,02/01/2010,M,01/08/2024,\n',
         [("unreadable_file", 2, None, None, None)]),
    ],
)  # fmt: skip
def test_problems_in_a_readable_file_are_all_reported_with_line_field_and_value(
    tmp_path, data, expected
):
    folder = _write(tmp_path / "in", "missing.csv", data)
    _write(folder, "uasc.csv", b"CHILD,SEX,DOB,DUC\nC1,M,02/01/2010,\n")  # a good file beside it
    with pytest.raises(ReturnReadError) as raised:
        read_ssda903(folder, year=2025)
    found = [(p.kind.value, p.line, p.child, p.field, p.value) for p in raised.value.problems]
    assert found == expected
    assert all(p.file == "missing.csv" for p in raised.value.problems)


def test_a_table_of_another_year_and_a_repeated_table_are_named(tmp_path):
    folder = _write(tmp_path / "in", "a.csv", GOOD_MISSING)
    _write(folder, "b.csv", GOOD_MISSING)
    _write(folder, "sw.csv", b"CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n")
    with pytest.raises(ReturnReadError) as raised:
        read_ssda903(folder, year=2020)
    [repeated, other_year] = raised.value.problems
    assert (repeated.file, repeated.kind.value) == ("b.csv", "duplicate_table")
    assert repeated.expected == "one file holding Missing, but a.csv holds it too"
    assert (other_year.file, other_year.kind.value) == ("sw.csv", "unrecognised_file")
    assert "SWEpisodes, part of the return from 2023–24" in other_year.expected


def test_a_path_that_is_not_a_return_is_unreadable(tmp_path):
    with pytest.raises(ReturnUnreadableError, match="cannot be read"):
        read_ssda903(tmp_path / "nowhere", year=2025)
    with pytest.raises(ReturnUnreadableError, match="no SSDA903 table"):
        read_ssda903(_write(tmp_path / "empty", "notes.txt", b"x"), year=2025)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return path


def test_zip_bombs_are_refused_before_they_are_expanded(tmp_path):
    bomb = _zip(tmp_path / "bomb.zip", {"header.csv": b"CHILD" + b"," * 5_000_000})
    with pytest.raises(ReturnUnreadableError) as raised:
        read_ssda903(bomb, year=2025)
    [problem] = raised.value.problems
    assert (problem.kind.value, problem.file) == ("unsafe_input", "bomb.zip:header.csv")
    assert problem.expected.startswith("a compression ratio of at most 200")
    large = _zip(tmp_path / "large.zip", {"a.csv": GOOD_MISSING * 100, "b.csv": GOOD_MISSING})
    with pytest.raises(ReturnUnreadableError, match="at most 1,000 bytes"):
        read_ssda903(large, year=2025, limits=ArchiveLimits(max_total_bytes=1000))


def test_a_corrupt_zip_is_unreadable(tmp_path):
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReturnUnreadableError) as raised:
        read_ssda903(corrupt, year=2025)
    assert raised.value.problems[0].expected.startswith("a readable zip archive")


def test_text_that_could_run_as_a_formula_is_neutralised_but_numbers_and_dates_are_not(tmp_path):
    ret = Ssda903Return(2025, {
        "header": typed(2025, "header", CHILD=["=HYPERLINK(1)", "+C2", "C3"], UPN=["-1", "@x", "\tA"], DOB=[date(2020, 1, 2)] * 3),
        "ad1": typed(2025, "ad1", CHILD=["C3"], NB_ADOPTR=[-1]),
    })  # fmt: skip
    write_ssda903_csv(ret, tmp_path)
    header = (tmp_path / "header.csv").read_text().splitlines()
    assert header[1:] == [
        "'=HYPERLINK(1),,02/01/2020,,'-1,,",
        "'+C2,,02/01/2020,,'@x,,",
        "C3,,02/01/2020,,'\tA,,",
    ]
    assert (tmp_path / "ad1.csv").read_text().splitlines()[1] == "C3,,,,,-1,,"


def test_frames_that_do_not_match_the_year_are_refused_and_nothing_is_written(tmp_path):
    header = typed(2025, "header", CHILD=["C1"])
    ret = Ssda903Return(2024, {"header": header, "missing": header.drop("MC_DOB")})
    with pytest.raises(ReturnExportError) as raised:
        write_ssda903_csv(ret, tmp_path)
    assert [(p.file, p.field) for p in raised.value.problems] == [
        ("Header", "SEX"),
        ("Missing", None),
    ]
    assert list(tmp_path.iterdir()) == []


SAFE_TEXT = st.text(alphabet=st.sampled_from(list("ab1 ,\"'\né£;")), min_size=1, max_size=8).map(str.strip).filter(bool)  # fmt: skip
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_typed_return_survives_write_then_read(tmp_path_factory, data):
    year = data.draw(st.sampled_from(list(collection_years())))
    schema = schema_for(year)
    tables = {}
    for key in data.draw(st.sets(st.sampled_from(list(schema.tables)), min_size=1)):
        table = schema.table(key)
        columns = {}
        height = data.draw(st.integers(0, 4))
        for column in table.columns:
            if column.dtype == pl.Date:
                values = DATES
            elif column.dtype == pl.Int64:
                values = st.integers(column.minimum or 0, column.maximum or 99)
            elif isinstance(column.dtype, pl.Enum):
                values = st.sampled_from(column.code_values)
            elif column.kind.value == "partial_date":
                values = st.sampled_from(["zz/05/2020", "zz/zz/2021", "zz/zz/zzzz", "01/02/2003"])
            else:
                values = SAFE_TEXT
            columns[column.name] = data.draw(
                st.lists(st.one_of(st.none(), values), min_size=height, max_size=height)
            )
        tables[key] = table.complete(
            pl.DataFrame(
                columns,
                schema={
                    c.name: (pl.String if isinstance(c.dtype, pl.Enum) else c.dtype)
                    for c in table.columns
                },
            )
        )
    ret = Ssda903Return(year, {key: tables[key] for key in schema.tables if key in tables})
    folder = tmp_path_factory.mktemp("csv")
    write_ssda903_csv(ret, folder)
    read = read_ssda903(folder, year=year)
    for key, frame in ret.tables.items():
        assert_frame_equal(read.tables[key], frame)
