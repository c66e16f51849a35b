"""The indicator registry polices itself; the engine reports absent data and raising counts."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from oversight.core.measures import INDICATOR_SCHEMA, INDICATORS, compute_indicators
from oversight.core.measures.indicators import (
    COUNTED,
    EnglandFigure,
    Indicator,
    Polarity,
    Unit,
    _model,
)
from oversight.core.ssd import TABLES

HERE = Path(__file__).parent


def test_indicator_codes_are_unique_and_each_has_a_name_a_definition_and_a_source():
    codes = [indicator.code for indicator in INDICATORS]
    assert len(codes) == len(set(codes)) == 47
    for indicator in INDICATORS:
        assert indicator.name and indicator.numerator and indicator.denominator and indicator.source


def test_indicators_read_only_declared_tables():
    assert {table for indicator in INDICATORS for table in indicator.reads} <= set(TABLES)


def test_every_indicator_is_named_by_a_test():
    tests = "".join(
        path.read_text("utf-8")
        for path in HERE.glob("test_*.py")
        if path.name != "test_registry.py"
    )
    assert [i.code for i in INDICATORS if f'"{i.code}"' not in tests] == []


def test_the_dfes_own_codes_are_kept_where_they_exist():
    assert {"A1", "A2", "A10"} <= {indicator.code for indicator in INDICATORS}


def test_england_figures_are_in_the_indicators_unit():
    for indicator in INDICATORS:
        if indicator.england is not None and indicator.unit is Unit.PERCENT:
            assert 0 <= indicator.england.value <= 100, indicator.code


def test_no_data_gives_every_indicator_as_missing_data():
    found = compute_indicators({}, as_of=date(2025, 3, 31))
    assert found.schema == INDICATOR_SCHEMA and found.height == len(INDICATORS)
    assert set(found["status"]) == {"missing_data"}
    assert (
        found.filter(pl.col("code") == "A1")["note"].item()
        == "absent: ssd_cla_episodes, ssd_permanence"
    )


def test_empty_tables_give_every_indicator_without_error():
    frames = {name: table.empty() for name, table in TABLES.items()}
    found = compute_indicators(frames, as_of=date(2025, 3, 31), population={2025: 1000})
    assert set(found["status"]) == {"computed"}


def test_a_count_that_raises_is_reported_never_skipped(monkeypatch):
    def broken(context):
        raise ValueError("no such column")

    failing = Indicator(
        code="broken",
        name="Broken",
        numerator="n",
        denominator="d",
        unit=Unit.PERCENT,
        polarity=Polarity.NEITHER,
        window=_model.Window.PERIOD,
        reads=(),
        count=broken,
        source="a test",
        england=EnglandFigure(1.0, "2024"),
    )
    import oversight.core.measures.indicators._engine as registry

    monkeypatch.setattr(registry, "INDICATORS", (failing,))
    row = compute_indicators({}, as_of=date(2025, 3, 31)).row(0, named=True)
    assert (row["status"], row["note"], row["value"]) == (
        "error",
        "ValueError: no such column",
        None,
    )


@pytest.mark.parametrize(
    ("unit", "counted", "value"),
    [
        (Unit.PERCENT, (1.0, 4.0, None), 25.0),
        (Unit.RATE_PER_10000, (3.0, 1500.0, None), 20.0),
        (Unit.COUNT, (7.0, None, None), 7.0),
        (Unit.DAYS, (900.0, 2.0, None), 450.0),
        (Unit.WORKING_DAYS, (None, 3.0, 33.0), 33.0),
        (Unit.PERCENT, (0.0, 0.0, None), None),  # nothing to count: no value
        (Unit.RATE_PER_10000, (3.0, None, None), None),  # no population: no rate
    ],
)
def test_the_value_follows_from_the_unit(unit, counted, value):
    indicator = replace(INDICATORS[0], unit=unit)
    numerator, denominator, given = counted
    frame = pl.DataFrame(
        {"numerator": [numerator], "denominator": [denominator], "value": [given], "note": [None]},
        schema=COUNTED,
    )
    assert frame.select(indicator.value()).item() == value
