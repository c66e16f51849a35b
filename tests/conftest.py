"""Fixtures shared across the suite: synthetic councils, simulated once per test session."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from oversight.core.synth import CouncilSpec, Practice, ProfileName, simulate_council

EXTRACT_DATE = date(2026, 3, 31)
"""The extract date of the session's councils: 31 March 2026, a collection year's end."""


def council(profile: ProfileName, *, size: int = 3000, seed: int = 1) -> dict[str, pl.DataFrame]:
    """The SSD frames of a simulated council (profile, children in need at 31 March, seed)."""
    improve_from = date(2024, 4, 1) if profile == ProfileName.IMPROVING else None
    spec = CouncilSpec(
        index=0,
        children_in_need=size,
        end=EXTRACT_DATE,
        years=6,
        practice=Practice(profile, improve_from),
        seed=seed,
    )
    return simulate_council(spec).frames


@pytest.fixture(scope="session")
def typical_council() -> dict[str, pl.DataFrame]:
    """A ``typical`` council of default size (about 3,000 children in need), made once."""
    return council(ProfileName.TYPICAL)


@pytest.fixture(scope="session")
def inadequate_council() -> dict[str, pl.DataFrame]:
    return council(ProfileName.INADEQUATE)


@pytest.fixture(scope="session")
def good_council() -> dict[str, pl.DataFrame]:
    return council(ProfileName.GOOD)


@pytest.fixture(scope="session")
def council_of():
    """``council_of(profile, size=…, seed=…)``: a simulated council's SSD frames."""
    return council
