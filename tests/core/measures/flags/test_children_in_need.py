"""Flags of open assessments, conferences pending, CIN visits and CIN reviews, at their boundaries."""

from datetime import date

import pytest


@pytest.fixture
def front_door(frame):
    """Four children: an open assessment, one authorised, one without its referral, one closed."""
    return {
        "ssd_cin_episodes": frame(
            "ssd_cin_episodes",
            cine_referral_id=["R1", "R2", "R3", "R4"],
            cine_person_id=["C1", "C2", "C3", "C4"],
            cine_referral_date=[
                date(2024, 3, 1),
                date(2024, 3, 15),
                date(2024, 4, 1),
                date(2023, 1, 1),
            ],
            cine_close_date=[None, None, None, date(2023, 6, 1)],
        ),
        "ssd_cin_assessments": frame(
            "ssd_cin_assessments",
            cina_assessment_id=["A1", "A2", "A3", "A4"],
            cina_person_id=["C1", "C2", "C3", "C4"],
            cina_referral_id=["R1", "R2", None, "R4"],
            cina_assessment_start_date=[
                date(2024, 3, 4),
                date(2024, 3, 15),
                date(2024, 4, 2),
                date(2023, 1, 2),
            ],
            cina_assessment_auth_date=[None, date(2024, 4, 1), None, None],
        ),
    }


def test_assessment_is_due_on_the_45th_working_day_after_the_referral(front_door, flag_rows):
    """Referral on Friday 1 March 2024: the 45th working day is 8 May (after Easter and May Day)."""
    assert flag_rows(front_door, "assessment", as_of=date(2024, 5, 8)) == [
        ("A1", date(2024, 5, 8), None, "due_soon", None),  # the last day allowed
        ("A3", None, None, "missing_data", None),  # no referral recorded for it
    ]  # A2 was authorised; A4's case is closed
    assert flag_rows(front_door, "assessment", as_of=date(2024, 5, 9))[0] == (
        "A1",
        date(2024, 5, 8),
        None,
        "overdue",  # the 46th working day
        1,
    )


def test_assessment_is_met_until_it_is_near_its_due_date(front_door, flag_rows):
    assert flag_rows(front_door, "assessment", as_of=date(2024, 4, 30))[0][3] == "met"  # 8 days
    assert flag_rows(front_door, "assessment", as_of=date(2024, 5, 1))[0][3] == "due_soon"  # 7 days


def test_assessment_without_the_referrals_table_is_missing_data(front_door, flag_rows):
    del front_door["ssd_cin_episodes"]  # no referral dates, and no case known to be closed
    assert [row[3] for row in flag_rows(front_door, "assessment", as_of=date(2024, 5, 8))] == [
        "missing_data"
    ] * 3  # A1, A3 and A4 (A2 was authorised)


@pytest.fixture
def enquiries(frame):
    """Three enquiries started Thursday 1 February 2024: conference held, none yet, no further action."""
    return {
        "ssd_cin_episodes": frame(
            "ssd_cin_episodes",
            cine_referral_id=["R1", "R2", "R3"],
            cine_person_id=["C1", "C2", "C3"],
            cine_referral_date=[date(2024, 1, 30)] * 3,
        ),
        "ssd_s47_enquiry": frame(
            "ssd_s47_enquiry",
            s47e_s47_enquiry_id=["S1", "S2", "S3"],
            s47e_person_id=["C1", "C2", "C3"],
            s47e_s47_start_date=[date(2024, 2, 1)] * 3,
            s47e_s47_nfa=["N", None, "Y"],
        ),
        "ssd_initial_cp_conference": frame(
            "ssd_initial_cp_conference",
            icpc_icpc_id=["I1"],
            icpc_person_id=["C1"],
            icpc_s47_enquiry_id=["S1"],
            icpc_icpc_date=[date(2024, 2, 20)],
        ),
    }


def test_initial_conference_is_due_15_working_days_after_the_enquiry_starts(enquiries, flag_rows):
    measure = "initial_child_protection_conference"
    assert flag_rows(enquiries, measure, as_of=date(2024, 2, 22)) == [
        (
            "S2",
            date(2024, 2, 22),
            None,
            "due_soon",
            None,
        ),  # S1 held its conference; S3 no further action
    ]
    assert flag_rows(enquiries, measure, as_of=date(2024, 2, 23)) == [
        ("S2", date(2024, 2, 22), None, "overdue", 1),
    ]


def test_initial_conference_without_the_conference_table_is_missing_data(enquiries, flag_rows):
    del enquiries["ssd_initial_cp_conference"]
    rows = flag_rows(enquiries, "initial_child_protection_conference", as_of=date(2024, 2, 23))
    assert rows == [
        ("S1", None, None, "missing_data", None),
        ("S2", None, None, "missing_data", None),
    ]


@pytest.fixture
def cin_plans(frame):
    return {
        "ssd_cin_plans": frame(
            "ssd_cin_plans",
            cinp_cin_plan_id=["P1", "P2", "P3"],
            cinp_person_id=["C1", "C2", "C3"],
            cinp_cin_plan_start_date=[date(2024, 1, 8), date(2024, 3, 1), date(2023, 1, 1)],
            cinp_cin_plan_end_date=[None, None, date(2023, 12, 1)],  # P3 has ended
        ),
        "ssd_cin_visits": frame(
            "ssd_cin_visits",
            cinv_cin_visit_id=["V1", "V2"],
            cinv_person_id=["C1", "C1"],
            cinv_cin_visit_date=[date(2024, 2, 5), date(2024, 3, 18)],
            cinv_cin_visit_seen=["Y", "N"],  # the child was not seen on 18 March
        ),
    }


def test_child_in_need_visit_exactly_6_weeks_after_the_last_is_due_that_day(cin_plans, flag_rows):
    assert flag_rows(cin_plans, "child_in_need_visit", as_of=date(2024, 3, 18)) == [
        ("P1", date(2024, 3, 18), date(2024, 2, 5), "due_soon", None),  # 6 weeks to the day
        (
            "P2",
            date(2024, 4, 12),
            None,
            "met",
            None,
        ),  # first visit due 6 weeks after the plan began
    ]
    assert flag_rows(cin_plans, "child_in_need_visit", as_of=date(2024, 3, 19))[0] == (
        "P1",
        date(2024, 3, 18),
        date(2024, 2, 5),
        "overdue",
        1,
    )


def test_child_in_need_review_is_missing_data_as_the_ssd_records_no_plan_reviews(
    cin_plans, flag_rows
):
    rows = flag_rows(cin_plans, "child_in_need_review", as_of=date(2024, 3, 18))
    assert rows == [
        ("P1", None, None, "missing_data", None),
        ("P2", None, None, "missing_data", None),
    ]
