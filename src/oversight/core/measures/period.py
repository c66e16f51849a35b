"""The period an indicator counts over: a year, quarter or month ending on the as-of date.

A period ends on its as-of date, inclusive, and starts the day after the same date 12, 3 or 1
calendar months earlier. When the as-of date is the last day of its month, the period is whole
calendar months (the quarter to 31 March starts on 1 January; the month to 28 February 2025 on
1 February), so that month-end reporting matches the DfE's years to 31 March.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from oversight.core.calendar import months_after

_MONTHS = {"year": 12, "quarter": 3, "month": 1}


class PeriodKind(StrEnum):
    """How long a period is."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    """The days ``start`` to ``end`` inclusive.

    Examples
    --------
    >>> Period.ending(date(2025, 3, 31), PeriodKind.YEAR)
    Period(kind=<PeriodKind.YEAR: 'year'>, start=datetime.date(2024, 4, 1), end=datetime.date(2025, 3, 31))
    >>> Period.ending(date(2025, 2, 28), PeriodKind.MONTH).start
    datetime.date(2025, 2, 1)
    >>> Period.ending(date(2025, 3, 15), PeriodKind.QUARTER).start
    datetime.date(2024, 12, 16)
    """

    kind: PeriodKind
    """Year, quarter or month."""
    start: date
    """The first day counted."""
    end: date
    """The last day counted: the as-of date."""

    @classmethod
    def ending(cls, as_of: date, kind: PeriodKind | str = PeriodKind.YEAR) -> Period:
        """The year, quarter or month ending on ``as_of``."""
        kind = PeriodKind(kind)
        months = _MONTHS[kind.value]
        if (as_of + timedelta(days=1)).month != as_of.month:  # the last day of a month
            first_month = months_after(as_of.replace(day=1), 1 - months)
            return cls(kind, first_month, as_of)
        return cls(kind, months_after(as_of, -months) + timedelta(days=1), as_of)

    def __str__(self) -> str:
        return f"{self.kind.value} {self.start.isoformat()} to {self.end.isoformat()}"
