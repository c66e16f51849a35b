"""Periods end on the as-of date: whole calendar months at a month end, else the same day back."""

from datetime import date

import pytest

from oversight.core.measures import Period, PeriodKind


@pytest.mark.parametrize(
    ("as_of", "kind", "start"),
    [
        (date(2025, 3, 31), "year", date(2024, 4, 1)),
        (date(2025, 3, 31), "quarter", date(2025, 1, 1)),
        (date(2025, 3, 31), "month", date(2025, 3, 1)),
        (date(2024, 2, 29), "year", date(2023, 3, 1)),  # leap day: a month end
        (date(2025, 2, 28), "month", date(2025, 2, 1)),
        (date(2025, 3, 15), "quarter", date(2024, 12, 16)),
        (date(2024, 3, 30), "month", date(2024, 3, 1)),  # 29 February + 1 day
    ],
)
def test_a_period_ends_on_the_as_of_date(as_of, kind, start):
    period = Period.ending(as_of, kind)
    assert (period.kind, period.start, period.end) == (PeriodKind(kind), start, as_of)


def test_a_period_reads_as_its_dates():
    assert str(Period.ending(date(2025, 3, 31))) == "year 2024-04-01 to 2025-03-31"
