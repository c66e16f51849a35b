"""Red, amber or green against a target: from ``DATA_DIR/targets.toml``, else the England figure.

``targets.toml`` holds ``[targets]`` with one ``code = number`` line per indicator, until
improvement plans provide targets. Green: at or better than the target; amber: worse by at most
5% of the target; red: worse still. No RAG where the indicator has no better direction, no
value or no target.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path

from django.conf import settings

AMBER_MARGIN = 0.05


class Rag(StrEnum):
    """A rating against a target."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


def targets(path: Path | None = None) -> dict[str, float]:
    """The targets file's figures by indicator code (empty when there is no file)."""
    target_file = path or Path(settings.DATA_DIR) / "targets.toml"
    if not target_file.is_file():
        return {}
    with target_file.open("rb") as handle:
        table = tomllib.load(handle).get("targets", {})
    return {str(k): float(v) for k, v in table.items() if isinstance(v, int | float)}


def rag(value: float | None, target: float | None, polarity: str) -> Rag:
    """The rating of ``value`` against ``target`` for an indicator of ``polarity``."""
    if value is None or target is None or polarity not in ("higher_is_better", "lower_is_better"):
        return Rag.NONE
    gap = value - target if polarity == "higher_is_better" else target - value
    if gap >= 0:
        return Rag.GREEN
    return Rag.AMBER if -gap <= abs(target) * AMBER_MARGIN else Rag.RED
