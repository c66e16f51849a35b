"""Missing episodes in the last 12 months, and return interviews offered."""

from datetime import date

import pytest


@pytest.fixture
def missing(frame):
    return {
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2"],
            clae_person_id=["C1", "C2"],
            clae_cla_episode_start_date=[date(2023, 1, 1)] * 2,
        ),
        "ssd_missing": frame(
            "ssd_missing",
            miss_table_id=["M1", "M2", "M3", "M4", "M5"],
            miss_person_id=["C1", "C1", "C1", "C2", "C2"],
            miss_missing_episode_type=["M", "M", "A", "M", "M"],  # M3 was away, not missing
            miss_missing_episode_start_date=[
                date(2024, 4, 1),
                date(2025, 3, 20),
                date(2025, 3, 1),
                date(2024, 3, 31),  # before the 12 months
                date(2025, 3, 28),
            ],
            miss_missing_episode_end_date=[
                date(2024, 4, 2),
                date(2025, 3, 21),
                date(2025, 3, 2),
                date(2024, 4, 1),
                date(2025, 3, 29),
            ],
            miss_missing_rhi_offered=["Y", "N", None, "Y", None],
        ),
    }


def test_missing_episodes_in_the_last_12_months_are_counted(missing, flag_rows):
    columns = ("person_id", "last_done_date", "status", "value")
    assert flag_rows(missing, "missing_episodes", as_of=date(2025, 3, 31), columns=columns) == [
        ("C1", date(2025, 3, 20), "overdue", 2.0),  # M1 (1 April 2024, the first day) and M2
        ("C2", date(2025, 3, 28), "overdue", 1.0),  # M4 began before the window
    ]


def test_return_interviews_are_offered_within_72_hours(missing, flag_rows):
    assert flag_rows(missing, "return_interview", as_of=date(2025, 3, 31)) == [
        ("M1", date(2024, 4, 5), None, "met", None),  # offered
        ("M2", date(2025, 3, 24), None, "overdue", 7),  # not offered, 3 days after the return
        ("M4", date(2024, 4, 4), None, "met", None),  # ended on the window's first day
        ("M5", date(2025, 4, 1), None, "missing_data", None),  # not recorded
    ]


def test_without_the_missing_table_missing_episodes_are_missing_data(missing, flag_rows):
    del missing["ssd_missing"]
    columns = ("person_id", "status")
    rows = flag_rows(missing, "missing_episodes", as_of=date(2025, 3, 31), columns=columns)
    assert rows == [("C1", "missing_data"), ("C2", "missing_data")]
