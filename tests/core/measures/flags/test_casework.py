"""Every open case: allocated or not, any visit recorded, management oversight (supervision)."""

from datetime import date

import polars as pl
import pytest


@pytest.fixture
def cases(frame):
    """C1 on a CP plan and allocated; C2 in need (no plan), allocation ended; C3 new to care."""
    return {
        "ssd_cin_episodes": frame(
            "ssd_cin_episodes",
            cine_referral_id=["R1", "R2", "R3"],
            cine_person_id=["C1", "C2", "C3"],
            cine_referral_date=[date(2024, 11, 1), date(2024, 6, 1), date(2025, 3, 1)],
        ),
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1"],
            cppl_person_id=["C1"],
            cppl_cp_plan_start_date=[date(2025, 1, 6)],
        ),
        "ssd_cp_visits": frame(
            "ssd_cp_visits",
            cppv_cp_visit_id=["V1"],
            cppv_cp_plan_id=["P1"],
            cppv_person_id=["C1"],
            cppv_cp_visit_date=[date(2025, 3, 3)],
        ),
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E3"],
            clae_person_id=["C3"],
            clae_cla_episode_start_date=[date(2025, 3, 1)],
        ),
        "ssd_cla_visits": frame("ssd_cla_visits", clav_cla_visit_id=[], clav_person_id=[]),
        "ssd_involvements": frame(
            "ssd_involvements",
            invo_involvements_id=["I1", "I2"],
            invo_person_id=["C1", "C2"],
            invo_professional_id=["W1", "W2"],
            invo_professional_team=["T1", "T2"],
            invo_professional_role_id=["ALLOCATED_WORKER"] * 2,
            invo_involvement_start_date=[date(2024, 11, 1), date(2024, 6, 1)],
            invo_involvement_end_date=[None, date(2025, 2, 1)],
        ),
        "ovs_case_supervision": frame(
            "ovs_case_supervision",
            ovcs_supervision_id=["S1", "S2"],
            ovcs_person_id=["C1", "C2"],
            ovcs_supervision_date=[
                date(2025, 2, 28),
                date(2024, 5, 1),
            ],  # S2 before C2's case began
        ),
    }


def test_an_open_case_without_an_allocated_worker_is_raised_from_when_it_lost_one(cases, flag_rows):
    columns = ("person_id", "due_date", "status", "days_overdue", "team_id", "worker_id")
    assert flag_rows(cases, "unallocated", as_of=date(2025, 3, 31), columns=columns) == [
        ("C1", None, "met", None, "T1", "W1"),
        ("C2", date(2025, 2, 1), "overdue", 58, "T2", None),  # lost W2 on 1 February: T2's
        ("C3", date(2025, 3, 1), "overdue", 30, None, None),  # never allocated: no team's
    ]
    del cases["ssd_involvements"]
    rows = flag_rows(cases, "unallocated", as_of=date(2025, 3, 31), columns=("status",))
    assert rows == [("missing_data",)] * 3


def test_a_child_who_lost_their_worker_stays_with_the_team_in_every_flag(cases, flag_rows, frame):
    """The team that last held the case during it holds it still, so its manager sees every
    flag of the child; an allocation that ended before the case opened (C4's, the day it
    opened) belonged to an earlier case and gives no team."""
    as_of = date(2025, 3, 31)
    supervision = flag_rows(
        cases, "case_supervision", as_of=as_of, columns=("person_id", "team_id", "worker_id")
    )
    assert ("C2", "T2", None) in supervision
    cases["ssd_cin_episodes"] = pl.concat(
        [
            cases["ssd_cin_episodes"],
            frame(
                "ssd_cin_episodes",
                cine_referral_id=["R4"],
                cine_person_id=["C4"],
                cine_referral_date=[date(2025, 1, 10)],
            ),
        ]
    )
    cases["ssd_involvements"] = pl.concat(
        [
            cases["ssd_involvements"],
            frame(
                "ssd_involvements",
                invo_involvements_id=["I4", "I5"],
                invo_person_id=["C4", "C2"],
                invo_professional_id=["W4", "W5"],
                invo_professional_team=["T4", "T5"],
                invo_professional_role_id=["ALLOCATED_WORKER"] * 2,
                invo_involvement_start_date=[date(2023, 1, 1), date(2024, 6, 1)],
                invo_involvement_end_date=[date(2025, 1, 10), date(2025, 1, 15)],
            ),
        ]
    )
    columns = ("person_id", "status", "team_id", "worker_id")
    rows = flag_rows(cases, "unallocated", as_of=as_of, columns=columns)
    assert ("C4", "overdue", None, None) in rows
    assert ("C2", "overdue", "T2", None) in rows  # T2's ended last (1 February), not T5's


def test_no_visit_recorded_since_the_plan_or_care_began(cases, flag_rows):
    columns = ("person_id", "due_date", "last_done_date", "status")
    assert flag_rows(cases, "no_visit_recorded", as_of=date(2025, 3, 31), columns=columns) == [
        ("C1", date(2025, 1, 6), date(2025, 3, 3), "met"),
        ("C3", date(2025, 3, 1), None, "overdue"),  # C2 has no plan: no visits expected
    ]
    del cases["ssd_cla_visits"]  # C3's visits are not known; C1's still are
    rows = flag_rows(
        cases, "no_visit_recorded", as_of=date(2025, 3, 31), columns=("person_id", "status")
    )
    assert rows == [("C1", "met"), ("C3", "missing_data")]


def test_case_supervision_follows_the_local_standard(cases, flag_rows):
    columns = ("person_id", "due_date", "last_done_date", "status", "days_overdue")
    assert flag_rows(cases, "case_supervision", as_of=date(2025, 3, 31), columns=columns) == [
        ("C1", date(2025, 3, 28), date(2025, 2, 28), "overdue", 3),
        ("C2", date(2024, 7, 1), None, "overdue", 273),  # none since the case began
        ("C3", date(2025, 4, 1), None, "due_soon", None),
    ]
    del cases["ovs_case_supervision"]
    rows = flag_rows(cases, "case_supervision", as_of=date(2025, 3, 31), columns=("status",))
    assert rows == [("missing_data",)] * 3
