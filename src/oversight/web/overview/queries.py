"""Reads of the overview: the latest snapshot's indicators and one indicator's trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oversight.web.imports.models import IndicatorValue, Snapshot
from oversight.web.imports.queries import complete_snapshots
from oversight.web.overview.figures import Figures, figures
from oversight.web.overview.rag import Rag, rag, targets

TREND_SNAPSHOTS = 12
"""How many of the latest snapshots a trend spans."""


@dataclass(frozen=True)
class Line:
    """One indicator of the latest snapshot, as the page shows it."""

    row: IndicatorValue
    value: float | None
    hidden: bool
    target: float | None
    rag: Rag


@dataclass(frozen=True)
class TrendPoint:
    """One snapshot's figure of an indicator (``None`` when hidden or not computed)."""

    as_of: date
    value: float | None
    hidden: bool
    change: float | None
    change_hidden: bool
    has_change: bool


def overview(*, suppressed: bool) -> Figures | None:
    """The figures of the latest snapshots, suppressed for an aggregate audience if asked."""
    snapshots = list(complete_snapshots())[-TREND_SNAPSHOTS:]
    if not snapshots:
        return None
    return figures(snapshots, suppressed=suppressed)


def latest_lines(found: Figures) -> list[Line]:
    """Each indicator of the latest snapshot: value, target (file, else England) and RAG."""
    latest = found.snapshots[-1]
    chosen = targets()
    lines = []
    for (sid, code), row in sorted(found.rows.items(), key=lambda item: item[1].pk):
        if sid != latest.pk:
            continue
        key = (sid, code, "value")
        value = found.shown(key)
        target = chosen.get(code, row.england_value)
        lines.append(
            Line(
                row=row,
                value=value,
                hidden=found.is_hidden(key),
                target=target,
                rag=rag(value, target, row.polarity),
            )
        )
    return lines


def trend(found: Figures, code: str) -> list[TrendPoint]:
    """``code``'s figure in each snapshot, oldest first."""
    points = []
    for snapshot in found.snapshots:
        if (snapshot.pk, code) not in found.rows or snapshot.as_of is None:
            continue
        value_key, change_key = (snapshot.pk, code, "value"), (snapshot.pk, code, "change")
        points.append(
            TrendPoint(
                as_of=snapshot.as_of,
                value=found.shown(value_key),
                hidden=found.is_hidden(value_key),
                change=found.shown(change_key),
                change_hidden=found.is_hidden(change_key),
                has_change=change_key in found.values,
            )
        )
    return points


def latest(found: Figures) -> Snapshot:
    """The snapshot the overview describes."""
    return found.snapshots[-1]
