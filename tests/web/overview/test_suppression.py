"""Suppression for elected members: try to recover every hidden cell, and fail.

The attacker knows every published cell and every relation between cells (bands that add up to
100%, a rate proportional to its count, a change that is the difference of two periods). A hidden
cell is recovered when all solutions of the relations agree on it; the attack here looks for
a second solution that differs in that cell (a null-space direction of the relations restricted
to the hidden cells), computed independently of ``suppression.determined``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from oversight.web.accounts.models import Role
from oversight.web.imports.models import IndicatorValue, Snapshot, SnapshotStatus
from oversight.web.overview.figures import BANDS, figures, relations
from oversight.web.overview.suppression import Relation, suppress


def recoverable(hidden: set[Any], found_relations: list[Relation]) -> set[Any]:
    """Hidden cells every solution agrees on: zero in every null-space vector (via SVD)."""
    unknown = sorted(hidden, key=repr)
    index = {key: i for i, key in enumerate(unknown)}
    rows = []
    for relation in found_relations:
        row = np.zeros(len(unknown))
        for key, coefficient in relation.terms:
            if key in index:
                row[index[key]] += coefficient
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    _, singular, vt = np.linalg.svd(np.array(rows))
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:]
    return {key for key, i in index.items() if np.allclose(null_space[:, i], 0.0, atol=1e-9)}


def test_a_single_hidden_band_would_be_recovered_from_the_total() -> None:
    values = {("s", band, "value"): 10.0 for band in BANDS}
    small = ("s", BANDS[0], "value")
    total = [Relation(tuple((key, 1.0) for key in values))]
    assert recoverable({small}, total) == {small}, "the attack works on primary alone"
    hidden = suppress(values, [small], total)
    assert len(hidden) == 2 and small in hidden
    assert recoverable(hidden, total) == set()


def test_a_hidden_count_is_not_recovered_from_period_differences() -> None:
    # Three periods of a count; the middle one counts 4 children. Changes are published.
    values = {
        ("p1", "n", "value"): 12.0, ("p2", "n", "value"): 4.0, ("p3", "n", "value"): 9.0,
        ("p2", "n", "change"): -8.0, ("p3", "n", "change"): 5.0,
    }  # fmt: skip
    found = [
        Relation(((("p2", "n", "change"), 1.0), (("p2", "n", "value"), -1.0),
                  (("p1", "n", "value"), 1.0))),
        Relation(((("p3", "n", "change"), 1.0), (("p3", "n", "value"), -1.0),
                  (("p2", "n", "value"), 1.0))),
    ]  # fmt: skip
    primary = {("p2", "n", "value")}
    assert recoverable(primary, found) == primary, "12 − 8 would give it away"
    hidden = suppress(values, primary, found)
    assert recoverable(hidden, found) == set()
    assert ("p2", "n", "change") in hidden and ("p3", "n", "change") in hidden


def make_snapshot(as_of: date, rows: dict[str, tuple[float | None, float | None, str]]) -> Snapshot:
    """A complete snapshot with indicator rows: code → (numerator, denominator, unit)."""
    snapshot = Snapshot.objects.create(source_name=str(as_of), as_of=as_of, council_name="Test")
    for code, (numerator, denominator, unit) in rows.items():
        if unit == "percent":
            value = None if not denominator else 100 * (numerator or 0) / denominator
        elif unit == "rate_per_10000":
            value = 10_000 * (numerator or 0) / (denominator or 1)
        else:
            value = numerator
        IndicatorValue.objects.create(
            snapshot=snapshot, code=code, name=code.replace("_", " "), numerator=numerator,
            denominator=denominator, value=value, unit=unit, polarity="higher_is_better",
            window="period", england_value=50.0, status="computed",
        )  # fmt: skip
    Snapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.COMPLETE)
    return snapshot


@pytest.fixture
def two_periods(db: None) -> list[Snapshot]:
    """Two snapshots where small numbers would leak through totals and differences."""
    bands = [3, 40, 50, 60, 70, 80, 20, 10, 9]
    first = {band: (float(n), 342.0, "percent") for band, n in zip(BANDS, bands, strict=True)}
    first["assessments_within_45_working_days"] = (float(sum(bands[:6])), 342.0, "percent")
    first["children_looked_after"] = (30.0, None, "count")
    first["children_looked_after_rate_per_10000"] = (30.0, 5000.0, "rate_per_10000")
    first["care_leavers_in_touch_aged_17"] = (2.0, 4.0, "percent")
    second = dict(first)
    second["children_looked_after"] = (4.0, None, "count")
    second["children_looked_after_rate_per_10000"] = (4.0, 5000.0, "rate_per_10000")
    return [
        make_snapshot(date(2025, 3, 31), first),
        make_snapshot(date(2026, 3, 31), second),
    ]


def test_no_hidden_cell_of_the_overview_can_be_recovered(two_periods: list[Snapshot]) -> None:
    found = figures(two_periods, suppressed=True)
    first, second = (s.pk for s in two_periods)
    expected_primary = {
        (first, "assessment_duration_same_day", "value"),
        (second, "assessment_duration_same_day", "value"),
        (first, "care_leavers_in_touch_aged_17", "value"),
        (second, "care_leavers_in_touch_aged_17", "value"),
        (second, "children_looked_after", "value"),
        (second, "children_looked_after_rate_per_10000", "value"),
    }
    assert expected_primary <= found.hidden
    usable = [
        r for r in relations(two_periods, found.rows)
        if all(found.values.get(key) is not None for key in r.cells)
    ]  # fmt: skip
    assert recoverable(found.hidden, usable) == set()
    assert (second, "children_looked_after", "change") in found.hidden
    unsuppressed = figures(two_periods, suppressed=False)
    assert unsuppressed.hidden == set()


def test_elected_members_see_c_and_directors_see_figures(
    two_periods: list[Snapshot], user_factory: Any, sign_in: Any
) -> None:
    url = reverse("overview:overview")
    member: Client = sign_in(user_factory(role=Role.ELECTED_MEMBER))
    page = member.get(url, {"indicator": "children_looked_after"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Figures about 1 to 5 children are shown as" in text
    assert [p.value for p in page.context["points"]] == [30.0, None]
    assert [p.hidden for p in page.context["points"]] == [False, True]
    assert ">c<" in text
    lines = {line.row.code: line for line in page.context["lines"]}
    assert lines["children_looked_after"].hidden
    assert lines["children_looked_after"].rag == "none", "a RAG must not hint at a hidden value"

    director: Client = sign_in(user_factory(role=Role.DIRECTOR))
    points = director.get(url, {"indicator": "children_looked_after"}).context["points"]
    assert [p.value for p in points] == [30.0, 4.0]
    assert points[1].change == -26.0


def test_the_overview_shows_a_chart_rag_and_england(
    two_periods: list[Snapshot], user_factory: Any, sign_in: Any
) -> None:
    client: Client = sign_in(user_factory(role=Role.DIRECTOR))
    page = client.get(reverse("overview:overview"), {"indicator": "assessment_duration_1_to_10"})
    assert "<svg" in page.context["chart"]
    lines = {line.row.code: line for line in page.context["lines"]}
    assert lines["care_leavers_in_touch_aged_17"].rag == "green"  # 50% against England 50%
    assert lines["assessment_duration_same_day"].rag == "red"  # 0.9% against 50%
