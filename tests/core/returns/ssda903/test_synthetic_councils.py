"""Round trips on synthetic councils of every profile: a return made from a council's SSD loads
back into the SSD and makes the identical return again."""

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from oversight.core.returns import ReturnExportError
from oversight.core.returns.ssda903 import export_ssda903, load_ssda903
from oversight.core.synth import ProfileName


@pytest.mark.parametrize("profile", list(ProfileName))
@pytest.mark.parametrize("year", [2026, 2025])
def test_return_to_ssd_to_return_is_identical_on_a_synthetic_council(council_of, profile, year):
    frames = council_of(profile, size=600, seed=5)
    made = export_ssda903(frames, year=year).ret
    assert made.tables["episodes"].height > 100
    again = export_ssda903(load_ssda903(made).frames, year=year).ret
    assert again.tables.keys() == made.tables.keys()
    for key, table in made.tables.items():
        assert_frame_equal(
            again.tables[key].sort(table.columns), table.sort(table.columns), check_row_order=False
        )


def test_a_year_before_sex_u_existed_names_every_child_recorded_as_u(council_of):
    frames = council_of(ProfileName.TYPICAL, size=600, seed=5)
    with pytest.raises(ReturnExportError) as raised:
        export_ssda903(frames, year=2024)
    named = {problem.child for problem in raised.value.problems}
    recoded = {
        **frames,
        "ssd_person": frames["ssd_person"].with_columns(pl.lit("M").alias("pers_sex")),
    }
    in_return = set(export_ssda903(recoded, year=2024).ret.tables["header"]["CHILD"])
    sex_u = set(frames["ssd_person"].filter(pl.col("pers_sex") == "U")["pers_person_id"])
    assert named == sex_u & in_return
    assert named and all("SEX" in str(problem) for problem in raised.value.problems)
