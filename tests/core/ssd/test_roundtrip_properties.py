"""Property: any conforming frame survives write → read unchanged, in CSV and in Parquet.

Text is drawn from awkward characters (commas, quotes, new lines, non-ASCII); empty text is
excluded because an empty field means null in SSD files.
"""

from datetime import date

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from oversight.core.ssd import TABLES, read_ssd, write_ssd

AWKWARD = st.text(alphabet=st.sampled_from(list("ab ,\"'\n\r;é£=\t")), min_size=1, max_size=12)
TEXT = st.one_of(st.none(), AWKWARD)
DATES = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
WHOLE = st.one_of(st.none(), st.integers(min_value=-(2**62), max_value=2**62))
REAL = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=64))
BY_DTYPE = {pl.String: TEXT, pl.Date: DATES, pl.Int64: WHOLE, pl.Float64: REAL}
PERMANENCE = TABLES["ssd_permanence"]  # has text, dates and whole numbers
PLACEMENT = TABLES["ssd_cla_placement"]  # has a real number


def rows_of(table):
    row = st.fixed_dictionaries({c.name: BY_DTYPE[c.dtype] for c in table.columns})
    return st.lists(row, min_size=1, max_size=6)


def _frame(table, rows):
    frame = pl.DataFrame(rows, schema=table.schema)
    key = table.primary_key[0]
    return frame.with_columns(pl.format("K{}", pl.int_range(pl.len())).alias(key))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(permanence=rows_of(PERMANENCE), placement=rows_of(PLACEMENT))
def test_write_then_read_gives_back_the_same_frames(tmp_path_factory, permanence, placement):
    frames = {
        PERMANENCE.name: _frame(PERMANENCE, permanence).with_columns(
            pl.lit("C1").alias("perm_person_id"),
            pl.lit(None, pl.String).alias("perm_adoption_worker_id"),
        ),
        PLACEMENT.name: _frame(PLACEMENT, placement),
    }
    for file_format in ("csv", "parquet"):
        folder = tmp_path_factory.mktemp(file_format)
        write_ssd(frames, folder, file_format=file_format)
        read = read_ssd(folder)
        for name, expected in frames.items():
            assert_frame_equal(read[name], expected)
