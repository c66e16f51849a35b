"""Working days, calendar months, ages and school terms: the one place dates are counted.

Nothing else in Oversight counts working days: the measures, the returns and the synthetic
council all ask this module, which sits at the bottom of the core beside ``core.ssd``.

Working days
------------
A working day in England is Monday to Friday, less the bank holidays of England and Wales, taken
from ``holidays`` with ``subdiv="ENG"`` (without it Easter Monday and the August bank holiday go
missing), for the fixed years ``HOLIDAY_YEARS`` (``expand=False``, so the table never grows as it
is asked about other years). The table ships with the package (``bank_holidays_england.json``,
read in a millisecond where ``holidays`` takes half a second to build it), and a test keeps the
copy equal to the library's. Weekend dates that ``holidays`` also lists, and their "(observed)"
substitutes, make no difference: only weekdays are ever counted.

The counting rule
~~~~~~~~~~~~~~~~~
**The working days between a start and an end are the working days strictly after the start, up
to and including the end.** An event on the start day took 0 working days; "within 45 working
days" means at most 45; and the last day allowed, the due date, is the 45th working day after the
start (``add_working_days(start, 45)``). A start on a weekend or bank holiday counts from the
working day before it, so the first working day after it is day 1.

This is the rule of the DfE's CIN census business rules for working-day queries: 8670Q ("within
an assessment, if the authorisation date is not present then the actual start date should not be
before the ReferenceDate minus 45 working days") and 8675Q (the same for a section 47 enquiry
without an initial conference, with 15 working days). An assessment that started exactly 45
working days before the reference date has used 45 working days and is not queried; one that
started 46 working days before is. The DfE's published duration bands start with "same day" (0
working days), which fits the same rule. The public validator (data-to-insight
``csc-validator-be-cin``, ``cin_validator/utils.py`` ``england_working_days``) offsets by N − 1
working days "so that it includes the end date", which queries an assessment one working day
earlier (at 45 working days used); Oversight follows the specification's text instead, and
``tests/core/measures/test_calendar.py`` pins both cases. See ``docs/measures.md``.

Calendar months
---------------
Months are calendar months with end-of-month clamping: 31 January + 1 month is 28 or 29
February, + 3 months is 30 April; 29 February + 12 months is 28 February.
"""

from __future__ import annotations

import calendar as _calendar
import functools
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import TypeAlias

import polars as pl

from oversight.errors import OversightError

HOLIDAY_YEARS = range(2000, 2061)
"""The years whose bank holidays are known; working days outside them count weekends only."""


class CalendarError(OversightError):
    """A calendar cannot be built as asked (e.g. school terms that overlap)."""


IntoDate: TypeAlias = pl.Expr | date | str
"""A date column (an expression or a column name) or one date."""


BANK_HOLIDAYS_FILE = "bank_holidays_england.json"
"""The packaged copy of ``holidays``' table for ``HOLIDAY_YEARS`` (beside this module)."""


def bank_holidays_from_library() -> tuple[tuple[date, str], ...]:
    """(date, name) of every bank holiday of England and Wales in ``HOLIDAY_YEARS``, from
    ``holidays`` itself: what ``BANK_HOLIDAYS_FILE`` holds (a test keeps the two equal)."""
    import holidays  # a third of a second to import, and only this needs it

    table = holidays.country_holidays("GB", subdiv="ENG", years=HOLIDAY_YEARS, expand=False)
    return tuple(sorted(table.items()))


@functools.cache
def _bank_holiday_table() -> tuple[tuple[date, str], ...]:
    """The packaged table: building it with ``holidays`` takes half a second in every process."""
    text = resources.files(__package__).joinpath(BANK_HOLIDAYS_FILE).read_text("utf-8")
    return tuple((date.fromisoformat(day), name) for day, name in json.loads(text)["holidays"])


@functools.cache
def england_bank_holidays() -> tuple[date, ...]:
    """The bank holidays of England and Wales in ``HOLIDAY_YEARS``, sorted.

    Examples
    --------
    >>> bank_holidays = england_bank_holidays()
    >>> date(2024, 4, 1) in bank_holidays, date(2024, 8, 26) in bank_holidays  # Easter, August
    (True, True)
    """
    return tuple(day for day, _ in _bank_holiday_table())


@functools.cache
def _easter_mondays() -> tuple[date, ...]:
    return tuple(day for day, name in _bank_holiday_table() if name == "Easter Monday")


# Working days are counted by arithmetic on ordinals rather than with polars' business-day
# functions: given a list of holidays, those are about 25 times slower under the streaming
# engine (the list is broadcast to every row), where the measures spend a tenth of their time.
# Each function below is one batch function over whole columns (``map_batches``), so that a
# query plan holds it once: written as expressions, the holiday table was a literal repeated in
# every copy of a sub-expression, and planning a query that added working days cost 3 ms.
#
# A date's *weekday ordinal* is how many weekdays there are from the Monday epoch up to and
# including it (counting back, it is 0 or below); its *working-day ordinal* subtracts the
# weekday bank holidays up to and including it. Working days between two dates are the
# difference of their working-day ordinals; the Nth working day after a date is the first date
# whose working-day ordinal is N more than the date's.

_EPOCH_DAYS = 4
"""Monday 5 January 1970, as days since 1 January 1970 (a Thursday)."""


def _weekday_ordinals(days: pl.Series) -> pl.Series:
    """How many weekdays there are from the epoch up to and including each date."""
    since_epoch = days.cast(pl.Int64) - _EPOCH_DAYS
    # floored division and modulo, so that dates before the epoch count back in whole weeks
    return since_epoch // 7 * 5 + (since_epoch % 7).clip(upper_bound=4) + 1


def _weekdays_of_ordinals(ordinals: pl.Series) -> pl.Series:
    """The weekday whose weekday ordinal is each of ``ordinals`` (the inverse of the above)."""
    before = ordinals - 1
    return (before + before // 5 * 2 + _EPOCH_DAYS).cast(pl.Date)


@functools.cache
def _weekday_holidays() -> pl.Series:
    """The bank holidays that fall on weekdays, sorted (weekend ones change no count)."""
    days = [day for day in england_bank_holidays() if day.weekday() < 5]
    return pl.Series("holiday", days, dtype=pl.Date)


@functools.cache
def _holiday_thresholds() -> pl.Series:
    """For the i-th weekday holiday (from 0), its weekday ordinal less i: the Kth working day
    comes after that holiday exactly when K is at least this, so a sorted search of K counts
    the holidays before the Kth working day."""
    ordinals = _weekday_ordinals(_weekday_holidays())
    return (ordinals - pl.int_range(ordinals.len(), eager=True)).rename("threshold")


def _working_day_ordinals(days: pl.Series) -> pl.Series:
    """The weekday ordinal of each date less the weekday bank holidays up to and including it."""
    if days.dtype != pl.Date:  # a datetime's integer is not a count of days
        raise CalendarError(f"working days are counted between dates, not {days.dtype}")
    holidays_to_date = _weekday_holidays().search_sorted(days, side="right")
    return _weekday_ordinals(days) - holidays_to_date.cast(pl.Int64)


def _working_days_between_batch(pairs: pl.Series) -> pl.Series:
    start, end = pairs.struct.field("start"), pairs.struct.field("end")
    return _working_day_ordinals(end) - _working_day_ordinals(start)


def _add_working_days_batch(pairs: pl.Series) -> pl.Series:
    ordinals = _working_day_ordinals(pairs.struct.field("start")) + pairs.struct.field("days")
    holidays_before = _holiday_thresholds().search_sorted(ordinals, side="right")
    return _weekdays_of_ordinals(ordinals + holidays_before.cast(pl.Int64))


def _date_expr(value: IntoDate) -> pl.Expr:
    if isinstance(value, pl.Expr):
        return value
    if isinstance(value, str):
        return pl.col(value)
    return pl.lit(value, dtype=pl.Date)


def working_days_between(start: IntoDate, end: IntoDate) -> pl.Expr:
    """The working days after ``start``, up to and including ``end`` (negative if ``end`` is earlier).

    Examples
    --------
    >>> frame = pl.DataFrame(
    ...     {
    ...         "start": [date(2024, 3, 28), date(2024, 3, 28), date(2024, 3, 30)],
    ...         "end": [date(2024, 3, 28), date(2024, 4, 2), date(2024, 4, 2)],
    ...     }
    ... )
    >>> frame.select(working_days_between("start", "end").alias("days"))["days"].to_list()
    [0, 1, 1]

    Good Friday (29 March 2024) and Easter Monday (1 April) are not working days, so Tuesday
    2 April is the first working day after Thursday 28 March, and after Saturday 30 March.
    """
    pairs = pl.struct(start=_date_expr(start), end=_date_expr(end))
    return pairs.map_batches(_working_days_between_batch, pl.Int64, is_elementwise=True)


def add_working_days(start: IntoDate, days: int | pl.Expr) -> pl.Expr:
    """The ``days``-th working day after ``start``: the due date of "within ``days`` working days".

    Examples
    --------
    >>> pl.select(add_working_days(pl.lit(date(2024, 8, 23)), 1)).item()  # Friday, then the August bank holiday
    datetime.date(2024, 8, 27)
    >>> pl.select(add_working_days(pl.lit(date(2024, 8, 24)), 1)).item()  # from a Saturday
    datetime.date(2024, 8, 27)
    """
    count = days if isinstance(days, pl.Expr) else pl.lit(days)
    pairs = pl.struct(start=_date_expr(start), days=count.cast(pl.Int64))
    return pairs.map_batches(_add_working_days_batch, pl.Date, is_elementwise=True)


def is_working_day(day: IntoDate) -> pl.Expr:
    """Whether each date is a working day in England.

    Examples
    --------
    >>> pl.select(is_working_day(pl.lit(date(2022, 9, 19)))).item()  # the Queen's state funeral
    False
    """
    day = _date_expr(day)
    return (day.dt.weekday() <= 5) & ~day.is_in(_weekday_holidays().implode())


def add_months(start: IntoDate, months: int | pl.Expr) -> pl.Expr:
    """``start`` plus ``months`` calendar months, clamped to the end of shorter months.

    Examples
    --------
    >>> frame = pl.DataFrame({"start": [date(2024, 1, 31), date(2023, 1, 31), date(2024, 2, 29)]})
    >>> frame.select(add_months("start", 1))["start"].to_list()
    [datetime.date(2024, 2, 29), datetime.date(2023, 2, 28), datetime.date(2024, 3, 29)]
    >>> pl.select(add_months(pl.lit(date(2024, 1, 31)), 3)).item()
    datetime.date(2024, 4, 30)
    """
    offset = f"{months}mo" if isinstance(months, int) else pl.format("{}mo", months)
    return _date_expr(start).dt.offset_by(offset)


def months_after(start: date, months: int) -> date:
    """One date plus ``months`` calendar months, clamped as ``add_months`` does.

    Examples
    --------
    >>> months_after(date(2024, 2, 29), 12), months_after(date(2025, 3, 31), -1)
    (datetime.date(2025, 2, 28), datetime.date(2025, 2, 28))
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last_day = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def whole_months_between(start: IntoDate, end: IntoDate) -> pl.Expr:
    """How many whole calendar months from ``start`` to ``end`` (by ``add_months``).

    Examples
    --------
    >>> frame = pl.DataFrame({"start": [date(2023, 1, 31)] * 2, "end": [date(2023, 2, 27), date(2023, 2, 28)]})
    >>> frame.select(whole_months_between("start", "end").alias("months"))["months"].to_list()
    [0, 1]
    """
    start_expr, end_expr = _date_expr(start), _date_expr(end)
    rough = (end_expr.dt.year().cast(pl.Int64) - start_expr.dt.year().cast(pl.Int64)) * 12 + (
        end_expr.dt.month().cast(pl.Int64) - start_expr.dt.month().cast(pl.Int64)
    )
    return pl.when(add_months(start_expr, rough) > end_expr).then(rough - 1).otherwise(rough)


def age_in_years(date_of_birth: IntoDate, on: IntoDate) -> pl.Expr:
    """A person's age in whole years on a date (a 29 February birthday counts from 1 March).

    Examples
    --------
    >>> frame = pl.DataFrame(
    ...     {"dob": [date(2019, 6, 1), date(2019, 6, 1), date(2020, 2, 29)],
    ...      "on": [date(2024, 5, 31), date(2024, 6, 1), date(2025, 2, 28)]}
    ... )
    >>> frame.select(age_in_years("dob", "on").alias("age"))["age"].to_list()
    [4, 5, 4]
    """
    born, when = _date_expr(date_of_birth), _date_expr(on)
    years = when.dt.year().cast(pl.Int64) - born.dt.year().cast(pl.Int64)
    before_birthday = (when.dt.month() < born.dt.month()) | (
        (when.dt.month() == born.dt.month()) & (when.dt.day() < born.dt.day())
    )
    return years - before_birthday.cast(pl.Int64)


@dataclass(frozen=True)
class Term:
    """One school term, from its first day to its last, inclusive."""

    name: str
    """A label such as ``Autumn 2024``."""
    start: date
    """The first day of the term."""
    end: date
    """The last day of the term."""


class SchoolTerms:
    """School terms in date order, from a council's term dates or the census convention.

    Examples
    --------
    >>> terms = SchoolTerms.census_convention(range(2024, 2026))
    >>> terms.current_or_next(date(2025, 4, 20))  # Easter Sunday 2025 ends the spring term
    Term(name='Spring 2025', start=datetime.date(2025, 1, 1), end=datetime.date(2025, 4, 20))
    >>> terms.last_ended_before(date(2025, 4, 21)).name
    'Spring 2025'
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        ordered = tuple(sorted(terms, key=lambda term: term.start))
        for term in ordered:
            if term.end < term.start:
                raise CalendarError(f"school term {term.name} ends before it starts")
        for earlier, later in itertools.pairwise(ordered):
            if later.start <= earlier.end:
                raise CalendarError(f"school terms {earlier.name} and {later.name} overlap")
        self.terms = ordered
        """The terms, earliest first."""

    @classmethod
    def census_convention(cls, years: Iterable[int] = HOLIDAY_YEARS) -> SchoolTerms:
        """Three terms a year with no gaps: autumn 1 August–31 December, spring 1 January–Easter
        Sunday, summer Easter Monday–31 July (the DfE school census's term boundaries)."""
        wanted = set(years)
        easter_mondays = {day.year: day for day in _easter_mondays() if day.year in wanted}
        terms: list[Term] = []
        for year in sorted(easter_mondays):
            easter_monday = easter_mondays[year]
            terms += [
                Term(f"Spring {year}", date(year, 1, 1), easter_monday - timedelta(days=1)),
                Term(f"Summer {year}", easter_monday, date(year, 7, 31)),
                Term(f"Autumn {year}", date(year, 8, 1), date(year, 12, 31)),
            ]
        return cls(terms)

    def current_or_next(self, on: date) -> Term | None:
        """The term ``on`` falls in, or the next one when it falls in a holiday."""
        return next((term for term in self.terms if term.end >= on), None)

    def last_ended_before(self, on: date) -> Term | None:
        """The latest term that ended before ``on``."""
        return next((term for term in reversed(self.terms) if term.end < on), None)
