"""The overview's figures: each indicator over the snapshots, as the audience may see them.

Cells are ``(snapshot_id, code, "value")`` and, for counts, ``(snapshot_id, code, "change")``
(the change since the previous snapshot). For aggregate audiences (elected members) the cells
pass through ``suppression.suppress`` with the relations between them declared here:

* the assessment duration bands add up to 100% of the assessments, and the share within 45
  working days is the sum of the bands up to 45;
* a rate per 10,000 children is its count times 10,000 over the (public) population;
* a change is the difference of two periods' counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from oversight.web.imports.models import IndicatorValue, Snapshot
from oversight.web.overview.suppression import Key, Relation, is_small, suppress

BANDS = (
    "assessment_duration_same_day", "assessment_duration_1_to_10", "assessment_duration_11_to_20",
    "assessment_duration_21_to_30", "assessment_duration_31_to_40", "assessment_duration_41_to_45",
    "assessment_duration_46_to_50", "assessment_duration_51_to_60",
    "assessment_duration_61_or_more",
)  # fmt: skip
WITHIN_45 = ("assessments_within_45_working_days", BANDS[:6])
RATES = {
    "children_in_need_rate_per_10000": "children_in_need",
    "children_on_cp_plans_rate_per_10000": "children_on_cp_plans",
    "children_looked_after_rate_per_10000": "children_looked_after",
}
"""Each rate per 10,000 children and the count it is a rate of."""
STAFF = frozenset({"caseload_per_worker", "agency_worker_rate", "vacancy_rate", "turnover_rate"})
"""Workforce indicators: their numerators and denominators count staff, not children."""
CHILD_COUNTED_UNITS = frozenset({"percent", "count", "rate_per_10000"})


@dataclass
class Figures:
    """Every cell of the overview, which of them are hidden, and the snapshots they span."""

    snapshots: list[Snapshot]
    rows: dict[tuple[int, str], IndicatorValue]
    values: dict[Key, float | None]
    hidden: set[Key] = field(default_factory=set)

    def shown(self, key: Key) -> float | None:
        """The cell's value if published; ``None`` if hidden or not computed."""
        return None if key in self.hidden else self.values.get(key)

    def is_hidden(self, key: Key) -> bool:
        """Whether the cell is suppressed (shown as "c")."""
        return key in self.hidden


def figures(snapshots: Sequence[Snapshot], *, suppressed: bool) -> Figures:
    """The cells of ``snapshots`` (oldest first), suppressed for an aggregate audience if asked."""
    snapshots = list(snapshots)
    rows = {
        (row.snapshot_id, row.code): row
        for row in IndicatorValue.objects.filter(snapshot__in=snapshots)
    }
    values: dict[Key, float | None] = {
        (sid, code, "value"): row.value for (sid, code), row in rows.items()
    }
    for previous, current in pairwise(snapshots):
        for (sid, code), row in rows.items():
            before = rows.get((previous.pk, code))
            if sid == current.pk and row.unit == "count" and before is not None:
                both = row.value is not None and before.value is not None
                values[(sid, code, "change")] = (
                    row.value - before.value if both else None  # type: ignore[operator]
                )
    result = Figures(snapshots=snapshots, rows=rows, values=values)
    if suppressed:
        primary = [(sid, code, "value") for (sid, code), row in rows.items() if _too_few(row)]
        result.hidden = suppress(values, primary, relations(snapshots, rows))
    return result


def _too_few(row: IndicatorValue) -> bool:
    """Primary suppression: the figure rests on 1–5 children."""
    if row.code in STAFF:
        return False
    if row.unit in CHILD_COUNTED_UNITS:
        return is_small(row.numerator) or is_small(row.denominator)
    return is_small(row.denominator)  # averages over children (days, working days)


def relations(
    snapshots: Sequence[Snapshot], rows: dict[tuple[int, str], IndicatorValue]
) -> list[Relation]:
    """The linear relations between the cells, as an attacker would know them."""
    found: list[Relation] = []
    for snapshot in snapshots:
        sid = snapshot.pk
        found.append(Relation(tuple(((sid, band, "value"), 1.0) for band in BANDS)))
        total, parts = WITHIN_45
        within = (((sid, total, "value"), -1.0), *(((sid, p, "value"), 1.0) for p in parts))
        found.append(Relation(within))
        for rate, count in RATES.items():
            row = rows.get((sid, rate))
            if row is not None and row.denominator:
                found.append(
                    Relation(
                        (
                            ((sid, rate, "value"), -1.0),
                            ((sid, count, "value"), 10_000 / row.denominator),
                        )
                    )
                )
    for previous, current in pairwise(snapshots):
        for (sid, code), row in rows.items():
            if sid == current.pk and row.unit == "count":
                found.append(
                    Relation(
                        (
                            ((sid, code, "change"), 1.0),
                            ((sid, code, "value"), -1.0),
                            ((previous.pk, code, "value"), 1.0),
                        )
                    )
                )
    return found
