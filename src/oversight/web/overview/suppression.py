"""Suppression for aggregate audiences: small counts hidden, and nothing hidden recoverable.

::

    primary     every cell counting 1–5 children is hidden ("c"), and every rate whose
                numerator or denominator counts 1–5 children
    secondary   published cells are bound by linear relations (parts summing to a total,
                a rate proportional to a count, a change being the difference of two periods);
                while some hidden cell is *determined* by the published cells through them,
                hide one more cell of a relation it is in (the smallest in size)

A hidden cell is determined when its unit vector lies in the row space of the relations
restricted to the hidden cells: then some combination of relations isolates it, whatever the
published values are. The loop ends because each round hides one more cell.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

Key = Hashable

SMALL = range(1, 6)
"""Counts of children that are never published: 1 to 5 (0 is published)."""


@dataclass(frozen=True)
class Relation:
    """A linear relation the published figures satisfy: ``Σ coefficient × cell = constant``."""

    terms: tuple[tuple[Key, float], ...]
    """Each cell with its coefficient; the constant is public and does not matter here."""

    @property
    def cells(self) -> tuple[Key, ...]:
        """The cells the relation binds."""
        return tuple(key for key, _ in self.terms)


def is_small(count: float | None) -> bool:
    """Whether ``count`` children is too few to publish."""
    return count is not None and float(count).is_integer() and int(count) in SMALL


def determined(hidden: Iterable[Key], relations: Iterable[Relation]) -> set[Key]:
    """The hidden cells whose value the published cells and ``relations`` pin down."""
    unknown = sorted(set(hidden), key=repr)
    column = {key: i for i, key in enumerate(unknown)}
    rows = [
        _row(relation, column)
        for relation in relations
        if any(key in column for key in relation.cells)
    ]
    if not rows:
        return set()
    matrix = np.array(rows, dtype=float)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for key, i in column.items():
        unit = np.zeros(len(unknown))
        unit[i] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(key)
    return found


def _row(relation: Relation, column: Mapping[Key, int]) -> list[float]:
    row = [0.0] * len(column)
    for key, coefficient in relation.terms:
        if key in column:
            row[column[key]] += coefficient
    return row


def suppress(
    values: Mapping[Key, float | None],
    primary: Iterable[Key],
    relations: Iterable[Relation],
) -> set[Key]:
    """The cells to hide: ``primary`` and as few more as keep every hidden cell undetermined.

    ``values`` are the cells that would be published (``None``: not computed, not published);
    relations with an unpublished cell are ignored, since they cannot be used to recover.
    """
    usable = [r for r in relations if all(values.get(key) is not None for key in r.cells)]
    hidden = {key for key in primary if key in values}
    while found := determined(hidden, usable):
        target = sorted(found, key=repr)[0]
        candidates = {
            key
            for relation in usable
            if target in relation.cells
            for key in relation.cells
            if key not in hidden
        }
        if not candidates:  # pragma: no cover - a determined cell is always in a relation
            break
        hidden.add(min(candidates, key=lambda key: (abs(values[key] or 0.0), repr(key))))
    return hidden
