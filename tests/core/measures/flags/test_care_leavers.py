"""Care leavers: pathway plan reviews every 6 months, personal adviser contact every 2 months."""

from datetime import date

import pytest


@pytest.fixture
def leavers(frame):
    return {
        "ssd_person": frame(
            "ssd_person",
            pers_person_id=["C1", "C2", "C3", "C4", "C5"],
            pers_dob=[
                date(2005, 5, 1),
                date(2005, 5, 1),
                date(2005, 5, 1),
                date(2000, 3, 31),
                date(2006, 1, 1),
            ],
        ),
        "ssd_care_leavers": frame(
            "ssd_care_leavers",
            clea_table_id=["L1", "L2", "L3", "L4", "L5"],
            clea_person_id=["C1", "C2", "C3", "C4", "C5"],
            clea_care_leaver_eligibility=[
                "Former Relevant",
                "Qualifying",
                "Relevant",
                "Former Relevant",
                "Relevant",
            ],
            clea_care_leaver_in_touch=["YES", "YES", "DIED", "YES", None],
            clea_pathway_plan_review_date=[
                date(2024, 9, 30),
                date(2024, 9, 30),
                date(2024, 9, 30),
                date(2024, 9, 30),
                None,
            ],
            clea_care_leaver_latest_contact=[
                date(2025, 1, 31),
                date(2025, 1, 31),
                None,
                None,
                date(2025, 4, 2),
            ],
        ),
    }
    # L2 is qualifying (no pathway plan); L3 has died; L4 turned 25 on 31 March 2025


def test_pathway_plans_are_reviewed_every_6_months(leavers, flag_rows):
    assert flag_rows(leavers, "pathway_plan_review", as_of=date(2025, 3, 31)) == [
        ("L1", date(2025, 3, 30), date(2024, 9, 30), "overdue", 1),
        ("L5", None, None, "missing_data", None),  # no review recorded
    ]


def test_care_leavers_are_in_contact_every_2_months(leavers, flag_rows):
    assert flag_rows(leavers, "care_leaver_contact", as_of=date(2025, 3, 31)) == [
        ("L1", date(2025, 3, 31), date(2025, 1, 31), "due_soon", None),  # 31 January + 2 months
        (
            "L5",
            None,
            None,
            "missing_data",
            None,
        ),  # a contact after the as-of date is not known on it
    ]
