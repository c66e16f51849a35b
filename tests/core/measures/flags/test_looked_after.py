"""Flags of looked-after children: reviews (reg 33), statutory visits (reg 28) and UASC."""

from datetime import date

import polars as pl
import pytest


def _episodes(frame, starts, *, ids=None, ceased=None):
    people = [f"C{i}" for i in range(1, len(starts) + 1)]
    return frame(
        "ssd_cla_episodes",
        clae_cla_episode_id=ids or [f"E{i}" for i in range(1, len(starts) + 1)],
        clae_person_id=people,
        clae_cla_id=[f"L{i}" for i in range(1, len(starts) + 1)],
        clae_cla_episode_start_date=starts,
        clae_cla_episode_ceased_date=ceased or [None] * len(starts),
    )


@pytest.fixture
def reviews(frame):
    """C1 came into care on Friday 1 March 2024; C2 has had one review, C3 two (and one cancelled)."""
    return {
        "ssd_cla_episodes": _episodes(
            frame, [date(2024, 3, 1), date(2023, 11, 1), date(2023, 1, 9)]
        ),
        "ssd_cla_reviews": frame(
            "ssd_cla_reviews",
            clar_cla_review_id=["R1", "R2", "R3", "R4"],
            clar_cla_id=["L2", "L3", "L3", "L3"],
            clar_cla_review_date=[
                date(2023, 11, 28),
                date(2023, 2, 6),
                date(2023, 5, 2),
                date(2023, 11, 1),
            ],
            clar_cla_review_cancelled=[None, "N", None, "Y"],  # R4 was cancelled
        ),
    }


def test_the_first_review_is_due_20_working_days_after_care_begins(reviews, flag_rows):
    """20 working days from 1 March 2024 skip Good Friday and Easter Monday: 2 April."""
    assert flag_rows(reviews, "looked_after_review", as_of=date(2024, 4, 2)) == [
        ("L1", date(2024, 4, 2), None, "due_soon", None),
        (
            "L2",
            date(2024, 2, 28),
            date(2023, 11, 28),
            "overdue",
            34,
        ),  # second: 3 months after the first
        ("L3", date(2023, 11, 2), date(2023, 5, 2), "overdue", 152),  # then 6-monthly; R4 cancelled
    ]
    assert flag_rows(reviews, "looked_after_review", as_of=date(2024, 4, 3))[0][3:] == (
        "overdue",
        1,
    )


def test_reviews_of_an_earlier_period_of_care_do_not_count(frame, flag_rows):
    frames = {
        "ssd_cla_episodes": frame(
            "ssd_cla_episodes",
            clae_cla_episode_id=["E1", "E2"],
            clae_person_id=["C1", "C1"],
            clae_cla_id=["L1", "L2"],
            clae_cla_episode_start_date=[date(2022, 1, 10), date(2024, 3, 1)],
            clae_cla_episode_ceased_date=[date(2023, 1, 10), None],
        ),
        "ssd_cla_reviews": frame(
            "ssd_cla_reviews",
            clar_cla_review_id=["R1"],
            clar_cla_id=["L1"],
            clar_cla_review_date=[date(2022, 2, 1)],
        ),
    }
    assert flag_rows(frames, "looked_after_review", as_of=date(2024, 3, 4)) == [
        ("L2", date(2024, 4, 2), None, "met", None)
    ]


@pytest.fixture
def visits(frame):
    """Eight placements on 15 January 2024, each under a different case of regulation 28."""
    starts = [
        date(2024, 1, 5),  # C1 U6, no visit yet
        date(2022, 1, 10),  # C2 U4 long-term, past its first year
        date(2022, 6, 1),  # C3 U6, past its first year
        date(2024, 1, 2),  # C4 P1 with an interim care order, no review yet
        date(2024, 1, 2),  # C5 P1 with a full care order
        date(2024, 1, 2),  # C6 P1, legal status not recorded
        date(2023, 6, 1),  # C7 U4 long-term, in its first year
        date(2023, 11, 1),  # C8 P1 with an interim care order, reviewed
    ]
    people = [f"C{i}" for i in range(1, 9)]
    return {
        "ssd_cla_episodes": _episodes(frame, starts),
        "ssd_cla_placement": frame(
            "ssd_cla_placement",
            clap_cla_placement_id=[f"P{i}" for i in range(1, 9)],
            clap_person_id=people,
            clap_cla_placement_start_date=starts,
            clap_cla_placement_type=["U6", "U4", "U6", "P1", "P1", "P1", "U4", "P1"],
        ),
        "ssd_legal_status": frame(
            "ssd_legal_status",
            lega_legal_status_id=["S4", "S5", "S8"],
            lega_person_id=["C4", "C5", "C8"],
            lega_legal_status=["C1", "C2", "C1"],
            lega_legal_status_start_date=[date(2024, 1, 2), date(2024, 1, 2), date(2023, 11, 1)],
        ),
        "ssd_cla_visits": frame(
            "ssd_cla_visits",
            clav_cla_visit_id=[f"V{i}" for i in range(2, 9)],
            clav_person_id=people[1:],
            clav_cla_visit_date=[
                date(2023, 12, 1),
                date(2023, 12, 4),
                date(2024, 1, 8),
                date(2024, 1, 8),
                date(2024, 1, 8),
                date(2023, 12, 20),
                date(2024, 1, 1),
            ],
        ),
        "ssd_cla_reviews": frame(
            "ssd_cla_reviews",
            clar_cla_review_id=["R8"],
            clar_cla_id=["L8"],
            clar_cla_review_date=[date(2023, 11, 20)],
        ),
    }


def test_visits_follow_the_regulation_28_schedule_that_applies(visits, flag_rows):
    assert flag_rows(visits, "looked_after_visit", as_of=date(2024, 1, 15)) == [
        ("P1", date(2024, 1, 12), None, "overdue", 3),  # within 1 week of the placement
        ("P2", date(2024, 3, 1), date(2023, 12, 1), "met", None),  # 3-monthly after the first year
        ("P3", date(2024, 1, 15), date(2023, 12, 4), "due_soon", None),  # exactly 6 weeks apart
        (
            "P4",
            date(2024, 1, 15),
            date(2024, 1, 8),
            "due_soon",
            None,
        ),  # weekly until the first review
        ("P5", date(2024, 2, 19), date(2024, 1, 8), "met", None),  # with a parent: 6-weekly
        ("P6", None, date(2024, 1, 8), "missing_data", None),  # which case applies is not known
        ("P7", date(2024, 1, 31), date(2023, 12, 20), "met", None),  # 6-weekly in the first year
        ("P8", date(2024, 1, 29), date(2024, 1, 1), "met", None),  # 4-weekly after the first review
    ]


def test_a_visit_where_the_child_was_not_seen_does_not_count(visits, flag_rows):
    visits["ssd_cla_visits"] = visits["ssd_cla_visits"].with_columns(
        clav_cla_visit_seen=visits["ssd_cla_visits"]["clav_cla_visit_id"].replace_strict(
            {"V3": "N"}, default="Y"
        )
    )
    assert flag_rows(visits, "looked_after_visit", as_of=date(2024, 1, 15))[2] == (
        "P3",
        date(2022, 6, 8),  # as if never visited: due a week after the placement began
        None,
        "overdue",
        586,
    )


def test_a_visit_naming_only_the_cla_id_counts_for_that_child(visits, flag_rows):
    expected = flag_rows(visits, "looked_after_visit", as_of=date(2024, 1, 15))
    by_cla_id = pl.col("clav_cla_visit_id") == "V3"
    visits["ssd_cla_visits"] = visits["ssd_cla_visits"].with_columns(
        clav_person_id=pl.when(by_cla_id).then(None).otherwise(pl.col("clav_person_id")),
        clav_cla_id=pl.when(by_cla_id).then(pl.lit("L3")).otherwise(pl.col("clav_cla_id")),
    )
    rows = flag_rows(visits, "looked_after_visit", as_of=date(2024, 1, 15))
    assert rows == expected and rows[2][2] == date(2023, 12, 4)
    visits["ssd_cla_visits"] = visits["ssd_cla_visits"].with_columns(
        clav_cla_id=pl.when(by_cla_id).then(pl.lit("L99")).otherwise(pl.col("clav_cla_id"))
    )  # a CLA id nobody has: the visit is nobody's
    assert flag_rows(visits, "looked_after_visit", as_of=date(2024, 1, 15))[2][2] is None


def test_without_reviews_the_weekly_schedule_cannot_be_decided(visits, flag_rows):
    del visits["ssd_cla_reviews"]
    rows = flag_rows(visits, "looked_after_visit", as_of=date(2024, 1, 15))
    assert [row[3] for row in rows] == [
        "overdue",
        "met",
        "due_soon",
        "missing_data",
        "met",
        "missing_data",
        "met",
        "missing_data",
    ]


def test_uasc_is_raised_while_the_status_is_current(frame, flag_rows):
    frames = {
        "ssd_cla_episodes": _episodes(frame, [date(2024, 1, 1)] * 3),
        "ssd_immigration_status": frame(
            "ssd_immigration_status",
            immi_immigration_status_id=["I1", "I2", "I3"],
            immi_person_id=["C1", "C2", "C3"],
            immi_immigration_status=["UASC", "UASC", "REFUGEE"],
            immi_immigration_status_start_date=[
                date(2024, 1, 1),
                date(2023, 1, 1),
                date(2024, 1, 1),
            ],
            immi_immigration_status_end_date=[None, date(2023, 12, 31), None],  # C2 no longer UASC
        ),
    }
    columns = ("person_id", "status")
    rows = flag_rows(
        frames, "unaccompanied_asylum_seeking_child", as_of=date(2024, 6, 1), columns=columns
    )
    assert rows == [("C1", "overdue"), ("C2", "met"), ("C3", "met")]
    del frames["ssd_immigration_status"]
    rows = flag_rows(
        frames, "unaccompanied_asylum_seeking_child", as_of=date(2024, 6, 1), columns=columns
    )
    assert rows == [("C1", "missing_data"), ("C2", "missing_data"), ("C3", "missing_data")]
