"""The benchmark's footer reader agrees with polars on the row count of any Parquet file."""

import importlib.util
from datetime import date
from pathlib import Path

import polars as pl
import pytest

BENCH = Path(__file__).parents[2] / "bench" / "_parquet_rows.py"
_spec = importlib.util.spec_from_file_location("_parquet_rows", BENCH)
assert _spec is not None and _spec.loader is not None
parquet_rows = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(parquet_rows)

FRAMES = {
    "empty": pl.DataFrame(schema={"id": pl.String, "day": pl.Date}),
    "one row": pl.DataFrame({"id": ["C1"], "day": [date(2024, 1, 1)]}),
    "nested and boolean columns": pl.DataFrame(
        {
            "flag": [True, False, None] * 1000,
            "list": [[1, 2], [], None] * 1000,
            "struct": [{"a": 1, "b": "x"}, {"a": None, "b": None}, None] * 1000,
            "text": ["a", None, "é"] * 1000,
        }
    ),
    "many row groups": pl.DataFrame({"n": range(200_000)}),
}


@pytest.mark.parametrize("frame", FRAMES.values(), ids=FRAMES)
@pytest.mark.parametrize("compression", ["zstd", "uncompressed"])
def test_the_footer_gives_polars_row_count(tmp_path, frame, compression):
    path = tmp_path / "table.parquet"
    frame.write_parquet(path, compression=compression, row_group_size=7_000, statistics=True)
    counted = pl.scan_parquet(path).select(pl.len()).collect().item()
    assert parquet_rows.parquet_rows(path) == counted == frame.height


def test_a_file_that_is_not_parquet_is_refused_by_name(tmp_path):
    path = tmp_path / "table.parquet"
    path.write_bytes(b"id,day\nC1,2024-01-01\n")
    with pytest.raises(parquet_rows.ParquetFooterError, match=r"table\.parquet"):
        parquet_rows.parquet_rows(path)
