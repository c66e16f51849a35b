"""Placement alerts: placements in the last 12 months, out of area, more than 20 miles from home."""

from datetime import date

import pytest


@pytest.fixture
def placed(frame):
    """Three children looked after on 31 March 2025 and their placements."""
    return {
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2", "E3"],
            clae_person_id=["C1", "C2", "C3"],
            clae_cla_episode_start_date=[date(2023, 1, 1)] * 3,
        ),
        "ssd_cla_placement": frame(
            "ssd_cla_placement",
            clap_cla_placement_id=["P1", "P2", "P3", "P4", "P5", "P6"],
            clap_person_id=["C1", "C1", "C1", "C2", "C2", "C3"],
            clap_cla_placement_start_date=[
                date(2023, 1, 1),  # ended on the window's first day: not in the window
                date(2024, 4, 1),
                date(2024, 9, 1),
                date(2023, 1, 1),  # still in the window on 1 April 2024
                date(2024, 4, 2),
                date(2023, 1, 1),
            ],
            clap_cla_placement_end_date=[
                date(2024, 4, 1),
                date(2024, 9, 1),
                None,
                date(2024, 4, 2),
                None,
                None,
            ],
            clap_cla_placement_distance=[None, None, 20.0, None, 20.5, None],
        ),
        "ovs_placement_locations": frame(
            "ovs_placement_locations",
            ovpl_placement_id=["P3", "P5"],
            ovpl_is_out_of_area=["N", "Y"],
        ),
    }


def test_placements_in_the_last_12_months_warn_at_2_and_raise_at_3(placed, flag_rows, frame):
    columns = ("person_id", "status", "value")
    assert flag_rows(placed, "placement_moves", as_of=date(2025, 3, 31), columns=columns) == [
        ("C1", "due_soon", 2.0),  # P2 and P3; P1 ended on 1 April 2024, the window's first day
        ("C2", "due_soon", 2.0),  # P4 still ran on 1 April 2024
        ("C3", "met", 1.0),
    ]
    placed["ssd_cla_placement"] = placed["ssd_cla_placement"].with_columns(
        clap_cla_placement_end_date=placed["ssd_cla_placement"]["clap_cla_placement_end_date"].set(
            placed["ssd_cla_placement"]["clap_cla_placement_id"] == "P1", date(2024, 4, 2)
        )
    )
    assert flag_rows(placed, "placement_moves", as_of=date(2025, 3, 31), columns=columns)[0] == (
        "C1",
        "overdue",
        3.0,
    )


def test_out_of_area_needs_the_placement_locations(placed, flag_rows):
    columns = ("episode_id", "status")
    assert flag_rows(placed, "placed_out_of_area", as_of=date(2025, 3, 31), columns=columns) == [
        ("P3", "met"),
        ("P5", "overdue"),
        ("P6", "missing_data"),  # no location recorded
    ]
    del placed["ovs_placement_locations"]
    rows = flag_rows(placed, "placed_out_of_area", as_of=date(2025, 3, 31), columns=columns)
    assert [row[1] for row in rows] == ["missing_data"] * 3


def test_more_than_20_miles_from_home_is_raised(placed, flag_rows):
    columns = ("episode_id", "status", "value")
    assert flag_rows(placed, "placed_far_from_home", as_of=date(2025, 3, 31), columns=columns) == [
        ("P3", "met", 20.0),  # exactly 20 miles is not more than 20
        ("P5", "overdue", 20.5),
        ("P6", "missing_data", None),
    ]
