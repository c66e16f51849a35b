"""Timescales as configuration: the packaged ``timescales.toml``, validated into frozen models.

The file holds the statutory defaults, the council's local practice standards and the thresholds
of the alert flags, each with its source. It is parsed once, at the edge: every key is checked
against the models below (an unknown key is an error, so a misspelt key cannot leave a default
silently in force), intervals such as ``"45 working days"`` become ``Interval`` values, and every
problem is reported together in one ``TimescalesError``.

::

    Timescales
     ├── statutory   assessment, conferences, reviews, visits, health, PEP, care leavers
     ├── local       CP and CIN visits, CIN reviews, dental checks, case supervision
     ├── alerts      long CP plans, placement moves, missing episodes, placement distance
     └── school_terms
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path

import polars as pl

from oversight.core.calendar import (
    SchoolTerms,
    Term,
    add_months,
    add_working_days,
    months_after,
)
from oversight.core.measures._errors import TimescalesError
from oversight.core.measures._strict import to_model

SUPPORTED_VERSIONS = (1,)
"""The versions of the timescales file this code understands."""


class IntervalUnit(StrEnum):
    """The unit of an interval."""

    WORKING_DAYS = "working days"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


_INTERVAL = re.compile(r"^\s*(\d+)\s+(working days?|days?|weeks?|months?)\s*$")


@dataclass(frozen=True)
class Interval:
    """A span of time such as 45 working days, 6 weeks or 3 months.

    Examples
    --------
    >>> interval = Interval.parse("3 months")
    >>> interval, str(interval)
    (Interval(count=3, unit=<IntervalUnit.MONTHS: 'months'>), '3 months')
    >>> pl.select(interval.after(pl.lit(date(2024, 1, 31)))).item()
    datetime.date(2024, 4, 30)
    """

    count: int
    """How many units."""
    unit: IntervalUnit
    """Working days, days, weeks or calendar months."""

    @classmethod
    def parse(cls, text: str) -> Interval:
        """An interval from text such as ``"20 working days"`` or ``"1 week"``."""
        match = _INTERVAL.match(text)
        if match is None:
            raise ValueError(
                "an interval such as '45 working days', '3 days', '6 weeks' or '3 months'"
            )
        unit = match.group(2).rstrip("s")
        return cls(int(match.group(1)), IntervalUnit(unit + "s"))

    def after(self, start: pl.Expr) -> pl.Expr:
        """The last day allowed: ``start`` plus this interval (working days by the calendar)."""
        if self.unit is IntervalUnit.WORKING_DAYS:
            return add_working_days(start, self.count)
        if self.unit is IntervalUnit.MONTHS:
            return add_months(start, self.count)
        days = self.count * (7 if self.unit is IntervalUnit.WEEKS else 1)
        return start + pl.duration(days=days)

    def before(self, end: date) -> date:
        """The day this interval before ``end``, for look-back windows (calendar units only)."""
        if self.unit is IntervalUnit.MONTHS:
            return months_after(end, -self.count)
        if self.unit is IntervalUnit.WORKING_DAYS:
            raise ValueError("a look-back window is counted in calendar units")
        return end - timedelta(days=self.count * (7 if self.unit is IntervalUnit.WEEKS else 1))

    def __str__(self) -> str:
        unit = self.unit.value if self.count != 1 else self.unit.value.rstrip("s")
        return f"{self.count} {unit}"


@dataclass(frozen=True)
class Deadline:
    """A one-off timescale: done within an interval of the clock starting."""

    within: Interval
    """The last day allowed is this interval after the clock starts."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class Recurring:
    """A first occurrence within an interval of the start, then at most an interval apart."""

    first_within: Interval
    """The first is due this interval after the start (a plan, a case, care)."""
    then_every: Interval
    """Each next is due this interval after the last."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class Every:
    """At most an interval apart, from the last occurrence recorded."""

    every: Interval
    """The next is due this interval after the last recorded."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class ReviewSchedule:
    """Looked-after reviews: first, second, then every."""

    first_within: Interval
    """The first review is due this interval after the period of care begins."""
    second_within: Interval
    """The second is due this interval after the first."""
    then_every: Interval
    """Each later one is due this interval after the last."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class VisitSchedule:
    """One case of regulation 28: when it applies and how often the child is visited."""

    name: str
    """The case, for people."""
    first_within: Interval
    """The first visit is due this interval after the placement begins."""
    first_year_every: Interval
    """The interval between visits in the placement's first year."""
    after_first_year_every: Interval
    """The interval between visits after its first year."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""
    placement_types: tuple[str, ...] = ()
    """Placement types (903 PLACE) it applies to; empty means any."""
    legal_statuses: tuple[str, ...] = ()
    """Legal statuses (903 LS) it applies to; empty means any."""
    until_first_review_every: Interval | None = None
    """The interval until the first looked-after review, where the regulations set one."""


@dataclass(frozen=True)
class VisitSchedules:
    """Statutory visits to looked-after children: the first schedule that matches applies."""

    schedules: tuple[VisitSchedule, ...]
    """The cases in order; the last applies to any placement."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class AgeBanded:
    """A recurring timescale whose interval changes at an age."""

    age_from: int
    """The age (at the last occurrence) from which ``from_age_every`` applies."""
    under_age_every: Interval
    """The interval while younger."""
    from_age_every: Interval
    """The interval from that age."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class Termly:
    """Reviewed in every school term, for children of the ages given."""

    min_age: int
    """The youngest age (on the as-of date) it applies to."""
    max_age: int
    """The oldest age it applies to."""
    first_within: Interval
    """The first is due this interval after the child comes into care."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class Threshold:
    """An alert with a warning level and a level at which it is raised."""

    warn_after: Interval
    """Warned (``due_soon``) this interval after the start."""
    raise_after: Interval
    """Raised (``overdue``) this interval after the start."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class CountThreshold:
    """An alert on how many events fall in a look-back window."""

    within: Interval
    """The look-back window ending on the as-of date."""
    warn_at_placements: int
    """Warned at this many placements in the window."""
    raise_at_placements: int
    """Raised at this many."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class LookBack:
    """A look-back window."""

    within: Interval
    """The look-back window ending on the as-of date."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class Distance:
    """An alert on a distance in miles."""

    over_miles: float
    """Raised when the distance is more than this."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""


@dataclass(frozen=True)
class Statutory:
    """Timescales set by legislation and statutory guidance."""

    assessment: Deadline
    initial_child_protection_conference: Deadline
    child_protection_review: Recurring
    looked_after_review: ReviewSchedule
    looked_after_visit: VisitSchedules
    initial_health_assessment: Deadline
    health_review: AgeBanded
    personal_education_plan: Termly
    pathway_plan_review: Every
    care_leaver_contact: Every
    return_interview: Deadline


@dataclass(frozen=True)
class Local:
    """The council's own practice standards."""

    child_protection_visit: Recurring
    child_in_need_visit: Recurring
    child_in_need_review: Recurring
    dental_check: Recurring
    case_supervision: Recurring


@dataclass(frozen=True)
class Alerts:
    """Thresholds of the alert flags."""

    long_child_protection_plan: Threshold
    placement_moves: CountThreshold
    missing_episodes: LookBack
    placement_distance: Distance


@dataclass(frozen=True)
class TermDates:
    """One school term as listed in the file."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class SchoolTermsConfig:
    """Where school terms come from: the census convention or the council's own list."""

    convention: str
    """``census`` for the DfE school census convention, ``listed`` for ``terms``."""
    terms: tuple[TermDates, ...]
    """The council's terms, when ``convention`` is ``listed``."""
    source: str
    """Where the timescale comes from: legislation, guidance or the council's own standard."""

    def school_terms(self) -> SchoolTerms:
        """The terms this configuration describes."""
        if self.convention == "census":
            return _census_terms()
        return SchoolTerms(Term(term.name, term.start, term.end) for term in self.terms)


@dataclass(frozen=True)
class Timescales:
    """Every timescale and threshold the measures use, from one validated file."""

    version: int
    """The file's version: bumped when a key's meaning changes."""
    due_soon_days: int
    """A timescale is due soon when its due date is today or within this many days."""
    statutory: Statutory
    local: Local
    alerts: Alerts
    school_terms: SchoolTermsConfig


@functools.cache
def _census_terms() -> SchoolTerms:
    return SchoolTerms.census_convention()


def load_timescales(path: Path | str | None = None) -> Timescales:
    """The timescales in ``path``, or the packaged defaults when no path is given.

    Raises ``TimescalesError`` listing every problem: unknown or missing keys, values of the
    wrong type, intervals that do not parse, an unsupported version.

    Examples
    --------
    >>> timescales = load_timescales()
    >>> str(timescales.statutory.assessment.within)
    '45 working days'
    >>> [s.name for s in timescales.statutory.looked_after_visit.schedules][-1]
    'any other placement'
    """
    if path is None:
        return _packaged_timescales()
    return parse_timescales(Path(path).read_text("utf-8"), source=str(path))


@functools.cache
def _packaged_timescales() -> Timescales:
    """The packaged defaults, parsed once (the models are frozen, so sharing them is safe)."""
    text = resources.files(__package__).joinpath("timescales.toml").read_text("utf-8")
    return parse_timescales(text, source="timescales.toml (packaged)")


def parse_timescales(text: str, *, source: str = "timescales") -> Timescales:
    """The timescales in TOML ``text``; ``source`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TimescalesError(source, [f"not valid TOML: {error}"]) from None
    timescales, problems = to_model(Timescales, data, parsers={Interval: Interval.parse})
    if not problems and isinstance(timescales, Timescales):
        problems += _semantic_problems(timescales)
        if not problems:
            return timescales
    raise TimescalesError(source, problems)


def _semantic_problems(timescales: Timescales) -> list[str]:
    problems = []
    if timescales.version not in SUPPORTED_VERSIONS:
        problems.append(f"version: {timescales.version} is not one of {SUPPORTED_VERSIONS}")
    schedules = timescales.statutory.looked_after_visit.schedules
    if not schedules or schedules[-1].placement_types or schedules[-1].legal_statuses:
        problems.append(
            "statutory.looked_after_visit.schedules: the last schedule must apply to any "
            "placement (no placement_types or legal_statuses)"
        )
    if timescales.school_terms.convention not in ("census", "listed"):
        problems.append("school_terms.convention: expected 'census' or 'listed'")
    elif timescales.school_terms.convention == "listed" and not timescales.school_terms.terms:
        problems.append("school_terms.terms: a listed convention needs at least one term")
    return problems
