"""On a ``typical`` synthetic council the indicators recover England's figures, which the
simulator is calibrated to (``docs/synth.md``): the measures and the simulator agree.

Workforce indicators are averaged over five year-ends, as the simulator's own calibration test
does: a council's 200-odd social workers are too few for one day to be steady.
"""

from datetime import date

import polars as pl
import pytest

from oversight.core.measures import compute_indicators

END = date(2026, 3, 31)
POPULATION = dict.fromkeys(range(2015, 2027), 90000)

ENGLAND = {
    "re_referrals_within_12_months": (22.0, 3.0),
    "assessments_within_45_working_days": (85.7, 3.0),
    "icpcs_within_15_working_days": (78.4, 3.0),
    "cp_plans_ended_lasting_2_years_or_more": (4.4, 3.0),
    "long_term_placement_stability": (68.0, 3.0),
    "children_in_need_rate_per_10000": (333.0, 33.0),
}
WORKFORCE = {
    "caseload_per_worker": (16.0, 1.5),
    "agency_worker_rate": (17.8, 3.0),
    "vacancy_rate": (18.9, 3.0),
    "turnover_rate": (15.9, 3.0),
}


@pytest.fixture(scope="module")
def indicators(typical_council):
    return compute_indicators(typical_council, as_of=END, population=POPULATION)


def _value(indicators: pl.DataFrame, code: str) -> float:
    return indicators.filter(pl.col("code") == code)["value"].item()


@pytest.mark.parametrize("code", sorted(ENGLAND))
def test_a_typical_council_recovers_england(indicators, code):
    target, tolerance = ENGLAND[code]
    assert _value(indicators, code) == pytest.approx(target, abs=tolerance)


@pytest.mark.parametrize("code", sorted(WORKFORCE))
def test_a_typical_council_recovers_the_workforce_figures(typical_council, code):
    year_ends = [date(year, 3, 31) for year in range(2022, 2027)]
    values = [
        _value(compute_indicators(typical_council, as_of=day, population=POPULATION), code)
        for day in year_ends
    ]
    target, tolerance = WORKFORCE[code]
    assert sum(values) / len(values) == pytest.approx(target, abs=tolerance), values


def test_every_indicator_is_computed_on_a_full_council(indicators):
    assert indicators.filter(pl.col("status") != "computed")["code"].to_list() == []
