"""Flags of open child protection plans: reviews, visits, long plans and repeat plans."""

from datetime import date

import pytest


@pytest.fixture
def plans(frame):
    """P1 began 31 January 2024 with no review; P2 has had one; P3 has ended; P0 was C2's earlier plan."""
    return {
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1", "P2", "P3", "P0"],
            cppl_person_id=["C1", "C2", "C3", "C2"],
            cppl_cp_plan_start_date=[
                date(2024, 1, 31),
                date(2024, 1, 15),
                date(2023, 1, 1),
                date(2021, 5, 1),
            ],
            cppl_cp_plan_end_date=[None, None, date(2023, 12, 1), date(2022, 1, 1)],
        ),
        "ssd_cp_reviews": frame(
            "ssd_cp_reviews",
            cppr_cp_review_id=["V1", "V2"],
            cppr_cp_plan_id=["P2", "P0"],
            cppr_cp_review_date=[date(2024, 3, 15), date(2021, 8, 1)],
        ),
    }


def test_first_review_is_due_3_months_after_the_conference_clamped_to_the_month_end(
    plans, flag_rows
):
    assert flag_rows(plans, "child_protection_review", as_of=date(2024, 4, 30)) == [
        ("P1", date(2024, 4, 30), None, "due_soon", None),  # 31 January + 3 months = 30 April
        (
            "P2",
            date(2024, 9, 15),
            date(2024, 3, 15),
            "met",
            None,
        ),  # 6 months after its first review
    ]  # P3 has ended; P0's review belongs to another plan
    assert flag_rows(plans, "child_protection_review", as_of=date(2024, 5, 1))[0][3:] == (
        "overdue",
        1,
    )


def test_reviews_without_the_reviews_table_are_missing_data(plans, flag_rows):
    del plans["ssd_cp_reviews"]
    statuses = [
        row[3] for row in flag_rows(plans, "child_protection_review", as_of=date(2024, 5, 1))
    ]
    assert statuses == ["missing_data", "missing_data"]


def test_cp_visits_are_due_every_15_working_days_of_a_visit_where_the_child_was_seen(
    frame, flag_rows
):
    frames = {
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1", "P2"],
            cppl_person_id=["C1", "C2"],
            cppl_cp_plan_start_date=[date(2024, 3, 27), date(2024, 3, 27)],
        ),
        "ssd_cp_visits": frame(
            "ssd_cp_visits",
            cppv_cp_visit_id=["V1", "V2", "V3"],
            cppv_cp_plan_id=["P1", "P1", "P2"],
            cppv_person_id=["C1", "C1", "C2"],
            cppv_cp_visit_date=[date(2024, 3, 28), date(2024, 4, 10), date(2024, 4, 10)],
            cppv_cp_visit_seen=["Y", "N", "N"],  # 10 April: not seen, so not a visit that counts
        ),
    }
    assert flag_rows(frames, "child_protection_visit", as_of=date(2024, 4, 22)) == [
        ("P1", date(2024, 4, 22), date(2024, 3, 28), "due_soon", None),  # 15 WD over Easter
        ("P2", date(2024, 4, 19), None, "overdue", 3),  # no visit since the plan began
    ]


def test_a_long_plan_is_warned_at_18_months_and_raised_on_the_day_it_reaches_2_years(
    frame, flag_rows
):
    frames = {
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1", "P2"],
            cppl_person_id=["C1", "C2"],
            cppl_cp_plan_start_date=[date(2022, 3, 31), date(2023, 1, 31)],
        )
    }
    columns = ("episode_id", "due_date", "status", "days_overdue", "value")
    assert flag_rows(
        frames, "long_child_protection_plan", as_of=date(2024, 3, 30), columns=columns
    ) == [
        ("P1", date(2024, 3, 31), "due_soon", None, 23.0),  # past 18 months, a day short of 2 years
        ("P2", date(2025, 1, 31), "met", None, 13.0),
    ]
    assert flag_rows(
        frames, "long_child_protection_plan", as_of=date(2024, 3, 31), columns=columns
    )[0] == (
        "P1",
        date(2024, 3, 31),
        "overdue",  # 2 years to the day
        0,
        24.0,
    )
    # 31 January 2023 + 18 months = 31 July 2024
    assert (
        flag_rows(frames, "long_child_protection_plan", as_of=date(2024, 7, 30), columns=columns)[
            1
        ][2]
        == "met"
    )
    assert (
        flag_rows(frames, "long_child_protection_plan", as_of=date(2024, 7, 31), columns=columns)[
            1
        ][2]
        == "due_soon"
    )


def test_a_repeat_plan_is_raised_with_the_number_of_earlier_plans(plans, flag_rows):
    columns = ("person_id", "episode_id", "status", "value")
    assert flag_rows(
        plans, "repeat_child_protection_plan", as_of=date(2024, 4, 30), columns=columns
    ) == [
        ("C1", "P1", "met", 0.0),  # a first plan
        ("C2", "P2", "overdue", 1.0),  # P0 came before it
    ]
