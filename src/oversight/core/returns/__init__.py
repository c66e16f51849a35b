"""Statutory returns: read them into the canonical SSD model and write them from it.

Each return has its own package (``ssda903``; CIN and Annex A to come), with a schema per
collection year, readers and writers, and ``load``/``export`` mappings to and from the SSD.
What they share lives here: the errors and problems they report, and safe reading of untrusted
input (``_safe_xml``, ``_archive``, ``_csv_text``) and writing of files people open
(``_neutralise``).
"""

from oversight.core.returns._archive import ArchiveLimits
from oversight.core.returns._errors import (
    ReturnError,
    ReturnExportError,
    ReturnProblemsError,
    ReturnReadError,
    ReturnUnreadableError,
    SpecError,
    UnsupportedYearError,
)
from oversight.core.returns._problems import DEFAULT_MAX_PROBLEMS, Problem, ProblemKind

__all__ = [
    "DEFAULT_MAX_PROBLEMS",
    "ArchiveLimits",
    "Problem",
    "ProblemKind",
    "ReturnError",
    "ReturnExportError",
    "ReturnProblemsError",
    "ReturnReadError",
    "ReturnUnreadableError",
    "SpecError",
    "UnsupportedYearError",
]
