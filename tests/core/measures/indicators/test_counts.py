"""Children in need, on CP plans and looked after on the date, and per 10,000 children."""

from datetime import date

import pytest

from oversight.core.measures import PopulationError, population_from_council


@pytest.fixture
def children(frame):
    return {
        "ssd_cin_episodes": frame(
            "ssd_cin_episodes",
            cine_referral_id=["R1", "R2", "R3", "R4"],
            cine_person_id=["C1", "C1", "C2", "C3"],
            cine_referral_date=[
                date(2024, 1, 1),
                date(2024, 6, 1),
                date(2024, 2, 1),
                date(2024, 2, 1),
            ],
            cine_close_date=[None, None, date(2025, 3, 31), None],  # C2's case closed on the day
        ),
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1"],
            cppl_person_id=["C1"],
            cppl_cp_plan_start_date=[date(2024, 7, 1)],
        ),
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2"],
            clae_person_id=["C3", "C3"],
            clae_cla_episode_start_date=[date(2024, 3, 1), date(2024, 5, 1)],
            clae_cla_episode_ceased_date=[date(2024, 5, 1), None],
        ),
    }


def test_children_are_counted_once_on_the_date(children, indicator):
    as_of = date(2025, 3, 31)
    assert (
        indicator(children, "children_in_need", as_of=as_of)["value"] == 2.0
    )  # C1 once; C2 closed
    assert indicator(children, "children_on_cp_plans", as_of=as_of)["value"] == 1.0
    assert indicator(children, "children_looked_after", as_of=as_of)["value"] == 1.0  # two episodes


def test_rates_use_the_population_of_the_year_of_the_31_march(children, indicator):
    row = indicator(
        children,
        "children_in_need_rate_per_10000",
        as_of=date(2025, 3, 31),
        population={2024: 40_000, 2025: 50_000},
    )
    assert (row["numerator"], row["denominator"], row["value"], row["note"]) == (
        2.0,
        50_000.0,
        0.4,
        None,
    )
    assert row["england_value"] == 332.9
    later = indicator(
        children,
        "children_on_cp_plans_rate_per_10000",
        as_of=date(2025, 4, 30),
        population={2025: 50_000},
    )
    assert (later["value"], later["note"]) == (
        0.2,
        "child population of 2025 used (2026 not given)",
    )


def test_rates_without_a_population_have_no_value(children, indicator):
    row = indicator(children, "children_looked_after_rate_per_10000", as_of=date(2025, 3, 31))
    assert (row["value"], row["note"]) == (
        None,
        "no child population given (council.json population_0_17)",
    )


def test_the_population_comes_from_council_json():
    assert population_from_council({"population_0_17": {"2025": 50_000}}) == {2025: 50_000}
    with pytest.raises(PopulationError, match="expected population_0_17"):
        population_from_council({"name": "Anytown"})
    with pytest.raises(PopulationError, match="not a positive whole number"):
        population_from_council({"population_0_17": {"2025": "many"}})
    with pytest.raises(PopulationError, match="is not a year"):
        population_from_council({"population_0_17": {"25": 50_000}})
