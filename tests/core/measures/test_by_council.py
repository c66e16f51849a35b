"""Measuring many councils at once gives each council exactly what measuring it alone gives.

The councils stacked here share their ids (the same council twice), so a join that forgot the
council key would mix them and change the counts.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from oversight.core.measures import (
    COUNCIL,
    compute_measures,
    compute_measures_by_council,
    stack_councils,
)
from oversight.core.synth import ProfileName

AS_OF = date(2026, 3, 31)
POPULATIONS = {"A": {2026: 60_000}, "B": {2025: 41_000}, "C": {2026: 52_000}}


@pytest.fixture(scope="module")
def councils(typical_council, inadequate_council, council_of):
    """A typical council, the same council again (same ids) with rows removed, and another."""
    thinned = {
        name: frame.filter(pl.int_range(pl.len()) % 3 != 0)
        for name, frame in typical_council.items()
    }
    good = council_of(ProfileName.GOOD, size=800, seed=4)
    good = {name: good.get(name, frame.clear()) for name, frame in typical_council.items()}
    return {"A": typical_council, "B": thinned, "C": good}


@pytest.fixture(scope="module")
def together(councils):
    return compute_measures_by_council(councils, as_of=AS_OF, populations=POPULATIONS)


@pytest.mark.parametrize("name", ["A", "B", "C"])
def test_each_council_gets_what_it_gets_alone(councils, together, name):
    alone = compute_measures(councils[name], as_of=AS_OF, population=POPULATIONS[name])
    mine = pl.col(COUNCIL) == name
    indicators = together.indicators.filter(mine).drop(COUNCIL)
    assert_frame_equal(indicators, alone.indicators)
    order = ["measure", "person_id", "episode_id", "due_date"]
    flags = together.flags.filter(mine).drop(COUNCIL).sort(order, nulls_last=True)
    assert_frame_equal(flags, alone.flags.sort(order, nulls_last=True))
    summary = together.flags_summary.filter(mine).drop(COUNCIL)
    assert_frame_equal(summary, alone.flags_summary)


def test_the_councils_do_differ(together):
    """The comparison above is not vacuous: the stacked councils' figures are not all alike."""
    values = together.indicators.filter(pl.col("code") == "children_in_need").sort(COUNCIL)
    assert values["value"].n_unique() == 3
    assert together.flags.group_by(COUNCIL).len().height == 3


def test_the_population_of_each_council_is_its_own(together):
    rates = together.indicators.filter(pl.col("code") == "children_in_need_rate_per_10000")
    by_council = dict(zip(rates[COUNCIL].cast(pl.String), rates["denominator"], strict=True))
    assert by_council == {"A": 60_000.0, "B": 41_000.0, "C": 52_000.0}
    note = rates.filter(pl.col(COUNCIL) == "B")["note"].item()
    assert note == "child population of 2025 used (2026 not given)"


def test_councils_must_have_the_same_tables(typical_council):
    fewer = {k: v for k, v in typical_council.items() if k != "ssd_missing"}
    with pytest.raises(ValueError, match=r"do not have the same tables"):
        stack_councils({"A": typical_council, "B": fewer})


def test_a_frame_without_the_council_column_is_refused(typical_council):
    from oversight.core.measures import MeasureInputs

    with pytest.raises(ValueError, match="lack the column"):
        MeasureInputs(typical_council, as_of=AS_OF, by=COUNCIL)


def test_a_council_column_of_text_gives_the_same_figures(councils, together):
    """Councils named by a plain text column (not an Enum) are found from the frames."""
    stacked = {
        name: frame.with_columns(pl.col(COUNCIL).cast(pl.String))
        for name, frame in stack_councils(councils).items()
    }
    measured = compute_measures(stacked, as_of=AS_OF, by=COUNCIL, populations=POPULATIONS)
    assert_frame_equal(
        measured.indicators,
        together.indicators.with_columns(pl.col(COUNCIL).cast(pl.String)),
    )
    assert measured.flags.height == together.flags.height
