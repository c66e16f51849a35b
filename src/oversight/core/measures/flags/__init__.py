"""Per-child flags as of a date: every statutory and local timescale, and the alerts.

``compute_flags(frames, as_of=…)`` returns one tidy frame (``FLAG_SCHEMA``): a row per child and
subject (assessment, plan, period of care, placement, missing episode or case) and flag, with
its due date, when it was last done, its status (``met``, ``due_soon``, ``overdue``,
``missing_data``), days overdue, a value where the flag measures one, and the child's allocated
team and worker on the date. The declarations live in this package's modules, by theme; ``FLAGS``
collects them. ``docs/measures.md`` has a section per flag.
"""

from oversight.core.measures.flags._engine import (
    FLAGS,
    ROW_ORDER,
    compute_flags,
    flags_for,
    summarise_flags,
)
from oversight.core.measures.flags._model import (
    FLAG_SCHEMA,
    STATUS_DTYPE,
    Flag,
    FlagKind,
    FlagStatus,
)

__all__ = [
    "FLAGS",
    "FLAG_SCHEMA",
    "ROW_ORDER",
    "STATUS_DTYPE",
    "Flag",
    "FlagKind",
    "FlagStatus",
    "compute_flags",
    "flags_for",
    "summarise_flags",
]
