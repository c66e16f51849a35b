"""A default-size council lands on England's published figures; profiles sit either side.

Targets and tolerances (issue 3): ±3 percentage points on each rate, ±1.5 on caseload. Sources
of the England figures are in ``oversight.core.synth.profiles``.
"""

from datetime import date

import pytest

END = date(2026, 3, 31)

ENGLAND = {
    "rereferral_rate": (0.22, 0.03),
    "assessments_within_45": (0.857, 0.03),
    "icpc_within_15": (0.784, 0.03),
    "cp_plans_two_years": (0.044, 0.03),
    "long_term_stability": (0.68, 0.03),
    "agency_rate": (0.178, 0.03),
    "vacancy_rate": (0.189, 0.03),
    "turnover_rate": (0.159, 0.03),
    "caseload": (16.0, 1.5),
}
"""Each calibrated rate: England's figure and the tolerance around it."""

BETTER_WHEN_HIGHER = {
    "rereferral_rate": False,
    "assessments_within_45": True,
    "icpc_within_15": True,
    "cp_plans_two_years": False,
    "long_term_stability": True,
    "agency_rate": False,
    "vacancy_rate": False,
    "turnover_rate": False,
    "caseload": False,
}


@pytest.fixture(scope="module")
def typical(typical_council, rates_of):
    return rates_of(typical_council, END)


@pytest.mark.parametrize("rate", sorted(ENGLAND))
def test_a_typical_council_reproduces_england(typical, rate):
    target, tolerance = ENGLAND[rate]
    assert typical[rate] == pytest.approx(target, abs=tolerance), (rate, typical[rate])


def test_a_default_council_has_about_3000_children_in_need_and_1000_in_care(typical):
    assert 2700 <= typical["children_in_need"] <= 3300
    assert 750 <= typical["looked_after"] <= 1150


@pytest.mark.parametrize("rate", sorted(ENGLAND))
def test_inadequate_is_worse_and_good_better_than_typical(
    typical, inadequate_council, good_council, rates_of, rate
):
    inadequate = rates_of(inadequate_council, END)[rate]
    good = rates_of(good_council, END)[rate]
    if BETTER_WHEN_HIGHER[rate]:
        assert inadequate < typical[rate] < good, (inadequate, typical[rate], good)
    else:
        assert inadequate > typical[rate] > good, (inadequate, typical[rate], good)
