"""Placement stability on the date, and children looked after who went missing."""

from datetime import date

import pytest

AS_OF = date(2025, 3, 31)


@pytest.fixture
def stability(frame):
    """Five children looked after on 31 March 2025."""
    return {
        "ssd_person": frame(
            "ssd_person",
            pers_person_id=["C1", "C2", "C3", "C4", "C5"],
            pers_dob=[
                date(2012, 1, 1),
                date(2012, 1, 1),
                date(2009, 3, 31),
                date(2012, 1, 1),
                date(2012, 1, 1),
            ],
        ),
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2", "E3", "E4", "E5"],
            clae_person_id=["C1", "C2", "C3", "C4", "C5"],
            clae_cla_episode_start_date=[
                date(2022, 9, 30),  # 2½ years to the day
                date(2022, 10, 1),  # a day short of 2½ years
                date(2020, 1, 1),
                date(2023, 3, 31),  # 2 years to the day
                date(2020, 1, 1),
            ],
        ),
        "ssd_cla_placement": frame(
            "ssd_cla_placement",
            clap_cla_placement_id=["P1", "P2", "P3", "P4", "P5", "P6", "P7"],
            clap_person_id=["C1", "C2", "C3", "C4", "C4", "C4", "C5"],
            clap_cla_placement_start_date=[
                date(2023, 3, 31),  # 2 years in the same placement
                date(2022, 10, 1),
                date(2020, 1, 1),
                date(2023, 3, 31),
                date(2024, 1, 1),
                date(2024, 6, 1),
                date(2020, 1, 1),
            ],
            clap_cla_placement_end_date=[
                None,
                None,
                None,
                date(2024, 1, 1),
                date(2024, 6, 1),
                None,
                None,
            ],
        ),
        "ssd_legal_status": frame(
            "ssd_legal_status",
            lega_legal_status_id=["S5"],
            lega_person_id=["C5"],
            lega_legal_status=["V3"],  # short breaks: left out of stability
            lega_legal_status_start_date=[date(2020, 1, 1)],
        ),
    }


def test_three_or_more_placements_in_the_year(stability, indicator):
    row = indicator(stability, "cla_three_or_more_placements_in_year", as_of=AS_OF)
    # C4's P4 ended before the year began: P5 and P6 make 2; C5, on short breaks, is left out
    assert (row["numerator"], row["denominator"]) == (0.0, 4.0)


def test_three_or_more_placements_in_2_years_of_continuous_care(stability, indicator):
    row = indicator(stability, "cla_three_or_more_placements_in_2_years", as_of=AS_OF)
    assert (row["numerator"], row["denominator"], row["england_value"]) == (
        1.0,
        4.0,
        23.0,
    )  # C4: P4 to P6


def test_long_term_stability_under_16_after_2_and_a_half_years(stability, indicator):
    row = indicator(stability, "long_term_placement_stability", as_of=AS_OF)
    # C1 (2½ years, same placement 2 years) counts; C2 is short of 2½ years; C3 is 16; C5 on short breaks
    assert (row["numerator"], row["denominator"], row["value"]) == (1.0, 1.0, 100.0)


def test_children_looked_after_who_went_missing_in_the_period(frame, indicator):
    frames = {
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2", "E3", "E4"],
            clae_person_id=["C1", "C2", "C3", "C4"],
            clae_cla_episode_start_date=[
                date(2024, 1, 1),
                date(2024, 1, 1),
                date(2024, 1, 1),
                date(2023, 1, 1),
            ],
            clae_cla_episode_ceased_date=[
                None,
                date(2024, 5, 1),
                None,
                date(2024, 4, 1),
            ],  # C4 left before
        ),
        "ssd_missing": frame(
            "ssd_missing",
            miss_table_id=["M1", "M2", "M3", "M4"],
            miss_person_id=["C1", "C1", "C2", "C3"],
            miss_missing_episode_type=["M", "M", "M", "A"],  # C3 was away, not missing
            miss_missing_episode_start_date=[
                date(2024, 6, 1),
                date(2024, 7, 1),
                date(2024, 4, 20),
                date(2024, 8, 1),
            ],
        ),
    }
    row = indicator(frames, "cla_missing_in_period", as_of=AS_OF)
    assert (row["numerator"], row["denominator"], row["england_value"]) == (2.0, 3.0, 11.0)
    assert indicator(frames, "missing_incidents", as_of=AS_OF)["value"] == 3.0
    quarter = indicator(frames, "missing_incidents", as_of=date(2024, 6, 30), period="quarter")
    assert quarter["value"] == 2.0  # M2 falls in July
