"""The practice of a simulated council: one set of parameters per profile, each with its source.

``typical`` reproduces the England figures in the project's domain notes
(``timescales-and-indicators.md`` §4, itself citing the DfE's published statistics). ``inadequate``
worsens practice the way Ofsted finds it in councils judged inadequate (late assessments, visits
and reviews, drift on plans, unstable placements, high caseloads, agency staff and vacancies,
unallocated children); ``good`` is steadily better than England. ``improving`` is inadequate until
``improve_from`` and moves to good over ``IMPROVEMENT_MONTHS`` after it: ``Practice.at`` blends the
two profiles for any date, row by row.

Values marked *model* are modelling choices, tuned so that the simulated rates land on the
published ones; the others are the published figures themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt

IMPROVEMENT_MONTHS = 18
"""How long an ``improving`` council takes to reach ``good`` practice (model)."""

ASSESSMENT_BANDS = (
    (0, 0),
    (1, 10),
    (11, 20),
    (21, 30),
    (31, 40),
    (41, 45),
    (46, 50),
    (51, 60),
    (61, 120),
)
"""Working-day bands of assessment duration, as the DfE publishes them (EES CIN table C2)."""

ICPC_BANDS = ((3, 10), (11, 15), (16, 20), (21, 40))
"""Working-day bands from the start of the s47 enquiry to the ICPC (EES CIN table C4)."""

CP_PLAN_BANDS_MONTHS = ((0.3, 3), (3, 6), (6, 12), (12, 24), (24, 40))
"""Bands of the length of child protection plans that ended, in months (EES CIN table D7)."""


class ProfileName(StrEnum):
    """How well the simulated council practises."""

    TYPICAL = "typical"
    INADEQUATE = "inadequate"
    IMPROVING = "improving"
    GOOD = "good"


@dataclass(frozen=True)
class Profile:
    """Rates and distributions of one level of practice. Shares are between 0 and 1."""

    rereferral_gap_within_year: float
    """Share of a child's next referral gaps that fall within a year (model; England's
    re-referral rate within 12 months is 22%, EES "a focus on re-referrals" 2024)."""
    assessment_band_weights: tuple[float, ...]
    """Weights of ``ASSESSMENT_BANDS``. England 2025: 11,680 / 75,590 / 112,180 / 102,260 /
    131,380 / 122,730 / 37,640 / 27,860 / 27,500 completed assessments (85.7% within 45 WD)."""
    icpc_band_weights: tuple[float, ...]
    """Weights of ``ICPC_BANDS``. England 2023: 6,850 in 0–10 WD and 51,480 in 11–15 WD of
    74,380 ICPCs (78.4% within 15 WD; median 14)."""
    cp_plan_band_weights: tuple[float, ...]
    """Weights of ``CP_PLAN_BANDS_MONTHS``. England 2025, plans ended: 15.9% up to 3 months,
    11% 3–6, 43.5% 6–12, 25.2% 1–2 years, 4.4% 2 years or more."""
    first_placement_months: float
    """Mean length of a placement during a child's first year in care (model)."""
    settled_placement_years: float
    """Mean length of a placement after the first year (model; tuned to England's long-term
    stability of 68%, EES stability measures 2024: 19,750 of 29,000 children)."""
    visits_on_time: float
    """Share of statutory visits made within their interval (model; no national figure)."""
    reviews_on_time: float
    """Share of reviews held within their interval (model; England's CP reviews within
    timescale were 94% in 2015, COLLECT report "KI Children")."""
    caseload: float
    """Children per case-holding social worker FTE (England 2023: 16.0, CSWW)."""
    agency_rate: float
    """Agency FTE over all practitioner FTE (model: a little above England's 17.8% in 2023,
    CSWW, so that with team managers, always employed, the CSWW rate lands on it)."""
    vacancy_rate: float
    """Vacant FTE over practitioner posts (model: above England's 18.9% in 2023, CSWW, for the
    same reason)."""
    turnover_rate: float
    """Yearly hazard of an employed practitioner leaving (model: above England's 15.9% in 2023,
    CSWW, so that with team managers, who stay, leavers over social workers in post land on it)."""
    unallocated_share: float
    """Share of open children without an allocated worker at a time (model)."""

    def as_vector(self) -> npt.NDArray[np.float64]:
        """All parameters as one vector, so two profiles can be blended."""
        values: list[float] = []
        for field in fields(self):
            value = getattr(self, field.name)
            values.extend(value if isinstance(value, tuple) else (value,))
        return np.array(values, dtype=np.float64)


TYPICAL = Profile(
    rereferral_gap_within_year=0.76,
    assessment_band_weights=(
        11_680,
        75_590,
        112_180,
        102_260,
        131_380,
        122_730,
        37_640,
        27_860,
        27_500,
    ),
    icpc_band_weights=(6_850, 51_480, 9_000, 7_050),
    cp_plan_band_weights=(15.9, 11.0, 43.5, 25.2, 4.4),
    first_placement_months=5.0,
    settled_placement_years=6.0,
    visits_on_time=0.88,
    reviews_on_time=0.92,
    caseload=16.0,
    agency_rate=0.195,
    vacancy_rate=0.205,
    turnover_rate=0.172,
    unallocated_share=0.01,
)

INADEQUATE = Profile(
    rereferral_gap_within_year=0.95,
    assessment_band_weights=(5, 50, 80, 90, 110, 90, 60, 60, 90),
    icpc_band_weights=(4, 50, 26, 20),
    cp_plan_band_weights=(12.0, 9.0, 36.0, 33.0, 10.0),
    first_placement_months=3.5,
    settled_placement_years=4.0,
    visits_on_time=0.62,
    reviews_on_time=0.70,
    caseload=22.0,
    agency_rate=0.34,
    vacancy_rate=0.30,
    turnover_rate=0.28,
    unallocated_share=0.08,
)

GOOD = Profile(
    rereferral_gap_within_year=0.55,
    assessment_band_weights=(14, 90, 130, 110, 130, 110, 20, 10, 6),
    icpc_band_weights=(10, 80, 6, 4),
    cp_plan_band_weights=(17.0, 12.0, 46.0, 22.5, 2.5),
    first_placement_months=7.0,
    settled_placement_years=9.0,
    visits_on_time=0.96,
    reviews_on_time=0.97,
    caseload=14.0,
    agency_rate=0.09,
    vacancy_rate=0.10,
    turnover_rate=0.12,
    unallocated_share=0.002,
)


@dataclass(frozen=True)
class Practice:
    """A council's practice over time: a profile, or inadequate turning good from a date."""

    name: ProfileName
    improve_from: date | None = None

    def __post_init__(self) -> None:
        if self.name == ProfileName.IMPROVING and self.improve_from is None:
            raise ValueError("an improving council needs the date improvement starts from")

    def progress(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """How far along from inadequate (0) to good (1) practice is on each day (epoch days)."""
        if self.name != ProfileName.IMPROVING or self.improve_from is None:
            return np.zeros(len(days))
        start = np.datetime64(self.improve_from, "D").astype(np.int64)
        return np.clip((days - start) / (IMPROVEMENT_MONTHS * 30.44), 0.0, 1.0)

    def at(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The parameter vector in force on each day: one row per day (``Profile.as_vector``)."""
        if self.name != ProfileName.IMPROVING:
            base = {
                ProfileName.TYPICAL: TYPICAL,
                ProfileName.INADEQUATE: INADEQUATE,
                ProfileName.GOOD: GOOD,
            }[self.name].as_vector()
            return np.broadcast_to(base, (len(days), len(base)))
        weight = self.progress(days)[:, None]
        return (1 - weight) * INADEQUATE.as_vector() + weight * GOOD.as_vector()

    def value(self, name: str, days: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """One scalar parameter (by field name) in force on each day."""
        return self.at(days)[:, _SLOTS[name]]

    def weights(self, name: str, days: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """A tuple parameter's weights in force on each day, each row summing to 1."""
        block = self.at(days)[:, _SLOTS[name]]
        normalised: npt.NDArray[np.float64] = block / block.sum(axis=1, keepdims=True)
        return normalised


def _slots() -> dict[str, slice | int]:
    slots: dict[str, slice | int] = {}
    position = 0
    for field in fields(Profile):
        value = getattr(TYPICAL, field.name)
        if isinstance(value, tuple):
            slots[field.name] = slice(position, position + len(value))
            position += len(value)
        else:
            slots[field.name] = position
            position += 1
    return slots


_SLOTS = _slots()
