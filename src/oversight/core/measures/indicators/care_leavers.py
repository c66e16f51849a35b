"""Care leavers in touch, in suitable accommodation and in education, employment or training.

The DfE records a care leaver's status on or around their birthday, by the age they turn: 17,
18, and 19 to 21. The cohort here is the care leavers (relevant or former relevant) whose
birthday falls in the period, by the age turned then; those who have died or have returned home
to their parents for 6 months or more (in touch codes DIED, RHOM) are left out, as the DfE does.
``ssd_care_leavers`` keeps one current status per young person, taken as their birthday status.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from oversight.core.calendar import add_months, age_in_years
from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

LEFT_CARE = ("Relevant", "Former Relevant")
"""Eligibility categories of young people who have left care."""
EXCLUDED = ("DIED", "RHOM")
"""In-touch codes the DfE leaves out of the cohort."""
IN_EDUCATION_EMPLOYMENT_OR_TRAINING = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
"""SSDA903 ACTIV codes of education, training or employment (G4–G6 are not)."""
AGE_BANDS = {"17": (17, 17), "18": (18, 18), "19_to_21": (19, 21)}
"""The DfE's age bands, by the age turned on the birthday."""


def birthday_cohort(context: IndicatorInputs, youngest: int, oldest: int) -> pl.LazyFrame:
    """Care leavers whose birthday in the period made them ``youngest`` to ``oldest``."""

    def cohort() -> pl.LazyFrame:
        inputs = context.inputs
        leavers = inputs.table("ssd_care_leavers").join(
            inputs.dates_of_birth,
            left_on=inputs.on("clea_person_id"),
            right_on=inputs.on("person_id"),
        )
        age_at_end = age_in_years("date_of_birth", pl.lit(context.period.end))
        birthday = add_months("date_of_birth", age_at_end * 12)
        in_touch = pl.col("clea_care_leaver_in_touch")
        return leavers.filter(
            pl.col("clea_care_leaver_eligibility").is_in(LEFT_CARE)
            & (in_touch.is_null() | ~in_touch.is_in(EXCLUDED))
            & (birthday >= context.period.start)
            & age_at_end.is_between(youngest, oldest)
        )

    return context.inputs.memo(f"care_leavers {context.period} {youngest}-{oldest}", cohort)


_MEASURES: dict[str, tuple[str, pl.Expr, dict[str, tuple[float, str]]]] = {
    "in_touch": (
        "in touch with the council",
        pl.col("clea_care_leaver_in_touch") == "YES",
        {"19_to_21": (91.0, "2021")},
    ),
    "in_suitable_accommodation": (
        "in suitable accommodation",
        pl.col("clea_care_leaver_accom_suitable") == "1",
        {"19_to_21": (85.0, "2019")},
    ),
    "in_education_employment_or_training": (
        "in education, employment or training",
        pl.col("clea_care_leaver_activity").is_in(IN_EDUCATION_EMPLOYMENT_OR_TRAINING),
        {"19_to_21": (62.0, "2022")},  # 100% less the 38% not in EET
    ),
}


def _share(youngest: int, oldest: int, counted: pl.Expr) -> Callable[[IndicatorInputs], pl.LazyFrame]:  # fmt: skip
    def count(context: IndicatorInputs) -> pl.LazyFrame:
        cohort = birthday_cohort(context, youngest, oldest)
        return context.totals(
            cohort, numerator=counted.fill_null(False).sum(), denominator=pl.len()
        )

    return count


INDICATORS = tuple(
    Indicator(
        code=f"care_leavers_{measure}_aged_{band}",
        name=f"Care leavers aged {band.replace('_', ' ')} {wording}",
        numerator=f"of the denominator, those {wording}",
        denominator=f"care leavers whose birthday in the period made them {band.replace('_', ' ')}",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        window=Window.PERIOD,
        reads=("ssd_care_leavers", "ssd_person"),
        count=_share(*AGE_BANDS[band], counted),
        source="DfE Children looked after in England, care leavers (SSDA903 OC3; EES)",
        england=EnglandFigure(*england[band]) if band in england else None,
    )
    for measure, (wording, counted, england) in _MEASURES.items()
    for band in AGE_BANDS
)
