"""The calendar: one counting rule for working days, pinned at its boundaries and against an oracle.

The rule: working days between a start and an end are those after the start, up to and including
the end; the due date of "within N working days" is the Nth working day after the start.
"""

import random
from datetime import date, datetime, timedelta

import holidays
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from oversight.core.calendar import (
    CalendarError,
    SchoolTerms,
    Term,
    add_months,
    add_working_days,
    age_in_years,
    england_bank_holidays,
    is_working_day,
    months_after,
    whole_months_between,
    working_days_between,
)


def between(start: date, end: date) -> int:
    return pl.select(working_days_between(pl.lit(start), pl.lit(end))).item()


def after(start: date, days: int) -> date:
    return pl.select(add_working_days(pl.lit(start), days)).item()


def test_the_45th_working_day_is_the_last_day_allowed_and_the_46th_is_late():
    """From Friday 1 March 2024, past Good Friday, Easter Monday and the early May bank holiday."""
    assert after(date(2024, 3, 1), 45) == date(2024, 5, 8)
    assert between(date(2024, 3, 1), date(2024, 5, 8)) == 45  # within 45: on time
    assert between(date(2024, 3, 1), date(2024, 5, 9)) == 46  # the 46th working day: late


def test_an_event_on_the_start_day_took_no_working_days():
    assert between(date(2024, 3, 1), date(2024, 3, 1)) == 0  # the DfE's "same day" band


def test_easter_good_friday_and_easter_monday_are_not_working_days():
    assert after(date(2024, 3, 28), 1) == date(2024, 4, 2)
    assert between(date(2024, 3, 28), date(2024, 4, 2)) == 1


def test_the_august_bank_holiday_is_not_a_working_day():
    assert after(date(2024, 8, 23), 1) == date(2024, 8, 27)  # Monday 26 August 2024
    assert after(date(2024, 7, 1), 45) == date(2024, 9, 3)


def test_a_christmas_on_a_weekend_moves_to_the_next_weekdays():
    """25 December 2020 was a Friday; Boxing Day's substitute was Monday 28 December."""
    assert after(date(2020, 12, 24), 1) == date(2020, 12, 29)


def test_one_off_bank_holidays_are_known():
    days = [date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)]
    frame = pl.DataFrame({"day": days})
    assert frame.select(is_working_day("day").alias("is"))["is"].to_list() == [False] * 4


def test_a_start_on_a_weekend_counts_from_the_working_day_before():
    assert after(date(2024, 8, 24), 1) == date(2024, 8, 27)  # Saturday, then bank holiday Monday
    assert between(date(2024, 8, 24), date(2024, 8, 27)) == 1


def test_the_bank_holidays_are_englands_not_only_the_uk_wide_ones():
    """Without subdiv="ENG", holidays leaves out Easter Monday and the August bank holiday."""
    uk_wide = holidays.country_holidays("GB", years=2024)
    assert date(2024, 4, 1) not in uk_wide
    assert {date(2024, 4, 1), date(2024, 8, 26)} <= set(england_bank_holidays())


def test_the_rule_follows_8670q_an_assessment_is_queried_after_45_working_days():
    """8670Q: no authorisation date and a start before the reference date minus 45 working days.

    With the reference date 31 March 2023, an assessment started on 27 January 2023 has used 45
    working days and is not queried; one started on 26 January has used 46 and is. (The public
    validator's N - 1 offset would query 27 January too; the specification's text does not.)
    """
    reference = date(2023, 3, 31)
    assert between(date(2023, 1, 27), reference) == 45  # not queried
    assert between(date(2023, 1, 26), reference) == 46  # queried
    assert after(date(2023, 1, 27), 45) == reference


def test_the_rule_follows_8675q_for_15_working_days():
    reference = date(2023, 3, 31)
    assert between(date(2023, 3, 10), reference) == 15  # an ICPC on the reference date is in time
    assert after(date(2023, 3, 10), 15) == reference


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 1, 31), 3, date(2023, 4, 30)),  # 31 January + 3 months
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
    ],
)
def test_calendar_months_clamp_to_the_end_of_shorter_months(start, months, expected):
    assert pl.select(add_months(pl.lit(start), months)).item() == expected
    assert months_after(start, months) == expected


def test_whole_months_between_counts_by_the_same_clamping():
    frame = pl.DataFrame(
        {
            "start": [date(2023, 1, 31), date(2023, 1, 31), date(2022, 2, 28)],
            "end": [date(2023, 2, 27), date(2023, 2, 28), date(2024, 2, 28)],
        }
    )
    months = frame.select(whole_months_between("start", "end").alias("m"))["m"].to_list()
    assert months == [0, 1, 24]


def test_a_child_is_aged_exactly_5_on_their_fifth_birthday():
    frame = pl.DataFrame(
        {
            "dob": [date(2019, 6, 1), date(2019, 6, 1), date(2020, 2, 29), date(2020, 2, 29)],
            "on": [date(2024, 5, 31), date(2024, 6, 1), date(2025, 2, 28), date(2025, 3, 1)],
        }
    )
    ages = frame.select(age_in_years("dob", "on").alias("age"))["age"].to_list()
    assert ages == [4, 5, 4, 5]  # a 29 February birthday counts from 1 March


def test_census_terms_run_without_gaps_and_turn_at_easter():
    terms = SchoolTerms.census_convention(range(2024, 2025))
    assert [(t.name, t.start, t.end) for t in terms.terms] == [
        ("Spring 2024", date(2024, 1, 1), date(2024, 3, 31)),  # Easter Sunday 31 March 2024
        ("Summer 2024", date(2024, 4, 1), date(2024, 7, 31)),
        ("Autumn 2024", date(2024, 8, 1), date(2024, 12, 31)),
    ]


def test_listed_terms_with_holidays_between_them():
    terms = SchoolTerms(
        [
            Term("Spring", date(2025, 1, 6), date(2025, 4, 4)),
            Term("Autumn", date(2024, 9, 3), date(2024, 12, 20)),
        ]
    )
    assert terms.current_or_next(date(2024, 12, 25)).name == "Spring"  # in the holiday
    assert terms.last_ended_before(date(2024, 12, 25)).name == "Autumn"
    assert terms.last_ended_before(date(2024, 9, 3)) is None


def test_overlapping_terms_are_refused():
    with pytest.raises(CalendarError, match="overlap"):
        SchoolTerms(
            [
                Term("A", date(2024, 9, 1), date(2024, 12, 20)),
                Term("B", date(2024, 12, 1), date(2025, 4, 1)),
            ]
        )


# The oracle: a naive day-by-day loop over the holidays package's own England table.
_ORACLE_HOLIDAYS = set(holidays.country_holidays("GB", subdiv="ENG", years=range(2014, 2033)))


def _naive_between(start: date, end: date) -> int:
    sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
    days = (low + timedelta(days=i) for i in range(1, (high - low).days + 1))
    return sign * sum(1 for day in days if day.weekday() < 5 and day not in _ORACLE_HOLIDAYS)


def _naive_after(start: date, count: int) -> date:
    day = start
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _ORACLE_HOLIDAYS:
            count -= 1
    return day


_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_dates, _dates, st.integers(1, 400)), min_size=1, max_size=40))
def test_working_days_agree_with_a_naive_day_by_day_count(cases):
    frame = pl.DataFrame(cases, schema=["start", "end", "n"], orient="row")
    computed = frame.select(
        working_days_between("start", "end").alias("between"),
        add_working_days("start", pl.col("n")).alias("after"),
    )
    assert computed["between"].to_list() == [_naive_between(s, e) for s, e, _ in cases]
    assert computed["after"].to_list() == [_naive_after(s, n) for s, _, n in cases]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_dates, st.integers(1, 400)), min_size=1, max_size=40))
def test_the_nth_working_day_after_is_n_working_days_after(cases):
    frame = pl.DataFrame(cases, schema=["start", "n"], orient="row")
    due = frame.select(add_working_days("start", pl.col("n")).alias("due"))["due"]
    counted = frame.with_columns(due).select(working_days_between("start", "due").alias("days"))
    assert counted["days"].to_list() == [n for _, n in cases]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_dates, st.integers(-60, 60)), min_size=1, max_size=40))
def test_month_arithmetic_on_columns_and_on_single_dates_agree(cases):
    frame = pl.DataFrame(cases, schema=["start", "months"], orient="row")
    columnar = frame.select(add_months("start", pl.col("months")).alias("d"))["d"].to_list()
    assert columnar == [months_after(start, months) for start, months in cases]


def test_the_packaged_bank_holidays_are_the_holidays_librarys():
    """The packaged table (read in milliseconds) is exactly what ``holidays`` computes (in half a
    second); when ``holidays`` changes, regenerate the file as its ``source`` says."""
    from oversight.core.calendar import _bank_holiday_table, bank_holidays_from_library

    assert _bank_holiday_table() == bank_holidays_from_library()
    assert len(_bank_holiday_table()) > 8 * len(range(2000, 2061))


def test_working_days_agree_with_polars_business_days_far_beyond_the_table():
    """Against polars' own business-day functions given the same holidays: every start from
    1995 to 2066 (years before, across and after the bank-holiday table), every weekday and
    weekend, forwards, backwards and zero days, and nulls."""
    rng = random.Random(20261123)
    days = (date(2066, 12, 31) - date(1995, 1, 1)).days
    starts = [date(1995, 1, 1) + timedelta(days=rng.randrange(days)) for _ in range(20_000)]
    frame = pl.DataFrame(
        {
            "start": [*starts, None, date(2024, 1, 1)],
            "end": [s + timedelta(days=rng.randrange(-400, 400)) for s in starts]
            + [date(2024, 1, 1), None],
            "n": [rng.randrange(-120, 400) for _ in starts] + [3, None],
        }
    )
    table = england_bank_holidays()
    one_day = pl.duration(days=1)
    computed = frame.select(
        working_days_between("start", "end").alias("between"),
        add_working_days("start", pl.col("n")).alias("after"),
        is_working_day("start").alias("working"),
    )
    expected = frame.select(
        pl.when(pl.col("end") >= pl.col("start"))
        .then(
            pl.business_day_count(
                pl.col("start") + one_day, pl.col("end") + one_day, holidays=table
            )
        )
        .otherwise(
            -pl.business_day_count(
                pl.col("end") + one_day, pl.col("start") + one_day, holidays=table
            )
        )
        .cast(pl.Int64)
        .alias("between"),
        pl.col("start")
        .dt.add_business_days(pl.col("n"), holidays=table, roll="backward")
        .alias("after"),
        pl.col("start").dt.is_business_day(holidays=table).alias("working"),
    )
    assert_frame_equal(computed, expected)
    assert computed["between"].null_count() == 2 and computed["after"].null_count() == 2


def test_working_days_refuse_datetimes_rather_than_misread_them():
    frame = pl.DataFrame({"at": [datetime(2024, 3, 28, 9, 30)]})
    with pytest.raises(CalendarError, match="between dates, not Datetime"):
        frame.select(add_working_days("at", 1))
    assert frame.select(add_working_days(pl.col("at").dt.date(), 1)).item() == date(2024, 4, 2)
