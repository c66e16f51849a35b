"""CP plans ended after 2 years or more, and second or subsequent plans."""

from datetime import date


def test_plans_ended_that_lasted_2_years_or_more(frame, indicator):
    frames = {
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P1", "P2", "P3", "P4"],
            cppl_person_id=["C1", "C2", "C3", "C4"],
            cppl_cp_plan_start_date=[
                date(2022, 3, 31),
                date(2022, 4, 1),
                date(2024, 6, 1),
                date(2020, 1, 1),
            ],
            cppl_cp_plan_end_date=[
                date(2024, 3, 31),  # exactly 2 years: counts
                date(2024, 3, 31),  # a day short of 2 years
                None,  # still open
                date(2022, 1, 1),  # ended before the period
            ],
        )
    }
    row = indicator(frames, "cp_plans_ended_lasting_2_years_or_more", as_of=date(2024, 3, 31))
    assert (row["numerator"], row["denominator"], row["value"], row["england_value"]) == (
        1.0,
        2.0,
        50.0,
        4.4,
    )


def test_second_or_subsequent_plans_however_long_ago(frame, indicator):
    frames = {
        "ssd_cp_plans": frame(
            "ssd_cp_plans",
            cppl_cp_plan_id=["P0", "P1", "P2", "P3"],
            cppl_person_id=["C1", "C1", "C2", "C2"],
            cppl_cp_plan_start_date=[
                date(2015, 1, 1),
                date(2024, 6, 1),
                date(2024, 5, 1),
                date(2024, 9, 1),
            ],
            cppl_cp_plan_end_date=[date(2016, 1, 1), None, date(2024, 8, 1), None],
        )
    }
    row = indicator(frames, "cp_plans_second_or_subsequent", as_of=date(2025, 3, 31))
    # P1 (after P0, nine years before) and P3 (after P2) are repeats; P2 is C2's first
    assert (row["numerator"], row["denominator"], row["polarity"]) == (2.0, 3.0, "neither")
