"""Writing SSD frames: only conforming frames are written, each file atomically."""

import polars as pl
import pytest

from oversight.core.ssd import ProblemKind, SsdSchemaError, read_ssd, write_ssd


def test_a_frame_of_the_wrong_shape_is_refused_and_nothing_is_written(tmp_path, clean_frames):
    frames = dict(clean_frames)
    frames["ssd_person"] = frames["ssd_person"].with_columns(pl.col("pers_dob").cast(pl.String))
    frames["ssd_department"] = frames["ssd_department"].drop("dept_team_name")
    frames["ssd_nonsense"] = pl.DataFrame({"x": [1]})
    with pytest.raises(SsdSchemaError) as raised:
        write_ssd(frames, tmp_path / "out")
    found = {(p.kind, p.file, p.column) for p in raised.value.problems}
    assert found == {
        (ProblemKind.BAD_VALUE, "ssd_person.csv", "pers_dob"),
        (ProblemKind.MISSING_COLUMN, "ssd_department.csv", "dept_team_name"),
        (ProblemKind.UNREADABLE_FILE, "ssd_nonsense.csv", None),
    }
    assert not (tmp_path / "out").exists()


def test_columns_are_written_in_declared_order(tmp_path, clean_frames):
    reversed_columns = clean_frames["ssd_department"].columns[::-1]
    shuffled = clean_frames["ssd_department"].select(reversed_columns)
    (path,) = write_ssd({"ssd_department": shuffled}, tmp_path)
    header = path.read_text().splitlines()[0]
    assert header == "dept_team_id,dept_team_name,dept_team_parent_id,dept_team_parent_name"


def test_writing_one_format_replaces_the_other(tmp_path, clean_frames):
    write_ssd(clean_frames, tmp_path, file_format="csv")
    write_ssd(clean_frames, tmp_path, file_format="parquet")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".parquet"] * len(clean_frames)
    assert read_ssd(tmp_path).keys() == clean_frames.keys()


def test_text_that_looks_like_a_formula_is_written_as_it_is(tmp_path, clean_frames):
    frames = {"ssd_department": clean_frames["ssd_department"].with_columns(
        pl.Series("dept_team_name", ["=HYPERLINK(\"x\")", "-1"])
    )}  # fmt: skip
    write_ssd(frames, tmp_path)
    names = read_ssd(tmp_path)["ssd_department"]["dept_team_name"].to_list()
    assert names == ['=HYPERLINK("x")', "-1"]
