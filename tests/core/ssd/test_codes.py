"""Every code list names a declared text column, and holds distinct, non-empty codes."""

import polars as pl
import pytest

from oversight.core.ssd import TABLES
from oversight.core.ssd.codes import ASSESSMENT_FACTORS, CODES


@pytest.mark.parametrize(("table", "column"), sorted(CODES))
def test_each_code_list_belongs_to_a_declared_column_and_is_distinct(table, column):
    assert TABLES[table].column(column).dtype == pl.String
    codes = CODES[table, column]
    assert codes and len(set(codes)) == len(codes) and all(codes)


def test_the_ethnicity_codes_follow_the_returns_not_the_ssd_misspelling():
    assert "CHNE" in CODES["ssd_person", "pers_ethnicity"]
    assert "CNHE" not in CODES["ssd_person", "pers_ethnicity"]


def test_assessment_factors_are_the_cin_census_2026_list():
    assert len(ASSESSMENT_FACTORS) == 44 and ASSESSMENT_FACTORS[-1] == "24A"
