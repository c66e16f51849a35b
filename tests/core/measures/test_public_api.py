"""Each package of the measures lists its public names, sorted (as ruff sorts) and complete."""

import importlib
from types import ModuleType

import pytest

PACKAGES = (
    "oversight.core.measures",
    "oversight.core.measures.flags",
    "oversight.core.measures.indicators",
)


def _isort_key(name: str) -> tuple[int, str]:
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_complete(name):
    package = importlib.import_module(name)
    assert package.__all__ == sorted(package.__all__, key=_isort_key)
    assert [member for member in package.__all__ if not hasattr(package, member)] == []
    defined_here = [
        member
        for member, value in vars(package).items()
        if not member.startswith("_")
        and not isinstance(value, ModuleType)
        and getattr(value, "__module__", "").startswith("oversight.core.measures")
    ]
    assert sorted(set(defined_here) - set(package.__all__)) == []


def test_the_entry_points_are_public():
    measures = importlib.import_module("oversight.core.measures")
    assert {"compute_measures", "compute_flags", "compute_indicators", "load_timescales"} <= set(
        measures.__all__
    )
