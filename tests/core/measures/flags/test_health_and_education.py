"""Health assessments, review health assessments (by age), dental checks and termly PEPs."""

from datetime import date

import pytest


def _in_care(frame, starts):
    return frame(
        "ssd_cla_episodes",
        clae_cla_episode_id=[f"E{i}" for i in range(1, len(starts) + 1)],
        clae_person_id=[f"C{i}" for i in range(1, len(starts) + 1)],
        clae_cla_episode_start_date=starts,
    )


def _checks(frame, people, types, dates, statuses):
    return frame(
        "ssd_cla_health",
        clah_health_check_id=[f"H{i}" for i in range(len(people))],
        clah_person_id=people,
        clah_health_check_type=types,
        clah_health_check_date=dates,
        clah_health_check_status=statuses,
    )


def test_the_initial_health_assessment_is_due_20_working_days_after_care_begins(frame, flag_rows):
    frames = {
        "ssd_cla_episodes": _in_care(frame, [date(2024, 3, 1)] * 3),
        "ssd_cla_health": _checks(
            frame,
            ["C2", "C3"],
            ["RHA", "IHA"],
            [date(2024, 1, 15), date(2024, 3, 20)],
            ["Completed", "Planned"],  # C3's was only planned
        ),
    }
    assert flag_rows(frames, "initial_health_assessment", as_of=date(2024, 4, 3)) == [
        ("E1", date(2024, 4, 2), None, "overdue", 1),  # over Easter
        (
            "E2",
            date(2024, 4, 2),
            date(2024, 1, 15),
            "met",
            None,
        ),  # one in the 3 months before counts
        ("E3", date(2024, 4, 2), None, "overdue", 1),
    ]


def test_review_health_assessments_follow_the_age_at_the_last_one(frame, flag_rows):
    frames = {
        "ssd_person": frame(
            "ssd_person",
            pers_person_id=["C1", "C2", "C3", "C4"],
            pers_dob=[date(2019, 6, 1), date(2019, 6, 2), None, date(2019, 6, 1)],
        ),
        "ssd_cla_episodes": _in_care(frame, [date(2024, 3, 1)] * 4),
        "ssd_cla_health": _checks(
            frame,
            ["C1", "C2", "C3"],
            ["IHA", "IHA", "IHA"],
            [date(2024, 6, 1)] * 3,
            ["Completed", None, "Completed"],
        ),
    }
    assert flag_rows(frames, "health_review", as_of=date(2024, 12, 1)) == [
        ("E1", date(2025, 6, 1), date(2024, 6, 1), "met", None),  # aged exactly 5: yearly
        (
            "E2",
            date(2024, 12, 1),
            date(2024, 6, 1),
            "due_soon",
            None,
        ),  # a day short of 5: 6-monthly
        ("E3", None, date(2024, 6, 1), "missing_data", None),  # no date of birth
    ]  # C4 has had no assessment yet: the initial health assessment flag covers it


def test_dental_checks_follow_the_local_standard(frame, flag_rows):
    frames = {
        "ssd_cla_episodes": _in_care(frame, [date(2024, 3, 1), date(2023, 1, 9)]),
        "ssd_cla_health": _checks(frame, ["C2"], ["DENTAL"], [date(2023, 10, 2)], ["Completed"]),
    }
    assert flag_rows(frames, "dental_check", as_of=date(2024, 4, 2)) == [
        ("E1", date(2024, 4, 30), None, "met", None),  # 40 working days after care began
        ("E2", date(2024, 4, 2), date(2023, 10, 2), "due_soon", None),  # 6 months after the last
    ]


@pytest.fixture
def peps(frame):
    """On 15 May 2024 (the census summer term; spring ended on Easter Sunday, 31 March)."""
    return {
        "ssd_person": frame(
            "ssd_person",
            pers_person_id=["C1", "C2", "C3", "C4", "C5", "C6"],
            pers_dob=[date(2014, 1, 1)] * 3 + [date(2022, 1, 1), date(2014, 1, 1), None],
        ),
        "ssd_cla_episodes": _in_care(
            frame,
            [
                date(2023, 1, 1),
                date(2023, 1, 1),
                date(2024, 3, 25),
                date(2023, 1, 1),
                date(2023, 1, 1),
                date(2023, 1, 1),
            ],
        ),
        "ovs_personal_education_plans": frame(
            "ovs_personal_education_plans",
            ovpe_pep_id=["X1", "X2", "X5", "X6"],
            ovpe_person_id=["C1", "C2", "C5", "C5"],
            ovpe_pep_date=[
                date(2024, 2, 10),
                date(2023, 11, 10),
                date(2024, 2, 1),
                date(2024, 5, 1),
            ],
        ),
    }


def test_a_pep_is_due_in_every_school_term(peps, flag_rows):
    assert flag_rows(peps, "personal_education_plan", as_of=date(2024, 5, 15)) == [
        (
            "E1",
            date(2024, 7, 31),
            date(2024, 2, 10),
            "met",
            None,
        ),  # spring done, summer not yet due
        ("E2", date(2024, 3, 31), date(2023, 11, 10), "overdue", 45),  # none in the spring term
        ("E3", date(2024, 4, 10), None, "overdue", 35),  # new to care: 10 working days
        ("E5", date(2024, 7, 31), date(2024, 5, 1), "met", None),  # done this term
        ("E6", None, None, "missing_data", None),  # age unknown
    ]  # C4 is 2: too young for a PEP


def test_without_pep_records_every_child_is_missing_data(peps, flag_rows):
    del peps["ovs_personal_education_plans"]
    rows = flag_rows(peps, "personal_education_plan", as_of=date(2024, 5, 15))
    assert [row[3] for row in rows] == ["missing_data"] * 5
