"""Reading a folder of SSD tables: clean data comes back unchanged; each problem is located."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from oversight.core.ssd import (
    DEFAULT_MAX_PROBLEMS,
    ProblemKind,
    SsdReadError,
    SsdUnreadableError,
    check_ssd,
    read_ssd,
    write_ssd,
)


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_a_clean_folder_round_trips_unchanged(tmp_path, clean_frames, file_format):
    write_ssd(clean_frames, tmp_path, file_format=file_format)
    read = read_ssd(tmp_path)
    assert read.keys() == clean_frames.keys()
    for name, expected in clean_frames.items():
        assert_frame_equal(read[name], expected)


def test_a_clean_folder_reports_absent_and_ignored_files(tmp_path, clean_frames):
    write_ssd(clean_frames, tmp_path)
    (tmp_path / "council.json").write_text("{}")
    report = check_ssd(tmp_path)
    assert report.is_clean
    assert report.problems == []
    assert "ssd_cp_plans" in report.absent
    assert "ssd_person" not in report.absent
    assert report.ignored == ("council.json",)


def _write_person(folder: Path, text: str) -> None:
    (folder / "ssd_person.csv").write_text(text, encoding="utf-8")


PERSON_HEADER = (
    "pers_person_id,pers_forename,pers_surname,pers_sex,pers_gender,pers_ethnicity,pers_dob,"
    "pers_common_child_id,pers_legacy_id,pers_upn_unknown,pers_send_flag,pers_expected_dob,"
    "pers_death_date,pers_is_mother,pers_nationality"
)


def _person_line(person_id: str = "C1", dob: str = "2015-04-01") -> str:
    return f"{person_id},,,F,,WBRI,{dob},,,,,,,,"


def _only(folder: Path, kind: ProblemKind):
    report = check_ssd(folder)
    found = [problem for problem in report.problems if problem.kind == kind]
    assert len(found) == 1, report.problems
    return found[0]


def test_a_missing_column_is_named_on_the_header_line(tmp_path):
    header = PERSON_HEADER.replace("pers_dob,", "")
    _write_person(tmp_path, f"{header}\n{_person_line().replace(',2015-04-01', '')}\n")
    problem = _only(tmp_path, ProblemKind.MISSING_COLUMN)
    assert (problem.file, problem.line, problem.column) == ("ssd_person.csv", 1, "pers_dob")


def test_an_extra_column_and_a_repeated_column_are_named(tmp_path):
    _write_person(tmp_path, f"{PERSON_HEADER},shoe_size,pers_sex\n{_person_line()},9,F\n")
    report = check_ssd(tmp_path)
    extra = [(p.line, p.column, p.expected) for p in report.problems]
    assert extra == [
        (1, "shoe_size", "only the columns of ssd_person"),
        (1, "pers_sex", "each column once in the header"),
    ]


def test_a_bad_date_is_reported_with_line_column_and_value(tmp_path):
    lines = [PERSON_HEADER, _person_line("C1"), _person_line("C2", "01/04/2015")]
    _write_person(tmp_path, "\n".join(lines) + "\n")
    problem = _only(tmp_path, ProblemKind.BAD_VALUE)
    assert (problem.line, problem.column, problem.value) == (3, "pers_dob", "01/04/2015")
    assert "YYYY-MM-DD" in problem.expected
    assert str(problem).startswith("ssd_person.csv, line 3, pers_dob: found '01/04/2015'")


def test_an_impossible_date_is_a_bad_value(tmp_path):
    _write_person(tmp_path, f"{PERSON_HEADER}\n{_person_line('C1', '2023-02-29')}\n")
    assert _only(tmp_path, ProblemKind.BAD_VALUE).value == "2023-02-29"


def test_a_datetime_keeps_its_date_and_a_bom_is_tolerated(tmp_path):
    lines = [PERSON_HEADER, _person_line("C1", "2015-04-01 23:59:59.000")]
    (tmp_path / "ssd_person.csv").write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode())
    person = read_ssd(tmp_path)["ssd_person"]
    assert person["pers_person_id"].to_list() == ["C1"]
    assert person["pers_dob"].to_list() == [date(2015, 4, 1)]


def test_a_missing_required_value_is_reported(tmp_path):
    _write_person(tmp_path, f"{PERSON_HEADER}\n{_person_line('')}\n")
    problem = _only(tmp_path, ProblemKind.MISSING_VALUE)
    assert (problem.line, problem.column, problem.value) == (2, "pers_person_id", None)


def test_a_duplicate_primary_key_names_the_earlier_line(tmp_path):
    lines = [PERSON_HEADER, _person_line("C1"), _person_line("C2"), _person_line("C1")]
    _write_person(tmp_path, "\n".join(lines) + "\n")
    problem = _only(tmp_path, ProblemKind.DUPLICATE_KEY)
    assert (problem.line, problem.column, problem.value) == (4, "pers_person_id", "C1")
    assert "line 2 has the same" in problem.expected


def test_a_dangling_foreign_key_is_reported(tmp_path, clean_frames):
    frames = dict(clean_frames)
    frames["ssd_cin_episodes"] = frames["ssd_cin_episodes"].with_columns(
        pl.Series("cine_person_id", ["C1", "C9"])
    )
    write_ssd(frames, tmp_path)
    problem = _only(tmp_path, ProblemKind.DANGLING_REFERENCE)
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "ssd_cin_episodes.csv",
        3,
        "cine_person_id",
        "C9",
    )
    assert problem.expected == "a pers_person_id that exists in ssd_person"


def test_a_reference_to_a_non_unique_column_is_an_existence_check(tmp_path, clean_frames):
    frames = dict(clean_frames)
    frames["ssd_cla_placement"] = pl.concat(
        [
            frames["ssd_cla_placement"],
            frames["ssd_cla_placement"].with_columns(
                pl.lit("P2").alias("clap_cla_placement_id"), pl.lit("CLA9").alias("clap_cla_id")
            ),
        ]
    )
    write_ssd(frames, tmp_path)
    problem = _only(tmp_path, ProblemKind.DANGLING_REFERENCE)
    assert (problem.line, problem.column, problem.value) == (3, "clap_cla_id", "CLA9")
    assert problem.expected == "a clae_cla_id that exists in ssd_cla_episodes"


def test_references_into_an_absent_table_are_not_checked(tmp_path, clean_frames):
    frames = {k: v for k, v in clean_frames.items() if k != "ssd_person"}
    write_ssd(frames, tmp_path)
    report = check_ssd(tmp_path)
    assert report.is_clean
    assert "ssd_person" in report.absent


@pytest.mark.parametrize(
    ("record", "found"),
    [("C2,,,F", "4 fields"), (_person_line("C2") + ",extra", "16 fields")],
)
def test_a_record_with_the_wrong_number_of_fields_is_named_by_line(tmp_path, record, found):
    lines = [PERSON_HEADER, _person_line("C1"), record, _person_line("C3")]
    _write_person(tmp_path, "\n".join(lines) + "\n")
    report = check_ssd(tmp_path)
    assert [(p.kind, p.line, p.value) for p in report.problems] == [
        (ProblemKind.WRONG_FIELD_COUNT, 3, found)
    ]


def test_lines_are_physical_lines_when_a_quoted_field_spans_lines(tmp_path):
    lines = [PERSON_HEADER, '"C1","Two\nlines",,F,,,2015-04-01,,,,,,,,', _person_line("C2", "bad")]
    _write_person(tmp_path, "\n".join(lines) + "\n")
    problem = _only(tmp_path, ProblemKind.BAD_VALUE)
    assert (problem.line, problem.value) == (4, "bad")
    assert read_ssd_forenames(tmp_path, lines[:2]) == ["Two\nlines"]


def read_ssd_forenames(folder: Path, lines: list[str]) -> list[str]:
    _write_person(folder, "\n".join(lines) + "\n")
    return read_ssd(folder)["ssd_person"]["pers_forename"].to_list()


def test_an_unterminated_quote_is_unreadable_at_its_line(tmp_path):
    _write_person(tmp_path, f'{PERSON_HEADER}\n{_person_line()}\n"C2,,,F\n')
    problem = _only(tmp_path, ProblemKind.UNREADABLE_FILE)
    assert problem.line is not None and problem.line >= 3
    assert "well-formed CSV" in problem.expected


def test_text_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    data = f"{PERSON_HEADER}\n{_person_line()}\n".encode() + "C2,Zoë".encode("latin-1") + b"\n"
    (tmp_path / "ssd_person.csv").write_bytes(data)
    problem = _only(tmp_path, ProblemKind.UNREADABLE_FILE)
    assert (problem.line, problem.expected) == (3, "UTF-8 text (save the file as 'CSV UTF-8')")


def test_a_utf16_file_and_nul_characters_are_named(tmp_path):
    """What spreadsheets save as "Unicode text", and binary junk, each get a reason of their own."""
    (tmp_path / "ssd_person.csv").write_bytes(f"{PERSON_HEADER}\n".encode("utf-16"))
    problem = _only(tmp_path, ProblemKind.UNREADABLE_FILE)
    assert (problem.line, problem.expected) == (
        1,
        "UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')",
    )
    _write_person(tmp_path, f"{PERSON_HEADER}\n{_person_line()}\nC2,\x00\n")
    problem = _only(tmp_path, ProblemKind.UNREADABLE_FILE)
    assert (problem.line, problem.expected) == (3, "text without NUL characters")


def test_a_semicolon_separated_file_is_refused_with_a_reason(tmp_path):
    _write_person(tmp_path, PERSON_HEADER.replace(",", ";") + "\n")
    problem = _only(tmp_path, ProblemKind.UNREADABLE_FILE)
    assert "header looks separated by ';'" in problem.expected


def test_an_empty_file_is_unreadable(tmp_path):
    _write_person(tmp_path, "")
    assert _only(tmp_path, ProblemKind.UNREADABLE_FILE).expected.startswith("a header row")


def test_a_table_in_both_formats_is_ambiguous(tmp_path, clean_frames):
    write_ssd(clean_frames, tmp_path, file_format="parquet")
    _write_person(tmp_path, f"{PERSON_HEADER}\n{_person_line()}\n")
    problem = _only(tmp_path, ProblemKind.AMBIGUOUS_FILE)
    assert problem.file == "ssd_person.parquet"


def test_invalid_json_text_is_a_bad_value(tmp_path, clean_frames):
    frames = dict(clean_frames)
    frames["ssd_cin_episodes"] = frames["ssd_cin_episodes"].with_columns(
        pl.Series("cine_referral_outcome_json", ['{"outcome": ', "null"])
    )
    write_ssd(frames, tmp_path)
    problem = _only(tmp_path, ProblemKind.BAD_VALUE)
    assert (problem.line, problem.column, problem.expected) == (
        2,
        "cine_referral_outcome_json",
        "JSON text",
    )


def test_a_parquet_column_of_the_wrong_type_is_reported_by_row(tmp_path, clean_frames):
    write_ssd(clean_frames, tmp_path, file_format="parquet")
    bad = clean_frames["ssd_person"].with_columns(pl.Series("pers_dob", ["2015-04-01", "x"]))
    bad.write_parquet(tmp_path / "ssd_person.parquet")
    problem = _only(tmp_path, ProblemKind.BAD_VALUE)
    assert (problem.file, problem.line, problem.row, problem.value) == (
        "ssd_person.parquet",
        None,
        1,
        "x",
    )
    assert problem.location == "ssd_person.parquet, row 2, pers_dob"


def test_problems_are_capped_but_all_counted(tmp_path):
    lines = [PERSON_HEADER] + [_person_line(f"C{i}", "bad") for i in range(30)]
    _write_person(tmp_path, "\n".join(lines) + "\n")
    report = check_ssd(tmp_path, max_problems=10)
    assert (len(report.problems), report.problem_count) == (10, 30)
    assert [p.line for p in report.problems] == list(range(2, 12))
    assert DEFAULT_MAX_PROBLEMS >= 100


def test_read_ssd_raises_with_every_problem(tmp_path):
    _write_person(tmp_path, f"{PERSON_HEADER}\n{_person_line('C1', 'x')}\n{_person_line('')}\n")
    with pytest.raises(SsdReadError) as raised:
        read_ssd(tmp_path)
    assert raised.value.problem_count == 2
    assert "ssd_person.csv, line 2, pers_dob" in str(raised.value)


def test_a_missing_folder_or_one_without_tables_is_unreadable(tmp_path):
    with pytest.raises(SsdUnreadableError, match="no such folder"):
        check_ssd(tmp_path / "nowhere")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(SsdUnreadableError, match="no SSD table files"):
        check_ssd(tmp_path)


def test_windows_line_endings_read_like_unix_ones(tmp_path):
    lines = [PERSON_HEADER, _person_line("C1"), _person_line("C2", "bad")]
    (tmp_path / "ssd_person.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode())
    report = check_ssd(tmp_path)
    assert [(p.line, p.column, p.value) for p in report.problems] == [(3, "pers_dob", "bad")]
    assert report.frames["ssd_person"]["pers_person_id"].to_list() == ["C1", "C2"]
