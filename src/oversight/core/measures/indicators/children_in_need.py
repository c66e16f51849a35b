"""Indicators of the CIN census: re-referrals, assessment timeliness and durations, ICPC timeliness.

Durations are in working days by the calendar's rule (after the start, up to and including the
end; an assessment authorised on the day it started took 0 working days, the DfE's "same day").
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from oversight.core.calendar import add_months, working_days_between
from oversight.core.measures._inputs import continues_group
from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

ASSESSMENT_WORKING_DAYS = 45
"""The national timescale of the assessment indicator (Working Together)."""
CONFERENCE_WORKING_DAYS = 15
"""The national timescale of the ICPC indicator (Working Together)."""


def _in_period(column: str, context: IndicatorInputs) -> pl.Expr:
    return pl.col(column).is_between(context.period.start, context.period.end)


def _re_referrals(context: IndicatorInputs) -> pl.LazyFrame:
    person = context.inputs.on("cine_person_id")
    dated = (
        context.inputs.table("ssd_cin_episodes").select(*person, "cine_referral_date").drop_nulls()
    )
    referred_in_period = dated.filter(_in_period("cine_referral_date", context)).select(person)
    referrals = (  # only the children referred in the period: the sort is the costly part
        dated.join(referred_in_period.unique(), on=person, how="semi")
        .sort(*person, "cine_referral_date")
        .with_columns(
            pl.when(continues_group(person))
            .then(pl.col("cine_referral_date").shift(1))
            .alias("previous")
        )
        .filter(_in_period("cine_referral_date", context))
    )
    is_repeat = pl.col("previous") >= add_months("cine_referral_date", -12)
    return context.totals(referrals, numerator=is_repeat.sum(), denominator=pl.len())


RE_REFERRALS = Indicator(
    code="re_referrals_within_12_months",
    name="Re-referrals within 12 months of a previous referral",
    numerator="referrals in the period within 12 months of the child's previous referral",
    denominator="referrals in the period",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_cin_episodes",),
    count=_re_referrals,
    source="DfE Children in need: a focus on re-referrals (EES)",
    england=EnglandFigure(22.4, "2024"),
)


def completed_assessment_durations(context: IndicatorInputs) -> pl.LazyFrame:
    """[keys,] duration: working days from start to authorisation of assessments authorised in
    the period."""

    def durations() -> pl.LazyFrame:
        assessments = context.inputs.table("ssd_cin_assessments").filter(
            _in_period("cina_assessment_auth_date", context)
            & (pl.col("cina_assessment_start_date") <= pl.col("cina_assessment_auth_date"))
        )
        return assessments.select(
            *context.inputs.key_columns(),
            working_days_between("cina_assessment_start_date", "cina_assessment_auth_date").alias(
                "duration"
            ),
        )

    return context.inputs.memo(f"assessment_durations {context.period}", durations)


def _assessments_in_time(context: IndicatorInputs) -> pl.LazyFrame:
    durations = completed_assessment_durations(context)
    in_time = (pl.col("duration") <= ASSESSMENT_WORKING_DAYS).sum()
    return context.totals(durations, numerator=in_time, denominator=pl.len())


ASSESSMENTS_IN_TIME = Indicator(
    code="assessments_within_45_working_days",
    name="Assessments completed within 45 working days",
    numerator="assessments authorised in the period within 45 working days of their start",
    denominator="assessments authorised in the period",
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_cin_assessments",),
    count=_assessments_in_time,
    source="DfE Children in need, EES data set C2 (assessment duration in working days); Working Together 2023",
    england=EnglandFigure(85.7, "2025"),
)


def _median_duration(context: IndicatorInputs) -> pl.LazyFrame:
    durations = completed_assessment_durations(context)
    return context.totals(durations, denominator=pl.len(), value=pl.col("duration").median())


ASSESSMENT_MEDIAN = Indicator(
    code="assessment_duration_median",
    name="Median duration of assessments, working days",
    numerator="(the median of the durations)",
    denominator="assessments authorised in the period",
    unit=Unit.WORKING_DAYS,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_cin_assessments",),
    count=_median_duration,
    source="DfE Children in need, EES data set C2",
    england=EnglandFigure(33.0, "2025"),
)

DURATION_BANDS = (  # (code suffix, first, last working day, England 2025 count)
    ("same_day", 0, 0, 11_680),
    ("1_to_10", 1, 10, 75_590),
    ("11_to_20", 11, 20, 112_180),
    ("21_to_30", 21, 30, 102_260),
    ("31_to_40", 31, 40, 131_380),
    ("41_to_45", 41, 45, 122_730),
    ("46_to_50", 46, 50, 37_640),
    ("51_to_60", 51, 60, 27_860),
    ("61_or_more", 61, None, 27_500),
)
"""The DfE's published assessment duration bands, with England's 2025 counts (EES C2)."""
_ENGLAND_ASSESSMENTS_2025 = sum(band[3] for band in DURATION_BANDS)


def _band_counter(first: int, last: int | None) -> Callable[[IndicatorInputs], pl.LazyFrame]:
    def count(context: IndicatorInputs) -> pl.LazyFrame:
        durations = completed_assessment_durations(context)
        duration = pl.col("duration")
        inside = (duration >= first) & (duration <= (last if last is not None else 10**9))
        return context.totals(durations, numerator=inside.sum(), denominator=pl.len())

    return count


ASSESSMENT_DURATION_BANDS = tuple(
    Indicator(
        code=f"assessment_duration_{suffix}",
        name=f"Assessments taking {suffix.replace('_', ' ')} working days"
        if suffix != "same_day"
        else "Assessments completed the same day",
        numerator=f"assessments authorised in the period taking {suffix.replace('_', ' ')} working days",
        denominator="assessments authorised in the period",
        unit=Unit.PERCENT,
        polarity=Polarity.NEITHER,
        window=Window.PERIOD,
        reads=("ssd_cin_assessments",),
        count=_band_counter(first, last),
        source="DfE Children in need, EES data set C2 (duration bands)",
        england=EnglandFigure(round(100 * england / _ENGLAND_ASSESSMENTS_2025, 1), "2025"),
    )
    for suffix, first, last, england in DURATION_BANDS
)


def _conferences_in_time(context: IndicatorInputs) -> pl.LazyFrame:
    inputs = context.inputs
    enquiries = inputs.table("ssd_s47_enquiry").select(
        *inputs.on("s47e_s47_enquiry_id"), "s47e_s47_start_date"
    )
    conferences = (
        context.inputs.table("ssd_initial_cp_conference")
        .filter(
            _in_period("icpc_icpc_date", context)
            & (pl.col("icpc_icpc_transfer_in").is_null() | (pl.col("icpc_icpc_transfer_in") != "Y"))
        )
        .join(
            enquiries,
            left_on=inputs.on("icpc_s47_enquiry_id"),
            right_on=inputs.on("s47e_s47_enquiry_id"),
        )
        .filter(pl.col("s47e_s47_start_date") <= pl.col("icpc_icpc_date"))
    )
    durations = conferences.select(
        *inputs.key_columns(),
        working_days_between("s47e_s47_start_date", "icpc_icpc_date").alias("duration"),
    )
    in_time = (pl.col("duration") <= CONFERENCE_WORKING_DAYS).sum()
    return context.totals(durations, numerator=in_time, denominator=pl.len())


CONFERENCES_IN_TIME = Indicator(
    code="icpcs_within_15_working_days",
    name="Initial child protection conferences within 15 working days of the section 47 start",
    numerator="ICPCs in the period within 15 working days of their section 47 enquiry's start",
    denominator="ICPCs in the period (not transfers in) whose enquiry is recorded and started first",
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ssd_initial_cp_conference", "ssd_s47_enquiry"),
    count=_conferences_in_time,
    source="DfE Children in need, EES data set C4; Working Together 2023",
    england=EnglandFigure(78.4, "2023"),
)

INDICATORS = (
    RE_REFERRALS,
    ASSESSMENTS_IN_TIME,
    ASSESSMENT_MEDIAN,
    *ASSESSMENT_DURATION_BANDS,
    CONFERENCES_IN_TIME,
)
