"""How many children are in need, on protection plans and looked after, and per 10,000 children.

Counts are of distinct children on the as-of date (the DfE counts at 31 March). Rates use the
council's child population aged 0–17 (``council.json``, keyed by the year of the 31 March): the
31 March that ends the reporting year containing the as-of date (1 April to 31 March), or the
latest earlier year given, named in the note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import polars as pl

from oversight.core.measures._errors import PopulationError
from oversight.core.measures._inputs import MeasureInputs
from oversight.core.measures.indicators._model import (
    EnglandFigure,
    Indicator,
    IndicatorInputs,
    Polarity,
    Unit,
    Window,
)


def population_year(as_of: date) -> int:
    """The year of the 31 March that ends the reporting year containing ``as_of``.

    Examples
    --------
    >>> population_year(date(2024, 3, 31)), population_year(date(2024, 4, 1))
    (2024, 2025)
    """
    return as_of.year if (as_of.month, as_of.day) <= (3, 31) else as_of.year + 1


def population_from_council(council: Mapping[str, object]) -> dict[int, int]:
    """The child population by year from a parsed ``council.json``: ``population_0_17``.

    Raises ``PopulationError`` when it is missing or not a mapping of years to whole numbers.

    Examples
    --------
    >>> population_from_council({"population_0_17": {"2024": 61_200, "2025": 61_450}})
    {2024: 61200, 2025: 61450}
    """
    by_year = council.get("population_0_17")
    if not isinstance(by_year, Mapping) or not by_year:
        raise PopulationError(
            "council.json: expected population_0_17, a mapping of years to counts"
        )
    population: dict[int, int] = {}
    for year, count in by_year.items():
        if not (isinstance(year, str) and year.isdigit() and len(year) == 4):
            raise PopulationError(f"council.json: population_0_17 year {year!r} is not a year")
        if isinstance(count, bool) or not isinstance(count, int) or count <= 0:
            raise PopulationError(
                f"council.json: population_0_17[{year}] = {count!r} is not a positive whole number"
            )
        population[int(year)] = count
    return population


def child_population(context: IndicatorInputs) -> pl.LazyFrame:
    """[keys,] denominator, note: each group's population for the as-of date and a note naming
    the year used (or why there is none)."""
    keys = list(context.inputs.keys)
    wanted = population_year(context.inputs.as_of)
    one = pl.lit(0, dtype=pl.Int64).alias("_one")  # the single council's stand-in key
    groups = context.inputs.groups
    if context.population is None:
        return groups.select(
            *keys,
            pl.lit(None, dtype=pl.Float64).alias("denominator"),
            pl.lit("no child population given (council.json population_0_17)").alias("note"),
        )
    known = context.population.filter(pl.col("year") <= wanted)
    if not keys:
        known = known.with_columns(one)
    on = keys or ["_one"]
    latest = known.group_by(on).agg(pl.all().sort_by("year").last())
    found = groups.join(latest, on=on, how="left", maintain_order="left")
    note = (
        pl.when(pl.col("year").is_null())
        .then(pl.lit(f"no child population for {wanted} or earlier"))
        .when(pl.col("year") != wanted)
        .then(pl.format(f"child population of {{}} used ({wanted} not given)", pl.col("year")))
    )
    return found.select(
        *keys, pl.col("children").cast(pl.Float64).alias("denominator"), note.alias("note")
    )


def _children(cohort: Callable[[MeasureInputs], pl.LazyFrame]) -> Callable[[IndicatorInputs], pl.LazyFrame]:  # fmt: skip
    def count(context: IndicatorInputs) -> pl.LazyFrame:
        children = cohort(context.inputs)
        return context.totals(children, numerator=pl.col("person_id").n_unique())

    return count


def _rater(children: Callable[[IndicatorInputs], pl.LazyFrame]) -> Callable[[IndicatorInputs], pl.LazyFrame]:  # fmt: skip
    def rate(context: IndicatorInputs) -> pl.LazyFrame:
        counted = children(context).drop("denominator", "note")
        population = child_population(context)
        if not context.inputs.keys:
            return pl.concat([counted, population], how="horizontal")
        return counted.join(
            population, on=list(context.inputs.keys), how="left", maintain_order="left"
        )

    return rate


_COHORTS = (  # (code, people, cohort, table, England rate per 10,000 and its year)
    ("children_in_need", "Children in need", lambda i: i.open_referrals, "ssd_cin_episodes", (332.9, "2024")),
    ("children_on_cp_plans", "Children on child protection plans", lambda i: i.open_cp_plans, "ssd_cp_plans", None),
    ("children_looked_after", "Children looked after", lambda i: i.looked_after, "ssd_cla_episodes", None),
)  # fmt: skip


def _declare(code: str, people: str, cohort: Callable[[MeasureInputs], pl.LazyFrame], table: str, england: tuple[float, str] | None) -> tuple[Indicator, Indicator]:  # fmt: skip
    children = _children(cohort)
    source = "DfE Children in need / Children looked after in England (EES), at 31 March"
    count = Indicator(
        code=code,
        name=f"{people} on the date",
        numerator=f"{people.lower()} on the as-of date",
        denominator="(none)",
        unit=Unit.COUNT,
        polarity=Polarity.NEITHER,
        window=Window.AS_AT,
        reads=(table,),
        count=children,
        source=source,
    )
    rate = Indicator(
        code=f"{code}_rate_per_10000",
        name=f"{people} per 10,000 children",
        numerator=f"{people.lower()} on the as-of date",
        denominator="children aged 0–17 (council.json population_0_17)",
        unit=Unit.RATE_PER_10000,
        polarity=Polarity.NEITHER,
        window=Window.AS_AT,
        reads=(table,),
        count=_rater(children),
        source=source + ", rate per 10,000 under-18s",
        england=None if england is None else EnglandFigure(*england),
    )
    return count, rate


INDICATORS = tuple(indicator for cohort in _COHORTS for indicator in _declare(*cohort))
