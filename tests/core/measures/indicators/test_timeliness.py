"""Timeliness of visits and reviews on the date, from the per-child flags."""

from datetime import date

import pytest

AS_OF = date(2025, 3, 31)


@pytest.fixture
def plans(frame):
    return {
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1", "P2", "P3"],
            cppl_person_id=["C1", "C2", "C3"],
            cppl_cp_plan_start_date=[date(2025, 1, 6), date(2025, 1, 6), date(2025, 3, 24)],
        ),
        "ssd_cp_visits": frame(
            "ssd_cp_visits",
            cppv_cp_visit_id=["V1"],
            cppv_cp_plan_id=["P1"],
            cppv_cp_visit_date=[date(2025, 3, 20)],
        ),
        "ssd_cp_reviews": frame(
            "ssd_cp_reviews",
            cppr_cp_review_id=["R1"],
            cppr_cp_plan_id=["P1"],
            cppr_cp_review_date=[date(2025, 3, 1)],
        ),
    }


def test_cp_visits_and_reviews_in_timescale(plans, indicator):
    visits = indicator(plans, "child_protection_visits_in_timescale", as_of=AS_OF)
    assert (visits["numerator"], visits["denominator"]) == (2.0, 3.0)  # P2 has had no visit
    reviews = indicator(plans, "child_protection_reviews_in_timescale", as_of=AS_OF)
    assert (reviews["numerator"], reviews["denominator"]) == (3.0, 3.0)  # first reviews not yet due


def test_children_whose_status_is_unknown_are_left_out(frame, indicator):
    frames = {
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2"],
            clae_person_id=["C1", "C2"],
            clae_cla_episode_start_date=[date(2025, 1, 6), date(2025, 3, 3)],
        ),
        "ssd_cla_placement": frame(
            "ssd_cla_placement",
            clap_cla_placement_id=["P1", "P2"],
            clap_person_id=["C1", "C2"],
            clap_cla_placement_start_date=[date(2025, 1, 6), date(2025, 3, 3)],
            clap_cla_placement_type=["U6", "P1"],  # C2's legal status is not recorded
        ),
        "ssd_legal_status": frame("ssd_legal_status", lega_legal_status_id=[], lega_person_id=[]),
        "ssd_cla_visits": frame(
            "ssd_cla_visits",
            clav_cla_visit_id=["V1"],
            clav_person_id=["C1"],
            clav_cla_visit_date=[date(2025, 3, 10)],
        ),
        "ssd_cla_reviews": frame("ssd_cla_reviews", clar_cla_review_id=[], clar_cla_id=[]),
    }
    visits = indicator(frames, "looked_after_visits_in_timescale", as_of=AS_OF)
    assert (visits["numerator"], visits["denominator"], visits["value"]) == (1.0, 1.0, 100.0)
    reviews = indicator(frames, "looked_after_reviews_in_timescale", as_of=AS_OF)
    assert (reviews["numerator"], reviews["denominator"]) == (1.0, 2.0)  # C1's first review is late
    cin = indicator(frames, "child_in_need_visits_in_timescale", as_of=AS_OF)
    assert (cin["status"], cin["note"]) == ("missing_data", "absent: ssd_cin_plans, ssd_cin_visits")
