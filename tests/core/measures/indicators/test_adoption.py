"""Adoption scorecard A1, A2 and A10 over the 3 years to the date."""

from datetime import date

import pytest

AS_OF = date(2025, 3, 31)


@pytest.fixture
def adoptions(frame):
    return {
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2", "E3", "E4", "E5"],
            clae_person_id=["C1", "C1", "C2", "C3", "C4"],
            clae_cla_episode_start_date=[
                date(2021, 1, 1),
                date(2022, 1, 1),
                date(2022, 6, 1),
                date(2020, 1, 1),
                date(2022, 1, 1),
            ],
            clae_cla_episode_ceased_date=[
                date(2022, 1, 1),
                date(2023, 1, 1),
                date(2024, 6, 1),
                date(2022, 3, 31),
                date(2024, 1, 1),
            ],
            clae_cla_episode_ceased_reason=[
                None,
                "E11",
                "E12",
                "E11",
                "E4A",
            ],  # C3 before the window; C4 went home
        ),
        "ssd_permanence": frame(
            "ssd_permanence",
            perm_table_id=["A1", "A2", "A3"],
            perm_person_id=["C1", "C2", "C3"],
            perm_placement_order_date=[date(2022, 3, 1), date(2023, 6, 1), date(2021, 1, 1)],
            perm_matched_date=[
                date(2022, 2, 1),
                date(2023, 9, 29),
                date(2021, 6, 1),
            ],  # C1 matched first
            perm_placed_for_adoption_date=[date(2022, 4, 1), date(2023, 10, 1), date(2021, 7, 1)],
            perm_adopted_by_carer_flag=["N", "Y", "N"],
            perm_placed_foster_carer_date=[None, date(2022, 6, 1), None],
        ),
    }


def test_a1_counts_from_entering_care_to_placement_for_adoption(adoptions, indicator):
    row = indicator(adoptions, "A1", as_of=AS_OF)
    # C1 entered care 1 January 2021 (E1 and E2 chain): 455 days; C2: 487 days
    assert (row["numerator"], row["denominator"], row["value"], row["unit"]) == (
        942.0,
        2.0,
        471.0,
        "days",
    )
    assert (row["england_value"], row["england_year"]) == (486.0, "2015–18")


def test_a2_counts_0_days_when_matched_before_the_placement_order(adoptions, indicator):
    row = indicator(adoptions, "A2", as_of=AS_OF)
    assert (row["numerator"], row["denominator"]) == (120.0, 2.0)  # C1: 0; C2: 120


def test_a10_stops_the_clock_when_the_foster_carers_adopt(adoptions, indicator):
    row = indicator(adoptions, "A10", as_of=AS_OF)
    assert (row["numerator"], row["denominator"]) == (
        455.0,
        2.0,
    )  # C2: 0 days, fostered from the start


def test_a_child_without_dates_is_left_out_and_counted_in_the_note(adoptions, indicator):
    adoptions["ssd_permanence"] = adoptions["ssd_permanence"].filter(
        adoptions["ssd_permanence"]["perm_person_id"] != "C2"
    )
    row = indicator(adoptions, "A1", as_of=AS_OF)
    assert (row["denominator"], row["note"]) == (
        1.0,
        "1 adopted children left out: no dates for this measure",
    )
