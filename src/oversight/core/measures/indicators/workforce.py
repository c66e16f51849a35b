"""Workforce indicators: caseload, agency rate, vacancy rate and turnover.

They follow the DfE's children's social work workforce census (CSWW), on a full-time equivalent
(FTE) basis, read from the project's extension tables: ``ovs_employment`` (spells of employment;
the end date is the last day in post) and ``ovs_establishment`` (funded posts), with
``ssd_involvements`` for the cases held. Social workers are the roles in ``SOCIAL_WORKER_ROLES``
(practitioners and their managers; personal advisers are not social workers). The CSWW counts
on 30 September; these count on the as-of date, and turnover over the period.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)

SOCIAL_WORKER_ROLES = ("SW", "TM", "SM")
"""``ovem_role`` values of registered social workers: social worker, team and service manager."""
_SOURCE = "DfE Children's social work workforce (EES), indicators; methodology"


def _in_post(context: IndicatorInputs, day: date | None = None) -> pl.LazyFrame:
    """Spells of social workers in post on ``day`` (the as-of date by default)."""
    on = context.inputs.as_of if day is None else day
    return context.inputs.table("ovs_employment").filter(
        pl.col("ovem_role").is_in(SOCIAL_WORKER_ROLES)
        & (pl.col("ovem_start_date") <= on)
        & (pl.col("ovem_end_date").is_null() | (pl.col("ovem_end_date") >= on))
    )


def _is_agency() -> pl.Expr:
    return pl.col("ovem_is_agency") == "Y"


def _caseload(context: IndicatorInputs) -> pl.LazyFrame:
    """Children allocated to social workers over those workers' FTE (personal advisers' care
    leavers are not social work cases, and managers who hold none are not case-holding)."""
    inputs = context.inputs
    cases = inputs.allocations.group_by(inputs.on("worker_id")).agg(pl.len().alias("cases"))
    in_post = (
        context.inputs.table("ovs_employment")
        .filter(
            (pl.col("ovem_start_date") <= context.inputs.as_of)
            & (
                pl.col("ovem_end_date").is_null()
                | (pl.col("ovem_end_date") >= context.inputs.as_of)
            )
        )
        .group_by(inputs.on("ovem_professional_id"))
        .agg(
            pl.col("ovem_fte").sum().alias("fte"),
            pl.col("ovem_role").is_in(SOCIAL_WORKER_ROLES).any().alias("is_social_worker"),
        )
    )
    holders = cases.join(
        in_post,
        left_on=inputs.on("worker_id"),
        right_on=inputs.on("ovem_professional_id"),
        how="left",
    )
    known = ((pl.col("fte") > 0) & pl.col("is_social_worker")).fill_null(False)
    left_out = pl.col("cases").filter(pl.col("fte").is_null() | (pl.col("fte") <= 0)).sum()
    note = pl.when(left_out > 0).then(
        pl.format("{} cases left out: their worker has no employment in post", left_out)
    )
    return context.totals(
        holders,
        numerator=pl.col("cases").filter(known).sum(),
        denominator=pl.col("fte").filter(known).sum(),
        note=note,
    )


CASELOAD = Indicator(
    code="caseload_per_worker",
    name="Average caseload of case-holding social workers",
    numerator="children allocated to a worker on the as-of date",
    denominator="FTE of the workers holding them",
    unit=Unit.RATIO,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ssd_involvements", "ovs_employment"),
    count=_caseload,
    source=_SOURCE + ": cases held ÷ case-holding FTE",
    england=EnglandFigure(16.0, "2023"),
)


def _agency_rate(context: IndicatorInputs) -> pl.LazyFrame:
    agency = pl.col("ovem_fte").filter(_is_agency()).sum()
    return context.totals(_in_post(context), numerator=agency, denominator=pl.col("ovem_fte").sum())


AGENCY_RATE = Indicator(
    code="agency_worker_rate",
    name="Agency social worker rate",
    numerator="FTE of agency social workers in post on the as-of date",
    denominator="FTE of agency and employed social workers in post",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ovs_employment",),
    count=_agency_rate,
    source=_SOURCE + ": agency FTE ÷ (agency FTE + employed FTE)",
    england=EnglandFigure(17.8, "2023"),
)


def _vacancy_rate(context: IndicatorInputs) -> pl.LazyFrame:
    """Per team, funded posts not filled by employed (non-agency) social workers are vacancies."""
    inputs = context.inputs
    as_of = inputs.as_of
    posts = (
        context.inputs.table("ovs_establishment")
        .filter(
            (pl.col("ovse_start_date") <= as_of)
            & (pl.col("ovse_end_date").is_null() | (pl.col("ovse_end_date") >= as_of))
        )
        .group_by(*inputs.key_columns(), pl.col("ovse_team_id").alias("team_id"))
        .agg(pl.col("ovse_posts_fte").sum().alias("posts"))
    )
    employed = (
        _in_post(context)
        .filter(~_is_agency())
        .group_by(*inputs.key_columns(), pl.col("ovem_team_id").alias("team_id"))
        .agg(pl.col("ovem_fte").sum().alias("employed"))
    )
    teams = posts.join(employed, on=inputs.on("team_id"), how="full", coalesce=True).with_columns(
        pl.col("posts", "employed").fill_null(0.0)
    )
    vacancies = (pl.col("posts") - pl.col("employed")).clip(lower_bound=0.0).sum()
    return context.totals(
        teams, numerator=vacancies, denominator=vacancies + pl.col("employed").sum()
    )


VACANCY_RATE = Indicator(
    code="vacancy_rate",
    name="Social worker vacancy rate",
    numerator="FTE of funded posts not filled by employed social workers on the as-of date (by team)",
    denominator="vacancy FTE + employed social worker FTE",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.AS_AT,
    reads=("ovs_employment", "ovs_establishment"),
    count=_vacancy_rate,
    source=_SOURCE
    + ": vacancy FTE ÷ (vacancy FTE + employed FTE); agency workers covering posts count as vacancies",
    england=EnglandFigure(18.9, "2023"),
)


def _turnover(context: IndicatorInputs) -> pl.LazyFrame:
    """Leavers: employed spells ended in the period with no social-work spell the next day."""
    period = context.period
    spells = context.inputs.table("ovs_employment").filter(
        pl.col("ovem_role").is_in(SOCIAL_WORKER_ROLES)
    )
    ended = spells.filter(
        ~_is_agency() & pl.col("ovem_end_date").is_between(period.start, period.end)
    ).with_columns((pl.col("ovem_end_date") + timedelta(days=1)).alias("next_day"))
    inputs = context.inputs
    stayed = ended.join(
        spells.select(*inputs.on("ovem_professional_id"), "ovem_start_date", "ovem_end_date"),
        on=inputs.on("ovem_professional_id"),
        suffix="_later",
    ).filter(
        (pl.col("ovem_start_date_later") <= pl.col("next_day"))
        & (
            pl.col("ovem_end_date_later").is_null()
            | (pl.col("ovem_end_date_later") >= pl.col("next_day"))
        )
    )
    employment = inputs.on("ovem_employment_id")
    leavers = ended.join(stayed.select(employment).unique(), on=employment, how="anti")
    in_post = _in_post(context).filter(~_is_agency())
    fte = pl.col("ovem_fte").sum()
    return context.combine(
        context.totals(leavers, numerator=fte), context.totals(in_post, denominator=fte)
    )


TURNOVER = Indicator(
    code="turnover_rate",
    name="Social worker turnover rate",
    numerator="FTE of employed social workers who left in the period (not moves within the council)",
    denominator="FTE of employed social workers in post on the as-of date",
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER_IS_BETTER,
    window=Window.PERIOD,
    reads=("ovs_employment",),
    count=_turnover,
    source=_SOURCE + ": leavers in the year ÷ social workers in post",
    england=EnglandFigure(15.9, "2023"),
)

INDICATORS = (CASELOAD, AGENCY_RATE, VACANCY_RATE, TURNOVER)
