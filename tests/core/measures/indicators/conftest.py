"""Fixture to compute the indicators over hand-made frames and read one indicator's row."""

from collections.abc import Callable, Mapping
from datetime import date

import polars as pl
import pytest

from oversight.core.measures import compute_indicators


def _indicator(
    frames: Mapping[str, pl.DataFrame],
    code: str,
    *,
    as_of: date,
    period: str = "year",
    population: Mapping[int, int] | None = None,
) -> dict[str, object]:
    found = compute_indicators(frames, as_of=as_of, period=period, population=population)
    return found.filter(pl.col("code") == code).row(0, named=True)


@pytest.fixture
def indicator() -> Callable[..., dict[str, object]]:
    """Compute every indicator and return one indicator's row as a dict."""
    return _indicator
